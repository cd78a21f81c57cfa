"""Saved briefings: each pack made, with the address and data version it was made from and
its own bytes, so the numbers an official briefed stay available after the data moves on."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from indicators.models.base import Base


class SavedBriefing(Base):
    """One pack. `data_version` is the build it was computed from (indicators.versions); no
    foreign key, so a briefing outlives a pruned version and the tables migrate apart.
    `scope` is the maker's viewer scope when the pack holds restricted figures ("" when it
    holds public figures only): only a viewer of the same scope may open it."""

    __tablename__ = "saved_briefing"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    data_version: Mapped[int | None] = mapped_column(Integer)
    page: Mapped[str] = mapped_column(String(40))
    fmt: Mapped[str] = mapped_column(String(8))
    locale: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text)  # /export/<page>.<fmt>?<query>: makes it again
    page_address: Mapped[str] = mapped_column(Text, default="")  # the page's view, if any
    query: Mapped[str] = mapped_column(Text, default="")  # the filters, as a query string
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(120))
    scope: Mapped[str] = mapped_column(String(240), default="", index=True)
    made_by: Mapped[str] = mapped_column(String(254), default="")
    content: Mapped[bytes] = mapped_column(LargeBinary)
