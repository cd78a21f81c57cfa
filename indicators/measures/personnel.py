"""Uniformed personnel measures (IPI, then the UN's monthly reports): headcount, women's share,
contributing countries."""

from __future__ import annotations

import math
from functools import lru_cache

import pandas as pd
from sqlalchemy import Select, and_, case, distinct, func, literal, select, true, union_all

from indicators.filters import Filters
from indicators.indicator import Indicator
from indicators.measures.personnel_rows import (
    GENDER_GAPS,
    NO_MISSION_DETAIL,
    SOURCE_PRECEDENCE,
    SOURCES,
    personnel_rows,
    report_months,
)
from indicators.measures.sql import apply, dimension_columns, label, mission_type_of, year_of
from indicators.rollup_choice import choose
from indicators.targets import (
    ESTIMATE_RULE,
    TARGET_GROUP,
    UGPS_GROUP_NAMES,
    final_target,
    group_target,
)

TIME_DIMENSIONS = ("year", "month")
SOURCE = SOURCES
STAFF_OFFICER_CAVEAT = ("Reports before 2017-05 have no separate staff-officer figures: staff "
                        "officers were counted within troops.")
MISSION_SUM_CAVEAT = ("Figures are sums of country-mission records. For 2009-11 to 2012-12 "
                      "they are 80-150 below the UN's published grand totals.")


# Names of the UGPS target groups, for the pages' labels and the French catalogue.
VALUE_LABELS = {"ugps-group": UGPS_GROUP_NAMES}


def ugps_group(category):
    """The UGPS target group of a personnel category (staff officers and experts on mission
    are one group, "individual military")."""
    return case(TARGET_GROUP, value=category, else_=None)


def _columns(source) -> dict:
    """The dimensions `source` can answer: a rollup has no mission, country or month column."""
    return dict(_source_columns(source))


# By the subquery itself (personnel_rows and _people_rows make each once): the expressions
# (the mission type's subselects, the UGPS groups' CASE) cost more to build than to compile.
@lru_cache(maxsize=64)
def _source_columns(source) -> dict:
    c = source.c
    columns = {"category": c.category, "ugps-group": ugps_group(c.category)}
    if "month" in c:
        columns.update({"month": c.month, "year": year_of(c.month)})
    if "mission" in c:
        columns.update({"mission": c.mission, "mission-type": mission_type_of(c.mission)})
    if "country_iso3" in c:
        columns["country"] = c.country_iso3
    if "gender" in c:
        columns["gender"] = c.gender
    return columns


def _needs_missions(filters: Filters, by: tuple[str, ...]) -> bool:
    # A mission type is known only where the mission is.
    return (bool(filters.missions or filters.mission_type) or "mission" in by
            or "mission-type" in by)


def _people(filters: Filters, by: tuple[str, ...]):
    """Personnel rows as (month, mission, country, category[, gender], people) for the filters.

    With a gender cut or filter, women and men become rows of their own (months without a
    usable split are left out); otherwise the published total is the headcount (women + men
    differ from it in a few rows). A mission cut or filter leaves out months whose report has
    no mission detail, so they are missing, not zero.
    """
    return _people_rows(choose(filters, by), _needs_missions(filters, by),
                        "gender" in by or bool(filters.gender), filters.gender)


@lru_cache(maxsize=64)
def _people_rows(model, missions: bool, split: bool, gender: str | None):
    """_people's subquery, made once for each thing it depends on."""
    d = personnel_rows(model=model)
    keys = [d.c[k] for k in ("month", "mission", "country_iso3", "category") if k in d.c]
    where = [d.c.has_missions] if missions else []
    if split:
        where.append(d.c.has_gender)
        women = select(*keys, literal("women").label("gender"),
                       d.c.women.label("people")).where(*where)
        men = select(*keys, literal("men").label("gender"), d.c.men.label("people")).where(*where)
        people = union_all(women, men).subquery("people")
        stmt = select(people)
        if gender:
            stmt = stmt.where(people.c.gender == gender)
        people = stmt.subquery("people_filtered")
    else:
        people = select(*keys, d.c.total.label("people")).where(*where).subquery("people")
    return people


def _report_months(filters: Filters, by: tuple[str, ...]):
    """Months the sources report in the period, per time grain: the divisor of a mean headcount.

    Counted over the whole series, not the filtered rows, so a month in which a country had
    nobody in a mission counts as zero, not as missing. Months that cannot answer the question
    (no mission detail, no gender split) are not counted.
    """
    reported = report_months()
    months = select(reported.c.month)
    if _needs_missions(filters, by):
        months = months.where(reported.c.has_missions)
    if "gender" in by or filters.gender:
        months = months.where(reported.c.has_gender)
    months = apply(months, filters, {"month": reported.c.month}).subquery("period_months")
    time_by = [d for d in by if d in TIME_DIMENSIONS]
    columns = {"month": months.c.month, "year": year_of(months.c.month)}
    counts = (select(*dimension_columns(tuple(time_by), columns), func.count().label("months"))
              .select_from(months).group_by(*[columns[d] for d in time_by]))
    return counts.subquery("month_counts"), time_by


