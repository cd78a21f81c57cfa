"""Saved briefings: keep a pack with the address and data version it was made from, and find
it again for whoever may see it (a pack with restricted figures: its maker's scope only)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import Engine, insert, or_, select

from indicators.models.briefings import SavedBriefing
from indicators.viewer import Viewer

# How a saved briefing is named where a data version or a date could be: ?since=briefing-12
SINCE_PATTERN = re.compile(r"briefing-(\d{1,9})")
LISTED = 20  # the since control offers this many of the latest briefings


@dataclass(frozen=True)
class Briefing:
    """A saved briefing as pages read it: everything but its bytes."""

    id: int
    created: dt.datetime
    data_version: int | None
    page: str
    fmt: str
    locale: str
    title: str
    address: str
    page_address: str
    query: str
    filename: str
    media_type: str
    restricted: bool

    @property
    def since_value(self) -> str:
        return f"briefing-{self.id}"


def scope_of(viewer: Viewer) -> str:
    """The viewer scope a restricted pack is kept for: tier, and a delegation's countries."""
    tier, countries = viewer.cache_key
    return f"{tier}:{','.join(countries)}"


def save_briefing(engine: Engine, *, page: str, fmt: str, locale: str, title: str,
                  address: str, page_address: str, query: str, filename: str,
                  media_type: str, content: bytes, data_version: int | None,
                  viewer: Viewer, restricted: bool, made_at: dt.datetime | None = None) -> int:
    """Keep a pack; return its id. `restricted`: the pack holds figures not every tier sees."""
    with engine.begin() as conn:
        return conn.execute(insert(SavedBriefing).values(
            created=made_at or dt.datetime.now(dt.UTC), data_version=data_version, page=page,
            fmt=fmt, locale=locale, title=title[:200], address=address,
            page_address=page_address, query=query, filename=filename[:200],
            media_type=media_type, scope=scope_of(viewer) if restricted else "",
            made_by=viewer.name[:254], content=content,
        ).returning(SavedBriefing.id)).scalar_one()


def _visible(viewer: Viewer):
    return or_(SavedBriefing.scope == "", SavedBriefing.scope == scope_of(viewer))


_COLUMNS = (SavedBriefing.id, SavedBriefing.created, SavedBriefing.data_version,
            SavedBriefing.page, SavedBriefing.fmt, SavedBriefing.locale, SavedBriefing.title,
            SavedBriefing.address, SavedBriefing.page_address, SavedBriefing.query,
            SavedBriefing.filename, SavedBriefing.media_type, SavedBriefing.scope)


def _briefing(row) -> Briefing:
    created = row.created if row.created.tzinfo else row.created.replace(tzinfo=dt.UTC)
    return Briefing(id=row.id, created=created, data_version=row.data_version, page=row.page,
                    fmt=row.fmt, locale=row.locale, title=row.title, address=row.address,
                    page_address=row.page_address, query=row.query, filename=row.filename,
                    media_type=row.media_type, restricted=bool(row.scope))


def find_briefing(engine: Engine, briefing_id: int, viewer: Viewer) -> Briefing | None:
    """The briefing, or None when there is none by this id or the viewer may not see it (the
    same answer for both: a restricted pack's existence is not told to another scope)."""
    with engine.connect() as conn:
        row = conn.execute(select(*_COLUMNS).where(SavedBriefing.id == briefing_id,
                                                   _visible(viewer))).first()
    return _briefing(row) if row else None


def briefing_content(engine: Engine, briefing_id: int, viewer: Viewer) -> bytes | None:
    """The pack's bytes as they were made, for a viewer who may see it."""
    with engine.connect() as conn:
        return conn.execute(select(SavedBriefing.content).where(
            SavedBriefing.id == briefing_id, _visible(viewer))).scalar()


def latest_briefings(engine: Engine, viewer: Viewer, limit: int = LISTED) -> list[Briefing]:
    """The latest briefings the viewer may see, newest first."""
    with engine.connect() as conn:
        rows = conn.execute(select(*_COLUMNS).where(_visible(viewer))
                            .order_by(SavedBriefing.created.desc(), SavedBriefing.id.desc())
                            .limit(limit)).all()
    return [_briefing(row) for row in rows]


def briefing_id_of(text: str) -> int | None:
    """12 for "briefing-12"; None for anything else (a date or a data version)."""
    match = SINCE_PATTERN.fullmatch(text.strip())
    return int(match.group(1)) if match else None
