"""Saved briefings' files are not kept forever: past an age or a byte budget the oldest
packs' bytes are dropped, their records (address, data version, filters) kept."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, select, update

from indicators.models.briefings import SavedBriefing


def prune_briefings(engine: Engine, keep_days: int, keep_bytes: int,
                    now: dt.datetime | None = None) -> int:
    """Drop the bytes of packs made more than `keep_days` ago, then of the oldest packs until
    the files kept fit in `keep_bytes` (0: no such limit). The newest pack keeps its file
    whatever its size: it was just made for someone. Returns how many files were dropped.
    The record stays, so "what changed since" a pruned briefing still works."""
    now = now or dt.datetime.now(dt.UTC)
    kept = SavedBriefing.content_dropped.is_(None)
    with engine.begin() as conn:
        rows = conn.execute(select(SavedBriefing.id, SavedBriefing.created, SavedBriefing.size)
                            .where(kept)
                            .order_by(SavedBriefing.created.desc(), SavedBriefing.id.desc())
                            ).all()
        oldest = now - dt.timedelta(days=keep_days) if keep_days else None
        dropped, total, full = [], 0, False
        for index, row in enumerate(rows):
            created = row.created if row.created.tzinfo else row.created.replace(tzinfo=dt.UTC)
            if oldest is not None and created < oldest:
                dropped.append(row.id)
                continue
            total += row.size
            # Past the budget, every older file goes too: the oldest are dropped first.
            full = full or (bool(keep_bytes) and index > 0 and total > keep_bytes)
            if full:
                dropped.append(row.id)
        for start in range(0, len(dropped), 500):  # bounded IN lists
            conn.execute(update(SavedBriefing)
                         .where(SavedBriefing.id.in_(dropped[start:start + 500]))
                         .values(content=None, content_dropped=now))
    return len(dropped)
