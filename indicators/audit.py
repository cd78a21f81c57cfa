"""The audit log: write one entry (sign-in, failed sign-in, sign-out, export, download, API
call) and read them back for the Secretariat."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, insert, select

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
    query = (select(AuditEntry, Account.email)
             .join(Account, Account.id == AuditEntry.account_id, isouter=True)
             .order_by(AuditEntry.at, AuditEntry.id))
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if event is not None:
        query = query.where(AuditEntry.event == event)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [AuditRow(at=as_utc(row.at), who=row.email or row.who, event=row.event,
                     what=row.what, filters=row.filters, ip=row.ip) for row in rows]
