"""GET /briefings/<id>/file: a saved briefing's pack exactly as it was made (the old numbers),
for a viewer who may see it; 404 otherwise, the same answer whether or not it exists."""

from __future__ import annotations

import io

from flask import Blueprint, Response, send_file

from dashboard.web.audit import record
from dashboard.web.context import current_engine
from dashboard.web.viewer import current_viewer
from indicators.briefings import briefing_content, find_briefing
from indicators.i18n import _

blueprint = Blueprint("briefings", __name__)


@blueprint.get("/briefings/<int:briefing_id>/file")
def briefing_file(briefing_id: int):
    engine, viewer = current_engine(), current_viewer()
    briefing = find_briefing(engine, briefing_id, viewer)
    content = briefing_content(engine, briefing_id, viewer) if briefing else None
    if briefing is None or content is None:
        return Response(_("No saved briefing by this number that you may open."), 404,
                        mimetype="text/plain; charset=utf-8")
    if briefing.restricted:  # restricted figures leaving the server: audited, as exports are
        record("download", what=f"briefing {briefing.id}: {briefing.address}"[:300],
               filters=briefing.query)
    return send_file(io.BytesIO(content), mimetype=briefing.media_type, as_attachment=True,
                     download_name=briefing.filename)
