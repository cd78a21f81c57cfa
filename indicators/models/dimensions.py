"""Shared dimensions: missions, contributing countries, personnel categories, months."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from indicators.models.base import Base


class Mission(Base):
    """A UN mission, keyed by its acronym as the UN publishes it (MINUSCA, UNMISS...)."""

    __tablename__ = "mission"

    acronym: Mapped[str] = mapped_column(String(24), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    # True when the mission is in the UN's list of peacekeeping operations (DPPADPOSS-PKO);
    # other acronyms (special political missions such as UNAMA) enter through other sources.
    is_peacekeeping: Mapped[bool] = mapped_column(Boolean, default=False)
    lead_department: Mapped[str | None] = mapped_column(String(20))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    active: Mapped[bool | None] = mapped_column(Boolean)
    hq: Mapped[str | None] = mapped_column(String(100))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    region: Mapped[str | None] = mapped_column(String(60))
    continent: Mapped[str | None] = mapped_column(String(40))
    host_country_iso3: Mapped[str | None] = mapped_column(String(3))
    # Which source last described this mission (the PKO list wins over others).
    described_by: Mapped[str | None] = mapped_column(String(40))


class Country(Base):
    """A member state (or historic state such as Yugoslavia) by ISO 3166-1 alpha-3 code."""

    __tablename__ = "country"

    iso3: Mapped[str] = mapped_column(String(3), primary_key=True)
    m49: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120))
    historic: Mapped[bool] = mapped_column(Boolean, default=False)


class PersonnelCategory(Base):
    """A category of uniformed personnel, grouped as military or police."""

    __tablename__ = "personnel_category"

    slug: Mapped[str] = mapped_column(String(30), primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    group: Mapped[str] = mapped_column(String(10))  # "military" or "police"
    position: Mapped[int] = mapped_column(Integer)
    definition: Mapped[str] = mapped_column(String(400))


class Month(Base):
    """A calendar month, keyed by its first day; facts at monthly grain point here."""

    __tablename__ = "month"

    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    month_number: Mapped[int] = mapped_column(Integer)
