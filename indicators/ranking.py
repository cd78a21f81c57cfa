"""Which groups a ranking of shares or rates may put in order: a small group's value is too
uncertain to rank beside large ones (13 women of 26 is 50%, anywhere from 32% to 68%). The
rule lives here, so pages, downloads and briefing packs apply and state the same one."""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.i18n import N_, _, format_number
from indicators.indicator import Indicator
from indicators.intervals import interval_kind

# A share is ranked only when its denominator (people on average over the months, or cases)
# is at least this, and its 95% interval at most this many percentage points wide.
MIN_DENOMINATOR = 30
MAX_SHARE_WIDTH = 20.0
# A rate's interval may be at most this many times the rate itself: a rate from one or two
# events (0.06 per 1,000, "anywhere from 0 to 0.36") is not ranked; from six events or more it
# is.
MAX_RATE_RELATIVE_WIDTH = 2.0
# A share or rate from fewer cases than this says so wherever it is shown.
FEW_CASES = 10

RANKED = "ranked"  # the frame column: True where the group is ranked

SHARE_RULE = N_("Ranked where at least {minimum} are counted and the 95% interval is at most "
                "{width} points wide; {count} smaller or less certain left out (listed in the "
                "table).")
SHARE_RULE_ALL = N_("Ranked where at least {minimum} are counted and the 95% interval is at most "
                    "{width} points wide: every group shown meets it.")
RATE_RULE_ALL = N_("Ranked where the 95% interval is at most {times} times as wide as the rate: "
                   "every group shown meets it.")
RATE_RULE = N_("Ranked where the 95% interval is at most {times} times as wide as the rate; "
               "{count} less certain left out (listed in the table).")


def mean_denominator(frame: pd.DataFrame) -> pd.Series:
    """How many a share is out of: cases, or for a share of personnel over several months the
    mean monthly number (the same base as its interval)."""
    denominator = pd.to_numeric(frame["denominator"], errors="coerce").astype(float)
    if "months" in frame:
        months = pd.to_numeric(frame["months"], errors="coerce").astype(float)
        denominator = denominator / months.where(months > 0)
    return denominator


def mean_numerator(frame: pd.DataFrame) -> pd.Series:
    """The numerator on the same base as mean_denominator()."""
    numerator = pd.to_numeric(frame["numerator"], errors="coerce").astype(float)
    if "months" in frame:
        months = pd.to_numeric(frame["months"], errors="coerce").astype(float)
        numerator = numerator / months.where(months > 0)
    return numerator


def applies(indicator: Indicator) -> bool:
    """Rankings of shares and rates follow the rule; counts and headcounts are not estimates."""
    return interval_kind(indicator) in ("share", "rate")


def rankable(frame: pd.DataFrame, indicator: Indicator) -> pd.Series:
    """True for each row the rule lets a ranking order; every row when the rule does not
    apply. A row with no value is never ranked."""
    valued = pd.to_numeric(frame["value"], errors="coerce").astype(float).notna()
    if not applies(indicator) or frame.empty or "low" not in frame:
        return valued
    value = pd.to_numeric(frame["value"], errors="coerce").astype(float)
    width = (pd.to_numeric(frame["high"], errors="coerce").astype(float)
             - pd.to_numeric(frame["low"], errors="coerce").astype(float))
    if interval_kind(indicator) == "share":
        ok = (mean_denominator(frame) >= MIN_DENOMINATOR) & (width <= MAX_SHARE_WIDTH)
    else:
        ok = width <= MAX_RATE_RELATIVE_WIDTH * value
    return (valued & ok.fillna(False)).astype(bool)


def mark_ranked(frame: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    """The frame with a `ranked` column (the rule's verdict per row) where the rule applies."""
    if not applies(indicator) or frame.empty:
        return frame
    return frame.assign(**{RANKED: rankable(frame, indicator).to_numpy()})


def rule_text(indicator: Indicator, left_out: int) -> str | None:
    """The rule as the line beside a ranking says it, in the current language, with the
    number of groups it left out; None where the rule does not apply."""
    if not applies(indicator):
        return None
    words = {"minimum": format_number(MIN_DENOMINATOR), "count": format_number(left_out),
             "width": format_number(MAX_SHARE_WIDTH, 0),
             "times": format_number(MAX_RATE_RELATIVE_WIDTH, 0)}
    if interval_kind(indicator) == "share":
        return _(SHARE_RULE if left_out else SHARE_RULE_ALL).format(**words)
    return _(RATE_RULE if left_out else RATE_RULE_ALL).format(**words)


def few_cases(frame: pd.DataFrame, indicator: Indicator) -> pd.Series:
    """True where a share or rate rests on fewer than FEW_CASES cases (its numerator for a
    rate, its denominator for a share)."""
    kind = interval_kind(indicator)
    if kind == "share":
        return (mean_denominator(frame) < FEW_CASES).fillna(False)
    if kind == "rate":
        return (pd.to_numeric(frame["numerator"], errors="coerce").astype(float)
                < FEW_CASES).fillna(False)
    return pd.Series(np.zeros(len(frame), dtype=bool), index=frame.index)
