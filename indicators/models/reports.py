"""Facts from the UN's monthly contribution reports (PDF, 2015 onward): one report per month."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from indicators.models.base import Base


class MonthlyReport(Base):
    """One loaded monthly report: its file, its layout, what it lacks, and its printed totals.

    A month's detail is what its report gives: `has_missions` False means the report gives
    country x type only (2018-03 to 2019-08, 2023-09), so mission questions for that month have
    no answer, never a zero. `gender_note` says why a printed gender split is not used.
    """

    __tablename__ = "monthly_report"

    month: Mapped[dt.date] = mapped_column(ForeignKey("month.month"), primary_key=True)
    report_date: Mapped[dt.date] = mapped_column()
    # How the date was known: "printed" in the file, or "file name" when the file prints none.
    date_from: Mapped[str] = mapped_column(String(12))
    file_name: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    layout: Mapped[str] = mapped_column(String(4))
    pages: Mapped[int] = mapped_column(Integer)
    has_missions: Mapped[bool] = mapped_column(Boolean)
    has_gender: Mapped[bool] = mapped_column(Boolean)
    gender_note: Mapped[str | None] = mapped_column(Text)
    printed_men: Mapped[int | None] = mapped_column(Integer)
    printed_women: Mapped[int | None] = mapped_column(Integer)
    printed_total: Mapped[int | None] = mapped_column(Integer)
    rows: Mapped[int] = mapped_column(Integer)
    people_set_aside: Mapped[int] = mapped_column(Integer, default=0)


class ReportDeployment(Base):
    """A country's uniformed personnel of one type in one mission (or none given) at a month's end,
    as a monthly report prints it. Women and men are None where the report has no usable split.
    """

    __tablename__ = "report_deployment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    month: Mapped[dt.date] = mapped_column(ForeignKey("monthly_report.month"))
    mission: Mapped[str | None] = mapped_column(ForeignKey("mission.acronym"))
    country_iso3: Mapped[str] = mapped_column(ForeignKey("country.iso3"))
    category: Mapped[str] = mapped_column(ForeignKey("personnel_category.slug"))
    women: Mapped[int | None] = mapped_column(Integer)
    men: Mapped[int | None] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    page: Mapped[int] = mapped_column(Integer)  # where in the file the row is printed

    __table_args__ = (
        Index("ix_report_deployment_month", "month"),
        Index("ix_report_deployment_mission_month", "mission", "month"),
        Index("ix_report_deployment_country_month", "country_iso3", "month"),
    )
