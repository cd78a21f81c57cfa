"""Download routes for each panel: /download/<page>/<panel>.csv|xlsx|png|svg with the page's
own query string, so a saved link gives the same numbers (and picture) as the screen."""

from __future__ import annotations

from flask import Blueprint, Response, abort, request

from dashboard.exports.images import snapshot_image
from dashboard.exports.snapshot import panel_snapshot
from dashboard.exports.workbook import panel_workbook_bytes
from dashboard.panels.spec import find_panel
from dashboard.panels.table import download_headers
from dashboard.panels.view import panel_frame
from dashboard.web.context import current_engine
from indicators.compute import get_indicator
from indicators.filters import Filters
from indicators.serialize import to_csv
from indicators.vocabulary import load_vocabulary

blueprint = Blueprint("downloads", __name__)
FORMATS = ("csv", "xlsx", "png", "svg")
IMAGE_TYPES = {"png": "image/png", "svg": "image/svg+xml"}


@blueprint.get("/download/<page>/<key>.<fmt>")
def download(page: str, key: str, fmt: str):
    panel = find_panel(page, key)
    if panel is None or fmt not in FORMATS:
        abort(404)
    engine = current_engine()
    # Like the pages, a download drops unknown codes instead of failing.
    filters, _ = Filters.from_query(request.args.to_dict(flat=False), load_vocabulary(engine))
    name = f"{page}-{key}"
    if fmt == "csv":
        # The API's CSV writer, so a panel download and the API agree cell for cell; only
        # the header row follows the reader's language (the table's column titles).
        frame = panel_frame(panel, filters, engine)
        indicator = get_indicator(panel.indicator)
        text = to_csv(frame, indicator, headers=download_headers(frame, indicator))
        return Response(text, mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    if fmt in IMAGE_TYPES:
        # Drawn on the server by kaleido, with its title, caption and illustrative mark.
        image = snapshot_image(panel_snapshot(page, key, filters, engine), fmt)
        return Response(image, mimetype=IMAGE_TYPES[fmt], headers={
            "Content-Disposition": f'attachment; filename="{name}.{fmt}"'})
    # The workbook is the export package's, so a panel download and a briefing pack's sheets
    # say the same about the same numbers.
    workbook = panel_workbook_bytes(panel_snapshot(page, key, filters, engine))
    return Response(
        workbook,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})
