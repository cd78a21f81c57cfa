"""In real Chromium, a saved briefing's page (/briefings/<token>): a pack made from data
version 1 (the address printed on it leads here), opened after version 2 was built, lists
exactly what changed; the pack as made downloads and reads back (version 1, the same bytes);
"the same pack with today's data" starts a job, shows progress and downloads version 2."""

from __future__ import annotations

import dataclasses
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, _free_port, served
from tests.browser.test_what_changed import expected_keys, listed_keys
from tests.dashboard.helpers import app_for
from tests.exports.test_since_pack import briefing_token

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

TIMEOUT_MS = 30_000
EXPORT_TIMEOUT_MS = 120_000


@pytest.fixture(scope="module")
def briefing_server(raw_dir, tmp_path_factory):
    """Version 1 built, the women page's workbook exported (and so kept) from it, then
    version 2 built: the fixture's three changes (tests/versions_fixture.py) lie between."""
    from dashboard.exports.request import read_export_request
    from dashboard.exports.routes import render_request
    from indicators.build import build
    from indicators.db import make_engine
    from indicators.manifest import load_manifest
    from tests.versions_fixture import SOURCES, make_two_versions

    folder = tmp_path_factory.mktemp("saved-briefing")
    # The edited raw folders of the two versions (built once into a scratch database).
    versions = make_two_versions(f"sqlite:///{folder / 'scratch.sqlite'}", folder, raw_dir)
    url = f"sqlite:///{folder / 'briefing.sqlite'}"
    sources = [source for source in load_manifest() if source.slug in SOURCES]
    quiet = lambda line: None  # noqa: E731
    assert build(dataclasses.replace(versions.config_v1, database_url=url), log=quiet,
                 sources=sources, new_versions=frozenset({"un-sea-allegations"})).ok
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    app = app_for(url, export_dir=folder / "exports")
    engine = make_engine(url)
    try:
        with app.server.test_request_context("/"):
            export = read_export_request("women", "xlsx", {"lang": ["en"]}, engine)
            old_pack = render_request(dataclasses.replace(export, base_url=base), engine)
    finally:
        engine.dispose()
    assert build(dataclasses.replace(versions.config_v2, database_url=url), log=quiet,
                 sources=sources, new_versions=frozenset({"ipi-gender"})).ok
    with served(app.server, port) as served_base:
        assert served_base == base
        yield base, versions, old_pack


def _open_the_printed_address(page, old_pack: bytes, base: str) -> str:
    """The address the pack prints on its About sheet, opened as a reader would."""
    about = {row[0]: row[1] for row in
             load_workbook(BytesIO(old_pack))["About"].iter_rows(values_only=True) if row}
    address = about["Saved briefing"].removeprefix("What changed since this pack: ")
    assert address == f"{base}/briefings/{briefing_token(load_workbook(BytesIO(old_pack)))}"
    page.goto(address)
    return address


def test_the_briefing_page_lists_the_changes_and_gives_old_and_new_packs(page, briefing_server):
    base, versions, old_pack = briefing_server
    problems = PageProblems(page)
    _open_the_printed_address(page, old_pack, base)
    panel = page.locator(".pk-since")
    expect(panel).to_contain_text("Since your briefing of", timeout=TIMEOUT_MS)
    expect(page.get_by_text("Made on ")).to_contain_text(
        f"as XLSX from data version v{versions.old_version}")
    # Exactly the fixture's three changes (and the headline KPIs the new month moved).
    assert {key for key in listed_keys(page) if not key.startswith("kpi:")} \
        == expected_keys(versions)
    _month, mission, _iso3, _category, _field, old, new = versions.expected.revision
    expect(panel).to_contain_text(f"{mission}, ")
    expect(panel).to_contain_text(f"troops, {_month:%b %Y}: women: {old} → {new}")
    # The pack as made: the very bytes kept, made from version 1.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="The briefing as made (old numbers)").click()
    downloaded = Path(download_info.value.path()).read_bytes()
    assert downloaded == old_pack and download_info.value.suggested_filename.endswith(".xlsx")
    assert load_workbook(BytesIO(downloaded)).properties.version == f"v{versions.old_version}"
    # Today's pack: a button that starts the job, shows progress, then offers the file.
    page.get_by_role("button", name="The same pack with today's data").click()
    link = page.locator("#pk-export-file")
    expect(link).to_be_visible(timeout=EXPORT_TIMEOUT_MS)
    with page.expect_download() as download_info:
        link.click()
    today = load_workbook(BytesIO(Path(download_info.value.path()).read_bytes()))
    assert today.properties.version == f"v{versions.new_version}"
    # Kept as a briefing of its own, at its own address.
    assert briefing_token(today) != briefing_token(load_workbook(BytesIO(old_pack)))
    assert problems.errors == []


def test_the_briefing_page_in_french_says_the_revision_in_french(page, briefing_server):
    base, versions, old_pack = briefing_server
    address = _open_the_printed_address(page, old_pack, base)
    page.goto(f"{address}?lang=fr")
    panel = page.locator(".pk-since")
    expect(panel).to_contain_text("Depuis votre note d'information du", timeout=TIMEOUT_MS)
    _month, _mission, _iso3, _category, _field, old, new = versions.expected.revision
    expect(panel).to_contain_text("troupes, ")
    expect(panel).to_contain_text(f"femmes : {old} → {new}, révisé par")
    expect(page.get_by_role("button", name="Le même dossier avec les données d'aujourd'hui")) \
        .to_be_visible()
