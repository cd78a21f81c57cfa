"""A pack as a job: rendered from its checked request in a thread, or described as JSON for a
Celery worker that reads it back, as the same viewer, in the same language."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, replace

import dash
from sqlalchemy import Engine

from dashboard.exports.keep import render_and_keep
from dashboard.exports.request import BRIEFING, PROFILE, ExportRequest, build_pack
from dashboard.exports.request import read_export_request as read_request
from indicators.i18n import _, use_locale
from indicators.viewer import Viewer


def page_title(page: str) -> str:
    """The page's heading as the navbar names it, in the current language."""
    if page == BRIEFING:
        return _("Briefing pack")
    if page == PROFILE:
        return _("Country profile")
    for entry in dash.page_registry.values():
        if entry["module"].rsplit(".", 1)[-1] == page:
            name = entry["name"]  # registered in English, marked with N_() by the page
            return _(name)
    return page


def render_request(export: ExportRequest, engine, progress=None) -> bytes:
    """The file for a checked request, in the request's language."""
    with use_locale(export.locale):
        if export.page == PROFILE:
            # Here, not at the top: the profile's drawing libraries (python-pptx, reportlab,
            # kaleido) load in the process that renders, not in every web worker.
            from dashboard.exports.profile import profile_bytes

            return profile_bytes(export.filters.countries[0], export.fmt, engine, progress,
                                 export.viewer)
        pack = build_pack(export, engine, page_title(export.page))
        return render_and_keep(export, pack, engine, progress)  # kept: a saved briefing


@dataclass(frozen=True)
class PackRenderer:
    """Renders one checked request on `engine`; `describe()` is all another process needs."""

    export: ExportRequest
    engine: Engine

    def __call__(self, progress) -> bytes:
        return render_request(self.export, self.engine, progress)

    def describe(self) -> str:
        export, viewer = self.export, self.export.viewer
        return json.dumps({
            "page": export.page, "format": export.fmt, "query": export.query,
            "locale": export.locale, "base_url": export.base_url,
            "account_id": export.account_id,
            # Who asked travels with the job: the worker computes as this viewer, not as
            # whoever the worker process happens to be.
            "viewer": {"tier": viewer.tier, "countries": sorted(viewer.countries),
                       "name": viewer.name}})


def read_described(text: str, engine: Engine) -> tuple[PackRenderer, str]:
    """The renderer and language of a described job, checked again against `engine`."""
    asked = json.loads(text)
    viewer = Viewer(tier=asked["viewer"]["tier"], countries=frozenset(asked["viewer"]["countries"]),
                    name=asked["viewer"]["name"])
    # The number of charts was limited at the door (PKDASH_EXPORT_MAX_CHARTS there).
    export = read_request(asked["page"], asked["format"], asked["query"], engine, sys.maxsize,
                          viewer)
    export = replace(export, locale=asked["locale"], base_url=asked["base_url"],
                     account_id=asked.get("account_id"))
    return PackRenderer(export, engine), export.locale
