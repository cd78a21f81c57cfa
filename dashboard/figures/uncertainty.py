"""How charts show how sure a share or rate is: 95% interval error bars, and the numbers it
rests on ("2 of 2") in each hover, from the frame's low, high, numerator and denominator; and
where each number came from (its file and page)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.figures.theme import number_text, with_unit
from indicators.i18n import _
from indicators.intervals import as_floats
from indicators.origin_words import origin_text
from indicators.periods import months_text

BASIS = "basis"  # the column a view adds: what each value rests on, in words
# The column a view adds for the table and hovers: each row's provenance (indicators.origins).
ORIGIN = "origin"
# A hover names at most this many monthly reports; more (a row over years) are counted, and
# the Table tab lists up to a year's reports with their pages.
HOVER_REPORTS = 2


def error_bars(frame: pd.DataFrame) -> dict | None:
    """Plotly's error_x / error_y for the frame's 95% intervals (None when it has none)."""
    if "low" not in frame or "high" not in frame:
        return None
    value, low, high = (as_floats(frame[column]) for column in ("value", "low", "high"))
    if np.isnan(low).all():
        return None
    return {"type": "data", "symmetric": False, "array": _at_least_0(high - value),
            "arrayminus": _at_least_0(value - low), "color": "#495057",
            "thickness": 1.2, "width": 4}


def _at_least_0(values: np.ndarray) -> list[float]:
    """Negative values as 0, NaN kept, as pandas' clip(lower=0) makes them."""
    return np.where(np.isnan(values) | (values >= 0), values, 0.0).tolist()


PARTIAL = "months_covered"  # indicators.periods: the months a partial year covers


def partial_rows(frame: pd.DataFrame) -> list[bool]:
    """Per row, whether it is a year the data cover only in part."""
    if PARTIAL not in frame:
        return [False] * len(frame)
    return [isinstance(months, str) and bool(months) for months in frame[PARTIAL]]


def hover_details(frame: pd.DataFrame, unit: str) -> list[str] | None:
    """Per row, the lines a hover adds under the value: the months of a partial year, what
    it rests on, its interval, and its source's file and pages."""
    if BASIS not in frame and "low" not in frame and PARTIAL not in frame \
            and ORIGIN not in frame:
        return None
    # Column by column, not row by row: a pandas row (iterrows) costs more than its words.
    none = [None] * len(frame)
    partial, basis, low, high, origin = (
        frame[column].tolist() if column in frame else none
        for column in (PARTIAL, BASIS, "low", "high", ORIGIN))
    intervals, origins = "low" in frame, ORIGIN in frame  # asked once, not per row
    details = []
    for months, rests_on, lowest, highest, source in zip(partial, basis, low, high, origin,
                                                          strict=True):
        lines = []
        if isinstance(months, str) and months:
            lines.append(_("Partial year: {months} only").format(months=months_text(months)))
        if isinstance(rests_on, str) and rests_on:
            lines.append(rests_on)
        if intervals and not pd.isna(lowest):
            lines.append(_("95% interval: {low} to {high}").format(
                low=with_unit(number_text(lowest, unit), unit),
                high=with_unit(number_text(highest, unit), unit)))
        if origins and (line := origin_line(source)):
            lines.append(line)
        details.append("<br>".join(lines))
    return details


def origin_line(origin: dict | None) -> str:
    """The hover's last line: "Source: UN_country_contributions_2015_02.pdf, p. 3"."""
    text = origin_text(origin, most=HOVER_REPORTS)
    return _("Source: {files}").format(files=text) if text else ""


def with_details(template: str, details: list[str] | None) -> str:
    """A hover template with the row's details (customdata) under its first line."""
    if not details:
        return template
    head, sep, extra = template.partition("<extra>")
    return f"{head}<br>%{{customdata}}{sep}{extra}"