def headcount_query(filters: Filters, by: tuple[str, ...]) -> Select:
    """Mean monthly headcount = person-months / report months, both per group."""
    people = _people(filters, by)
    columns = _columns(people)
    sums = apply(
        select(*dimension_columns(by, columns), func.sum(people.c.people).label("numerator")),
        filters, columns,
    ).group_by(*[columns[d] for d in by]).subquery("sums")
    months, time_by = _report_months(filters, by)
    joined = sums.join(months, _join_on(sums, months, time_by))
    return select(*[sums.c[label(d)] for d in by], sums.c.numerator,
                  months.c.months.label("denominator")).select_from(joined)


def _join_on(left, right, time_by):
    """Match the sums to their month counts on the time grain (all rows when there is none)."""
    return and_(true(), *[left.c[label(d)] == right.c[label(d)] for d in time_by])


def women_share_query(filters: Filters, by: tuple[str, ...]) -> Select:
    """Women / all uniformed personnel: a ratio of sums over the months with a gender split."""
    # Always by month: the months counted are reported beside the share.
    d = personnel_rows(model=choose(filters, by, always=("month",)))
    columns = _columns(d)
    # Only rows that give women count in the denominator (total_with_women).
    stmt = select(
        *dimension_columns(by, columns),
        func.sum(d.c.women).label("numerator"),
        func.sum(d.c.total_with_women).label("denominator"),
        func.count(distinct(d.c.month)).label("months"),
    ).where(d.c.has_gender, d.c.total_with_women.is_not(None))
    if _needs_missions(filters, by):
        stmt = stmt.where(d.c.has_missions)
    return apply(stmt, filters, columns).group_by(*[columns[x] for x in by])


def contributing_countries_query(filters: Filters, by: tuple[str, ...]) -> Select:
    d = personnel_rows(model=choose(filters, by, always=("country",)))
    columns = _columns(d)
    stmt = select(*dimension_columns(by, columns),
                  func.count(distinct(d.c.country_iso3)).label("numerator")
                  ).where(d.c.positive_rows > 0)
    if _needs_missions(filters, by):
        stmt = stmt.where(d.c.has_missions)
    return apply(stmt, filters, columns).group_by(*[columns[x] for x in by])


# The DPO's colour code for a contributor in a target group (its monthly "gender parity
# target achievers" report): meets the target; 0.1% or more women; fewer (or none).
PARITY_MET, PARITY_SOME, PARITY_NONE = "met", "some women", "no women"
PARITY_THRESHOLD = 0.1  # percent of women below which the DPO shows a contributor in red
PARITY_RULE = ("Colour code, as in DPO's monthly target achievers report: green where women's "
               "share meets the year's UGPS target; yellow where it is 0.1% or more but below "
               "it; red below 0.1% (in practice, no women).")


def add_ugps_targets(frame: pd.DataFrame, filters: Filters, by: tuple[str, ...]
                     ) -> pd.DataFrame:
    """The year's UGPS target, the 2028 target, the gap in points, the women needed at current
    strength for each, and the DPO colour code, where the target group and year are known for
    the row (cut by them, or fixed by the filters)."""
    rows = _records(frame)
    groups = [_row_group(row, filters) for row in rows]
    targets = [_row_target(row, group, filters) for row, group in zip(rows, groups, strict=True)]
    finals = [final_target(group) if group else None for group in groups]
    target = pd.array([t.percent if t else None for t in targets], dtype="Float64")
    # One frame of the new columns joined once: each column set on the frame costs more than
    # the lists themselves (compute() makes this on every miss of women-share).
    added = pd.DataFrame({
        "target": target,
        "target_status": [t.status if t else None for t in targets],
        "gap_points": frame["value"].array - target,
        "women_needed": pd.array(
            [_women_needed(row, t) for row, t in zip(rows, targets, strict=True)],
            dtype="Int64"),
        "target_2028": pd.array([t.percent if t else None for t in finals], dtype="Float64"),
        "women_needed_2028": pd.array(
            [_women_needed(row, t) for row, t in zip(rows, finals, strict=True)],
            dtype="Int64"),
        "parity": [_parity(row["value"], t) for row, t in zip(rows, targets, strict=True)],
    }, index=frame.index)
    enriched = pd.concat([frame, added], axis=1)
    enriched.attrs = frame.attrs  # concat keeps them only where every frame has the same
    return enriched


# The columns the targets read from a row.
_ROW_COLUMNS = ("ugps-group", "category", "year", "month", "months", "numerator",
                "denominator", "value")


def _records(frame: pd.DataFrame) -> list[dict]:
    """The rows as dicts of the columns the targets read, with to_dict("records")'s values
    (Python numbers, NA), made column by column: to_dict boxes every cell of every column."""
    names = [name for name in _ROW_COLUMNS if name in frame]
    columns = [frame[name].tolist() for name in names]
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]


