"""What a `since` value means (a date, an ISO timestamp, a data version "v3", or a saved
briefing "briefing-<token>"), and the changes from it to the data shown now."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import Engine

from indicators.briefings import Briefing, briefing_token_of, find_briefing
from indicators.change_set import ChangeSet, DataVersionInfo
from indicators.changes import changes_between
from indicators.i18n import _
from indicators.versions import SinceError, latest_version_id, resolve_since, version_info
from indicators.viewer import ANONYMOUS, Viewer

__all__ = ["Since", "SinceError", "read_since", "changes_for"]
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
VERSION = re.compile(r"v?\d+", re.IGNORECASE)


@dataclass(frozen=True)
class Since:
    """A since value understood: which data version it stands for, and how to say it."""

    text: str  # as asked, e.g. "v3", "2025-06-30", "briefing-<token>"
    kind: str  # "briefing" | "date" | "moment" | "version"
    version: DataVersionInfo
    day: dt.date | None = None  # the date asked, or the day the briefing was made
    briefing: Briefing | None = None


def read_since(bind: Engine, text: str, viewer: Viewer = ANONYMOUS) -> Since:
    """Raise SinceError naming what was wrong; a saved briefing only for whoever may see it."""
    text = (text or "").strip()
    token = briefing_token_of(text)
    if token is not None or text.startswith("briefing-"):
        briefing = find_briefing(bind, token, viewer) if token else None
        if briefing is None:
            raise SinceError(_("no saved briefing by this address that you may open"))
        info = version_info(bind, briefing.data_version) if briefing.data_version else None
        if info is None:
            raise SinceError(_("this saved briefing was made before data versions were "
                               "recorded"))
        return Since(text, "briefing", info, briefing.created.date(), briefing)
    info = resolve_since(bind, text)
    if DATE.fullmatch(text):
        return Since(text, "date", info, dt.date.fromisoformat(text))
    return Since(text, "version" if VERSION.fullmatch(text) else "moment", info)


def changes_for(bind: Engine, since: Since) -> ChangeSet | None:
    """From the since version to the latest; None when no version has been recorded."""
    latest = latest_version_id(bind)
    if latest is None:
        return None
    return changes_between(bind, since.version.id, latest)
