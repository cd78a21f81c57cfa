"""The OpenAPI 3.1 description of /api/v1, generated from the indicator catalogue and the
query parameters the API checks, so the description cannot drift from what is served."""

from __future__ import annotations

from dashboard.web.audit_api import MAX_PER_PAGE, PER_PAGE
from indicators.audit import EVENTS
from indicators.catalogue import CATALOGUE
from indicators.filters import GENDERS, MISSION_TYPES
from indicators.vocabulary import LANGUAGE_PARAMETER

MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"
CODE_LISTS = {
    "mission": "Mission acronyms, repeated or comma-separated (any case: osesyria = OSESyria)",
    "country": "ISO 3166 alpha-3 codes of contributing countries, repeated or comma-separated",
    "category": "Personnel category slugs, repeated or comma-separated",
}


def openapi_document(prefix: str) -> dict:
    """The whole description; `prefix` is where the blueprint is mounted (/api/v1)."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Peacekeeping dashboard indicators API", "version": "1",
                 "description": "Read-only: the indicator catalogue, and one indicator "
                                "filtered and grouped, as JSON or CSV. A bad parameter is a "
                                "400 naming it; when the database does not answer, a 503 "
                                "with Retry-After. An indicator whose `visibility` (in the "
                                "catalogue) is member-state or secretariat answers 401 to "
                                "a request that is not signed in, 403 to a viewer whose "
                                "tier does not reach it; a member-state delegation gets its "
                                "own countries' rows only."},
        "servers": [{"url": prefix}],
        "paths": {
            "/indicators": {"get": {
                "operationId": "catalogue", "summary": "Every indicator's metadata",
                "parameters": [_language()],
                "responses": {"200": _json_response("The catalogue", {"type": "array"}),
                              "503": _error_response("The database did not answer")}}},
            "/indicators/{slug}": {"get": _indicator_operation("indicator", "application/json")},
            "/indicators/{slug}.csv": {"get": _indicator_operation("indicator_csv", "text/csv")},
            "/audit": {"get": _audit_operation()},
            "/changes": {"get": _changes_operation()},
        },
        "components": {"schemas": {"Error": _error_schema(), "Provenance": _provenance_schema()}},
    }


def _indicator_operation(operation_id: str, media_type: str) -> dict:
    dimensions = sorted({d for indicator in CATALOGUE.values() for d in indicator.dimensions})
    parameters = [
        {"name": "slug", "in": "path", "required": True,
         "schema": {"type": "string", "enum": list(CATALOGUE)}},
        *[_list_parameter(name, {"type": "string"}, text) for name, text in CODE_LISTS.items()],
        _one("from", {"type": "string", "pattern": MONTH}, "First month, YYYY-MM"),
        _one("to", {"type": "string", "pattern": MONTH}, "Last month, YYYY-MM"),
        _one("gender", {"type": "string", "enum": list(GENDERS)}, "One gender only"),
        _one("mission-type", {"type": "string", "enum": list(MISSION_TYPES)},
             "Peacekeeping operations or special political missions only"),
        _list_parameter("by", {"type": "string", "enum": dimensions},
                        "Dimensions to group by (each indicator lists its own in the catalogue)"),
        _language(),
    ]
    row = {"type": "object", "properties": {
        "provenance": {"$ref": "#/components/schemas/Provenance"}}}
    ok = ({"type": "object", "properties": {"rows": {"type": "array", "items": row}}}
          if media_type == "application/json" else {"type": "string"})
    return {
        "operationId": operation_id,
        "summary": "One indicator, filtered and grouped",
        "parameters": parameters,
        "responses": {
            "200": {"description": "The rows", "content": {media_type: {"schema": ok}}},
            "400": _error_response("A parameter is wrong; the error names it"),
            "401": _error_response("A restricted indicator, and the request is not signed "
                                   "in; the error names the indicator"),
            "403": _error_response("A restricted indicator the signed-in viewer's tier does "
                                   "not reach; the error names the indicator"),
            "404": _error_response("No indicator with this slug"),
            "503": _error_response("The database did not answer; retry after Retry-After"),
        },
    }


def _audit_operation() -> dict:
    entry = {"type": "object", "properties": {
        name: {"type": "string"} for name in ("at", "who", "event", "what", "filters", "ip")}}
    page = {"type": "object", "properties": {
        "entries": {"type": "array", "items": entry}, "page": {"type": "integer"},
        "per_page": {"type": "integer"}, "total": {"type": "integer"},
        "next": {"type": ["string", "null"], "description": "The next page's address"}}}
    return {
        "operationId": "audit",
        "summary": "The audit log (sign-ins, exports and downloads of restricted data, API "
                   "calls with a token), newest first; for the Secretariat only",
        "parameters": [
            _one("since", {"type": "string"}, "From this day or time on (UTC): YYYY-MM-DD "
                                               "or YYYY-MM-DDTHH:MM"),
            _one("event", {"type": "string", "enum": list(EVENTS)}, "Only this kind of entry"),
            _one("page", {"type": "integer", "minimum": 1}, "Page number, from 1"),
            _one("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
                 f"Entries per page (default {PER_PAGE})"),
            _language(),
        ],
        "responses": {
            "200": _json_response("A page of entries", page),
            "400": _error_response("A parameter is wrong; the error names it"),
            "401": _error_response("Not signed in"),
            "403": _error_response("Signed in below the Secretariat"),
            "503": _error_response("The database did not answer; retry after Retry-After"),
        },
    }


def _changes_operation() -> dict:
    listed = {"type": "array", "items": {"type": "object"}}
    change_set = {"type": "object", "required": ["since", "until"], "properties": {
        "since": {"type": "object", "description": "The older data version: id, created_at, "
                                                   "sources (file, sha256, as_of)"},
        "until": {"type": "object", "description": "The newer data version"},
        "new_months": listed, "revisions": listed, "new_allegations": listed,
        "kpi_moves": listed}}
    return {
        "operationId": "changes",
        "summary": "What changed in the data between two data versions: new months per "
                   "source, revised figures (old and new), headline figures that moved or "
                   "crossed their target, new allegations by mission. Each item has a "
                   "stable `key`",
        "parameters": [
            {**_one("since", {"type": "string"}, "A date (YYYY-MM-DD: the data version in "
                                                 "force at the end of that day, UTC), an ISO "
                                                 "timestamp, or a data version (v3 or 3)"),
             "required": True},
            _one("until", {"type": "string"}, "A later data version (default: the latest)"),
            _language(),
        ],
        "responses": {
            "200": _json_response("The changes", change_set),
            "400": _error_response("A parameter is wrong (unknown version, a date before the "
                                   "first build, text that is no date); the error names it"),
            "503": _error_response("The database did not answer; retry after Retry-After"),
        },
    }


def _list_parameter(name: str, item: dict, description: str) -> dict:
    return {"name": name, "in": "query", "description": description, "style": "form",
            "explode": True, "schema": {"type": "array", "items": item}}


def _one(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "query", "description": description, "schema": schema}


def _language() -> dict:
    return _one(LANGUAGE_PARAMETER, {"type": "string", "enum": ["en", "fr"]},
                "Language of titles and error messages")


def _json_response(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error_response(description: str) -> dict:
    return _json_response(description, {"$ref": "#/components/schemas/Error"})


def _error_schema() -> dict:
    problem = {"type": "object", "required": ["reason"],
               "properties": {"parameter": {"type": "string"}, "value": {"type": "string"},
                              "reason": {"type": "string"}}}
    return {"type": "object", "required": ["error"],
            "properties": {"error": problem, "errors": {"type": "array", "items": problem}}}


def _provenance_schema() -> dict:
    """Each JSON row's origin (indicators.origins): its sources, and each file with, for the
    UN's monthly reports, the month and the pages its figures are printed on."""
    file = {"type": "object", "required": ["source", "file", "pages"], "properties": {
        "source": {"type": "string", "description": "Source slug, as in the catalogue"},
        "file": {"type": ["string", "null"],
                 "description": "File name; null when not loaded, or for generated data"},
        "month": {"type": "string", "pattern": MONTH,
                  "description": "The month of a monthly report"},
        "pages": {"type": ["array", "null"], "items": {"type": "integer"},
                  "description": "Pages of the file the figures are printed on; null "
                                 "where the file has no pages or they are not stored"}}}
    return {"type": "object", "required": ["sources", "files"], "properties": {
        "sources": {"type": "array", "items": {"type": "string"}},
        "files": {"type": "array", "items": file}}}
