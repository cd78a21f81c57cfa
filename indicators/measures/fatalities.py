"""Peacekeeping fatality measures (UN NOTICAS records): counts, and the rate per 1,000 personnel."""

from __future__ import annotations

from sqlalchemy import Float, Select, and_, cast, func, select

from indicators.filters import Filters
from indicators.i18n import N_
from indicators.indicator import Indicator
from indicators.measures.personnel_rows import mission_month_headcounts
from indicators.measures.sql import apply, dimension_columns, year_of
from indicators.models.facts import Fatality

SOURCE = ("un-fatalities",)
RATE_SOURCES = ("un-fatalities", "ipi-mission-totals", "un-dpo-contributions")
# The fatality personnel types that the IPI mission totals count (troops, observers, police).
UNIFORMED_TYPES = ("military", "military-observer", "police")
MALICIOUS_ACT = "malicious-act"
# Readable names for the codes these measures produce (pages show them on charts).
VALUE_LABELS = {
    "incident-type": {
        "malicious-act": N_("Malicious act"), "accident": N_("Accident"), "illness": N_("Illness"),
        "self-inflicted": N_("Self-inflicted"), "to-be-determined": N_("To be determined"),
        "unknown": N_("Unknown"),
    },
    "personnel-type": {
        "military": N_("Military"), "military-observer": N_("Military observer"),
        "police": N_("Police"),
        "international-civilian": N_("International civilian staff"), "local": N_("Local staff"),
        "other": N_("Other"),
    },
}

NOTICAS_CAVEAT = ("Based on official Notifications of Casualty (NOTICAS). Data from before 2000 "
                  "may not be complete; staff of UN agencies, funds and programmes are not "
                  "included.")
HEADCOUNT_CAVEAT = ("Headcount: uniformed personnel per mission at each month's end: IPI's "
                    "monthly mission totals from November 1990 to December 2014, then the sum "
                    "of each UN monthly report's rows for the mission from January 2015. "
                    "Civilians are not in it, so they are not in the rate either.")
COVERAGE_CAVEAT = ("Only mission-months with a headcount count, in both the numerator and the "
                   "denominator: events before November 1990, in months whose UN report gives "
                   "no mission detail (2018-03 to 2019-08, 2023-09), or in months IPI files "
                   "under another acronym (UNOSOM from June 1994 is 'UNOSOM II' there) are left "
                   "out. IPI has no figures for November 2016, but the UN report of that month "
                   "is used instead.")


def _columns() -> dict:
    f = Fatality
    return {
        "mission": f.mission,
        "country": f.nationality_iso3,
        "nationality": f.nationality_iso3,
        "month": f.month,
        "year": year_of(f.month),
        "incident-type": f.incident_type,
        "personnel-type": f.personnel_type,
    }


def fatalities_query(filters: Filters, by: tuple[str, ...]) -> Select:
    columns = _columns()
    stmt = select(*dimension_columns(by, columns), func.count(Fatality.id).label("numerator"))
    return apply(stmt, filters, columns).group_by(*[columns[d] for d in by])


def per_1000_uniformed_query(events, event_months, filters: Filters, by: tuple[str, ...]
                             ) -> Select:
    """Events per 1,000 uniformed personnel per year, over mission-months with a headcount.

    `events` has columns mission, month and n (events in that mission-month); `event_months`
    is the month column of the events' table, whose first and last month bound the months
    the events source covers (a headcount month outside them would count as a true zero).
    The headcount rows drive the query, so a covered mission-month with no events still adds
    its person-years, and events in a mission-month without a headcount are dropped. Filters
    (mission, period) apply to the headcount rows and so, through the join, to the events.
    Numerator and denominator are summed at the grain shown: a ratio of sums.
    """
    h = mission_month_headcounts()
    columns = {"mission": h.c.mission, "month": h.c.month, "year": year_of(h.c.month)}
    joined = h.outerjoin(
        events, and_(events.c.mission == h.c.mission, events.c.month == h.c.month))
    stmt = select(
        *dimension_columns(by, columns),
        func.coalesce(func.sum(events.c.n), 0).label("numerator"),
        # Month-end headcounts stand for the month's strength: 12 of them make a person-year.
        (cast(func.sum(h.c.total), Float) / 12).label("denominator"),
    ).select_from(joined).where(
        h.c.total > 0,
        h.c.month >= select(func.min(event_months)).scalar_subquery(),
        h.c.month <= select(func.max(event_months)).scalar_subquery(),
    )
    return apply(stmt, filters, columns).group_by(*[columns[d] for d in by])


