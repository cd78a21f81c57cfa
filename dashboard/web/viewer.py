"""Who is asking: the signed-in viewer of this request (g.viewer), or ANONYMOUS."""

from __future__ import annotations

from flask import g, has_request_context

from indicators.viewer import ANONYMOUS, Viewer


def current_viewer() -> Viewer:
    """The request's viewer (flask.g.viewer, set at sign-in); ANONYMOUS outside a request."""
    return g.get("viewer", ANONYMOUS) if has_request_context() else ANONYMOUS
