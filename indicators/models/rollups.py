"""Tables derived from the facts, rewritten whenever their facts change: the one series of
uniformed personnel (IPI, then the UN's reports), so a query reads one indexed table instead of
joining the two sources row by row."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from indicators.models.base import Base


class PersonnelFact(Base):
    """A contributing country's personnel of one category in one mission (or none given) at a
    month's end, from whichever source answers the month (indicators.measures.personnel_rows).
    """

    __tablename__ = "personnel_fact"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    month: Mapped[dt.date] = mapped_column(Date)
    mission: Mapped[str | None] = mapped_column(String(24))
    country_iso3: Mapped[str] = mapped_column(String(3))
    category: Mapped[str] = mapped_column(String(40))
    women: Mapped[int | None] = mapped_column(Integer)
    men: Mapped[int | None] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    has_missions: Mapped[bool] = mapped_column(Boolean)
    has_gender: Mapped[bool] = mapped_column(Boolean)

    __table_args__ = (
        Index("ix_personnel_fact_month", "month"),
        Index("ix_personnel_fact_mission_month", "mission", "month"),
        Index("ix_personnel_fact_country_month", "country_iso3", "month"),
        # Covering, for what no rollup answers: one mission's headcount by contributing country
        # (the /missions contributors panel) is read from the index alone, in country order,
        # instead of looking up every row of the mission.
        Index("ix_personnel_fact_mission_country", "mission", "country_iso3", "month",
              "category", "has_missions", "total"),
    )


class PersonnelMonth(Base):
    """Each month either personnel source reports, with whether it has mission detail and a
    gender split."""

    __tablename__ = "personnel_month"

    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    has_missions: Mapped[bool] = mapped_column(Boolean)
    has_gender: Mapped[bool] = mapped_column(Boolean)


class _PersonnelRollup:
    """The personnel series summed to a coarser grain, rewritten with personnel_fact in the
    same transaction (refresh_personnel). Besides the sums, it keeps what the measures test row
    by row, so every answer equals the base table's: the sum of totals on rows that give women
    (women's share divides by it) and the count of rows with anyone deployed (a country
    contributes when it has one)."""

    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    category: Mapped[str] = mapped_column(String(40), primary_key=True)
    # Properties of the month's source, so kept as they are (never summed over).
    has_missions: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    has_gender: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    women: Mapped[int | None] = mapped_column(Integer)
    men: Mapped[int | None] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    total_with_women: Mapped[int | None] = mapped_column(Integer)
    positive_rows: Mapped[int] = mapped_column(Integer)


class PersonnelByCategory(_PersonnelRollup, Base):
    """Month x category: every mission and country summed."""

    __tablename__ = "personnel_by_category"


class PersonnelByMission(_PersonnelRollup, Base):
    """Month x mission x category: contributing countries summed. Months whose report has no
    mission detail have one row per category with no mission, as in personnel_fact."""

    __tablename__ = "personnel_by_mission"

    # Not a key column: it is NULL for months with no mission detail.
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    month: Mapped[dt.date] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(40))
    has_missions: Mapped[bool] = mapped_column(Boolean)
    has_gender: Mapped[bool] = mapped_column(Boolean)
    mission: Mapped[str | None] = mapped_column(String(24))

    __table_args__ = (Index("ix_personnel_by_mission_mission_month", "mission", "month"),)


class PersonnelByMissionCountry(_PersonnelRollup, Base):
    """Mission x contributing country x category, every month summed: a mission's contributors
    over the whole series (a query with a month, a year or a period reads another table)."""

    __tablename__ = "personnel_by_mission_country"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    month = None  # summed over
    category: Mapped[str] = mapped_column(String(40))
    has_missions: Mapped[bool] = mapped_column(Boolean)
    has_gender: Mapped[bool] = mapped_column(Boolean)
    mission: Mapped[str | None] = mapped_column(String(24))
    country_iso3: Mapped[str] = mapped_column(String(3))

    # Covering: one mission's contributors are read from the index alone (at 100x data a
    # mission has some 30,000 rows here; looking each up in the table cost 100-300 ms).
    __table_args__ = (Index("ix_personnel_by_mission_country_mission", "mission",
                            "country_iso3", "category", "has_missions", "has_gender", "total",
                            "women", "men", "total_with_women", "positive_rows"),)


class PersonnelByCountry(_PersonnelRollup, Base):
    """Month x contributing country x category: missions summed."""

    __tablename__ = "personnel_by_country"

    # First in the primary key, so a country's months are read from it in order.
    country_iso3: Mapped[str] = mapped_column(String(3), primary_key=True)


class PersonnelMonthRun(Base):
    """Each run of consecutive calendar months in which personnel_fact has a row for one
    mission x contributing country x category, with what the measures filter its rows on: the
    month's source's mission detail and gender split, whether the row gives women, whether
    anyone is deployed. The rows' origins expand these into each row's months
    (indicators.origin_runs) instead of reading every month's row (3 million index entries for
    one mission's contributors at 100 times the data)."""

    __tablename__ = "personnel_month_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mission: Mapped[str | None] = mapped_column(String(24))
    country_iso3: Mapped[str] = mapped_column(String(3))
    category: Mapped[str] = mapped_column(String(40))
    has_missions: Mapped[bool] = mapped_column(Boolean)
    has_gender: Mapped[bool] = mapped_column(Boolean)
    gives_women: Mapped[bool] = mapped_column(Boolean)  # women IS NOT NULL
    anyone_deployed: Mapped[bool] = mapped_column(Boolean)  # total > 0
    first_month: Mapped[dt.date] = mapped_column(Date)
    last_month: Mapped[dt.date] = mapped_column(Date)

    # Covering: one mission's runs are read from the index alone (at 100 times the data,
    # 215,000 runs for UNMISS: looking each up in the table took a third of the time).
    __table_args__ = (
        Index("ix_personnel_month_runs_mission", "mission", "country_iso3", "category",
              "has_missions", "has_gender", "gives_women", "anyone_deployed", "first_month",
              "last_month"),
        Index("ix_personnel_month_runs_country", "country_iso3"),
    )


class ReportPagesByMission(Base):
    """The pages of the UN's monthly reports each month x mission x category is printed on
    (every contributing country's row), as "3,7": the rows' origins (indicators.origin_pages)
    read these some 5,500 lines instead of grouping 100,000 report rows on every card.
    Rewritten from report_deployment with the personnel series (refresh_personnel)."""

    __tablename__ = "report_pages_by_mission"

    # Not a key column: it is NULL for months with no mission detail.
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    month: Mapped[dt.date] = mapped_column(Date)
    mission: Mapped[str | None] = mapped_column(String(24))
    category: Mapped[str] = mapped_column(String(40))
    pages: Mapped[str] = mapped_column(String)

    __table_args__ = (Index("ix_report_pages_by_mission_mission_month", "mission", "month"),)