def _women_needed(row: dict, target) -> int | None:
    """Additional women to reach `target` at the period's mean strength, rounded up."""
    if target is None or not row["months"] or pd.isna(row["denominator"]):
        return None
    strength = row["denominator"] / row["months"]  # mean monthly headcount
    women = row["numerator"] / row["months"]
    return max(0, math.ceil(target.percent / 100 * strength - women - 1e-9))


def _parity(value, target) -> str | None:
    if target is None or value is None or pd.isna(value):
        return None
    if value >= target.percent:
        return PARITY_MET
    return PARITY_SOME if value >= PARITY_THRESHOLD else PARITY_NONE


def _row_group(row: dict, filters: Filters) -> str | None:
    """The row's UGPS target group: cut by it or by category, or fixed by the filters."""
    if row.get("ugps-group"):
        return row["ugps-group"]
    category = row.get("category")
    if category:
        return TARGET_GROUP.get(category)
    chosen = {TARGET_GROUP.get(c) for c in filters.categories}
    return chosen.pop() if len(chosen) == 1 else None


def _row_target(row: dict, group: str | None, filters: Filters):
    year = row.get("year")
    if year is None and row.get("month"):
        year = int(str(row["month"])[:4])
    if (year is None and filters.period_from and filters.period_to
            and filters.period_from.year == filters.period_to.year):
        year = filters.period_from.year
    if group is None or year is None or pd.isna(year):
        return None
    return group_target(group, int(year))


INDICATORS = (
    Indicator(
        slug="uniformed-personnel",
        title_en="Uniformed personnel",
        title_fr="Personnel en tenue",
        unit="persons",
        numerator="person-months: uniformed personnel summed over the monthly reports",
        denominator="months reported in the period",
        dimensions=("mission", "country", "category", "ugps-group", "gender", "year",
                    "month", "mission-type"),
        filters=("mission", "country", "category", "period", "gender"),
        higher_is_better=None,
        definition_en=("Average monthly headcount of uniformed personnel (troops, experts on "
                       "mission, formed police units and individual police) over the period: "
                       "the mean of the month-end snapshots, never their sum."),
        definition_fr=("Effectif mensuel moyen du personnel en tenue (contingents, experts en "
                       "mission, unités de police constituées et policiers hors unités "
                       "constituées) sur la période : la moyenne des effectifs de fin de mois, "
                       "jamais leur somme."),
        sources=SOURCE,
        query=headcount_query,
        caveats=(STAFF_OFFICER_CAVEAT, MISSION_SUM_CAVEAT, SOURCE_PRECEDENCE, NO_MISSION_DETAIL,
                 "A month with no personnel in a group counts as zero in that group's mean."),
    ),
    Indicator(
        slug="women-share",
        title_en="Women as a share of uniformed personnel",
        title_fr="Part des femmes dans le personnel en tenue",
        unit="percent",
        numerator="women deployed, summed over the monthly reports",
        denominator="all uniformed personnel deployed, summed over the same reports",
        dimensions=("mission", "country", "category", "ugps-group", "year", "month",
                    "mission-type"),
        filters=("mission", "country", "category", "period"),
        higher_is_better=True,
        definition_en=("Women as a percentage of uniformed personnel: the sum of women over "
                       "the sum of all personnel at the grain shown (a ratio of sums, never an "
                       "average of percentages), compared with the Uniformed Gender Parity "
                       "Strategy target for the category and year."),
        definition_fr=("Les femmes en pourcentage du personnel en tenue : somme des femmes "
                       "sur la somme de tout le personnel au niveau affiché (un rapport de "
                       "sommes, jamais une moyenne de pourcentages), comparée à la cible de la "
                       "Stratégie sur la parité des genres pour la catégorie et l'année."),
        sources=SOURCE,
        query=women_share_query,
        caveats=(STAFF_OFFICER_CAVEAT, ESTIMATE_RULE,
                 "Women needed = additional women to reach the target at the period's mean "
                 "strength, rounded up.",
                 "UGPS target groups: staff officers and experts on mission share one target "
                 "(individual military).", PARITY_RULE,
                 GENDER_GAPS, SOURCE_PRECEDENCE, NO_MISSION_DETAIL),
        enrich=add_ugps_targets,
        has_target=True,
    ),
    Indicator(
        slug="contributing-countries",
        title_en="Contributing countries",
        title_fr="Pays contributeurs",
        unit="countries",
        numerator="distinct countries with at least one person deployed",
        denominator=None,
        dimensions=("mission", "category", "year", "month", "mission-type"),
        filters=("mission", "country", "category", "period"),
        higher_is_better=None,
        definition_en=("Number of countries with uniformed personnel deployed at any month-end "
                       "in the period."),
        definition_fr=("Nombre de pays ayant du personnel en tenue déployé à au moins une fin "
                       "de mois de la période."),
        sources=SOURCE,
        query=contributing_countries_query,
        caveats=(MISSION_SUM_CAVEAT, SOURCE_PRECEDENCE, NO_MISSION_DETAIL),
    ),
)
