"""Who may sign in: accounts, their API tokens (hashed), and the audit log of who did what."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from indicators.models.base import Base


class Account(Base):
    """A person who signs in. `countries` (space-separated ISO3) bind a member-state account
    to the delegations whose restricted rows it sees; no foreign key to `country`, so accounts
    can be made before the first build fills that table."""

    __tablename__ = "account"
    __table_args__ = (
        CheckConstraint("tier IN ('public', 'member-state', 'secretariat')", name="tier"),
        # A delegation without a country would see nothing restricted and be refused by
        # Viewer: better refused when the row is written.
        CheckConstraint("tier != 'member-state' OR countries != ''", name="countries"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-case
    display_name: Mapped[str] = mapped_column(String(200))
    tier: Mapped[str] = mapped_column(String(20))
    countries: Mapped[str] = mapped_column(String(200), default="")
    # None: the account signs in through the identity provider only.
    password_hash: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ApiToken(Base):
    """A token for scripts. Only its SHA-256 is kept: the token itself is shown once."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    created: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_used: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class AuditEntry(Base):
    """One sign-in, failed sign-in, sign-out, export, download or API call."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    # Null for a failed sign-in with an unknown address, or an anonymous download.
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), index=True)
    who: Mapped[str] = mapped_column(String(254), default="")  # as typed or signed in
    event: Mapped[str] = mapped_column(String(20), index=True)
    what: Mapped[str] = mapped_column(String(300), default="")  # indicator, page, format
    filters: Mapped[str] = mapped_column(Text, default="")  # the query string as asked
    ip: Mapped[str] = mapped_column(String(45), default="")
