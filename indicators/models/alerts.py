"""Alerts (issue 17): what each account subscribed to, the changes found for it (one event per
change, kept unique by the database), and each account's secret feed address."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from indicators.models.base import Base


class AlertSubscription(Base):
    """One thing an account wants to hear about: new data for a source, a headline figure
    crossing a threshold (or its target) for some filters, new allegations for a mission or
    a nationality. `last_version` is the data version it was last compared with."""

    __tablename__ = "alert_subscription"
    __table_args__ = (
        CheckConstraint("kind IN ('source', 'kpi', 'allegations')", name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"),
                                            index=True)
    kind: Mapped[str] = mapped_column(String(20))
    # source: the source slug; kpi: the KPI key or indicator slug; allegations: "" (below).
    subject: Mapped[str] = mapped_column(String(60), default="")
    mission: Mapped[str] = mapped_column(String(24), default="")  # allegations of a mission
    nationality: Mapped[str] = mapped_column(String(3), default="")  # ... or of a nationality
    filters: Mapped[str] = mapped_column(Text, default="")  # kpi: the query string
    # kpi: the threshold; None means the indicator's own target.
    threshold: Mapped[float | None] = mapped_column(Float)
    # The page the alert links to (the dashboard chooses it when the subscription is made).
    view_path: Mapped[str] = mapped_column(String(200), default="/")
    locale: Mapped[str] = mapped_column(String(5), default="en")  # of e-mails and entries
    created: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_version: Mapped[int | None] = mapped_column(Integer)
    # kpi: the value and the side of the line ("above" / "below") at last_version.
    last_value: Mapped[float | None] = mapped_column(Float)
    last_side: Mapped[str | None] = mapped_column(String(10))


class AlertEvent(Base):
    """One change for one subscription. The unique (subscription, change key) is what makes a
    change give one event, one e-mail and one feed entry however often the checks run."""

    __tablename__ = "alert_event"
    __table_args__ = (
        UniqueConstraint("subscription_id", "change_key", name="one_event_per_change"),
        CheckConstraint("email IN ('pending', 'sending', 'sent', 'off', 'failed')",
                        name="email"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("alert_subscription.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"),
                                            index=True)
    change_key: Mapped[str] = mapped_column(String(200))
    created: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    old_version: Mapped[int | None] = mapped_column(Integer)
    new_version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(500))  # a path and query on the dashboard
    # The least tier that may read it: a feed never shows an entry its reader's tier lost.
    visibility: Mapped[str] = mapped_column(String(20), default="public")
    email: Mapped[str] = mapped_column(String(10), default="pending")
    email_error: Mapped[str] = mapped_column(Text, default="")


class AlertFeed(Base):
    """An account's secret feed address (feed readers cannot sign in). Kept as it is, not
    hashed: the page shows it again, and it reads no more than the alerts beside it here."""

    __tablename__ = "alert_feed"

    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"),
                                            primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
