"""The small-numbers rule: per-nationality counts below a threshold are shown as "fewer than 3",
and a nationality's figure is released only as a sum of its fixed blocks of whole years."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from indicators.blocks import Blocks
from indicators.filters import Filters
from indicators.i18n import _, format_number
from indicators.indicator import Indicator

DISPLAY = "display"  # the column that says what a person may read for each row
# Only these cuts keep a nationality's figure a sum of whole blocks of years.
BLOCK_CUTS = {"nationality", "year"}


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
    # Rows withheld_unaligned already held back keep their reason.
    prior = frame[DISPLAY] if DISPLAY in frame else pd.Series(None, index=frame.index)
    withheld |= prior.notna()
    frame.loc[withheld, ["numerator", "value"]] = pd.NA
    frame.loc[withheld & small_denominator, "denominator"] = pd.NA
    frame[DISPLAY] = [
        reason if reason is not None and not pd.isna(reason)
        else suppressed_label(threshold) if hidden else _text(value, count)
        for hidden, reason, value in zip(withheld, prior, frame["value"], strict=True)
    ]
    frame.attrs = {**frame.attrs, "suppressed_below": threshold,
                   "suppressed_rows": int(withheld.sum())}
    return frame


def withhold_unaligned(frame: pd.DataFrame, blocks: Blocks, filters: Filters,
                       by: Sequence[str]) -> pd.DataFrame:
    """Withhold each nationality's row unless the allegations it counts are whole blocks.

    Run before suppress_small_numbers, which then labels the rest. A row withheld here has
    its numbers removed and a short reason in `display`.
    """
    frame = _complete(frame, blocks, filters, by)
    reasons = [_row_reason(row, blocks, filters, by) for row in frame.to_dict("records")]
    hidden = pd.Series([r is not None for r in reasons], index=frame.index)
    frame.loc[hidden, ["numerator", "denominator", "value"]] = pd.NA
    frame[DISPLAY] = reasons
    return frame


def _complete(frame: pd.DataFrame, blocks: Blocks, filters: Filters, by: Sequence[str]
              ) -> pd.DataFrame:
    """Add the missing nationality and year rows as zeros: a row left out says "0" as surely as
    a row shown, and a zero inside a block would tell the rest of the block."""
    keys = [d for d in by if d in BLOCK_CUTS]
    if not keys:
        return frame.copy()
    values = {"nationality": sorted((set(blocks.blocks) | blocks.small)
                                    & set(filters.countries or blocks.blocks)),
              "year": [y for y in blocks.years
                       if (filters.period_from is None or filters.period_from.year <= y)
                       and (filters.period_to is None or filters.period_to.year >= y)]}
    grid = pd.MultiIndex.from_product([values[k] for k in keys], names=keys).to_frame(
        index=False)
    if "year" in grid:
        grid["year"] = grid["year"].astype(frame["year"].dtype if "year" in frame else "Int64")
    others = [d for d in by if d not in keys]
    if others:
        return frame.copy()  # cut by mission or category: every such row is withheld anyway
    present = frame[keys].astype(object).where(frame[keys].notna(), None)
    seen = set(map(tuple, present.itertuples(index=False, name=None)))
    missing = grid[[tuple(r) not in seen for r in grid.itertuples(index=False, name=None)]]
    if missing.empty:
        return frame.copy()
    zeros = missing.assign(numerator=0.0, value=0.0 if frame["denominator"].isna().all()
                           and "numerator" in frame and frame["numerator"].notna().any()
                           else float("nan"))
    if frame["denominator"].notna().any():
        zeros["denominator"] = 0.0
    for column in frame.columns:
        if column not in zeros:
            zeros[column] = frame[column].iloc[0] if column in ("unit", "illustrative") \
                and len(frame) else pd.NA
    if frame["numerator"].isna().all():
        zeros["numerator"] = pd.NA
    out = pd.concat([frame, zeros[frame.columns]], ignore_index=True)
    out.attrs = dict(frame.attrs)
    for column in ("numerator", "denominator", "value"):
        out[column] = pd.to_numeric(out[column], errors="coerce").astype("Float64")
    return out


def _row_reason(row: dict, blocks: Blocks, filters: Filters, by: Sequence[str]) -> str | None:
    """Why this row may not be shown, in words; None when it may."""
    if "nationality" in by:
        nationality = row["nationality"]
        if nationality is None or pd.isna(nationality):
            return None  # civilians or unknown: not a nationality's number
        if filters.countries and nationality not in filters.countries:
            return None
    elif len(filters.countries) == 1:
        nationality = filters.countries[0]
    else:
        return _("withheld: one nationality at a time")
    # A mission type is a set of missions: its figure less the whole would tell the rest.
    if filters.missions or filters.mission_type or set(by) - BLOCK_CUTS:
        return _("withheld: not given per mission or category")
    window = covered_years(blocks, filters)
    if window is None:
        return _("withheld: whole calendar years only")
    if nationality in blocks.small:
        return suppressed_label(blocks.threshold)
    if nationality in blocks.withheld:
        return _("withheld to protect small numbers")
    years = {int(row["year"])} & window if "year" in by else window
    if blocks.aligned(nationality, years):
        return None
    # Name only the blocks the question cuts: those a reader must ask for whole.
    cut = sorted({blocks.block_of(nationality, year) for year in years & set(blocks.years)}
                 - {b for b in blocks.blocks.get(nationality, []) if set(b) <= years})
    return _("combined with {years}").format(years=", ".join(_span(list(b)) for b in cut))


def covered_years(blocks: Blocks, filters: Filters) -> set[int] | None:
    """The data years the period covers whole; None when it cuts a year with data in two."""
    start, end = blocks.coverage
    covered = set()
    for year in blocks.years:
        first = max(dt.date(year, 1, 1), start) if start else dt.date(year, 1, 1)
        last = min(dt.date(year, 12, 1), end) if end else dt.date(year, 12, 1)
        lower = filters.period_from is None or filters.period_from <= first
        upper = filters.period_to is None or filters.period_to >= last
        outside = ((filters.period_from and filters.period_from > last)
                   or (filters.period_to and filters.period_to < first))
        if lower and upper:
            covered.add(year)
        elif not outside:
            return None
    return covered


def _span(years: list[int]) -> str:
    return f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}"


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
