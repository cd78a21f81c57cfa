"""Old packs' bytes are dropped past an age and a byte budget, oldest first; their records
(address, data version, filters) stay, so "what changed since" still works. Both engines."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from indicators.briefing_prune import prune_briefings
from indicators.briefings import briefing_content, find_briefing, save_briefing
from indicators.models.briefings import SavedBriefing
from indicators.viewer import ANONYMOUS

NOW = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)


def _save(engine, days_ago: float, size: int) -> str:
    return save_briefing(engine, page="women", fmt="pdf", locale="en", title="Pack",
                         address="/export/women.pdf?mission=UNMISS", page_address="",
                         query="mission=UNMISS", filename="women.pdf",
                         media_type="application/pdf", content=b"x" * size, data_version=3,
                         viewer=ANONYMOUS, restricted=False,
                         made_at=NOW - dt.timedelta(days=days_ago))


def _kept(engine, tokens) -> list[bool]:
    return [find_briefing(engine, token, ANONYMOUS).kept for token in tokens]


def test_files_older_than_the_limit_lose_their_bytes_not_their_record(engine):
    tokens = [_save(engine, days, 10) for days in (400, 100, 1)]
    assert prune_briefings(engine, keep_days=365, keep_bytes=10_000, now=NOW) == 1
    assert _kept(engine, tokens) == [False, True, True]
    old = find_briefing(engine, tokens[0], ANONYMOUS)
    assert briefing_content(engine, tokens[0], ANONYMOUS) is None
    # What "since" needs is still there.
    assert (old.data_version, old.address, old.query) == (
        3, "/export/women.pdf?mission=UNMISS", "mission=UNMISS")
    assert briefing_content(engine, tokens[1], ANONYMOUS) == b"x" * 10
    assert prune_briefings(engine, keep_days=365, keep_bytes=10_000, now=NOW) == 0  # idempotent


def test_past_the_byte_budget_the_oldest_files_go_first(engine):
    oldest, older, newer, newest = (_save(engine, days, 400) for days in (4, 3, 2, 1))
    # 1,000 bytes hold the two newest (800); the third would make 1,200.
    assert prune_briefings(engine, keep_days=365, keep_bytes=1000, now=NOW) == 2
    assert _kept(engine, (oldest, older, newer, newest)) == [False, False, True, True]
    with engine.connect() as conn:
        kept_bytes = conn.execute(select(func.sum(SavedBriefing.size)).where(
            SavedBriefing.content.is_not(None))).scalar()
    assert kept_bytes == 800


def test_the_newest_pack_keeps_its_file_whatever_its_size(engine):
    older, newest = _save(engine, 2, 10), _save(engine, 1, 5000)
    prune_briefings(engine, keep_days=365, keep_bytes=1000, now=NOW)
    assert _kept(engine, (older, newest)) == [False, True]
