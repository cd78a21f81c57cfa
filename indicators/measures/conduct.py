"""Sexual exploitation and abuse measures (UN table of allegations), all by month reported."""

from __future__ import annotations

from sqlalchemy import Float, Select, and_, case, cast, func, null, or_, select

from indicators.filters import Filters
from indicators.i18n import N_
from indicators.indicator import Indicator
from indicators.measures.fatalities import HEADCOUNT_CAVEAT, per_1000_uniformed_query
from indicators.measures.sql import apply, dimension_columns, label, year_of
from indicators.models.sea import SeaAction, SeaAllegation, SeaPerpetrator, SeaResult

SOURCE = ("un-sea-allegations",)
# The UN shows small numbers per nationality as "fewer than 3", never as the count.
SMALL_NUMBER = 3

# The UN's categories of personnel, as published, and the slug the dashboard shows.
PERSONNEL_TYPES = {
    "Military (MC)": "military-contingent",
    "Military (MO)": "military-observer",
    "Military (Staff Officer)": "staff-officer",
    "Police (UNPOL)": "individual-police",
    "Police (FPU)": "formed-police-unit",
    "Police (GPP)": "government-provided-personnel",
    "Civilian (INT)": "international-civilian",
    "Civilian (NS)": "national-staff",
    "Civilian (UNV)": "un-volunteer",
    "Civilian (Contractor)": "contractor",
    "Civilian (Vendor Employee)": "vendor-employee",
    "Civilian ((Legacy) Daily Casual Workers)": "daily-casual-worker",
}
# The categories the IPI mission headcount counts. Government-provided personnel are not in
# it; a sub-category the UN adds later shows as its group (military, police) and counts.
UNIFORMED = ("military-contingent", "military-observer", "staff-officer", "individual-police",
             "formed-police-unit", "military", "police")

# Readable names for the codes these measures produce (pages show them on charts).
VALUE_LABELS = {
    "actor": {"UN": N_("United Nations"), "NG": N_("National government")},
    "stage": {"interim": N_("Interim"), "final": N_("Final")},
    # The UN publishes actions as English words; they are shown as published, translated.
    "action": {name: name for name in (
        N_("Action closed"),
        N_("Administrative"),
        N_("Administrative leave with pay"),
        N_("Administrative leave without pay"),
        N_("Administrative leave without pay (reinstated)"),
        N_("Administrative leave without pay and with pay"),
        N_("Case dismissed"),
        N_("Demotion"),
        N_("Dismissal"),
        N_("Financial sanction"),
        N_("Forcible retirement"),
        N_("Host state action"),
        N_("Jail"),
        N_("N/A"),
        N_("None"),
        N_("Payments suspended"),
        N_("Payments suspended (reimbursed)"),
        N_("Payments suspended (withheld)"),
        N_("Pending"),
        N_("Pending ID of personnel involved"),
        N_("Prior rotation"),
        N_("Repatriation"),
        N_("Separation from service"),
        N_("Subject resigned"),
        N_("Suspension from service"),
        N_("Termination"),
        N_("UN referral to host state"),
    )},
    "personnel-type": {
        "military-contingent": N_("Military contingent"),
        "military-observer": N_("Military observer"), "staff-officer": N_("Staff officer"),
        "individual-police": N_("Individual police (UNPOL)"),
        "formed-police-unit": N_("Formed police unit"),
        "government-provided-personnel": N_("Government-provided personnel"),
        "international-civilian": N_("International civilian staff"),
        "national-staff": N_("National staff"), "un-volunteer": N_("UN volunteer"),
        "contractor": N_("Contractor"), "vendor-employee": N_("Vendor employee"),
        "daily-casual-worker": N_("Daily casual worker"), "military": N_("Military"),
        "police": N_("Police"), "civilian": N_("Civilian"),
    },
}

TWO_CATEGORIES_CAVEAT = ("An allegation against personnel of two categories (or two "
                         "nationalities) counts once in each category (or nationality), and "
                         "once in the total: the groups add up to more than the total.")
NATIONALITY_CAVEAT = ("Nationality is published for uniformed personnel only; allegations "
                      "against civilians, or where it is unknown, have no nationality. Where "
                      "an allegation names two nationalities, each group of perpetrators "
                      "carries its own.")
SMALL_NUMBERS_CAVEAT = ("Cut by nationality (or filtered to a country), a count from 1 to "
                        f"{SMALL_NUMBER - 1}, and any share or median over so few "
                        f"allegations, is shown as 'fewer than {SMALL_NUMBER}', as the UN "
                        "publishes it, never as the number.")
