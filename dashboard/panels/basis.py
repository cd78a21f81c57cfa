"""What each share or rate rests on, in words for its hover and table: "2 of 2", "5 in 9,631
person-years", and a warning where there are fewer than ten cases."""

from __future__ import annotations

import pandas as pd

from indicators.i18n import _, format_number
from indicators.indicator import Indicator
from indicators.intervals import interval_kind
from indicators.ranking import FEW_CASES, few_cases, mean_denominator, mean_numerator


def basis_words(frame: pd.DataFrame, indicator: Indicator) -> pd.Series | None:
    """Per row, what the value is out of; None for values that are not shares or rates."""
    kind = interval_kind(indicator)
    if kind not in ("share", "rate") or frame.empty:
        return None
    numerator, denominator = mean_numerator(frame), mean_denominator(frame)
    monthly = "months" in frame
    few = few_cases(frame, indicator)
    words = []
    # Plain lists, not a pandas lookup per row (issue 19: a chart of months has hundreds).
    for n, d, value, is_few in zip(numerator.tolist(), denominator.tolist(),
                                   frame["value"].tolist(), few.tolist(), strict=True):
        if pd.isna(n) or pd.isna(d) or pd.isna(value):
            words.append(None)
            continue
        if kind == "rate":
            text = _("{count} in {exposure} person-years").format(
                count=format_number(n), exposure=format_number(d))
        elif monthly:
            text = _("{part} of {whole}, on average a month").format(
                part=format_number(n), whole=format_number(d))
        else:
            text = _("{part} of {whole}").format(part=format_number(n), whole=format_number(d))
        if is_few:
            text += _("; fewer than {count} cases, read with care").format(
                count=format_number(FEW_CASES))
        words.append(text)
    return pd.Series(words, index=frame.index, dtype=object)
