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
    )


class PersonnelMonth(Base):
    """Each month either personnel source reports, with whether it has mission detail and a
    gender split."""

    __tablename__ = "personnel_month"

    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    has_missions: Mapped[bool] = mapped_column(Boolean)
    has_gender: Mapped[bool] = mapped_column(Boolean)
