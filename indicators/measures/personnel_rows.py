"""The one place that joins the two sources of uniformed-personnel figures into one series.

IPI's file (compiled from the UN's monthly reports) gives 2009-11 to 2014-08; the UN's own
monthly reports give 2015-01 onward. Each month comes from one source only: the UN's own
report wherever one is loaded for the month, IPI's figures for any other month. So nothing
is counted twice, and IPI still answers when the reports are not loaded. Every measure of
personnel reads through here.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from sqlalchemy import (
    Connection,
    Integer,
    String,
    Subquery,
    case,
    cast,
    delete,
    exists,
    extract,
    func,
    insert,
    literal,
    select,
    union_all,
)

from indicators.models.facts import Deployment, MissionMonthTotal
from indicators.models.reports import MonthlyReport, ReportDeployment
from indicators.models.rollups import (
    PersonnelByCategory,
    PersonnelByCountry,
    PersonnelByMission,
    PersonnelByMissionCountry,
    PersonnelFact,
    PersonnelMonth,
    PersonnelMonthRun,
    ReportPagesByMission,
)
from indicators.rollup_choice import rollups_enabled

# The UN's monthly reports are read from this month on (IPI's file ends with 2014-08, so
# 2014-09 to 2014-12 are in neither).
UN_REPORTS_FROM = dt.date(2015, 1, 1)
SOURCES = ("ipi-gender", "un-dpo-contributions")

NO_MISSION_DETAIL = ("The UN's reports for 2018-03 to 2019-08 and 2023-09 give each country's "
                     "personnel by type but not by mission: those months have no mission "
                     "figures (never counted as zero).")
GENDER_GAPS = ("No gender split is used for 2020-08 (the UN's report prints a wrong one) or "
               "2023-09 (the report gives totals only): women's share leaves those months out.")
SOURCE_PRECEDENCE = ("Figures to 2014-08 are IPI's compilation of the UN reports; from 2015-01 "
                     "they are read from the UN's own monthly reports, which win wherever both "
                     "give a month. 2014-09 to 2014-12 are in neither.")


def _no_report(month_column):
    """True for a month no UN monthly report is loaded for: IPI's figures may answer it."""
    return ~exists().where(MonthlyReport.month == month_column)


# Made once each: a subquery's columns are built on first use (half a millisecond for a
# rollup's), and every personnel query of a page read them again. SQL constructs are immutable,
# so one object serves every statement.
@cache
def personnel_rows(name: str = "personnel", model=PersonnelFact) -> Subquery:
    """Rows of (month, mission or None, country_iso3, category, women, men, total,
    total_with_women, positive_rows, has_missions, has_gender): one per country, mission and
    category at each month's end, as refresh_personnel last wrote them; or the same summed to
    a rollup's grain (`model`, from indicators.rollup_choice), without the columns it sums
    over. total_with_women is the total of the rows that give women (NULL where none does);
    positive_rows counts the rows with anyone deployed."""
    if model is not PersonnelFact:
        return select(*model.__table__.c).subquery(name)
    f = PersonnelFact
    return select(f.month, f.mission, f.country_iso3, f.category, f.women, f.men, f.total,
                  case((f.women.is_not(None), f.total)).label("total_with_women"),
                  case((f.total > 0, 1), else_=0).label("positive_rows"),
                  f.has_missions, f.has_gender).subquery(name)


@cache
def report_months(name: str = "report_months") -> Subquery:
    """Each month either source reports, with whether it has mission detail and gender."""
    m = PersonnelMonth
    return select(m.month, m.has_missions, m.has_gender).subquery(name)


def refresh_personnel(conn: Connection) -> None:
    """Rewrite the personnel series from the two sources' facts, its rollups and runs of months
    from it, and the reports' pages by month, mission and category (report_pages_by_mission);
    every import of either calls it in its own transaction, so the series and the rollups are
    never out of step with the facts (a rejected import leaves all of them as they were)."""
    for model in (*ROLLUPS, PersonnelMonthRun, PersonnelFact, PersonnelMonth,
                  ReportPagesByMission):
        conn.execute(delete(model))
    rows = _personnel_union()
    columns = ["month", "mission", "country_iso3", "category", "women", "men", "total",
               "has_missions", "has_gender"]
    conn.execute(insert(PersonnelFact).from_select(columns, select(*[rows.c[c] for c in columns])))
    months = _report_months_union()
    conn.execute(insert(PersonnelMonth).from_select(
        ["month", "has_missions", "has_gender"],
        select(months.c.month, months.c.has_missions, months.c.has_gender)))
    for model in ROLLUPS:
        _write_rollup(conn, model)
    write_month_runs(conn)
    write_report_pages(conn)


# Every rollup of personnel_fact, rewritten with it.
ROLLUPS = (PersonnelByCategory, PersonnelByMission, PersonnelByMissionCountry,
           PersonnelByCountry)
SUMMED = ("women", "men", "total", "total_with_women", "positive_rows")


