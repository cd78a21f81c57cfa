"""Export addresses: /export/<page>.<fmt>?<the page's query> (a stable link for scripts and
bookmarks) and POST /export/jobs both start a pack in the background, or find it started."""

from __future__ import annotations

import dataclasses
import hashlib
import io
from urllib.parse import parse_qs, urlsplit

from flask import Blueprint, Response, current_app, jsonify, redirect, request, send_file, url_for

from dashboard.exports.address import public_base
from dashboard.exports.jobs import ExportJobs, JobRefused
from dashboard.exports.limits import refusal
from dashboard.exports.pack_job import (  # noqa: F401 — the last two re-exported (CLI, tests)
    PackRenderer,
    page_title,
    render_request,
)
from dashboard.exports.request import (
    MEDIA_TYPES,
    PROFILE,
    ExportRequest,
    ExportRequestError,
    exportable_pages,
    read_export_request,
)
from dashboard.panels.spec import find_panel, seen_by
from dashboard.settings import ExportLimits
from dashboard.web.audit import record
from dashboard.web.context import SETTINGS_KEY, current_engine
from dashboard.web.viewer import current_account_id, current_viewer
from indicators.compute import data_version, get_indicator
from indicators.country_restricted import may_include
from indicators.i18n import _

blueprint = Blueprint("exports", __name__)
JOBS_KEY = "PKDASH_EXPORT_JOBS"
JOB_FIELDS = ("page", "format", "query")
POLL_SECONDS = 2  # what a script is told to wait before asking for the job's status again


@blueprint.get("/export/<page>.<fmt>")
def export_now(page: str, fmt: str):
    """Start the pack in the background (or find it already started): 202 with the job's
    status, or 303 to the file once it is made. Never rendered in the request itself."""
    try:
        export = read_export_request(page, fmt, request.args.to_dict(flat=False),
                                     current_engine(), export_limits().charts,
                                     current_viewer())
        job = submit_export(export)
    except ExportRequestError as error:
        return _refusal(error)
    except JobRefused as refused:
        return job_refusal(refused)
    payload = job_payload(job.id)
    if payload["file_url"]:
        return redirect(payload["file_url"], 303)
    return jsonify(payload), 202, {"Location": payload["status_url"],
                                   "Retry-After": str(POLL_SECONDS)}


@blueprint.post("/export/jobs")
def start_job():
    """JSON body {"page", "format", "query"}: the page's query string as a string."""
    refused = body_refusal()
    if refused is not None:
        return refused
    body = request.get_json()
    query = parse_qs(body.get("query", "").lstrip("?"))
    try:
        export = read_export_request(body.get("page", ""), body.get("format", ""), query,
                                     current_engine(), export_limits().charts,
                                     current_viewer())
        job = submit_export(export)
    except ExportRequestError as error:
        return _refusal(error, as_json=True)
    except JobRefused as refused:
        return job_refusal(refused)
    payload = job_payload(job.id)
    return jsonify(payload), 202, {"Location": payload["status_url"]}


def body_refusal():
    """403 for a post from another site, 415 for a body that is not JSON, 400 for JSON that
    is not {"page": str, "format": str, "query": str}; None when the body is fine."""
    origin = request.headers.get("Origin")
    if (origin and urlsplit(origin).netloc != request.host) or \
            request.headers.get("Sec-Fetch-Site") == "cross-site":
        return refusal(403, _("Exports are started from this site only; Origin {origin} is "
                              "another site").format(origin=origin or "?"))
    if not request.is_json:
        return refusal(415, _("Send the job as JSON (Content-Type: application/json)"))
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return refusal(400, _("The body must be a JSON object with page, format and query"))
    problems = [{"parameter": name, "value": str(body[name])[:100],
                 "reason": _("unknown field; expected page, format and query")}
                for name in body if name not in JOB_FIELDS]
    problems += [{"parameter": name, "value": str(body[name])[:100],
                  "reason": _("expected a string, e.g. \"mission=MONUSCO&from=2013-01\"")}
                 for name in JOB_FIELDS if name in body and not isinstance(body[name], str)]
    if problems:
        return refusal(400, _("The export was not made."), problems)
    return None


def job_refusal(refused: JobRefused):
    """429 with Retry-After, naming the limit that was reached."""
    return refusal(429, refused_message(refused), retry_after=refused.retry_after)


