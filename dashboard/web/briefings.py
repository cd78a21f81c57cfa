"""GET /briefings/<token>/file: a saved briefing's pack exactly as it was made (the old
numbers), for a viewer who may see it; 404 otherwise, the same answer whether or not it
exists; 410 once its file was pruned (its page still says what changed since)."""

from __future__ import annotations

import io

from flask import Blueprint, Response, send_file

from dashboard.web.audit import record
from dashboard.web.context import current_engine
from dashboard.web.viewer import current_viewer
from indicators.briefings import briefing_content, find_briefing
from indicators.i18n import _

blueprint = Blueprint("briefings", __name__)


@blueprint.get("/briefings/<token>/file")
def briefing_file(token: str):
    engine, viewer = current_engine(), current_viewer()
    briefing = find_briefing(engine, token, viewer)
    if briefing is None:
        return Response(_("No saved briefing by this address that you may open."), 404,
                        mimetype="text/plain; charset=utf-8")
    content = briefing_content(engine, token, viewer) if briefing.kept else None
    if content is None:
        return Response(pruned_words() + " " + _("Its page: {address}").format(
            address=briefing.path), 410, mimetype="text/plain; charset=utf-8")
    if briefing.restricted:  # restricted figures leaving the server: audited, as exports are
        record("download", what=f"briefing {briefing.id}: {briefing.address}"[:300],
               filters=briefing.query)
    return send_file(io.BytesIO(content), mimetype=briefing.media_type, as_attachment=True,
                     download_name=briefing.filename)


def pruned_words() -> str:
    return _("The file as it was made is no longer kept (old packs' files are removed after "
             "a while); what changed since it was made is still known.")