REPORTED_CAVEAT = ("Allegations are dated by the month they were reported to the UN, not the "
                   "month of the incident. The table covers allegations reported from January "
                   "2015.")
SUBSTANTIATED_RULE_EN = (
    "An allegation is substantiated when the investigation substantiated it for at least one "
    "of its perpetrators (any of its published outcomes is 'Substantiated'); it is "
    "unsubstantiated when no outcome is substantiated, none is still pending and at least one "
    "is 'Unsubstantiated'. Allegations with only 'Incomplete' or 'N/A' outcomes, or still "
    "pending without a substantiated finding, are left out.")
SUBSTANTIATED_RULE_FR = (
    "Une allégation est fondée lorsque l'enquête l'a établie pour au moins un de ses auteurs "
    "(l'un de ses résultats publiés est « Substantiated ») ; elle est non fondée lorsqu'aucun "
    "résultat n'est fondé, qu'aucun n'est encore en attente et qu'au moins un est "
    "« Unsubstantiated ». Les allégations dont les seuls résultats sont « Incomplete » ou "
    "« N/A », ou encore en attente sans constat fondé, sont exclues.")


def _rows():
    """One row per group of alleged perpetrators, with its allegation's fields.

    Every allegation has at least one perpetrator row, so counting distinct allegation ids
    over these rows counts each allegation once per group shown.
    """
    a, p = SeaAllegation, SeaPerpetrator
    return (
        select(
            a.id.label("allegation_id"),
            a.mission.label("mission"),
            a.reported_month.label("month"),
            case(PERSONNEL_TYPES, value=p.personnel_type, else_=p.personnel_group)
            .label("personnel_type"),
            p.nationality_iso3.label("nationality"),
            a.investigation_days.label("investigation_days"),
            a.investigation_pending.label("investigation_pending"),
        )
        .join(p, p.allegation_id == a.id)
        .subquery("sea_rows")
    )


def _columns(rows) -> dict:
    c = rows.c
    return {
        "mission": c.mission,
        "country": c.nationality,
        "nationality": c.nationality,
        "month": c.month,
        "year": year_of(c.month),
        "personnel-type": c.personnel_type,
    }


def _allegations(rows):
    return func.count(rows.c.allegation_id.distinct())


def _allegations_where(rows, condition):
    """Distinct allegations among the rows meeting `condition` (NULLs are not counted)."""
    return func.count(case((condition, rows.c.allegation_id)).distinct())


def allegations_query(filters: Filters, by: tuple[str, ...]) -> Select:
    rows = _rows()
    columns = _columns(rows)
    stmt = select(*dimension_columns(by, columns), _allegations(rows).label("numerator"))
    return apply(stmt, filters, columns).group_by(*[columns[d] for d in by])


def allegations_per_1000_query(filters: Filters, by: tuple[str, ...]) -> Select:
    rows = _rows()
    events = (
        select(rows.c.mission, rows.c.month, _allegations(rows).label("n"))
        .where(rows.c.personnel_type.in_(UNIFORMED))
        .group_by(rows.c.mission, rows.c.month)
        .subquery("uniformed_allegations")
    )
    return per_1000_uniformed_query(events, SeaAllegation.reported_month, filters, by)


def _outcomes():
    """Per allegation, whether any published outcome is substantiated, unsubstantiated, pending."""
    r = SeaResult

    def any_of(result: str):
        return func.max(case((r.result == result, 1), else_=0)).label(result)

    return select(r.allegation_id, any_of("substantiated"), any_of("unsubstantiated"),
                  any_of("pending")).group_by(r.allegation_id).subquery("outcomes")


def substantiated_share_query(filters: Filters, by: tuple[str, ...]) -> Select:
    rows = _rows()
    outcomes = _outcomes()
    columns = _columns(rows)
    substantiated = outcomes.c.substantiated == 1
    concluded = or_(substantiated,
                    and_(outcomes.c.pending == 0, outcomes.c.unsubstantiated == 1))
    stmt = select(
        *dimension_columns(by, columns),
        _allegations_where(rows, substantiated).label("numerator"),
        _allegations_where(rows, concluded).label("denominator"),
    ).select_from(rows.outerjoin(outcomes, outcomes.c.allegation_id == rows.c.allegation_id))
    return apply(stmt, filters, columns).group_by(*[columns[d] for d in by])


