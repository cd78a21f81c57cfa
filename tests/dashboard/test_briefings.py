"""Saved briefings belong to their maker and respect tiers: the since control lists only the
reader's own (none for an anonymous reader); a pack with restricted figures opens only for
its maker's viewer scope (page, file and control alike); a public one for anyone holding its
unguessable address. Both engines."""

from __future__ import annotations

import datetime as dt
import re

from dashboard.shell.since import since_options
from indicators.briefings import (
    TOKEN,
    briefing_content,
    find_briefing,
    own_briefings,
    save_briefing,
)
from indicators.viewer import ANONYMOUS, Viewer
from tests.dashboard.helpers import app_for, text_of, url_of

RWANDA = Viewer(tier="member-state", countries=frozenset({"RWA"}), name="Rwanda delegation")
GHANA = Viewer(tier="member-state", countries=frozenset({"GHA"}), name="Ghana delegation")
SECRETARIAT = Viewer(tier="secretariat", name="DPO")


def _save(engine, viewer: Viewer, restricted: bool, title: str, account_id=None) -> str:
    return save_briefing(engine, page="women", fmt="pdf", locale="en", title=title,
                         address="/export/women.pdf", page_address="", query="",
                         filename="women.pdf", media_type="application/pdf",
                         content=title.encode(), data_version=None, viewer=viewer,
                         restricted=restricted, account_id=account_id,
                         made_at=dt.datetime(2025, 6, 30, 10, tzinfo=dt.UTC))


def test_addresses_are_random_tokens_not_row_numbers(engine):
    tokens = [_save(engine, ANONYMOUS, False, f"Pack {n}") for n in range(3)]
    assert len(set(tokens)) == 3 and all(re.fullmatch(TOKEN, t) for t in tokens)
    assert not any(t.isdigit() for t in tokens)
    # The row number names nothing: a planner's public pack is not found by counting.
    for guess in ("1", "2", "3", "briefing-1"):
        assert find_briefing(engine, guess, ANONYMOUS) is None
        assert briefing_content(engine, guess, ANONYMOUS) is None
    assert find_briefing(engine, tokens[1], ANONYMOUS).title == "Pack 1"


def test_a_restricted_pack_is_for_its_own_viewer_scope_only(engine):
    restricted = _save(engine, RWANDA, True, "Rwanda's own figures", account_id=7)
    public = _save(engine, RWANDA, False, "Public figures", account_id=7)
    assert find_briefing(engine, restricted, RWANDA).restricted
    # Another delegation, the Secretariat and the public do not see a delegation's pack.
    for other in (GHANA, SECRETARIAT, ANONYMOUS):
        assert find_briefing(engine, restricted, other) is None
        assert briefing_content(engine, restricted, other) is None
        assert find_briefing(engine, public, other).title == "Public figures"
    # Same scope, another person of the same delegation, holding the address: seen.
    colleague = Viewer(tier="member-state", countries=frozenset({"RWA"}), name="colleague")
    assert briefing_content(engine, restricted, colleague) == b"Rwanda's own figures"


def test_the_control_lists_only_the_readers_own_briefings(engine):
    mine = _save(engine, RWANDA, True, "Mine, restricted", account_id=7)
    mine_public = _save(engine, RWANDA, False, "Mine, public", account_id=7)
    _save(engine, RWANDA, False, "A colleague's", account_id=8)
    _save(engine, ANONYMOUS, False, "Made anonymously")
    _save(engine, SECRETARIAT, False, "Made on the command line")
    assert {b.token for b in own_briefings(engine, 7, RWANDA)} == {mine, mine_public}
    assert [b.title for b in own_briefings(engine, 8, RWANDA)] == ["A colleague's"]
    # An anonymous reader has no briefings of their own to list.
    assert own_briefings(engine, None, ANONYMOUS) == []
    # An account moved to another scope no longer lists its former restricted pack.
    assert [b.token for b in own_briefings(engine, 7, GHANA)] == [mine_public]
    app = app_for(url_of(engine))
    with app.server.test_request_context("/"):
        anonymous = [o["value"] for o in since_options(engine, ANONYMOUS)]
        signed_in = since_options(engine, RWANDA, 7)
    assert not [v for v in anonymous if v.startswith("briefing-")]
    listed = {o["value"]: o["label"] for o in signed_in if o["value"].startswith("briefing-")}
    assert listed == {f"briefing-{mine}": "Your briefing of 30 June 2025: Mine, restricted",
                      f"briefing-{mine_public}": "Your briefing of 30 June 2025: Mine, public"}


def test_the_file_and_page_refuse_a_restricted_pack_to_others(engine):
    restricted = _save(engine, RWANDA, True, "Rwanda's own figures")
    public = _save(engine, RWANDA, False, "Public figures")
    app = app_for(url_of(engine))
    client = app.server.test_client()
    refused = client.get(f"/briefings/{restricted}/file")
    assert refused.status_code == 404 and b"Rwanda" not in refused.get_data()
    assert client.get(f"/briefings/{public}/file").get_data() == b"Public figures"
    from dashboard.pages.saved_briefing import layout

    with app.server.test_request_context("/"):
        page = text_of(layout(token=restricted))
    assert "No saved briefing by this address that you may open." in page
    assert "Rwanda" not in page


def test_the_maker_scope_downloads_its_restricted_pack_and_it_is_audited(engine):
    from indicators import accounts
    from indicators.audit import read_entries

    restricted = _save(engine, RWANDA, True, "Rwanda's own figures")
    accounts.add_account(engine, "rwanda@example.org", "member-state", ["RWA"], "Rwanda")
    _token_id, token = accounts.issue_token(engine, "rwanda@example.org", "tests")
    accounts.add_account(engine, "ghana@example.org", "member-state", ["GHA"], "Ghana")
    _token_id, other = accounts.issue_token(engine, "ghana@example.org", "tests")
    client = app_for(url_of(engine)).server.test_client()
    mine = client.get(f"/briefings/{restricted}/file",
                      headers={"Authorization": f"Bearer {token}"})
    assert mine.status_code == 200 and mine.get_data() == b"Rwanda's own figures"
    assert client.get(f"/briefings/{restricted}/file",
                      headers={"Authorization": f"Bearer {other}"}).status_code == 404
    briefing = find_briefing(engine, restricted, RWANDA)
    entries = [(row.who, row.event, row.what) for row in read_entries(engine)
               if row.event == "download"]
    assert entries == [("rwanda@example.org", "download",
                        f"briefing {briefing.id}: /export/women.pdf")]


def test_a_pruned_briefing_says_its_file_is_gone_and_still_offers_todays_pack(engine):
    from indicators.briefing_prune import prune_briefings

    old = _save(engine, ANONYMOUS, False, "Old public pack")
    prune_briefings(engine, keep_days=1, keep_bytes=10**9)  # made in 2025: too old
    app = app_for(url_of(engine))
    client = app.server.test_client()
    gone = client.get(f"/briefings/{old}/file")
    assert gone.status_code == 410
    assert "The file as it was made is no longer kept" in gone.get_data(as_text=True)
    from dashboard.pages.saved_briefing import layout

    with app.server.test_request_context("/"):
        page = text_of(layout(token=old))
    assert "Old public pack" in page and "The file as it was made is no longer kept" in page
    assert "The briefing as made (old numbers)" not in page
    assert "The same pack with today's data" in page
