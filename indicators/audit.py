"""The audit log: write one entry (sign-in, failed sign-in, sign-out, export, download, API
call) and read them back for the Secretariat."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, func, insert, select

from indicators.accounts import as_utc, now
from indicators.models.accounts import Account, AuditEntry

EVENTS = ("sign-in", "failed-sign-in", "sign-out", "export", "download", "api")


@dataclass(frozen=True)
class AuditRow:
    at: dt.datetime
    who: str
    event: str
    what: str
    filters: str
    ip: str


def write_entry(engine: Engine, event: str, *, account_id: int | None = None, who: str = "",
                what: str = "", filters: str = "", ip: str = "") -> None:
    if event not in EVENTS:
        raise ValueError(f"audit event {event!r}: not one of {', '.join(EVENTS)}")
    # Cut to the columns' sizes: an over-long typed address must not turn a failed sign-in
    # into a 500 (and so into a sign-in that is never recorded).
    with engine.begin() as conn:
        conn.execute(insert(AuditEntry).values(
            at=now(), account_id=account_id, who=who[:254], event=event, what=what[:300],
            filters=filters, ip=ip[:45]))


def read_entries(engine: Engine, since: dt.datetime | None = None,
                 event: str | None = None) -> list[AuditRow]:
    """Oldest first, so the log reads as it happened."""
    query = _where(select(AuditEntry, Account.email), since, event).order_by(
        AuditEntry.at, AuditEntry.id)
    with engine.connect() as conn:
        return [_row(row) for row in conn.execute(query).all()]


def read_page(engine: Engine, since: dt.datetime | None = None, event: str | None = None,
              limit: int = 100, offset: int = 0) -> tuple[list[AuditRow], int]:
    """Newest first, `limit` entries from `offset`, and how many there are in all: what a
    reader scrolling back from today asks for (the web's GET /api/v1/audit)."""
    query = _where(select(AuditEntry, Account.email), since, event).order_by(
        AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit).offset(offset)
    count = _where(select(func.count(AuditEntry.id)), since, event)
    with engine.connect() as conn:
        return [_row(row) for row in conn.execute(query).all()], conn.execute(count).scalar_one()


def _where(query, since: dt.datetime | None, event: str | None):
    query = query.select_from(AuditEntry).join(
        Account, Account.id == AuditEntry.account_id, isouter=True)
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if event is not None:
        query = query.where(AuditEntry.event == event)
    return query


def _row(row) -> AuditRow:
    return AuditRow(at=as_utc(row.at), who=row.email or row.who, event=row.event,
                    what=row.what, filters=row.filters, ip=row.ip)