def pending_share_query(filters: Filters, by: tuple[str, ...]) -> Select:
    rows = _rows()
    columns = _columns(rows)
    stmt = select(
        *dimension_columns(by, columns),
        _allegations_where(rows, rows.c.investigation_pending).label("numerator"),
        _allegations(rows).label("denominator"),
    )
    return apply(stmt, filters, columns).group_by(*[columns[d] for d in by])


def actions_query(filters: Filters, by: tuple[str, ...]) -> Select:
    """Distinct allegations with each published action (stage, actor, action as published)."""
    rows = _rows()
    action = SeaAction
    columns = {**_columns(rows), "stage": action.stage, "actor": action.actor,
               "action": action.action}
    stmt = select(*dimension_columns(by, columns), _allegations(rows).label("numerator")
                  ).select_from(rows.join(action, action.allegation_id == rows.c.allegation_id))
    return apply(stmt, filters, columns).group_by(*[columns[d] for d in by])


def investigation_days_query(filters: Filters, by: tuple[str, ...]) -> Select:
    """Median days per group, in SQL on both engines (SQLite has no percentile function).

    Completed investigations are numbered by duration within each group; the median is the
    middle one (odd count) or the mean of the middle two (even count): the rows whose
    position p satisfies n <= 2p <= n + 2.
    """
    rows = _rows()
    columns = _columns(rows)
    # Nationality is a grain only for the small-numbers rule's blocks (indicators/blocks.py).
    extra = [rows.c.nationality] if "nationality" in by else []
    completed = apply(
        select(rows.c.allegation_id, rows.c.mission, rows.c.month, *extra,
               rows.c.investigation_days.label("days"))
        .where(rows.c.investigation_days.is_not(None), ~rows.c.investigation_pending),
        filters, columns,
    ).distinct().subquery("completed")  # one row per allegation, whatever its perpetrators
    grain = {"mission": completed.c.mission, "year": year_of(completed.c.month),
             **({"nationality": completed.c.nationality} if extra else {})}
    partition = [grain[d] for d in by] or None
    ranked = select(
        *dimension_columns(by, grain),
        completed.c.days,
        func.row_number().over(partition_by=partition, order_by=completed.c.days)
        .label("position"),
        func.count().over(partition_by=partition).label("n"),
    ).subquery("ranked")
    keys = [ranked.c[label(d)] for d in by]
    return (
        select(
            *keys,
            cast(null(), Float).label("numerator"),
            func.max(ranked.c.n).label("denominator"),
            func.avg(cast(ranked.c.days, Float)).label("value"),
        )
        .where(ranked.c.n <= 2 * ranked.c.position, 2 * ranked.c.position <= ranked.c.n + 2)
        .group_by(*keys)
    )


