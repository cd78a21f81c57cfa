"""The audit log for the Secretariat over HTTP: GET /api/v1/audit, newest first, by pages."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, request, url_for

from dashboard.web.context import current_engine
from dashboard.web.errors import json_response
from dashboard.web.viewer import current_viewer
from indicators.access import viewer_words
from indicators.audit import EVENTS, read_page
from indicators.i18n import _

PER_PAGE, MAX_PER_PAGE = 100, 500
PARAMETERS = ("since", "event", "page", "per_page", "lang")

blueprint = Blueprint("audit_api", __name__, url_prefix="/api/v1")


class BadParameter(ValueError):
    def __init__(self, parameter: str, value: str, reason: str):
        self.problem = {"parameter": parameter, "value": value, "reason": reason}
        super().__init__(reason)


@blueprint.get("/audit")
def audit_log() -> Response:
    """Who did what, when, with which filters. 401 not signed in, 403 below the Secretariat:
    the log names people and what they took, so a delegation does not read another's."""
    viewer = current_viewer()
    if viewer.tier != "secretariat":
        signed_in = viewer.tier != "public"
        reason = (_("The audit log is for the Secretariat; {who} may not read it").format(
            who=viewer_words(viewer)) if signed_in
            else _("The audit log is for the Secretariat; sign in (or send an API token) "
                   "to read it"))
        problem = {"parameter": "path", "value": request.path, "reason": reason}
        headers = {} if signed_in else {"WWW-Authenticate": 'Bearer realm="pkdash"'}
        return json_response({"error": problem, "errors": [problem]}, 403 if signed_in else 401,
                             headers)
    try:
        since, event, page, per_page = _read_arguments()
    except BadParameter as bad:
        return json_response({"error": bad.problem, "errors": [bad.problem]}, 400)
    rows, total = read_page(current_engine(), since, event, per_page, (page - 1) * per_page)
    more = page * per_page < total
    return json_response({
        "entries": [{"at": row.at.strftime("%Y-%m-%dT%H:%M:%SZ"), "who": row.who,
                     "event": row.event, "what": row.what, "filters": row.filters,
                     "ip": row.ip} for row in rows],
        "page": page, "per_page": per_page, "total": total,
        "next": url_for("audit_api.audit_log", **{**_kept(), "page": page + 1})
        if more else None,
    }, 200)


def _kept() -> dict[str, str]:
    return {name: request.args[name] for name in ("since", "event", "per_page", "lang")
            if name in request.args}


def _read_arguments() -> tuple[dt.datetime | None, str | None, int, int]:
    for name in request.args:
        if name not in PARAMETERS:
            raise BadParameter(name, request.args[name], _(
                "unknown parameter; expected one of {names}").format(
                    names=", ".join(PARAMETERS[:-1])))
    since = None
    if "since" in request.args:
        value = request.args["since"]
        try:
            since = dt.datetime.fromisoformat(value)
        except ValueError:
            raise BadParameter("since", value, _(
                "{value!r} is not a day (YYYY-MM-DD) or a time (YYYY-MM-DDTHH:MM)").format(
                    value=value)) from None
        since = since if since.tzinfo else since.replace(tzinfo=dt.UTC)
    event = request.args.get("event")
    if event is not None and event not in EVENTS:
        raise BadParameter("event", event, _("expected one of {names}").format(
            names=", ".join(EVENTS)))
    return since, event, _whole("page", 1, None), _whole("per_page", PER_PAGE, MAX_PER_PAGE)


def _whole(name: str, default: int, most: int | None) -> int:
    value = request.args.get(name)
    if value is None:
        return default
    if not value.isdigit() or int(value) < 1 or (most is not None and int(value) > most):
        raise BadParameter(name, value, _("expected a whole number from 1 to {most}").format(
            most=most) if most else _("expected a whole number, 1 or more"))
    return int(value)
