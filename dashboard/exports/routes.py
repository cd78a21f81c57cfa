"""Export addresses: /export/<page>.<fmt>?<the page's query> renders a pack at once (a stable
link for scripts and bookmarks); /export/jobs starts one in the background for the pages."""

from __future__ import annotations

import dash
from flask import Blueprint, Response, current_app, jsonify, request, send_file, url_for

from dashboard.exports.jobs import ExportJobs
from dashboard.exports.render import render_pack
from dashboard.exports.request import (
    BRIEFING,
    MEDIA_TYPES,
    ExportRequest,
    ExportRequestError,
    build_pack,
    read_export_request,
)
from dashboard.web.context import current_engine
from indicators.i18n import _, use_locale

blueprint = Blueprint("exports", __name__)
JOBS_KEY = "PKDASH_EXPORT_JOBS"


def page_title(page: str) -> str:
    """The page's heading as the navbar names it, in the current language."""
    if page == BRIEFING:
        return _("Briefing pack")
    for entry in dash.page_registry.values():
        if entry["module"].rsplit(".", 1)[-1] == page:
            name = entry["name"]  # registered in English, marked with N_() by the page
            return _(name)
    return page


def render_request(export: ExportRequest, engine, progress=None) -> bytes:
    """The file for a checked request, in the request's language."""
    with use_locale(export.locale):
        pack = build_pack(export, engine, page_title(export.page))
        return render_pack(pack, export.fmt, progress)


@blueprint.get("/export/<page>.<fmt>")
def export_now(page: str, fmt: str):
    try:
        export = read_export_request(page, fmt, request.args.to_dict(flat=False),
                                     current_engine())
    except ExportRequestError as error:
        return _refusal(error)
    content = render_request(export, current_engine())
    return Response(content, mimetype=MEDIA_TYPES[export.fmt], headers={
        "Content-Disposition": f'attachment; filename="{export.filename}"'})


@blueprint.post("/export/jobs")
def start_job():
    """Body (form or JSON): page, format, and the page's query string as `query`."""
    body = request.get_json(silent=True) or request.form.to_dict()
    from urllib.parse import parse_qs

    query = parse_qs(str(body.get("query", "")).lstrip("?"))
    try:
        export = read_export_request(str(body.get("page", "")), str(body.get("format", "")),
                                     query, current_engine())
    except ExportRequestError as error:
        return _refusal(error, as_json=True)
    job = submit_export(export)
    return jsonify(job_payload(job.id)), 202


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
    job, path = jobs.status(job_id), jobs.result(job_id)
    if job is None or path is None:
        return Response(_("This export is not ready, has failed, or has expired."), 404,
                        mimetype="text/plain")
    return send_file(path, mimetype=job.media_type, as_attachment=True,
                     download_name=job.filename)


def export_jobs() -> ExportJobs:
    return current_app.config[JOBS_KEY]


def submit_export(export: ExportRequest):
    """Queue a checked request; the engine is captured now (the job runs outside a request)."""
    engine = current_engine()
    return export_jobs().submit(
        lambda progress: render_request(export, engine, progress),
        export.filename, MEDIA_TYPES[export.fmt], export.locale)


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
