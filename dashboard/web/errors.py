"""App-wide answers to failures: 503 with Retry-After when the database does not answer (pages,
callbacks, downloads, API alike), 401/403 naming the indicator a viewer may not see, and 400
naming the fault for a callback request that cannot be used, so no request body gets a 500."""

from __future__ import annotations

import json
from html import escape

from flask import Flask, Response, current_app, request
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException

from indicators.access import NotPermitted
from indicators.i18n import _

# Long enough for PostgreSQL to finish a restart, short enough that a reader's retry comes soon.
RETRY_AFTER_SECONDS = 30
CALLBACK_PATH = "/_dash-update-component"


def database_unavailable_reason() -> str:
    return _("the database is briefly unavailable (restarting, unreachable, or not built yet: "
             "pkdash build); try again in a moment")


def database_unavailable(error: BaseException, as_json: bool | None = None) -> Response:
    """The one 503 every door sends when the database does not answer."""
    current_app.logger.exception("The database did not answer", exc_info=error)
    reason = database_unavailable_reason()
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if as_json is None:
        as_json = _wants_json()
    if as_json:
        return json_response({"error": {"reason": reason}}, 503, headers)
    page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>503</title></head>"
            f"<body><main><h1>{escape(_('Database briefly unavailable'))}</h1>"
            f"<p>{escape(reason)}</p></main></body></html>")
    return Response(page, status=503, mimetype="text/html", headers=headers)


def bad_callback(reason: str) -> Response:
    return json_response({"error": {"parameter": "body", "reason": reason}}, 400)


def json_response(body, status: int, headers: dict | None = None) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status=status,
                    mimetype="application/json", headers=headers)


def register_error_handlers(server: Flask) -> None:
    """Installed on the Flask server, so exports, pages and callbacks share them."""
    server.errorhandler(SQLAlchemyError)(database_unavailable)
    server.errorhandler(NotPermitted)(not_permitted)
    server.errorhandler(Exception)(_unexpected)


def not_permitted(error: NotPermitted) -> Response:
    """401 for an anonymous viewer (signing in may help), 403 for one signed in whose tier
    does not reach the indicator; compute() raised it, whichever door was asked."""
    reason = error.message()
    # RFC 9110: a 401 names how to authenticate; the API's scripts send a token.
    headers = {"WWW-Authenticate": 'Bearer realm="pkdash"'} if error.status == 401 else {}
    if _wants_json() or request.is_json or request.path.startswith("/export/jobs"):
        problem = {"parameter": "indicator", "value": error.slug, "reason": reason}
        return json_response({"error": problem, "errors": [problem]}, error.status, headers)
    return Response(reason + "\n", status=error.status, mimetype="text/plain",
                    headers=headers)


def _unexpected(error: Exception):
    if isinstance(error, HTTPException):
        return error  # a 4xx chosen on purpose (404, 413, 429...) stays as it was
    database_error = _database_cause(error)
    if database_error is not None:
        return database_unavailable(database_error)
    if request.path.endswith(CALLBACK_PATH):
        # Every callback reads its arguments as the page sent them; a body no page could send
        # (a string where a store holds a dict, an unknown panel) fails inside the callback.
        # That is the request's fault: say so, and keep the traceback for the log.
        current_app.logger.warning("Unusable callback request", exc_info=error)
        return bad_callback(_("the values sent to this callback ({output}) cannot be used: "
                              "{kind}: {detail}").format(output=_output_of_body(),
                                                         kind=type(error).__name__,
                                                         detail=str(error)[:200]))
    raise error  # anything else is a bug: Flask's own 500 and the log


def _database_cause(error: BaseException) -> BaseException | None:
    """The database error behind an exception, when a caller wrapped one."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, SQLAlchemyError):
            return error
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return None


def _output_of_body() -> str:
    body = request.get_json(silent=True)
    output = body.get("output") if isinstance(body, dict) else None
    return str(output)[:120] if output else "?"


def _wants_json() -> bool:
    path = request.path
    if path.startswith("/_dash-") or path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"
