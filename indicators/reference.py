"""Reference lists the importers check codes against: countries, personnel categories."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pycountry

from indicators.i18n import N_


@dataclass(frozen=True)
class CountryRef:
    iso3: str
    m49: int | None
    name: str
    historic: bool


@lru_cache(maxsize=1024)
def country_by_iso3(code: str) -> CountryRef | None:
    """The ISO 3166 country for an alpha-3 code, including historic states (YUG, SCG); else None."""
    code = code.strip().upper()
    if len(code) != 3:
        return None
    current = pycountry.countries.get(alpha_3=code)
    if current is not None:
        return CountryRef(code, int(current.numeric), current.name, historic=False)
    historic = pycountry.historic_countries.get(alpha_3=code)
    if historic is not None:
        numeric = getattr(historic, "numeric", None)
        return CountryRef(code, int(numeric) if numeric else None, historic.name, historic=True)
    return None


# UN Peace and Security Data Hub, DPO-UCHISTORICAL definitions (see README, Data sources).
# Names are stored in English; N_() marks them for the French catalogue (lookups.labels).
PERSONNEL_CATEGORIES = (
    ("troops", N_("Troops"), "military",
     "All military contingents serving in United Nations Peacekeeping Missions or Special "
     "Political Missions."),
    ("staff-officers", N_("Staff officers"), "military",
     "Contingent personnel deployed in an individual capacity to perform specialized functions "
     "at Force Headquarters or integrated structures."),
    ("experts-on-mission", N_("Experts on mission"), "military",
     "Individual military officers, including military advisers, observers and liaison "
     "officers."),
    ("formed-police-units", N_("Formed police units"), "police",
     "Cohesive mobile police units, primarily in public order management."),
    ("individual-police", N_("Individual police officers"), "police",
     "Police or other law enforcement personnel seconded by Member States."),
)
CATEGORY_SLUGS = tuple(slug for slug, *_ in PERSONNEL_CATEGORIES)
