"""What changed in the data over HTTP: GET /api/v1/changes?since=WHEN[&until=VERSION], the
same JSON as `pkdash changes --json`."""

from __future__ import annotations

from flask import Blueprint, Response, request

from dashboard.web.context import current_engine
from dashboard.web.errors import json_response
from indicators.i18n import _

PARAMETERS = ("since", "until", "lang")

blueprint = Blueprint("changes_api", __name__, url_prefix="/api/v1")


@blueprint.get("/changes")
def changes() -> Response:
    """Public, as the figures are: new months, revisions, KPI moves and new allegations."""
    from indicators.changes import changes_between
    from indicators.versions import SinceError, latest_version_id, resolve_since

    for name in request.args:
        if name not in PARAMETERS:
            return _bad(name, request.args[name], _(
                "unknown parameter; expected one of {names}").format(
                    names=", ".join(PARAMETERS[:-1])))
    since = request.args.get("since", "")
    if not since.strip():
        return _bad("since", since, _("required: a date (YYYY-MM-DD), an ISO timestamp or a "
                                      "data version (v3)"))
    engine = current_engine()
    try:
        old = resolve_since(engine, since)
    except SinceError as error:
        return _bad("since", since, str(error))
    until = request.args.get("until")
    try:
        new = resolve_since(engine, until).id if until else latest_version_id(engine)
        found = changes_between(engine, old.id, new)
    except SinceError as error:
        return _bad("until", until or "", str(error))
    return json_response(found.to_dict(), 200)


def _bad(parameter: str, value: str, reason: str) -> Response:
    problem = {"parameter": parameter, "value": value, "reason": reason}
    return json_response({"error": problem, "errors": [problem]}, 400)
