"""Saved briefings: keep a pack with the address and data version it was made from, and find
it again by its unguessable token for whoever may see it (a pack with restricted figures: its
maker's scope only); list a signed-in reader's own."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, insert, or_, select

from indicators.models.briefings import SavedBriefing
from indicators.viewer import Viewer

# How a saved briefing is named where a data version or a date could be:
# ?since=briefing-<token>. The token, not the row number, so no address can be guessed.
TOKEN = r"[A-Za-z0-9_-]{16,32}"
SINCE_PATTERN = re.compile(rf"briefing-({TOKEN})")
LISTED = 20  # the since control offers this many of the reader's latest briefings


def new_token() -> str:
    """16 random URL-safe characters (96 bits): a planner's public pack address is not
    found by trying addresses."""
    return secrets.token_urlsafe(12)


@dataclass(frozen=True)
class Briefing:
    """A saved briefing as pages read it: everything but its bytes."""

    id: int
    token: str
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
    account_id: int | None = None
    kept: bool = True  # False once the file's bytes were pruned (the record stays)

    @property
    def since_value(self) -> str:
        return f"briefing-{self.token}"

    @property
    def path(self) -> str:
        """Its page: what changed since, and both sets of numbers."""
        return f"/briefings/{self.token}"


def scope_of(viewer: Viewer) -> str:
    """The viewer scope a restricted pack is kept for: tier, and a delegation's countries."""
    tier, countries = viewer.cache_key
    return f"{tier}:{','.join(countries)}"


def save_briefing(engine: Engine, *, token: str | None = None, account_id: int | None = None,
                  page: str, fmt: str, locale: str, title: str,
                  address: str, page_address: str, query: str, filename: str,
                  media_type: str, content: bytes, data_version: int | None,
                  viewer: Viewer, restricted: bool, made_at: dt.datetime | None = None) -> str:
    """Keep a pack; return its token. `restricted`: the pack holds figures not every tier
    sees. `token`: the one printed on the pack (new_token()), or a new one."""
    token = token or new_token()
    with engine.begin() as conn:
        conn.execute(insert(SavedBriefing).values(
            token=token, account_id=account_id, size=len(content),
            created=made_at or dt.datetime.now(dt.UTC), data_version=data_version, page=page,
            fmt=fmt, locale=locale, title=title[:200], address=address,
            page_address=page_address, query=query, filename=filename[:200],
            media_type=media_type, scope=scope_of(viewer) if restricted else "",
            made_by=viewer.name[:254], content=content))
    return token


def _visible(viewer: Viewer):
    return or_(SavedBriefing.scope == "", SavedBriefing.scope == scope_of(viewer))


_COLUMNS = (SavedBriefing.id, SavedBriefing.token, SavedBriefing.account_id,
            SavedBriefing.content_dropped, SavedBriefing.created, SavedBriefing.data_version,
            SavedBriefing.page, SavedBriefing.fmt, SavedBriefing.locale, SavedBriefing.title,
            SavedBriefing.address, SavedBriefing.page_address, SavedBriefing.query,
            SavedBriefing.filename, SavedBriefing.media_type, SavedBriefing.scope)


def _briefing(row) -> Briefing:
    created = row.created if row.created.tzinfo else row.created.replace(tzinfo=dt.UTC)
    return Briefing(id=row.id, token=row.token, account_id=row.account_id,
                    kept=row.content_dropped is None, created=created,
                    data_version=row.data_version, page=row.page,
                    fmt=row.fmt, locale=row.locale, title=row.title, address=row.address,
                    page_address=row.page_address, query=row.query, filename=row.filename,
                    media_type=row.media_type, restricted=bool(row.scope))


def find_briefing(engine: Engine, token: str, viewer: Viewer) -> Briefing | None:
    """The briefing, or None when there is none by this token or the viewer may not see it
    (the same answer for both: a restricted pack's existence is not told to another scope)."""
    if not re.fullmatch(TOKEN, token or ""):
        return None
    with engine.connect() as conn:
        row = conn.execute(select(*_COLUMNS).where(SavedBriefing.token == token,
                                                   _visible(viewer))).first()
    return _briefing(row) if row else None


def briefing_content(engine: Engine, token: str, viewer: Viewer) -> bytes | None:
    """The pack's bytes as they were made, for a viewer who may see it; None once pruned."""
    if not re.fullmatch(TOKEN, token or ""):
        return None
    with engine.connect() as conn:
        return conn.execute(select(SavedBriefing.content).where(
            SavedBriefing.token == token, _visible(viewer))).scalar()


def own_briefings(engine: Engine, account_id: int | None, viewer: Viewer,
                  limit: int = LISTED) -> list[Briefing]:
    """The reader's own latest briefings, newest first: none for an anonymous reader (who
    opens one by the address printed on the pack), and only those the viewer still may see
    (an account whose tier changed does not keep a restricted pack of its former scope)."""
    if account_id is None:
        return []
    with engine.connect() as conn:
        rows = conn.execute(select(*_COLUMNS).where(SavedBriefing.account_id == account_id,
                                                    _visible(viewer))
                            .order_by(SavedBriefing.created.desc(), SavedBriefing.id.desc())
                            .limit(limit)).all()
    return [_briefing(row) for row in rows]


def briefing_token_of(text: str) -> str | None:
    """The token of "briefing-<token>"; None for anything else (a date or a data version)."""
    match = SINCE_PATTERN.fullmatch(text.strip())
    return match.group(1) if match else None