def refused_message(refused: JobRefused) -> str:
    if refused.limit == "PKDASH_EXPORT_MAX_QUEUED":
        message = _("Too many exports are waiting: at most {count} at once "
                    "(PKDASH_EXPORT_MAX_QUEUED); try again shortly").format(count=refused.value)
    elif refused.store == "database":
        # With a broker the files are rows of export_job: "folder" would send an operator
        # looking at a disk that is not full.
        message = _("The export store in the database is full: at most {size} bytes "
                    "(PKDASH_EXPORT_MAX_BYTES); older packs expire after six hours").format(
                        size=refused.value)
    else:
        message = _("The export folder is full: at most {size} bytes "
                    "(PKDASH_EXPORT_MAX_BYTES); older packs expire after six hours").format(
                        size=refused.value)
    return message


@blueprint.route("/export/<path:rest>")
def no_such_export(rest: str):
    # Without this, Dash's catch-all page route answers any other /export/ path (such as
    # ..%2F..%2Fetc%2Fpasswd.pdf) with the app's page and a 200.
    return refusal(404, _("No export at this address; use /export/PAGE.FORMAT with PAGE one "
                          "of {names}").format(names=", ".join(exportable_pages())))


@blueprint.get("/export/jobs/<job_id>")
def job_status(job_id: str):
    payload = job_payload(job_id)
    if payload is None:
        return jsonify({"error": _("no export job with this id (finished jobs are kept for "
                                   "six hours)")}), 404
    return jsonify(payload)


@blueprint.get("/export/jobs/<job_id>/file")
def job_file(job_id: str):
    jobs = export_jobs()
    job, content = jobs.status(job_id), jobs.result(job_id)
    if job is None or content is None:
        return Response(_("This export is not ready, has failed, or has expired."), 404,
                        mimetype="text/plain")
    return send_file(io.BytesIO(content), mimetype=job.media_type, as_attachment=True,
                     download_name=job.filename)


def export_jobs() -> ExportJobs:
    return current_app.config[JOBS_KEY]


def export_limits() -> ExportLimits:
    return current_app.config[SETTINGS_KEY].limits


def submit_export(export: ExportRequest):
    """Queue a checked request, or find the same one already queued or made (same pack, same
    language, same data); the engine is captured now (the job runs outside a request)."""
    engine = current_engine()
    # The public address is read now (the job runs outside a request) and is part of the key:
    # the title slide prints it, so packs made for two addresses are two files.
    # Who asked, too: the pack is kept as that account's saved briefing.
    export = dataclasses.replace(export, base_url=export.base_url or public_base(),
                                 account_id=current_account_id())
    if any(get_indicator(find_panel(*chart).indicator).visibility != "public"
           for chart in export.charts if seen_by((find_panel(*chart),), export.viewer)):
        record("export", what=export.address)  # a pack with restricted figures: audited
    elif export.page == PROFILE and may_include(export.filters.countries[0], export.viewer):
        record("export", what=export.address)  # a one-pager with the country's restricted ones
    # The viewer's scope too: the same address asked by two delegations is two packs.
    key = hashlib.sha256(f"{export.base_url}|{export.address}|{export.locale}|"
                         f"{data_version(engine)}|{export.viewer.cache_key}|"
                         f"{export.account_id}".encode()
                         ).hexdigest()
    return export_jobs().submit(PackRenderer(export, engine), export.filename,
                                MEDIA_TYPES[export.fmt], export.locale, key=key)


def job_payload(job_id: str) -> dict | None:
    job = export_jobs().status(job_id)
    if job is None:
        return None
    return {
        "id": job.id, "state": job.state, "done": job.done, "total": job.total,
        "percent": job.percent, "what": job.what, "error": job.error,
        "filename": job.filename,
        "status_url": url_for("exports.job_status", job_id=job.id),
        "file_url": url_for("exports.job_file", job_id=job.id) if job.state == "done" else None,
    }


def _refusal(error: ExportRequestError, as_json: bool = False):
    problems = [{"parameter": p.parameter, "value": p.value, "reason": p.reason}
                for p in error.problems]
    if as_json:
        return jsonify({"error": _("The export was not made."), "problems": problems}), \
            error.status
    text = _("The export was not made:") + "\n" + "\n".join(f"- {p}" for p in error.problems)
    return Response(text + "\n", error.status, mimetype="text/plain; charset=utf-8")
