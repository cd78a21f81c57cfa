"""Download routes for each panel: /download/<page>/<panel>.csv|xlsx|png|svg with the page's
own query string, so a saved link gives the same numbers (and picture) as the screen."""

from __future__ import annotations

from flask import Blueprint, Response, request

from dashboard.exports.limits import refusal
from dashboard.exports.snapshot import panel_snapshot
from dashboard.panels.spec import find_panel
from dashboard.panels.table import download_headers, file_frame
from dashboard.panels.view import panel_frame
from dashboard.web.audit import record
from dashboard.web.context import current_engine
from dashboard.web.viewer import current_viewer
from indicators.access import check
from indicators.compute import get_indicator
from indicators.filters import FILTER_PARAMETERS
from indicators.i18n import _
from indicators.serialize import to_csv
from indicators.vocabulary import LANGUAGE_PARAMETER, read_filters

blueprint = Blueprint("downloads", __name__)
FORMATS = ("csv", "xlsx", "png", "svg")
IMAGE_TYPES = {"png": "image/png", "svg": "image/svg+xml"}


@blueprint.get("/download/<page>/<key>.<fmt>")
def download(page: str, key: str, fmt: str):
    panel = find_panel(page, key)
    if panel is None or fmt not in FORMATS:
        return no_such_download(f"{page}/{key}.{fmt}")
    engine = current_engine()
    viewer = current_viewer()
    # Before reading anything else: 401/403 naming the chart's indicator (dashboard.web.errors).
    check(get_indicator(panel.indicator), viewer)
    # As strict as the packs: a file that quietly covers more than was asked is worse than none.
    filters, problems = read_filters(request.args.to_dict(flat=False), engine,
                                     (*FILTER_PARAMETERS, LANGUAGE_PARAMETER))
    if problems:
        return refusal(400, _("The download was not made:"), [
            {"parameter": p.parameter, "value": p.value, "reason": p.reason} for p in problems])
    name = f"{page}-{key}"
    if get_indicator(panel.indicator).visibility != "public":  # restricted data: audited
        record("download", what=f"{page}/{key}.{fmt}")
    if fmt == "csv":
        # The API's CSV writer, so a panel download and the API agree cell for cell; only
        # the header row follows the reader's language (the table's column titles).
        frame = file_frame(panel_frame(panel, filters, engine, viewer))
        indicator = get_indicator(panel.indicator)
        text = to_csv(frame, indicator, headers=download_headers(frame, indicator))
        return Response(text, mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    if fmt in IMAGE_TYPES:
        # Drawn on the server by kaleido, with its title, caption and illustrative mark.
        # Imported at the first image asked for, like openpyxl below: a worker that only
        # draws pages does not hold them (benchmarks/worker_memory.py).
        from dashboard.exports.images import snapshot_image

        image = snapshot_image(panel_snapshot(page, key, filters, engine, viewer), fmt)
        return Response(image, mimetype=IMAGE_TYPES[fmt], headers={
            "Content-Disposition": f'attachment; filename="{name}.{fmt}"'})
    # The workbook is the export package's, so a panel download and a briefing pack's sheets
    # say the same about the same numbers.
    from dashboard.exports.workbook import panel_workbook_bytes

    workbook = panel_workbook_bytes(panel_snapshot(page, key, filters, engine, viewer))
    return Response(
        workbook,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})


@blueprint.route("/download/<path:rest>")
def no_such_download(rest: str):
    """404 naming the form of a download's address (not the app's page with a 200)."""
    return refusal(404, _("No download at this address; use /download/PAGE/CHART.FORMAT with "
                          "FORMAT one of {formats}").format(formats=", ".join(FORMATS)))
