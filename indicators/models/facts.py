"""Facts from real official files, each at its source's own grain."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from indicators.models.base import Base


class Contribution(Base):
    """One line of a monthly UN contributions report: a country's presence in a mission.

    Kept even when every category is empty (the report lists the country with no personnel
    that month), so the record count matches the published file; figures are in Deployment.
    """

    __tablename__ = "contribution"

    month: Mapped[dt.date] = mapped_column(ForeignKey("month.month"), primary_key=True)
    country_iso3: Mapped[str] = mapped_column(ForeignKey("country.iso3"), primary_key=True)
    mission: Mapped[str] = mapped_column(ForeignKey("mission.acronym"), primary_key=True)
    # The report's own all-category total (None when published as NA).
    published_total: Mapped[int | None] = mapped_column(Integer)


class Deployment(Base):
    """Uniformed personnel of one country in one mission and category at a month's end (IPI / UN).

    Women and men are kept beside the published total because the source's total is the
    headcount: in a few rows women + men differ from it.
    """

    __tablename__ = "deployment"

    month: Mapped[dt.date] = mapped_column(ForeignKey("month.month"), primary_key=True)
    country_iso3: Mapped[str] = mapped_column(ForeignKey("country.iso3"), primary_key=True)
    mission: Mapped[str] = mapped_column(ForeignKey("mission.acronym"), primary_key=True)
    category: Mapped[str] = mapped_column(ForeignKey("personnel_category.slug"), primary_key=True)
    women: Mapped[int | None] = mapped_column(Integer)
    men: Mapped[int | None] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_deployment_mission_month", "mission", "month"),
        Index("ix_deployment_country_month", "country_iso3", "month"),
    )


class MissionMonthTotal(Base):
    """Published monthly totals for a whole mission (IPI data_mission.csv, 1990 onwards)."""

    __tablename__ = "mission_month_total"

    month: Mapped[dt.date] = mapped_column(ForeignKey("month.month"), primary_key=True)
    mission: Mapped[str] = mapped_column(ForeignKey("mission.acronym"), primary_key=True)
    troops: Mapped[int | None] = mapped_column(Integer)
    police: Mapped[int | None] = mapped_column(Integer)
    observers: Mapped[int | None] = mapped_column(Integer)
    total: Mapped[int | None] = mapped_column(Integer)
    contributors: Mapped[int | None] = mapped_column(Integer)


class Fatality(Base):
    """One peacekeeping fatality as notified to UN Headquarters (NOTICAS)."""

    __tablename__ = "fatality"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # the UN's record id
    # Not unique: six UNMIK casualties are listed twice, once as nationals of Montenegro and
    # once of Serbia and Montenegro. UN totals count both rows, so both are kept.
    casualty_id: Mapped[str] = mapped_column(String(40), index=True)
    incident_date: Mapped[dt.date] = mapped_column(Date, index=True)
    month: Mapped[dt.date] = mapped_column(ForeignKey("month.month"))
    mission: Mapped[str] = mapped_column(ForeignKey("mission.acronym"), index=True)
    gender: Mapped[str | None] = mapped_column(String(6))  # female | male | None (not stated)
    # None when the UN records the nationality as undetermined.
    nationality_iso3: Mapped[str | None] = mapped_column(ForeignKey("country.iso3"), index=True)
    nationality_name: Mapped[str | None] = mapped_column(String(120))
    personnel_type: Mapped[str] = mapped_column(String(30))  # slug, e.g. military-observer
    incident_type: Mapped[str] = mapped_column(String(30))  # slug, e.g. malicious-act


class DeploymentLocation(Base):
    """A Geo-PKO deployment location in one mission-year, with what was deployed there."""

    __tablename__ = "deployment_location"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mission: Mapped[str] = mapped_column(ForeignKey("mission.acronym"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    location: Mapped[str] = mapped_column(String(120))
    country_name: Mapped[str | None] = mapped_column(String(120))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    # Geo-PKO estimates troops from units seen on UN maps and standard unit sizes.
    troops_estimate: Mapped[float | None] = mapped_column(Float)
    # Counts as Geo-PKO codes them; None where the file says NA.
    infantry: Mapped[int | None] = mapped_column(Integer)
    troops: Mapped[int | None] = mapped_column(Integer)
    reserve: Mapped[int | None] = mapped_column(Integer)
    hq_level: Mapped[int | None] = mapped_column(Integer)
    police_units: Mapped[int | None] = mapped_column(Integer)
    medical_units: Mapped[int | None] = mapped_column(Integer)
    aviation_units: Mapped[int | None] = mapped_column(Integer)
    observer_units: Mapped[int | None] = mapped_column(Integer)


class LocationUnitType(Base):
    """A unit type (engineering, medical, signals...) present at a Geo-PKO location in a year."""

    __tablename__ = "location_unit_type"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mission: Mapped[str] = mapped_column(ForeignKey("mission.acronym"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    location: Mapped[str] = mapped_column(String(120))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    unit_type: Mapped[str] = mapped_column(String(20))  # infantry | engineering | medical | ...
    # As Geo-PKO codes it: for infantry an estimated troop number, for enabling units a size code.
    units: Mapped[int] = mapped_column(Integer)
