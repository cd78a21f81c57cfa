"""The small-numbers rule: per-nationality counts below a threshold are shown as "fewer than 3"."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from indicators.filters import Filters
from indicators.i18n import _, format_number
from indicators.indicator import Indicator

DISPLAY = "display"  # the column that says what a person may read for each row


def suppressed_label(threshold: int) -> str:
    """"fewer than 3" in the current locale."""
    return _("fewer than {threshold}").format(threshold=threshold)


def applies(indicator: Indicator, filters: Filters, by: Sequence[str]) -> bool:
    """Whether a frame is cut by nationality: grouped by it, or filtered to some countries
    where the country filter means the perpetrators' nationality."""
    if not indicator.suppress_below:
        return False
    return "nationality" in by or bool(filters.countries and "country" in indicator.filters)


def suppress_small_numbers(frame: pd.DataFrame, threshold: int, by: Sequence[str] = ()
                           ) -> pd.DataFrame:
    """Withhold every number that would reveal a count from 1 to threshold - 1.

    A row is withheld when its numerator or its denominator is such a count: a share or a
    median over one or two allegations tells as much as the count itself. Its numerator and
    value become missing (and its denominator, when that is the small count); `display` says
    "fewer than 3". Zero is shown: it identifies nobody. Rows with no nationality (civilians,
    or unknown) are not a nationality's numbers and are left as they are.
    """
    frame = frame.copy()
    numerator = pd.to_numeric(frame["numerator"], errors="coerce")
    denominator = pd.to_numeric(frame["denominator"], errors="coerce")
    count = bool(denominator.isna().all())  # a count: its value is the numerator
    small_numerator = numerator.notna() & (numerator > 0) & (numerator < threshold)
    small_denominator = denominator.notna() & (denominator > 0) & (denominator < threshold)
    withheld = small_numerator | small_denominator
    if "nationality" in by:
        withheld &= frame["nationality"].notna()
    frame.loc[withheld, ["numerator", "value"]] = pd.NA
    frame.loc[withheld & small_denominator, "denominator"] = pd.NA
    frame[DISPLAY] = [
        suppressed_label(threshold) if hidden else _text(value, count)
        for hidden, value in zip(withheld, frame["value"], strict=True)
    ]
    frame.attrs = {**frame.attrs, "suppressed_below": threshold,
                   "suppressed_rows": int(withheld.sum())}
    return frame


def is_suppressed(frame: pd.DataFrame) -> pd.Series:
    """True for the rows the rule withheld (False everywhere in a frame it did not touch): they
    alone have words to show but no value, whatever the language of the words."""
    if DISPLAY not in frame:
        return pd.Series(False, index=frame.index)
    return (frame[DISPLAY].notna() & frame["value"].isna()).astype(bool)


def _text(value, count: bool) -> str | None:
    if value is None or pd.isna(value):
        return None
    return format_number(float(value), 0 if count else 1)
