"""Capability measures from Geo-PKO: which unit types missions deployed, and at how many places."""

from __future__ import annotations

from sqlalchemy import Select, func, select

from indicators.filters import Filters
from indicators.i18n import N_
from indicators.indicator import Indicator
from indicators.measures.sql import apply, dimension_columns, label
from indicators.models.facts import LocationUnitType

SOURCE = ("geo-pko-unit-types",)
# Names for Geo-PKO's unit-type codes (pages show them on charts).
VALUE_LABELS = {"unit-type": {
    "infantry": N_("Infantry"),
    "signals": N_("Signals"),
    "medical": N_("Medical"),
    "engineering": N_("Engineering"),
    "transport": N_("Transport"),
    "aviation": N_("Aviation"),
    "maintenance": N_("Maintenance"),
    "riverine": N_("Riverine"),
}}
# Enabling units (the capabilities A4P+ asks contributors to pledge) beside the line units.
ENABLING_UNIT_TYPES = ("medical", "engineering", "aviation", "signals", "riverine",
                       "maintenance", "transport")
UNIT_TYPES = ("infantry", *ENABLING_UNIT_TYPES)


def capability_presence_query(filters: Filters, by: tuple[str, ...]) -> Select:
    """Distinct locations per group where the unit type was present.

    A place is identified by mission and name, not coordinates: Geo-PKO codes a few places
    twice in a year, and moves others slightly between years, with different coordinates.
    Without a year cut, a place present in several years of the period counts once.
    """
    t = LocationUnitType
    columns = {"mission": t.mission, "year": t.year, "unit-type": t.unit_type}
    keys = {label(d) for d in by} | {"mission"}
    places = apply(
        select(*dimension_columns(tuple(d for d in columns if label(d) in keys), columns),
               t.location),
        filters, columns,
    ).distinct().subquery("places")
    return (select(*[places.c[label(d)] for d in by], func.count().label("numerator"))
            .select_from(places).group_by(*[places.c[label(d)] for d in by]))


INDICATORS = (
    Indicator(
        slug="capability-presence",
        title_en="Deployment locations with each unit type",
        title_fr="Sites de déploiement par type d'unité",
        unit="locations",
        numerator="distinct deployment locations where the unit type was present",
        denominator=None,
        dimensions=("mission", "year", "unit-type"),
        filters=("mission", "period"),
        higher_is_better=None,
        definition_en=("Number of deployment locations at which Geo-PKO records a unit type in "
                       "the mission: infantry, or one of the enabling capabilities (medical, "
                       "engineering, aviation, signals, riverine, maintenance, transport). A "
                       "location is counted once per group, however many units of the type it "
                       "held. It is a snapshot: without a year cut it is the latest year in "
                       "the period, never several years pooled; cut by year it is the trend. "
                       "A year is in the period when it overlaps it."),
        definition_fr=("Nombre de sites de déploiement où Geo-PKO relève un type d'unité dans la "
                       "mission : infanterie, ou l'une des capacités d'appui (médicale, génie, "
                       "aviation, transmissions, fluviale, maintenance, transport). Un site est "
                       "compté une fois par groupe, quel que soit le nombre d'unités de ce type "
                       "qu'il accueille. C'est un instantané : sans découpage par année, "
                       "c'est la dernière année de la période, jamais plusieurs années "
                       "cumulées ; par année, c'est l'évolution. Une année fait partie de la "
                       "période dès qu'elle la chevauche."),
        sources=SOURCE,
        query=capability_presence_query,
        snapshot=True,  # "present as of": the latest year, unless cut by year for a trend
        caveats=(
            "Geo-PKO is coded by researchers from public UN deployment maps; it is not the "
            "UN's official list of capabilities deployed.",
            "Troop numbers in Geo-PKO are estimates from unit types and standard unit sizes; "
            "this indicator counts places, not personnel.",
            "Units missing from a published map (or maps not published for a year) are missing "
            "here too.",
            "Contributing countries are not recorded per unit, so the country and category "
            "filters do not apply.",
        ),
    ),
)
