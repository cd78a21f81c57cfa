"""A contributing country's one-pager figures: strength, rank, women, fatalities, SEA."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from indicators.compute import compute, get_indicator
from indicators.country_restricted import RestrictedFigure, restricted_figures
from indicators.filters import Filters
from indicators.lookups import Provenance, provenance
from indicators.viewer import ANONYMOUS, Viewer

YEARS = 5  # a ministerial asks "now, and over the last five years"
INDICATORS = ("uniformed-personnel", "women-share", "fatalities", "sea-allegations")


@dataclass(frozen=True)
class WomenRow:
    """Women's share in one UGPS target group in the latest month, against that year's target."""

    group: str
    share: float
    target: float | None
    women_needed: int | None


@dataclass(frozen=True)
class CountryProfile:
    """What the one-pager says; every number computed by compute(), none by the layout."""

    country: str
    month: dt.date | None  # the latest month with uniformed personnel for the country
    personnel: int | None
    personnel_before: int | None  # the same month five years earlier
    rank: int | None  # 1 = largest contributor of uniformed personnel that month
    contributors: int
    women: tuple[WomenRow, ...]
    events_from: dt.date | None  # the whole calendar years the event counts cover
    events_to: dt.date | None
    fatalities: int | None
    allegations: int | None
    allegations_display: str  # the small-numbers rule's words when the count is withheld
    trend: pd.DataFrame  # mean monthly personnel per year over the five years
    sources: tuple[Provenance, ...]
    # The country's restricted figures the viewer may see (none for the public, or for a
    # delegation asking for another country's one-pager).
    restricted: tuple[RestrictedFigure, ...] = ()

    @property
    def change(self) -> int | None:
        if self.personnel is None or self.personnel_before is None:
            return None
        return self.personnel - self.personnel_before


def country_profile(iso3: str, engine: Engine, viewer: Viewer = ANONYMOUS) -> CountryProfile:
    """The one-pager for `iso3` as of the latest month the contributions reports give, with
    the country's restricted figures when `viewer` may see them."""
    restricted = restricted_figures(iso3, engine, viewer)
    mine = Filters(countries=(iso3,))
    months = compute("uniformed-personnel", mine, ("month",), engine=engine).dropna(
        subset=["value"])
    if months.empty:
        return CountryProfile(iso3, None, None, None, None, 0, (), None, None, None, None, "",
                              pd.DataFrame(columns=["year", "value"]), _sources(engine),
                              restricted)
    last = months["month"].max()
    month = dt.date(int(last[:4]), int(last[5:7]), 1)
    before = dt.date(month.year - YEARS, month.month, 1)
    by_month = dict(zip(months["month"], months["value"], strict=True))
    personnel_before = by_month.get(before.strftime("%Y-%m"))
    rank, contributors = _rank(iso3, month, engine)
    # Events are read over whole calendar years: SEA allegations are published by year, and
    # a part year would be withheld by the small-numbers rule anyway.
    events_from, events_to = dt.date(month.year - YEARS, 1, 1), dt.date(month.year - 1, 12, 1)
    events = dataclasses.replace(mine, period_from=events_from, period_to=events_to)
    fatalities = compute("fatalities", events, (), engine=engine)
    allegations = compute("sea-allegations", events, (), engine=engine)
    trend = compute("uniformed-personnel", dataclasses.replace(
        mine, period_from=dt.date(month.year - YEARS, 1, 1), period_to=month), ("year",),
        engine=engine)[["year", "value"]]
    return CountryProfile(
        country=iso3, month=month, personnel=int(by_month[last]),
        personnel_before=None if personnel_before is None else int(personnel_before),
        rank=rank, contributors=contributors, women=_women(iso3, month, engine),
        events_from=events_from, events_to=events_to,
        fatalities=_count(fatalities), allegations=_count(allegations),
        allegations_display=_display(allegations), trend=trend,
        sources=_sources(engine, events_from), restricted=restricted)


def _rank(iso3: str, month: dt.date, engine: Engine) -> tuple[int | None, int]:
    """Its place among the countries with anyone deployed that month (ties share a place)."""
    sizes = compute("uniformed-personnel", Filters(period_from=month, period_to=month),
                    ("country",), engine=engine).dropna(subset=["country", "value"])
    sizes = sizes[sizes["value"] > 0]
    if iso3 not in set(sizes["country"]):
        return None, len(sizes)
    mine = float(sizes.loc[sizes["country"] == iso3, "value"].iloc[0])
    return int((sizes["value"] > mine).sum()) + 1, len(sizes)


def _women(iso3: str, month: dt.date, engine: Engine) -> tuple[WomenRow, ...]:
    frame = compute("women-share", Filters(countries=(iso3,), period_from=month,
                                           period_to=month), ("ugps-group",), engine=engine)
    rows = []
    for row in frame.dropna(subset=["value"]).to_dict("records"):
        target = row.get("target")
        needed = row.get("women_needed")
        rows.append(WomenRow(row["ugps-group"], float(row["value"]),
                             None if pd.isna(target) else float(target),
                             None if pd.isna(needed) else int(needed)))
    return tuple(rows)


def _count(frame: pd.DataFrame) -> int | None:
    """The total, or None where there is none or the small-numbers rule withheld it."""
    if frame.empty or pd.isna(frame["value"].iloc[0]):
        return None
    return int(frame["value"].iloc[0])


def _display(frame: pd.DataFrame) -> str:
    if frame.empty or "display" not in frame or not pd.isna(frame["value"].iloc[0]):
        return ""
    return str(frame["display"].iloc[0] or "")


def _sources(engine: Engine, start: dt.date | None = None) -> tuple[Provenance, ...]:
    """The sources of the four indicators, once each; not a file that ends before `start`."""
    seen: dict[str, Provenance] = {}
    for slug in INDICATORS:
        for source in provenance(engine, get_indicator(slug).sources):
            if start and source.coverage_end and source.coverage_end < start:
                continue
            seen.setdefault(source.slug, source)
    return tuple(seen.values())
