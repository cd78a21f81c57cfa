"""record(event, ...): one audit entry for the request being answered, naming who asked (the
signed-in account or the token's), from which address, and the filters asked for."""

from __future__ import annotations

from flask import g, request

from dashboard.web.context import current_engine
from indicators.audit import write_entry


def record(event: str, what: str = "", filters: str | None = None, who: str = "") -> None:
    """`who` names the person when no account does (the address typed in a failed sign-in).
    `filters` defaults to the request's query string, as the export or download was asked."""
    account = g.get("account")
    write_entry(current_engine(), event,
                account_id=account.id if account is not None else None,
                who=who or (account.email if account is not None else ""),
                what=what,
                filters=request.query_string.decode("utf-8", "replace") if filters is None
                else filters,
                ip=request.remote_addr or "")
