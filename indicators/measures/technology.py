"""Technology capability on ILLUSTRATIVE (generated) data: the A4P agenda's four areas."""

from __future__ import annotations

from sqlalchemy import Select, func, select

from indicators.filters import Filters
from indicators.i18n import N_
from indicators.indicator import Indicator
from indicators.measures.performance import GENERATED, SOURCE
from indicators.measures.sql import apply, dimension_columns
from indicators.models.illustrative import TechnologyCapability

# The public documents the indicator's definition follows (no data is taken from them):
# (title, publisher, year, public address). The caveat below cites them in both languages.
DOCUMENTS = (
    ("Strategy for the Digital Transformation of UN Peacekeeping",
     "United Nations, Departments of Peace Operations and Operational Support", 2021,
     "https://peacekeeping.un.org/en/strategy-digital-transformation-of-un-peacekeeping"),
    ("Action for Peacekeeping Plus (A4P+): priorities for 2021-2023",
     "United Nations, Department of Peace Operations", 2021,
     "https://peacekeeping.un.org/en/action-for-peacekeeping-a4p"),
    ("Partnership for Technology in Peacekeeping",
     "United Nations, Department of Operational Support", 2018,
     "https://www.un.int/news/partnerships-bring-technological-innovation-peacekeeping"),
)
DOCUMENTS_CAVEAT = (
    "The definition follows public documents, not data: "
    + "; ".join(f"{title} ({publisher}, {year}), {url}"
                for title, publisher, year, url in DOCUMENTS) + ".")

VALUE_LABELS = {
    "technology-area": {
        "camp-security": N_("Camp security and surveillance"),
        "situational-awareness": N_("Situational awareness"),
        "field-communications": N_("Field communications"),
        "unmanned-aerial-systems": N_("Unmanned aerial systems"),
    },
}


def technology_capability_query(filters: Filters, by: tuple[str, ...],
                                countries: frozenset[str] | None = None) -> Select:
    """Units with the capability at the standard / units assessed, per area. `countries`: a
    delegation's own units only (indicators.access.row_countries)."""
    t = TechnologyCapability
    columns = {"mission": t.mission, "country": t.country_iso3, "year": t.year,
               "technology-area": t.technology_area}
    stmt = select(*dimension_columns(by, columns),
                  func.sum(t.at_standard).label("numerator"),
                  func.sum(t.units).label("denominator"))
    if countries is not None:
        stmt = stmt.where(t.country_iso3.in_(sorted(countries)))
    return apply(stmt, filters, columns).group_by(*[columns[d] for d in by])


INDICATORS = (
    Indicator(
        slug="technology-capability",
        title_en="Units with technology capability at the required standard",
        title_fr="Unités dotées des capacités technologiques au niveau requis",
        unit="percent",
        numerator="unit assessments finding the capability at the required standard",
        denominator="unit assessments (each contingent unit, once a year per technology area)",
        dimensions=("mission", "country", "year", "technology-area"),
        filters=("mission", "country", "period"),
        higher_is_better=True,
        definition_en=("Share of contingent units (infantry battalions, formed police units "
                       "and enablers) assessed as having a technology capability at the "
                       "required standard, in the four areas the Action for Peacekeeping "
                       "agenda names: camp security and surveillance, situational awareness, "
                       "field communications, and unmanned aerial systems. Each unit is "
                       "assessed once a year in each area; without an area cut, the four "
                       "areas are pooled (units at the standard over four times the units). "
                       "Restricted: a member-state delegation sees only its own country's "
                       "units (any total covers those alone); the Secretariat sees all; the "
                       "public does not see it."),
        definition_fr=("Part des unités de contingent (bataillons d'infanterie, unités de "
                       "police constituées et unités d'appui) jugées dotées d'une capacité "
                       "technologique au niveau requis, dans les quatre domaines que nomme "
                       "l'Action pour le maintien de la paix : sécurité et surveillance des "
                       "camps, connaissance de la situation, communications sur le terrain et "
                       "systèmes aériens sans pilote. Chaque unité est évaluée une fois par an "
                       "dans chaque domaine ; sans découpage par domaine, les quatre domaines "
                       "sont regroupés (unités au niveau requis sur quatre fois les unités). "
                       "Restreint : une délégation d'État membre ne voit que les unités de son "
                       "pays (tout total ne porte que sur elles) ; le Secrétariat les voit "
                       "toutes ; le public ne voit pas cet indicateur."),
        sources=SOURCE,
        query=technology_capability_query,
        caveats=(GENERATED,
                 "The UN publishes no technology standard or assessment per unit; the "
                 "required standard and the shares here are the generator's choice.",
                 DOCUMENTS_CAVEAT),
        illustrative=True,
        visibility="member-state",
    ),
)
