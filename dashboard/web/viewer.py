"""Who is asking: the signed-in viewer of this request (g.viewer), or ANONYMOUS."""

from __future__ import annotations

from flask import g, has_request_context

from indicators.viewer import ANONYMOUS, Viewer


def current_account_id() -> int | None:
    """The signed-in account's id (flask.g.account); None when anonymous or outside a
    request (the command line)."""
    account = g.get("account") if has_request_context() else None
    return account.id if account is not None else None


def current_viewer() -> Viewer:
    """The request's viewer (flask.g.viewer, set at sign-in); ANONYMOUS outside a request."""
    return g.get("viewer", ANONYMOUS) if has_request_context() else ANONYMOUS
