"""What an indicator declaration holds: metadata that travels with every number, and its query."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Select

from indicators.filters import Filters
from indicators.viewer import TIERS

# Dimension names, the same in the CLI, the API, the pages and the exports.
DIMENSIONS = (
    "mission", "country", "category", "ugps-group", "gender", "year", "month", "incident-type",
    "personnel-type", "nationality", "unit-type", "capability-area", "status", "key-factor",
    "course-area", "stage", "provider", "recipient", "actor", "action", "task",
    "mission-type", "technology-area", "estimate",
)
FILTER_NAMES = ("mission", "country", "category", "period", "gender", "mission-type")

# A unit and the scale its value is multiplied by; the contract test checks every indicator.
UNIT_SCALES = {
    "persons": 1,
    "count": 1,
    "countries": 1,
    "allegations": 1,
    "fatalities": 1,
    "days": 1,
    "score": 1,
    "USD": 1,
    "locations": 1,
    "percent": 100,
    "per 1,000 personnel per year": 1000,
}

# query(filters, by) returns a select with one column per dimension in `by` (labelled with
# the dimension's snake_case name), plus `numerator` and, for ratios, `denominator`. The query
# of a restricted indicator also takes `countries` (None for every row; else the ISO3 codes whose
# rows a member-state viewer gets), and keeps only their rows BEFORE it aggregates.
QueryBuilder = Callable[[Filters, tuple[str, ...]], Select]


@dataclass(frozen=True)
class Indicator:
    """One indicator, declared once. Pages, API, exports and the methodology page read this."""

    slug: str
    title_en: str
    title_fr: str
    unit: str
    numerator: str  # what is counted or summed, in words
    denominator: str | None  # None for counts
    dimensions: tuple[str, ...]
    filters: tuple[str, ...]  # which of FILTER_NAMES apply; others are reported as ignored
    higher_is_better: bool | None  # None where neither direction is good or bad
    definition_en: str
    definition_fr: str
    sources: tuple[str, ...]  # source slugs (data/sources.toml, or "illustrative")
    query: QueryBuilder
    caveats: tuple[str, ...] = ()
    illustrative: bool = False
    # The least tier that sees it (indicators.viewer.TIERS): "public" for everyone;
    # "member-state" for delegations, each seeing its own countries' rows only (the query's
    # `countries`), and the Secretariat; "secretariat" for the Secretariat alone.
    visibility: str = "public"
    # Adds columns computed from the tidy frame (targets, gaps); never changes `value`.
    enrich: Callable[[pd.DataFrame, Filters, tuple[str, ...]], pd.DataFrame] | None = None
    has_target: bool = False
    # Counts per nationality below this are withheld and shown as "fewer than N"
    # (indicators.disclosure); None where the source publishes every count.
    suppress_below: int | None = None
    extra_columns: tuple[str, ...] = field(default=())
    # Reduces the query's rows (one per unit, say) to one per combination of `by`, with
    # numerator, denominator and value (and low, high where it has an interval): for an
    # estimate SQL cannot make (indicators.did). None for the usual GROUP BY measures.
    reduce: Callable[[pd.DataFrame, tuple[str, ...]], pd.DataFrame] | None = None
    # A snapshot measure (what is present, as of a date): without a year cut it is shown for
    # the latest year in the period, never summed or pooled over years (indicators.compute).
    snapshot: bool = False

    def __post_init__(self):
        # mission-type is a condition on the same mission column as mission
        # (measures.sql.filter_conditions), so it applies wherever mission does.
        if "mission" in self.filters and "mission-type" not in self.filters:
            object.__setattr__(self, "filters", (*self.filters, "mission-type"))
        if self.visibility not in TIERS:
            raise ValueError(f"{self.slug}: visibility={self.visibility!r}, not one of "
                             f"{', '.join(TIERS)}")
        # A delegation's rows are kept by the query itself; one that cannot keep them must not
        # be declared for delegations (it would show them every country's rows).
        if (self.visibility == "member-state"
                and "countries" not in inspect.signature(self.query).parameters):
            raise ValueError(f"{self.slug}: a member-state indicator's query takes `countries`")

    @property
    def scale(self) -> int:
        return UNIT_SCALES[self.unit]

    def title(self, locale: str = "en") -> str:
        return self.title_fr if locale.startswith("fr") else self.title_en

    def definition(self, locale: str = "en") -> str:
        return self.definition_fr if locale.startswith("fr") else self.definition_en
