"""Every pack made is kept as a saved briefing: its bytes, the address that makes it again and
the data version it was computed from, so its old numbers stay available (issue 17). The pack
prints its briefing's address; the oldest files are pruned past PKDASH_BRIEFINGS_KEEP_*."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlencode

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from dashboard.exports.address import public_base
from dashboard.exports.render import MEDIA_TYPES, render_pack
from dashboard.exports.snapshot import Pack
from dashboard.settings import ExportLimits
from indicators.briefing_prune import prune_briefings
from indicators.briefings import new_token, save_briefing

log = logging.getLogger(__name__)


def render_and_keep(export, pack: Pack, engine: Engine,
                    progress: Callable[[int, int, str], None] | None = None) -> bytes:
    """The pack's bytes, kept under a new saved briefing whose address the pack prints.
    `export`: the ExportRequest. A pack holding restricted figures is kept for its maker's
    viewer scope only; the briefing belongs to the signed-in account that asked, if any."""
    token = new_token()  # chosen first: the file prints the address it will be kept at
    pack = replace(pack, briefing_link=f"{export.base_url or public_base()}/briefings/{token}")
    content = render_pack(pack, export.fmt, progress)
    restricted = bool(pack.restriction) or any(
        snapshot.indicator.visibility != "public" for snapshot in pack.snapshots)
    try:
        save_briefing(engine, token=token, account_id=export.account_id, page=export.page,
                      fmt=export.fmt, locale=export.locale, title=pack.title,
                      address=export.address, page_address=pack.page_link,
                      query=urlencode(export.query, safe=",/"), filename=export.filename,
                      media_type=MEDIA_TYPES[export.fmt], content=content,
                      data_version=pack.data_version, viewer=export.viewer,
                      restricted=restricted, made_at=pack.generated_at)
        # Read each time: a job may run in a Celery worker with its own environment.
        limits = ExportLimits.from_env(os.environ)
        prune_briefings(engine, limits.briefing_days, limits.briefing_bytes)
    except SQLAlchemyError:
        # The reader still gets the pack; only "since this briefing" will not know it.
        log.exception("the pack %s was made but could not be kept as a saved briefing",
                      export.address)
    return content
