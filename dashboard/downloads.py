"""Download routes for the numbers behind each panel: /download/<page>/<panel>.csv|xlsx with
the page's own query string, so a saved link gives the same numbers as the screen."""

from __future__ import annotations

import datetime as dt
import io

from flask import Blueprint, Response, abort, request
from openpyxl import Workbook
from openpyxl.styles import Font

from dashboard.context import current_engine
from dashboard.panel_view import panel_frame
from dashboard.panels import find_panel
from indicators.compute import get_indicator
from indicators.filters import Filters
from indicators.lookups import provenance
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
    frame = panel_frame(panel, filters, engine)
    name = f"{page}-{key}"
    indicator = get_indicator(panel.indicator)
    if fmt == "csv":
        # The API's CSV writer, so a panel download and the API agree cell for cell.
        return Response(to_csv(frame, indicator), mimetype="text/csv", headers={
            "Content-Disposition": f'attachment; filename="{name}.csv"'})
    return Response(
        xlsx_bytes(frame, indicator, filters, provenance(engine, indicator.sources)),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})


def xlsx_bytes(frame, indicator, filters: Filters, sources) -> bytes:
    """A workbook with the numbers ("Data") and where they come from ("About")."""
    book = Workbook()
    data = book.active
    data.title = "Data"
    data.append(list(frame.columns))
    for cell in data[1]:
        cell.font = Font(bold=True)
    for row in frame.astype(object).where(frame.notna(), None).itertuples(index=False):
        data.append(list(row))
    about = book.create_sheet("About")
    lines = [
        ("Indicator", indicator.title_en),
        ("Definition", indicator.definition_en),
        ("Unit", indicator.unit),
        ("Filters applied", filters.describe()),
        ("Data", "ILLUSTRATIVE (generated, not real)" if indicator.illustrative else "Real"),
        *[(f"Source: {s.title}", f"{s.citation} As of {s.as_of or 'not loaded'}.")
          for s in sources],
        *[("Caveat", caveat) for caveat in indicator.caveats],
        ("Generated at", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")),
    ]
    for label, text in lines:
        about.append([label, text])
        about.cell(row=about.max_row, column=1).font = Font(bold=True)
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
