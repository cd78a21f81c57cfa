"""Which table answers a personnel query: the smallest rollup whose grain holds every dimension
the query cuts or filters by, else the base series (personnel_fact)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from contextvars import ContextVar

from indicators.filters import Filters
from indicators.models.rollups import (
    PersonnelByCategory,
    PersonnelByCountry,
    PersonnelByMission,
    PersonnelByMissionCountry,
    PersonnelFact,
)

# The stored column each dimension is read from: the others are computed from it (the year
# from the month, the UGPS group from the category, the mission type from the mission). Gender
# is the women and men columns every table keeps.
STORED = {"month": "month", "year": "month", "mission": "mission", "mission-type": "mission",
          "country": "country", "category": "category", "ugps-group": "category",
          "gender": None}
# Smallest first: missions, months and categories do not grow with the data, contributors do;
# mission x country without months is smaller than country x month.
ROLLUPS = (
    (PersonnelByCategory, frozenset({"month", "category"})),
    (PersonnelByMission, frozenset({"month", "category", "mission"})),
    (PersonnelByMissionCountry, frozenset({"mission", "country", "category"})),
    (PersonnelByCountry, frozenset({"month", "category", "country"})),
)
_base_only: ContextVar[bool] = ContextVar("base_only", default=False)


@contextlib.contextmanager
def base_table_only() -> Iterator[None]:
    """Answer every personnel query from personnel_fact: for the tests and benchmarks that
    compare the rollups with it (compute's cache key includes this switch)."""
    token = _base_only.set(True)
    try:
        yield
    finally:
        _base_only.reset(token)


def rollups_enabled() -> bool:
    return not _base_only.get()


def stored_dimensions(filters: Filters, by: Iterable[str], always: Iterable[str] = ()
                      ) -> frozenset[str]:
    """The stored columns a query reads: its cuts, its filters, and what its measure always
    needs (a count of distinct countries needs the country)."""
    used = [*by, *always]
    used += ["mission"] * bool(filters.missions or filters.mission_type)
    used += ["country"] * bool(filters.countries)
    used += ["category"] * bool(filters.categories)
    used += ["month"] * bool(filters.period_from or filters.period_to)
    return frozenset(STORED[d] for d in used if STORED[d] is not None)


def choose(filters: Filters, by: Iterable[str], always: Iterable[str] = ()):
    """The model to read: the first rollup holding every stored column used, or the base."""
    if rollups_enabled():
        needed = stored_dimensions(filters, by, always)
        for model, grain in ROLLUPS:
            if needed <= grain:
                return model
    return PersonnelFact
