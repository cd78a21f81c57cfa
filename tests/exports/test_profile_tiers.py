"""The country one-pager per tier (issue 20 with issue 16), on SQLite and PostgreSQL over
generated evaluations: the public gets no restricted line; Rwanda's delegation asking for
Rwanda gets its figures (equal to compute() as that delegation) under the tier mark, on the
PDF page and the slide, through the background job; France's delegation asking for Rwanda
gets the public page; the command line adds them only when asked (--restricted)."""

from __future__ import annotations

import re

import pytest

from dashboard.cli import main as pkdash
from indicators.audit import read_entries
from indicators.compute import compute
from indicators.filters import Filters
from indicators.i18n import format_number
from indicators.illustrative import generate
from indicators.viewer import ANONYMOUS, SECRETARIAT
from tests.dashboard.helpers import app_for, url_of
from tests.dashboard.test_tiers_doors import FRANCE, RWANDA, signed_in
from tests.exports.readers import deck, pdf_pages, shape_named, slide_text
from tests.exports.test_routes import export_file
from tests.indicators.test_query_cli import insert_small_world

ADDRESS = "/export/profile.{fmt}?country=RWA"
MARK = "Restricted: Rwanda delegation"
EVALUATION = "Unit evaluation score"


@pytest.fixture
def world(engine, tmp_path):
    insert_small_world(engine)
    generate(engine)  # illustrative unit evaluations: Rwanda's units serve in MINUSCA
    app = app_for(url_of(engine), export_dir=tmp_path / "exports")
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    return engine, client


def flat(text: str) -> str:
    return " ".join(text.split())


def rwanda_evaluation(engine, viewer) -> str:
    """The line the one-pager should carry: the latest year's score, as compute() gives it."""
    frame = compute("unit-evaluation-score", Filters(countries=("RWA",)), ("year",),
                    engine=engine, viewer=viewer).dropna(subset=["value"])
    last = frame.sort_values("year").iloc[-1]
    return f"{int(last['year'])}: {format_number(float(last['value']), 1)} score"


def one_pager(client, fmt: str, headers: dict) -> str:
    response = export_file(client, ADDRESS.format(fmt=fmt), headers=headers)
    assert response.status_code == 200
    if fmt == "pdf":
        pages = pdf_pages(response.data)
        assert len(pages) == 1
        return flat(pages[0])
    slides = list(deck(response.data).slides)
    assert len(slides) == 1
    return flat(slide_text(slides[0]))


def test_each_tier_gets_its_one_pager(world):
    engine, client = world
    headers = {ANONYMOUS: {}, RWANDA: signed_in(engine, RWANDA),
               FRANCE: signed_in(engine, FRANCE)}
    expected = rwanda_evaluation(engine, RWANDA)
    for fmt in ("pdf", "pptx"):
        pages = {viewer: one_pager(client, fmt, headers[viewer]) for viewer in headers}
        for page in pages.values():
            assert "Rwanda: contribution to UN peacekeeping" in page
        assert MARK in pages[RWANDA] and "UNCLASSIFIED" not in pages[RWANDA]
        assert f"{EVALUATION}, {expected}" in pages[RWANDA]
        assert "ILLUSTRATIVE (generated, not real)" in pages[RWANDA]
        for viewer in (ANONYMOUS, FRANCE):  # the public page: no restricted line, no mark
            assert "Restricted" not in pages[viewer] and EVALUATION not in pages[viewer]
            assert "UNCLASSIFIED — for briefing use" in pages[viewer]
    # Only the delegation's own one-pager carried restricted figures: only it is audited.
    exports = [(row.who, row.what) for row in read_entries(engine) if row.event == "export"]
    assert set(exports) == {("rwanda@example.org", "/export/profile.pdf?country=RWA"),
                            ("rwanda@example.org", "/export/profile.pptx?country=RWA")}


def test_the_job_is_one_per_viewer(world):
    """The same address asked by the public, then by the delegation: two files, never the
    public's cached pack handed to the delegation or the delegation's to the public."""
    engine, client = world
    address = ADDRESS.format(fmt="pdf")
    public = client.get(address).get_json()["id"]
    rwanda = client.get(address, headers=signed_in(engine, RWANDA)).get_json()["id"]
    assert public != rwanda


def test_the_slide_shows_the_mark_in_its_own_box(world):
    engine, client = world
    response = export_file(client, ADDRESS.format(fmt="pptx"),
                           headers=signed_in(engine, RWANDA))
    box = flat(shape_named(deck(response.data).slides[0], "Restricted").text_frame.text)
    assert box.startswith(MARK) and EVALUATION in box
    assert re.search(r"Units with technology capability at the required standard, \d{4}: "
                     r"[\d.]+%", box)
    french = export_file(client, ADDRESS.format(fmt="pptx") + "&lang=fr",
                         headers=signed_in(engine, FRANCE))  # France asking for Rwanda: public
    assert "Restreint" not in flat(slide_text(deck(french.data).slides[0]))


def test_the_mark_in_french(world):
    engine, client = world
    response = export_file(client, ADDRESS.format(fmt="pdf") + "&lang=fr",
                           headers=signed_in(engine, RWANDA))
    page = flat(pdf_pages(response.data)[0])
    assert "Restreint : délégation du Rwanda" in page
    assert "Note d'évaluation des unités, " in page


def test_the_command_line_adds_restricted_figures_only_when_asked(world, monkeypatch,
                                                                   tmp_path):
    engine, _client = world
    monkeypatch.setenv("DATABASE_URL", url_of(engine))
    pages = {}
    for name, extra in (("public", []), ("restricted", ["--restricted"])):
        target = tmp_path / f"{name}.pdf"
        assert pkdash(["export", "profile", "--country", "RWA", "--format", "pdf",
                       "-o", str(target), *extra]) == 0
        pages[name] = flat(pdf_pages(target.read_bytes())[0])
    assert "Restricted" not in pages["public"] and EVALUATION not in pages["public"]
    assert "Restricted: the Secretariat" in pages["restricted"]
    assert f"{EVALUATION}, {rwanda_evaluation(engine, SECRETARIAT)}" in pages["restricted"]
    # The Secretariat's own figure: the open capability gaps of Rwanda's units.
    assert "Open capability gaps: " in pages["restricted"]