def fatalities_per_1000_query(filters: Filters, by: tuple[str, ...]) -> Select:
    f = Fatality
    events = (
        select(f.mission.label("mission"), f.month.label("month"), func.count().label("n"))
        .where(f.incident_type == MALICIOUS_ACT, f.personnel_type.in_(UNIFORMED_TYPES))
        .group_by(f.mission, f.month)
        .subquery("malicious_deaths")
    )
    return per_1000_uniformed_query(events, f.month, filters, by)


INDICATORS = (
    Indicator(
        slug="fatalities",
        title_en="Peacekeeper fatalities",
        title_fr="Décès de Casques bleus",
        unit="fatalities",
        numerator="fatalities notified to UN Headquarters, by month of the incident",
        denominator=None,
        dimensions=("mission", "year", "month", "incident-type", "personnel-type",
                    "nationality"),
        filters=("mission", "country", "period"),
        higher_is_better=False,
        definition_en=("Number of deaths of personnel serving in UN peacekeeping operations "
                       "and special political missions, as notified to UN Headquarters, by "
                       "month of the incident. Incident types: accident, malicious act, "
                       "illness, self-inflicted, to be determined, unknown. Personnel types: "
                       "military, military observer, police, international civilian, local "
                       "staff, other. The country filter selects the nationality of the "
                       "deceased."),
        definition_fr=("Nombre de décès de personnels servant dans les opérations de maintien "
                       "de la paix et les missions politiques spéciales des Nations Unies, tels "
                       "que notifiés au Siège, par mois de l'incident. Types d'incident : "
                       "accident, acte de malveillance, maladie, acte auto-infligé, à "
                       "déterminer, inconnu. Types de personnel : militaire, observateur "
                       "militaire, police, civil international, personnel local, autre. Le "
                       "filtre pays sélectionne la nationalité de la personne décédée."),
        sources=SOURCE,
        query=fatalities_query,
        caveats=(NOTICAS_CAVEAT,
                 "Where the UN records the nationality as undetermined, the fatality is "
                 "counted in a group with no nationality.",
                 "Six UNMIK casualties are listed twice (as nationals of Montenegro and of "
                 "Serbia and Montenegro); both rows are counted, as in the UN's totals."),
    ),
    Indicator(
        slug="fatalities-per-1000",
        title_en="Malicious-act fatalities per 1,000 uniformed personnel",
        title_fr="Décès par acte de malveillance pour 1 000 personnels en tenue",
        unit="per 1,000 personnel per year",
        numerator=("malicious-act fatalities of military, military-observer and police "
                   "personnel in mission-months with a headcount"),
        denominator=("person-years of uniformed personnel: the monthly mission headcounts "
                     "summed over the same mission-months, divided by 12"),
        dimensions=("mission", "year"),
        filters=("mission", "period"),
        higher_is_better=False,
        definition_en=("Deaths from malicious acts among uniformed personnel (personnel "
                       "types military, military observer and police) per 1,000 uniformed "
                       "personnel per year: fatalities divided by person-years (the sum of "
                       "the missions' monthly uniformed headcounts divided by 12), times "
                       "1,000, over the mission-months for which a headcount exists. At any "
                       "grain it is a ratio of sums, never an average of rates."),
        definition_fr=("Décès par acte de malveillance parmi le personnel en tenue (types de "
                       "personnel militaire, observateur militaire et police) pour 1 000 "
                       "personnels en tenue par an : les décès divisés par les années-personnes "
                       "(la somme des effectifs mensuels en tenue des missions divisée par "
                       "12), multipliés par 1 000, sur les mois-missions pour lesquels un "
                       "effectif existe. À tout niveau, c'est un rapport de sommes, jamais une "
                       "moyenne de taux."),
        sources=RATE_SOURCES,
        query=fatalities_per_1000_query,
        caveats=(HEADCOUNT_CAVEAT, COVERAGE_CAVEAT, NOTICAS_CAVEAT,
                 "The country filter does not apply: the headcount is per mission, not per "
                 "contributing country."),
    ),
)
