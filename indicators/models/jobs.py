"""Background export jobs kept in the database, so every web host and worker sees the same ones."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Float, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from indicators.models.base import Base


class ExportJob(Base):
    """One pack asked for: its progress while a worker renders it, then the file itself.

    Times are seconds since the epoch, as the folder store writes them, so both stores hand
    the web the same status. `request` is what the worker needs to render the pack again
    (page, format, query, language, address, viewer), as JSON.
    """

    __tablename__ = "export_job"
    __table_args__ = (
        CheckConstraint("state IN ('queued', 'running', 'done', 'failed')", name="state"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    # The same request again (same pack, language, data and viewer) finds this job.
    key: Mapped[str] = mapped_column(String(64), index=True, default="")
    state: Mapped[str] = mapped_column(String(10))
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    what: Mapped[str] = mapped_column(Text, default="")
    filename: Mapped[str] = mapped_column(String(300))
    media_type: Mapped[str] = mapped_column(String(120))
    error: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[float] = mapped_column(Float, index=True)
    finished: Mapped[float] = mapped_column(Float, default=0.0)
    request: Mapped[str] = mapped_column(Text, default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
