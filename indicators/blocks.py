"""Fixed blocks of calendar years per nationality, chosen from the whole data, never from a
query: a nationality's figure is released only as a sum of whole blocks, so no difference of
released figures can reveal a count from 1 to 2 (the small-numbers rule's guarantee)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from threading import Lock

import numpy as np
import pandas as pd
from sqlalchemy import Engine, select

from indicators.filters import Filters
from indicators.indicator import Indicator
from indicators.measures.sql import label
from indicators.models.provenance import SourceVersion

_TABLES: dict[tuple, Blocks] = {}
_LOCK = Lock()


@dataclass
class Blocks:
    """For one indicator and one data version: each nationality's blocks of years."""

    threshold: int
    years: tuple[int, ...] = ()  # every year of the data, in order
    blocks: dict[str, list[tuple[int, ...]]] = field(default_factory=dict)
    small: set[str] = field(default_factory=set)  # whole data from 1 to threshold - 1
    withheld: set[str] = field(default_factory=set)  # held back for other nationalities
    coverage: tuple[dt.date | None, dt.date | None] = (None, None)

    def block_of(self, nationality: str, year: int) -> tuple[int, ...]:
        for block in self.blocks.get(nationality, [(y,) for y in self.years]):
            if year in block:
                return block
        return (year,)

    def aligned(self, nationality: str, years: set[int]) -> bool:
        """Whether these years (within the data) are a union of the nationality's blocks."""
        inside = years & set(self.years)
        return all(set(self.block_of(nationality, y)) <= inside for y in inside)


def blocks_for(indicator: Indicator, engine: Engine, version: tuple) -> Blocks:
    """The block table, computed once per database, indicator and data version."""
    key = (str(engine.url), indicator.slug, indicator.suppress_below, version)
    with _LOCK:
        if key in _TABLES:
            return _TABLES[key]
    table = _build(indicator, engine)
    with _LOCK:
        if len(_TABLES) > 64:  # old data versions: let them go
            _TABLES.clear()
        _TABLES[key] = table
    return table


def _build(indicator: Indicator, engine: Engine) -> Blocks:
    by = ("nationality", "year")
    with engine.connect() as conn:
        result = conn.execute(indicator.query(Filters(), by))
        frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
        totals = conn.execute(indicator.query(Filters(), ("year",))).fetchall()
        coverage = conn.execute(select(SourceVersion.coverage_start, SourceVersion.coverage_end)
                                .where(SourceVersion.source.in_(indicator.sources))).first()
    frame = frame.rename(columns={label(d): d for d in by})
    years = tuple(sorted({int(row[0]) for row in totals if row[0] is not None}
                         | {int(y) for y in frame["year"].dropna()}))
    parts = _parts(frame)
    table = Blocks(indicator.suppress_below, years,
                   coverage=tuple(coverage) if coverage else (None, None))
    named = parts[parts.index.get_level_values("nationality").notna()]
    counts = {}  # nationality -> array (year, part)
    for nationality, group in named.groupby(level="nationality"):
        grid = group.droplevel("nationality").reindex(list(years), fill_value=0)
        counts[nationality] = grid.to_numpy(dtype=float)
    for nationality, grid in counts.items():
        table.blocks[nationality] = _greedy(grid, years, table.threshold)
        if _small(grid.sum(axis=0), table.threshold):
            table.small.add(nationality)
    _complement(table, counts)
    return table


def _parts(frame: pd.DataFrame) -> pd.DataFrame:
    """Disjoint counts per row that the released numbers add up from: the numerator, and the
    rest of the denominator (a share), or the denominator alone (a median)."""
    numerator = pd.to_numeric(frame["numerator"], errors="coerce")
    denominator = pd.to_numeric(frame.get("denominator"), errors="coerce") \
        if "denominator" in frame else pd.Series(np.nan, index=frame.index)
    columns = {}
    if numerator.notna().any():
        columns["numerator"] = numerator.fillna(0)
        if denominator.notna().any():
            columns["rest"] = (denominator - numerator).fillna(0)
    else:
        columns["denominator"] = denominator.fillna(0)
    year = pd.to_numeric(frame["year"], errors="coerce").astype("Int64")
    index = pd.MultiIndex.from_arrays([frame["nationality"], year], names=["nationality", "year"])
    return pd.DataFrame({k: v.to_numpy() for k, v in columns.items()}, index=index)


def _small(values, threshold: int) -> bool:
    return bool(((values > 0) & (values < threshold)).any())


def _greedy(grid: np.ndarray, years: tuple[int, ...], threshold: int) -> list[tuple[int, ...]]:
    """Adjacent years merged, in order, until every part of a block is 0 or >= threshold; a
    small remainder at the end joins the block before it."""
    def small(block):
        return _small(grid[[years.index(y) for y in block]].sum(axis=0), threshold)

    blocks: list[list[int]] = []
    current: list[int] = []
    for year in years:
        current.append(year)
        if not small(current):
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    # The small remainder joins the blocks before it (zeros too) until it is small no more.
    while len(blocks) > 1 and small(blocks[-1]):
        last = blocks.pop()
        blocks[-1] = blocks[-1] + last
    return [tuple(b) for b in blocks]


def _complement(table: Blocks, counts: dict[str, np.ndarray]) -> None:
    """Complementary suppression: merge more blocks, or hold a nationality back, until no
    year's withheld remainder (the total less the released rows) is small or one nationality."""
    for _round in range(10_000):
        fault = _first_fault(table, counts)
        if fault is None:
            return
        _repair(table, counts, *fault)


def _released_at(table: Blocks, nationality: str, year: int) -> bool:
    return (nationality not in table.small and nationality not in table.withheld
            and table.block_of(nationality, year) == (year,))


def _first_fault(table: Blocks, counts) -> tuple[tuple[int, ...], list[str], bool] | None:
    """A window of whole years whose hidden remainder (the margin, which is exact, less the
    nationalities released for it) is a small number or one nationality's number. A window
    where every nationality is hidden is the margin itself: no nationality's figure."""
    years = table.years
    for start in range(len(years)):
        for end in range(start, len(years)):
            window = set(years[start:end + 1])
            hidden = [n for n in counts if n in table.small or n in table.withheld
                      or not table.aligned(n, window)]
            if not hidden or len(hidden) == len(counts):
                continue
            index = [years.index(y) for y in window]
            total = sum(counts[n][index].sum(axis=0) for n in hidden)
            bounded = all(n in table.small for n in hidden)  # each is 0 to threshold - 1
            small = _small(total, table.threshold)
            if (small or len(hidden) == 1
                    or (bounded and (total == (table.threshold - 1) * len(hidden)).any())):
                return tuple(sorted(window)), hidden, small
    return None


def _repair(table: Blocks, counts, window: tuple[int, ...], hidden: list[str],
            small: bool) -> None:
    """Hide one more released nationality in this window, the one whose hiding changes least
    (with a count, when the remainder must grow); merge its block with a neighbour, or hold it
    back when it has one block."""
    index = [table.years.index(y) for y in window]

    def cost(n):
        value = counts[n][index].sum()
        return (small and value == 0, counts[n].sum(), n)

    nationality = min((n for n in counts if n not in hidden), key=cost)
    blocks = table.blocks[nationality]
    if len(blocks) == 1:
        table.withheld.add(nationality)
        return
    position = next(i for i, b in enumerate(blocks) if set(b) & set(window))
    other = position + 1 if position + 1 < len(blocks) else position - 1
    low, high = sorted((position, other))
    blocks[low:high + 1] = [blocks[low] + blocks[high]]
