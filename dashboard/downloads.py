"""Download routes for the numbers behind each panel: /download/<page>/<panel>.csv|xlsx with
the page's own query string, so a saved link gives the same numbers as the screen."""

from __future__ import annotations

from flask import Blueprint, Response, abort, request

from dashboard.context import current_engine
from dashboard.exports.snapshot import panel_snapshot
from dashboard.exports.workbook import panel_workbook_bytes
from dashboard.panel_view import panel_frame
from dashboard.panels import find_panel
from indicators.compute import get_indicator
from indicators.filters import Filters
from indicators.serialize import to_csv
from indicators.vocabulary import load_vocabulary

blueprint = Blueprint("downloads", __name__)


@blueprint.get("/download/<page>/<key>.<fmt>")
def download(page: str, key: str, fmt: str):
    panel = find_panel(page, key)
    if panel is None or fmt not in ("csv", "xlsx"):
        abort(404)
    engine = current_engine()
    # Like the pages, a download drops unknown codes instead of failing.
    filters, _ = Filters.from_query(request.args.to_dict(flat=False), load_vocabulary(engine))
    name = f"{page}-{key}"
    if fmt == "csv":
        # The API's CSV writer, so a panel download and the API agree cell for cell.
        frame = panel_frame(panel, filters, engine)
        return Response(to_csv(frame, get_indicator(panel.indicator)), mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    # The workbook is the export package's, so a panel download and a briefing pack's sheets
    # say the same about the same numbers.
    workbook = panel_workbook_bytes(panel_snapshot(page, key, filters, engine))
    return Response(
        workbook,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})
