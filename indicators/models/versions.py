"""Data versions: one row per build, each source's file then, and the fact history between
builds stored as differences (never copies), with the headline KPIs of each version."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from indicators.models.base import Base


class DataVersion(Base):
    """One `pkdash build`: the data as it stood when the build's transaction committed."""

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class DataVersionSource(Base):
    """A source as one data version had it: its file, checksum, and the months it covered."""

    __tablename__ = "data_version_source"

    version_id: Mapped[int] = mapped_column(ForeignKey("data_version.id"), primary_key=True)
    source: Mapped[str] = mapped_column(String(40), primary_key=True)
    file_name: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    as_of: Mapped[dt.date | None] = mapped_column(Date)
    # "YYYY-MM,YYYY-MM,..." - a few hundred months at most: one text, not one row per month.
    months: Mapped[str] = mapped_column(Text, default="")


class FactChange(Base):
    """One fact that a version added, revised or withdrew compared with the version before it.

    Rows of months that are new in the version are not listed one by one: the version's month
    list says which months are new."""

    __tablename__ = "fact_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("data_version.id"))
    domain: Mapped[str] = mapped_column(String(20))  # personnel | allegation
    source: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(10))  # added | revised | withdrawn
    month: Mapped[dt.date | None] = mapped_column(Date)
    mission: Mapped[str | None] = mapped_column(String(24))
    country_iso3: Mapped[str | None] = mapped_column(String(3))
    category: Mapped[str | None] = mapped_column(String(40))
    # Allegations: a fingerprint of the fields the UN never revises, and the rank among equal
    # fingerprints (the UN's row numbers shift whenever a row is inserted).
    allegation_key: Mapped[str | None] = mapped_column(String(40))
    field: Mapped[str | None] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_fact_change_version", "version_id", "domain"),)


class KpiSnapshot(Base):
    """A headline figure as one version gave it, with its target then."""

    __tablename__ = "kpi_snapshot"

    version_id: Mapped[int] = mapped_column(ForeignKey("data_version.id"), primary_key=True)
    indicator: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[float | None] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)
    month: Mapped[dt.date | None] = mapped_column(Date)
