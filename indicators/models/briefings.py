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
    holds public figures only): only a viewer of the same scope may open it. `token` is the
    random public name in its address (/briefings/<token>), so addresses cannot be guessed
    from one another; `account_id` is its maker's account (None: anonymous or the command
    line). `content` is None once the file's bytes were pruned (the record stays)."""

    __tablename__ = "saved_briefing"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token: Mapped[str] = mapped_column(String(32), unique=True)
    account_id: Mapped[int | None] = mapped_column(Integer, index=True)
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
    size: Mapped[int] = mapped_column(Integer, default=0)  # the file's bytes, kept or not
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    content_dropped: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
