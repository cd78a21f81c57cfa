"""Every pack prints its saved briefing's address ("What changed since this pack: …") on the
title slide, the PDF's first page, the workbook's About and What changed sheets and in its
document properties; a pack asked by a signed-in account is that account's briefing; old
packs' files are pruned past PKDASH_BRIEFINGS_KEEP_DAYS / _BYTES, their records kept."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook
from pypdf import PdfReader

from dashboard.exports.render import render_pack
from dashboard.exports.snapshot import Pack
from indicators.briefings import find_briefing, own_briefings
from indicators.db import make_engine
from indicators.filters import Filters
from indicators.i18n import use_locale
from indicators.viewer import ANONYMOUS
from tests.dashboard.helpers import app_for
from tests.exports.readers import deck, slide_text
from tests.exports.test_routes import export_file
from tests.exports.test_since_pack import briefing_token
from tests.since_data import hand_made_changes, two_versions_fixture  # noqa: F401

BRIEFING = "https://peacekeeping.example.org/briefings/Zq3-x_9kLmN0pQrS"
SAYS = f"What changed since this pack: {BRIEFING}"


def _pack(changes=True) -> Pack:
    return Pack("Women in peacekeeping", Filters(), [], dt.datetime(2025, 8, 3, tzinfo=dt.UTC),
                link="https://peacekeeping.example.org/export/women.pptx", data_version=4,
                changes=hand_made_changes() if changes else None, since_kind="briefing",
                since_day=dt.date(2025, 6, 30), briefing_link=BRIEFING)


def test_the_title_slide_and_properties_of_a_deck_print_the_briefings_address():
    made = deck(render_pack(_pack(), "pptx"))
    assert SAYS in slide_text(list(made.slides)[0])
    assert SAYS in made.core_properties.comments


def test_the_pdfs_first_page_prints_it_in_french():
    with use_locale("fr"):
        reader = PdfReader(io.BytesIO(render_pack(_pack(), "pdf")))
    first = " ".join(reader.pages[0].extract_text().split())
    assert f"Ce qui a changé depuis ce dossier : {BRIEFING}" in first
    assert BRIEFING in reader.metadata["/Keywords"]


def test_the_workbook_prints_it_on_about_and_what_changed():
    book = load_workbook(io.BytesIO(render_pack(_pack(), "xlsx")))
    assert [row[0] for row in book["What changed"].iter_rows(values_only=True)][2] == SAYS
    assert briefing_token(load_workbook(io.BytesIO(render_pack(_pack(False), "xlsx")))) \
        == "Zq3-x_9kLmN0pQrS"
    assert SAYS in book.properties.description


def test_a_signed_in_accounts_pack_is_its_own_briefing(two_versions, tmp_path):
    from indicators import accounts

    url, versions = two_versions
    engine = make_engine(url)
    try:
        account = accounts.add_account(engine, f"planner-{tmp_path.name}@example.org",
                                       "public", [], "Planner")
        _id, secret = accounts.issue_token(engine, account.email, "tests")
        client = app_for(url, export_dir=tmp_path).server.test_client()
        signed_in = {"headers": {"Authorization": f"Bearer {secret}"}}
        content = export_file(client, "/export/women.xlsx?lang=en&mission=UNMISS",
                              **signed_in).get_data()
        token = briefing_token(load_workbook(io.BytesIO(content)))
        kept = find_briefing(engine, token, ANONYMOUS)
        assert kept.account_id == account.id and kept.data_version == versions.new_version
        assert token in [b.token for b in own_briefings(engine, account.id, ANONYMOUS)]
        # Anyone holding the printed address opens it (public figures); nobody else lists it.
        page = client.get(f"/briefings/{token}/file")
        assert page.status_code == 200 and page.get_data() == content
        # The same address asked anonymously is another pack: not the planner's briefing.
        anonymous = export_file(client, "/export/women.xlsx?lang=en&mission=UNMISS").get_data()
        other = find_briefing(engine, briefing_token(load_workbook(io.BytesIO(anonymous))),
                              ANONYMOUS)
        assert other.account_id is None and other.token != token
    finally:
        engine.dispose()


def test_making_a_pack_prunes_the_oldest_files_past_the_budget(two_versions, monkeypatch):
    from dashboard.exports.request import read_export_request
    from dashboard.exports.routes import render_request

    url, _versions = two_versions
    engine = make_engine(url)
    monkeypatch.setenv("PKDASH_BRIEFINGS_KEEP_BYTES", "1")  # room for the newest file only
    try:
        tokens = []
        for mission in ("UNMISS", "MINUSCA"):
            export = read_export_request("women", "xlsx", {"mission": [mission]}, engine)
            content = render_request(export, engine)
            tokens.append(briefing_token(load_workbook(io.BytesIO(content))))
        first, second = (find_briefing(engine, token, ANONYMOUS) for token in tokens)
        assert not first.kept and second.kept
        assert first.query == "mission=UNMISS" and first.data_version is not None
    finally:
        engine.dispose()