def _write_rollup(conn: Connection, model) -> None:
    """personnel_fact summed over the columns `model` does not keep; written in mission and
    country order, so the rows one mission's or country's question reads lie together."""
    base = personnel_rows("personnel_base")
    keys = sorted((c.name for c in model.__table__.c if c.name not in (*SUMMED, "id")),
                  key=lambda name: name not in ("mission", "country_iso3"))
    columns = [base.c[k] for k in keys]
    conn.execute(insert(model).from_select(
        [*keys, *SUMMED],
        select(*columns, *[func.sum(base.c[s]) for s in SUMMED])
        .group_by(*columns).order_by(*columns)))


# What a run of months is kept apart by: the row's codes and what the measures filter rows on.
RUN_KEYS = ("mission", "country_iso3", "category", "has_missions", "has_gender", "gives_women",
            "anyone_deployed")


def write_month_runs(conn: Connection) -> None:
    """personnel_month_runs from personnel_fact: for each mission x country x category (and
    the row's flags), each run of consecutive calendar months it has a row in. Gaps and
    islands: a month's index (year * 12 + month) less its rank among the key's months is the
    same throughout a run and grows at each gap. dense_rank, so a month twice is one month."""
    f = PersonnelFact
    rows = select(f.mission, f.country_iso3, f.category, f.has_missions, f.has_gender,
                  f.women.is_not(None).label("gives_women"),
                  (f.total > 0).label("anyone_deployed"), f.month).subquery("fact_months")
    keys = [rows.c[k] for k in RUN_KEYS]
    index = (cast(extract("year", rows.c.month), Integer) * 12
             + cast(extract("month", rows.c.month), Integer))
    numbered = select(*keys, rows.c.month, (index - func.dense_rank().over(
        partition_by=keys, order_by=rows.c.month)).label("run")).subquery("numbered")
    runs = [numbered.c[k] for k in RUN_KEYS]
    conn.execute(insert(PersonnelMonthRun).from_select(
        [*RUN_KEYS, "first_month", "last_month"],
        select(*runs, func.min(numbered.c.month), func.max(numbered.c.month))
        .group_by(*runs, numbered.c.run).order_by(*runs, numbered.c.run)))


def write_report_pages(conn: Connection) -> None:
    """report_pages_by_mission from report_deployment: each month x mission x category's
    pages, each page once, as "3,7" (the order does not matter: readers sort them)."""
    r = ReportDeployment
    keys = [r.month, r.mission, r.category]
    printed = select(*keys, r.page).distinct().subquery()
    told = [printed.c.month, printed.c.mission, printed.c.category]
    conn.execute(insert(ReportPagesByMission).from_select(
        ["month", "mission", "category", "pages"],
        select(*told, func.aggregate_strings(cast(printed.c.page, String), ","))
        .group_by(*told).order_by(*told)))


def _personnel_union(name: str = "personnel_union") -> Subquery:
    """The series from the facts: IPI for months no UN report answers, the reports from 2015."""
    d, r, m = Deployment, ReportDeployment, MonthlyReport
    ipi = select(
        d.month, d.mission, d.country_iso3, d.category, d.women, d.men, d.total,
        literal(True).label("has_missions"), literal(True).label("has_gender"),
    ).where(_no_report(d.month))
    un = select(
        r.month, r.mission, r.country_iso3, r.category, r.women, r.men, r.total,
        m.has_missions, m.has_gender,
    ).join(m, m.month == r.month).where(r.month >= UN_REPORTS_FROM)
    return union_all(ipi, un).subquery(name)


def _report_months_union(name: str = "report_months_union") -> Subquery:
    d, m = Deployment, MonthlyReport
    ipi = select(d.month, literal(True).label("has_missions"),
                 literal(True).label("has_gender")).where(_no_report(d.month)).distinct()
    un = select(m.month, m.has_missions, m.has_gender).where(m.month >= UN_REPORTS_FROM)
    return union_all(ipi, un).subquery(name)


def mission_month_headcounts(name: str = "mission_headcount") -> Subquery:
    """(mission, month, total): uniformed personnel per mission at each month's end.

    The sum of each UN report's rows for the mission; IPI's published mission totals for months
    no report is loaded for (to 2014-12, and to 2017-03 when the reports are not loaded).
    Months whose report has no mission detail have no row. The reports' sums are read from the
    mission rollup (a month with a report has only the report's rows there), unless rollups
    are switched off (indicators.rollup_choice.base_table_only).
    """
    h, m = MissionMonthTotal, MonthlyReport
    ipi = select(h.mission, h.month, h.total).where(_no_report(h.month))
    r = PersonnelByMission if rollups_enabled() else ReportDeployment
    un = (select(r.mission, r.month, func.sum(r.total).label("total"))
          .join(m, m.month == r.month)
          .where(r.month >= UN_REPORTS_FROM, r.mission.is_not(None), m.has_missions)
          .group_by(r.mission, r.month))
    return union_all(ipi, un).subquery(name)
