"""Which changes a page's filters keep: a planner filtering by mission sees that mission's
revisions and allegations; new months per source and headline KPI moves are not narrowed."""

from __future__ import annotations

from dataclasses import replace

from indicators.change_set import ChangeSet, NewAllegations, Revision
from indicators.filters import Filters


def narrow(changes: ChangeSet, filters: Filters) -> tuple[ChangeSet, int]:
    """The changes that concern the filters' missions and countries, and how many were left
    out. A source's new months and a headline KPI are about every mission, so they stay; a
    revision or an allegation of another mission (or another country) is left out. A
    revision that names no mission (or no country) stays: it may concern the one asked for.
    An allegation whose nationalities are unknown is left out under a country filter: it
    cannot be said to be that country's."""
    revisions = [r for r in changes.revisions if _keeps_revision(r, filters)]
    allegations = [a for a in changes.new_allegations if _keeps_allegations(a, filters)]
    hidden = (len(changes.revisions) - len(revisions)
              + len(changes.new_allegations) - len(allegations))
    return replace(changes, revisions=revisions, new_allegations=allegations), hidden


def _keeps_revision(revision: Revision, filters: Filters) -> bool:
    if filters.missions and revision.mission and revision.mission not in filters.missions:
        return False
    return not (filters.countries and revision.country_iso3
                and revision.country_iso3 not in filters.countries)


def _keeps_allegations(allegations: NewAllegations, filters: Filters) -> bool:
    if filters.missions and allegations.mission not in filters.missions:
        return False
    return not (filters.countries
                and not set(allegations.nationalities) & set(filters.countries))
