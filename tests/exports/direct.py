"""Numbers for the export tests read straight from the database's tables with plain SQL, not
through indicators.compute, so a pack's numbers are checked against a second derivation."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, text


def _rows(engine: Engine, sql: str, **params) -> list:
    with engine.connect() as connection:
        return list(connection.execute(text(sql), params))


def _year(year: int) -> dict[str, str]:
    return {"first": f"{year}-01-01", "last": f"{year}-12-01"}


def women_share_by_mission(engine: Engine, year: int) -> dict[str, float]:
    """Women as a percentage of uniformed personnel, by mission, over the year's UN monthly
    reports (report_deployment: the years after IPI's file ends have only these)."""
    return {mission: 100 * women / total for mission, women, total in _rows(
        engine, "SELECT mission, SUM(women), SUM(total) FROM report_deployment "
                "WHERE month BETWEEN :first AND :last GROUP BY mission", **_year(year))}


def countries_reported(engine: Engine, year: int) -> int:
    """Contributing countries named in the year's UN monthly reports."""
    ((count,),) = _rows(engine, "SELECT COUNT(DISTINCT country_iso3) FROM report_deployment "
                                "WHERE month BETWEEN :first AND :last", **_year(year))
    return count


def printed_totals(engine: Engine, month: dt.date) -> tuple[int, int]:
    """(women, men) as printed on the month's UN report (its grand total line), which the
    import checks its rows against but does not compute from them."""
    ((women, men),) = _rows(engine, "SELECT printed_women, printed_men FROM monthly_report "
                                    "WHERE month = :month", month=month.isoformat())
    return women, men


def sea_actions(engine: Engine, year: int, stage: str) -> dict[tuple[str, str], int]:
    """Allegations reported in the year with each (action, actor) at this stage."""
    return {(action, actor): count for action, actor, count in _rows(
        engine, "SELECT a.action, a.actor, COUNT(DISTINCT a.allegation_id) FROM sea_action a "
                "JOIN sea_allegation s ON s.id = a.allegation_id WHERE a.stage = :stage "
                "AND s.reported_month BETWEEN :first AND :last GROUP BY a.action, a.actor",
        stage=stage, **_year(year))}


def sea_months(engine: Engine) -> tuple[str, str]:
    """The first and last months ('YYYY-MM') in the SEA table of allegations."""
    ((first, last),) = _rows(engine, "SELECT MIN(reported_month), MAX(reported_month) "
                                     "FROM sea_allegation")
    return str(first)[:7], str(last)[:7]


def training_coverage(engine: Engine, year: int) -> float:
    """Personnel certified as a percentage of personnel deployed in the year (generated)."""
    ((certified, deployed),) = _rows(
        engine, "SELECT SUM(certified), SUM(personnel_deployed) FROM training "
                "WHERE year = :year", year=year)
    return 100 * certified / deployed
