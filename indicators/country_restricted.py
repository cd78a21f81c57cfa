"""A country's restricted one-pager figures, for a viewer who may see that country's rows."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from indicators.access import may_see
from indicators.compute import compute, get_indicator
from indicators.filters import Filters
from indicators.viewer import Viewer

# The restricted figures a one-pager can carry, each read over the latest year it has
# (by year) or over all the years (no cut): unit evaluations and technology assessments are
# annual, and the open gaps are a count of today's.
FIGURES = (("unit-evaluation-score", ("year",)), ("technology-capability", ("year",)),
           ("supported-unit-score", ("year",)), ("capability-gaps-open", ()))


@dataclass(frozen=True)
class RestrictedFigure:
    """One restricted indicator's latest figure for the country."""

    slug: str
    year: int | None
    value: float
    unit: str
    illustrative: bool


def may_include(iso3: str, viewer: Viewer) -> bool:
    """The Secretariat, or a delegation asking for its own country: anyone else (the public,
    or Rwanda's delegation asking for France's one-pager) gets the public figures only."""
    return viewer.tier == "secretariat" or (
        viewer.tier == "member-state" and iso3.upper() in viewer.countries)


def restricted_figures(iso3: str, engine: Engine, viewer: Viewer
                       ) -> tuple[RestrictedFigure, ...]:
    """The country's restricted figures this viewer's tier reaches; () when it may see none."""
    if not may_include(iso3, viewer):
        return ()
    found = []
    for slug, by in FIGURES:
        if not may_see(get_indicator(slug), viewer):  # a delegation: not the Secretariat's
            continue
        frame = compute(slug, Filters(countries=(iso3,)), by, engine=engine, viewer=viewer)
        frame = frame.dropna(subset=["value"])
        if frame.empty:
            continue
        row = frame.sort_values(list(by)).iloc[-1] if by else frame.iloc[0]
        found.append(RestrictedFigure(
            slug, int(row["year"]) if by else None, float(row["value"]), str(row["unit"]),
            bool(row["illustrative"])))
    return tuple(found)
