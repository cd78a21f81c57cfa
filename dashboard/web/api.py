"""The read-only HTTP API (/api/v1): the indicator catalogue, and one indicator as JSON or CSV."""

from __future__ import annotations

import json

from flask import Blueprint, Flask, Response, g, request
from sqlalchemy.exc import SQLAlchemyError

from dashboard.web.audit import record
from dashboard.web.audit_api import blueprint as audit_api
from dashboard.web.changes_api import blueprint as changes_api
from dashboard.web.context import current_engine
from dashboard.web.errors import database_unavailable as answer_database_unavailable
from dashboard.web.openapi import openapi_document
from dashboard.web.viewer import current_viewer
from indicators.compute import QueryError, compute
from indicators.filters import Problem
from indicators.i18n import _
from indicators.origins import row_origins
from indicators.serialize import catalogue_payload, to_csv, to_payload
from indicators.vocabulary import problem_of, read_request

# Strict where the pages are forgiving: an unknown code or parameter is a 400 naming it, never
# dropped, because a script cannot read a notice on a page.
PREFIX = "/api/v1"
FORMATS = {"": "json", ".json": "json", ".csv": "csv"}

api = Blueprint("api", __name__, url_prefix=PREFIX)


def register_api(server: Flask) -> None:
    server.register_blueprint(audit_api)  # /api/v1/audit, for the Secretariat
    server.register_blueprint(changes_api)  # /api/v1/changes, what changed since a version
    server.register_blueprint(api)


@api.get("/indicators")
def indicators() -> Response:
    return _json(catalogue_payload())


@api.get("/openapi.json")
def openapi() -> Response:
    return _json(openapi_document(PREFIX))


@api.get("/indicators/<string:name>")
def indicator(name: str) -> Response:
    # One rule for <slug> and <slug>.csv: slugs are kebab-case, so a dot can only start a suffix.
    slug, dot, suffix = name.partition(".")
    output = FORMATS.get(dot + suffix)
    if output is None:
        return _errors(404, [Problem("format", suffix, _("expected .csv, .json or no suffix"))])
    query = {key: request.args.getlist(key) for key in request.args}
    try:
        checked = read_request(slug, query, current_engine())
    except QueryError as error:
        return _errors(404, [problem_of(error)])
    if checked.problems:
        return _errors(400, list(checked.problems))
    viewer = current_viewer()
    try:
        # NotPermitted (a restricted indicator) is answered 401/403 by dashboard.web.errors.
        frame = compute(checked.indicator, checked.filters, checked.by, engine=current_engine(),
                        viewer=viewer)
    except QueryError as error:  # compute() checks again; kept so no check can slip into a 500
        return _errors(400, [problem_of(error)])
    if checked.indicator.visibility != "public" and not g.get("via_token"):
        record("download", what=request.path)  # a token's calls are audited as "api"
    if output == "csv":
        return Response(to_csv(frame, checked.indicator), mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{slug}.csv"'})
    origins = row_origins(checked.indicator, checked.filters, checked.by, frame, current_engine(),
                          viewer)
    return _json(to_payload(frame, checked.indicator, checked.filters, origins))


@api.route("/<path:rest>")
def not_found(rest: str) -> Response:
    # Without this, Dash's catch-all page route would answer an API typo with HTML and a 200.
    return _errors(404, [Problem("path", f"{PREFIX}/{rest}", _(
        "no such API endpoint; see {catalogue}").format(catalogue=f"{PREFIX}/indicators"))])


@api.errorhandler(SQLAlchemyError)
def database_unavailable(error: SQLAlchemyError) -> Response:
    # The app-wide 503 (pages, callbacks, downloads say the same), always JSON here.
    return answer_database_unavailable(error, as_json=True)


def _errors(status: int, problems: list[Problem]) -> Response:
    errors = [{"parameter": p.parameter, "value": p.value, "reason": p.reason}
              for p in problems]
    return _json({"error": errors[0], "errors": errors}, status=status)


def _json(body, status: int = 200, headers: dict | None = None) -> Response:
    # json.dumps rather than jsonify: Flask sorts keys, which would shuffle row columns.
    text = json.dumps(body, ensure_ascii=False, allow_nan=False)
    return Response(text, status=status, mimetype="application/json", headers=headers)
