"""Saved briefings respect tiers: a pack with restricted figures opens only for its maker's
viewer scope (page, file and since control alike); a public one for anyone. Both engines."""

from __future__ import annotations

import datetime as dt

from dashboard.shell.since import since_options
from indicators.briefings import briefing_content, find_briefing, latest_briefings, save_briefing
from indicators.viewer import ANONYMOUS, Viewer
from tests.dashboard.helpers import app_for, text_of, url_of

RWANDA = Viewer(tier="member-state", countries=frozenset({"RWA"}), name="Rwanda delegation")
GHANA = Viewer(tier="member-state", countries=frozenset({"GHA"}), name="Ghana delegation")
SECRETARIAT = Viewer(tier="secretariat", name="DPO")


def _save(engine, viewer: Viewer, restricted: bool, title: str) -> int:
    return save_briefing(engine, page="women", fmt="pdf", locale="en", title=title,
                         address="/export/women.pdf", page_address="", query="",
                         filename="women.pdf", media_type="application/pdf",
                         content=title.encode(), data_version=None, viewer=viewer,
                         restricted=restricted,
                         made_at=dt.datetime(2025, 6, 30, 10, tzinfo=dt.UTC))


def test_a_restricted_pack_is_for_its_own_viewer_scope_only(engine):
    restricted = _save(engine, RWANDA, True, "Rwanda's own figures")
    public = _save(engine, RWANDA, False, "Public figures")
    assert find_briefing(engine, restricted, RWANDA).restricted
    # Another delegation, the Secretariat and the public do not see a delegation's pack.
    for other in (GHANA, SECRETARIAT, ANONYMOUS):
        assert find_briefing(engine, restricted, other) is None
        assert briefing_content(engine, restricted, other) is None
        assert [b.id for b in latest_briefings(engine, other)] == [public]
    # Same scope, another person of the same delegation: seen.
    colleague = Viewer(tier="member-state", countries=frozenset({"RWA"}), name="colleague")
    assert briefing_content(engine, restricted, colleague) == b"Rwanda's own figures"
    assert {b.id for b in latest_briefings(engine, colleague)} == {restricted, public}


def test_the_file_page_and_control_refuse_a_restricted_pack_to_others(engine):
    restricted = _save(engine, RWANDA, True, "Rwanda's own figures")
    public = _save(engine, RWANDA, False, "Public figures")
    app = app_for(url_of(engine))
    client = app.server.test_client()
    refused = client.get(f"/briefings/{restricted}/file")
    assert refused.status_code == 404 and b"Rwanda" not in refused.get_data()
    assert client.get(f"/briefings/{public}/file").get_data() == b"Public figures"
    with app.server.test_request_context("/"):
        options = since_options(engine, ANONYMOUS)
        values = [option["value"] for option in options]
        page = text_of(__import__("dashboard.pages.saved_briefing", fromlist=["layout"])
                       .layout(briefing_id=str(restricted)))
    assert values == [f"briefing-{public}"]
    assert options[0]["label"] == "Saved briefing of 30 June 2025: Public figures"
    assert "No saved briefing by this number that you may open." in page
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
    entries = [(row.who, row.event, row.what) for row in read_entries(engine)
               if row.event == "download"]
    assert entries == [("rwanda@example.org", "download",
                        f"briefing {restricted}: /export/women.pdf")]
