"""Where loaded data came from: the current version of each source, and the log of every import."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from indicators.models.base import Base


class SourceVersion(Base):
    """The version of a source currently in the database: one row per source slug."""

    __tablename__ = "source_version"

    source: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    publisher: Mapped[str] = mapped_column(String(200))
    file_name: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    as_of: Mapped[dt.date | None] = mapped_column(Date)
    coverage_start: Mapped[dt.date | None] = mapped_column(Date)
    coverage_end: Mapped[dt.date | None] = mapped_column(Date)
    rows_loaded: Mapped[int] = mapped_column(Integer)
    illustrative: Mapped[bool] = mapped_column(Boolean, default=False)
    citation: Mapped[str] = mapped_column(Text, default="")
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ImportLog(Base):
    """One import of one file: what was read, loaded, and set aside by which rule."""

    __tablename__ = "import_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(40), index=True)
    file_name: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12))  # loaded | replaced | rejected
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_loaded: Mapped[int] = mapped_column(Integer, default=0)
    rows_set_aside: Mapped[int] = mapped_column(Integer, default=0)
    # JSON object {rule: count}: each documented rule that set rows aside, and how many.
    set_aside_detail: Mapped[str] = mapped_column(Text, default="{}")
    message: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