INDICATORS = (
    Indicator(
        slug="sea-allegations",
        title_en="Allegations of sexual exploitation and abuse",
        title_fr="Allégations d'exploitation et d'atteintes sexuelles",
        unit="allegations",
        numerator="allegations of sexual exploitation and abuse, by month reported",
        denominator=None,
        dimensions=("mission", "year", "month", "personnel-type", "nationality"),
        filters=("mission", "country", "period"),
        higher_is_better=False,
        definition_en=("Number of allegations of sexual exploitation and abuse against UN "
                       "personnel in field missions, as listed in the UN table of "
                       "allegations, by month reported. Personnel types are the UN's "
                       "categories: military contingent, military observer, staff officer, "
                       "individual police (UNPOL), formed police unit, government-provided "
                       "personnel, and civilian categories (international staff, national "
                       "staff, UN volunteer, contractor, vendor employee, daily casual "
                       "worker). The country filter selects the perpetrators' nationality."),
        definition_fr=("Nombre d'allégations d'exploitation et d'atteintes sexuelles visant "
                       "du personnel des Nations Unies dans les missions, telles que listées "
                       "dans le tableau des allégations de l'ONU, par mois de signalement. Les "
                       "types de personnel sont les catégories de l'ONU : contingent "
                       "militaire, observateur militaire, officier d'état-major, police "
                       "individuelle (UNPOL), unité de police constituée, personnel fourni par "
                       "des gouvernements, et catégories civiles (personnel international, "
                       "personnel recruté sur le plan national, Volontaire des Nations Unies, "
                       "prestataire, employé de fournisseur, journalier). Le filtre pays "
                       "sélectionne la nationalité des auteurs présumés."),
        sources=SOURCE,
        query=allegations_query,
        suppress_below=SMALL_NUMBER,
        caveats=(TWO_CATEGORIES_CAVEAT, NATIONALITY_CAVEAT, REPORTED_CAVEAT,
                 SMALL_NUMBERS_CAVEAT,
                 "An allegation may involve several perpetrators and victims; this counts "
                 "allegations, not people."),
    ),
    Indicator(
        slug="sea-allegations-per-1000",
        title_en="SEA allegations involving uniformed personnel per 1,000 uniformed personnel",
        title_fr=("Allégations d'exploitation et d'atteintes sexuelles visant du personnel en "
                  "tenue pour 1 000 personnels en tenue"),
        unit="per 1,000 personnel per year",
        numerator=("allegations involving military-contingent, military-observer, "
                   "staff-officer, individual-police or formed-police-unit personnel, in "
                   "mission-months with a headcount"),
        denominator=("person-years of uniformed personnel: the monthly mission headcounts "
                     "summed over the same mission-months, divided by 12"),
        dimensions=("mission", "year"),
        filters=("mission", "period"),
        higher_is_better=False,
        definition_en=("Allegations of sexual exploitation and abuse involving uniformed "
                       "personnel (military contingents, military observers, staff officers, "
                       "individual police and formed police units), by month reported, per "
                       "1,000 uniformed personnel per year: allegations divided by "
                       "person-years (the sum of the missions' monthly uniformed headcounts "
                       "divided by 12), times 1,000, over the mission-months for which a "
                       "headcount exists. At any grain it is a ratio of sums."),
        definition_fr=("Allégations d'exploitation et d'atteintes sexuelles visant du "
                       "personnel en tenue (contingents militaires, observateurs militaires, "
                       "officiers d'état-major, police individuelle et unités de police "
                       "constituées), par mois de signalement, pour 1 000 personnels en tenue "
                       "par an : les allégations divisées par les années-personnes (la somme "
                       "des effectifs mensuels en tenue des missions divisée par 12), "
                       "multipliées par 1 000, sur les mois-missions pour lesquels un effectif "
                       "existe. À tout niveau, c'est un rapport de sommes."),
        sources=("un-sea-allegations", "ipi-mission-totals", "un-dpo-contributions"),
        query=allegations_per_1000_query,
        caveats=(HEADCOUNT_CAVEAT,
                 "The allegations start in January 2015 and the headcount ends in March "
                 "2017, so the rate covers January 2015 to March 2017 only. Allegations in "
                 "a mission-month without an IPI headcount (November 2016, which IPI lacks, "
                 "or a mission IPI does not list) are left out of the numerator as their "
                 "months are of the denominator.",
                 "Government-provided personnel are not counted: the headcount does not "
                 "include them. An allegation against two uniformed categories counts once.",
                 REPORTED_CAVEAT),
    ),
    Indicator(
        slug="sea-substantiated-share",
        title_en="Share of concluded SEA allegations that were substantiated",
        title_fr="Part des allégations d'exploitation et d'atteintes sexuelles jugées fondées",
        unit="percent",
        numerator="concluded allegations found substantiated for at least one perpetrator",
        denominator="concluded allegations (substantiated or unsubstantiated)",
        dimensions=("mission", "year", "personnel-type"),
        filters=("mission", "country", "period"),
        higher_is_better=None,
        definition_en=("Substantiated allegations as a percentage of allegations whose "
                       "investigation reached a conclusion (substantiated or "
                       "unsubstantiated), by month reported. " + SUBSTANTIATED_RULE_EN),
        definition_fr=("Allégations fondées en pourcentage des allégations dont l'enquête a "
                       "abouti (fondées ou non fondées), par mois de signalement. "
                       + SUBSTANTIATED_RULE_FR),
        sources=SOURCE,
        query=substantiated_share_query,
        suppress_below=SMALL_NUMBER,
        caveats=("The UN publishes outcomes per allegation, not per category of personnel: "
                 "an allegation against two categories carries its outcome into both.",
                 "A higher share is neither good nor bad: it reflects the allegations "
                 "received as much as the quality of investigations.",
                 REPORTED_CAVEAT, SMALL_NUMBERS_CAVEAT),
    ),
    Indicator(
        slug="sea-investigation-days",
        title_en="Median duration of completed SEA investigations",
        title_fr="Durée médiane des enquêtes achevées sur l'exploitation et les atteintes "
                 "sexuelles",
        unit="days",
        numerator="median of the investigation durations in days (computed in SQL)",
        denominator="completed investigations (the number the median is taken over)",
        dimensions=("mission", "year"),
        filters=("mission", "country", "period"),
        higher_is_better=False,
        definition_en=("Median number of days the investigation of an allegation took, over "
                       "allegations whose investigation is completed (the UN gives a number "
                       "of days, not 'Pending'), by month the allegation was reported. With "
                       "an even number of investigations it is the mean of the middle two."),
        definition_fr=("Nombre médian de jours qu'a duré l'enquête sur une allégation, sur les "
                       "allégations dont l'enquête est achevée (l'ONU donne un nombre de "
                       "jours, et non « Pending »), par mois de signalement de l'allégation. "
                       "Avec un nombre pair d'enquêtes, c'est la moyenne des deux valeurs "
                       "centrales."),
        sources=SOURCE,
        query=investigation_days_query,
        suppress_below=SMALL_NUMBER,
        caveats=("The duration is as published by the UN, for whichever entity investigated "
                 "(UN OIOS, the contributing country, jointly, the mission...).",
                 "The UN's target duration for investigations was not found, so no target "
                 "is shown.",
                 "Recent years include only the investigations already completed, which "
                 "tend to be the shorter ones.",
                 REPORTED_CAVEAT, SMALL_NUMBERS_CAVEAT),
    ),
    Indicator(
        slug="sea-pending-share",
        title_en="Share of SEA allegations with the investigation pending",
        title_fr="Part des allégations d'exploitation et d'atteintes sexuelles dont l'enquête "
                 "est en cours",
        unit="percent",
        numerator="allegations whose investigation the UN lists as pending",
        denominator="all allegations",
        dimensions=("mission", "year"),
        filters=("mission", "country", "period"),
        higher_is_better=False,
        definition_en=("Allegations whose investigation is still pending (the UN lists the "
                       "investigation's duration as 'Pending') as a percentage of all "
                       "allegations, by month reported, as of the table's date."),
        definition_fr=("Allégations dont l'enquête est encore en cours (l'ONU indique "
                       "« Pending » pour la durée de l'enquête) en pourcentage de toutes les "
                       "allégations, par mois de signalement, à la date du tableau."),
        sources=SOURCE,
        query=pending_share_query,
        suppress_below=SMALL_NUMBER,
        caveats=("An investigation can be completed while the outcome is still pending (for "
                 "example awaiting information from the Member State); such allegations are "
                 "not counted as pending here.",
                 "The table is a snapshot (as of July 2024): recent allegations are more "
                 "likely to be pending.",
                 REPORTED_CAVEAT, SMALL_NUMBERS_CAVEAT),
    ),    Indicator(
        slug="sea-actions",
        title_en="SEA allegations by action taken",
        title_fr="Allégations d'exploitation et d'atteintes sexuelles par mesure prise",
        unit="allegations",
        numerator=("allegations for which the UN table lists the action, at that stage and "
                   "by that actor"),
        denominator=None,
        dimensions=("mission", "year", "stage", "actor", "action"),
        filters=("mission", "country", "period"),
        higher_is_better=None,
        definition_en=("Number of allegations of sexual exploitation and abuse for which the "
                       "UN table of allegations lists an action, by stage (interim, while the "
                       "case is open; final, once it is concluded), by who took it (UN: the "
                       "United Nations; NG: the national government of the personnel) and by "
                       "the action as published (for example repatriation, payments "
                       "suspended, jail, dismissal, or 'Pending'), by month reported."),
        definition_fr=("Nombre d'allégations d'exploitation et d'atteintes sexuelles pour "
                       "lesquelles le tableau des allégations de l'ONU indique une mesure, par "
                       "étape (provisoire, pendant l'affaire ; définitive, une fois conclue), "
                       "par auteur de la mesure (UN : l'Organisation des Nations Unies ; NG : "
                       "le gouvernement national du personnel) et par mesure telle que publiée "
                       "(par exemple rapatriement, suspension des paiements, prison, renvoi, "
                       "ou « Pending »), par mois de signalement."),
        sources=SOURCE,
        query=actions_query,
        suppress_below=SMALL_NUMBER,
        caveats=("An allegation may carry several actions, by the UN and by the national "
                 "government, at both stages: the groups add up to more than the "
                 "allegations.",
                 "Actions are as published, without the number of personnel each applied "
                 "to. 'Pending' means the action is not decided yet; 'None' and 'N/A' are "
                 "listed as the UN gives them, some without an actor.",
                 "The table is a snapshot (as of July 2024): recent allegations are more "
                 "likely to have final actions pending.",
                 REPORTED_CAVEAT, SMALL_NUMBERS_CAVEAT),
    ),
)
