"""The overview's briefing pack, read back as PPTX (python-pptx) and PDF (pypdf): the headline
slide with the KPI cards as the page shows them, illustrative figures apart, no slide that
only says "no data", the title slide's filters and addresses, and a file name with the
filters."""

from __future__ import annotations

import pytest

from dashboard.exports.address import pack_filename
from dashboard.exports.citing import title_lines
from dashboard.exports.headline import headline_figure
from dashboard.exports.request import build_pack, read_export_request
from dashboard.exports.routes import render_request
from dashboard.panels.kpi_text import format_value
from indicators.i18n import use_locale
from indicators.kpi import kpi, row_period
from tests.dashboard.helpers import app_for
from tests.exports.conftest import AFTER_SEA_TABLE
from tests.exports.readers import deck, pdf_pages, shape_named, slide_text
from tests.exports.test_routes import export_file

pytestmark = pytest.mark.realdata
QUERY = {"mission": ["MONUSCO"], "from": ["2024-01"], "to": ["2024-12"]}
KEYS = ("uniformed-personnel", "women-share", "malicious-act-fatalities", "sea-allegations",
        "training-coverage")


@pytest.fixture(scope="module")
def files(real_engine) -> dict[str, bytes]:
    made = {}
    for fmt in ("pptx", "pdf"):
        export = read_export_request("overview", fmt, QUERY, real_engine)
        made[fmt] = render_request(export, real_engine)
    return made


@pytest.fixture(scope="module")
def slides(files):
    return list(deck(files["pptx"]).slides)


@pytest.fixture(scope="module")
def cards(real_engine):
    """What the overview's KPI cards show for the same filters, computed as the page does."""
    export = read_export_request("overview", "pptx", QUERY, real_engine)
    shared = row_period(KEYS, export.filters, real_engine)
    return {key: kpi(key, export.filters, real_engine, shared) for key in KEYS}


def test_the_pack_opens_with_the_headline_figures_then_the_map(slides):
    titles = [shape_named(slide, "Title").text_frame.text for slide in slides]
    assert titles == ["Overview", "Headline figures",
                      "Missions: headquarters sized by uniformed personnel, and deployment "
                      "locations", "Sources"]


def test_headline_slide_shows_each_card_as_the_page_does(slides, cards):
    headline = slides[1]
    real = [shape.text_frame.text for shape in headline.shapes
            if shape.name == "Headline figure"]
    assert len(real) == 4
    for key, text in zip(KEYS[:4], real, strict=True):
        figure = cards[key]
        words = headline_figure(figure)
        assert text.startswith(words.title)
        assert format_value(figure.value, figure.unit) in text
        assert figure.period in text  # "Jan 2024 – Dec 2024"
        assert f"vs {figure.previous_period}" in text  # the change against the year before
        assert words.status in text  # status against target, with its symbol
    personnel = cards["uniformed-personnel"]
    assert f"{personnel.value:,.0f}" in real[0] and "mean monthly headcount" in real[0]


def test_illustrative_figures_sit_apart_under_their_own_label(slides, cards):
    headline = slides[1]
    apart = [shape for shape in headline.shapes if shape.name == "Illustrative headline figure"]
    assert [shape.text_frame.text.splitlines()[1] for shape in apart] == ["Training coverage"]
    assert apart[0].text_frame.text.startswith("ILLUSTRATIVE DATA")
    label = shape_named(headline, "Illustrative group")
    assert "generated" in label.text_frame.text and "not real" in label.text_frame.text
    # Below every real card: nobody reads a generated figure as one of the real ones.
    lowest_real = max(shape.top + shape.height for shape in headline.shapes
                      if shape.name == "Headline figure")
    assert label.top >= lowest_real and apart[0].top > label.top
    assert shape_named(headline, "Illustrative mark") is not None
    assert format_value(cards["training-coverage"].value, "percent") in apart[0].text_frame.text


def test_title_slide_says_filters_in_words_and_the_full_addresses(slides):
    text = slide_text(slides[0])
    assert "Filters: MONUSCO · Jan 2024 – Dec 2024" in text
    assert "This view: http://127.0.0.1:8050/?mission=MONUSCO&from=2024-01&to=2024-12" in text
    assert ("This pack again: http://127.0.0.1:8050/export/overview.pptx?mission=MONUSCO"
            "&from=2024-01&to=2024-12") in text


def test_the_pdf_mirrors_the_deck(files, cards):
    pages = pdf_pages(files["pdf"])
    assert len(pages) == 4
    assert pages[1].startswith("Headline figures")
    flat = " ".join(pages[1].split())
    for key in KEYS:
        assert format_value(cards[key].value, cards[key].unit) in flat
    assert flat.index("SEA allegations") < flat.index("Illustrative figures: generated")
    assert flat.index("Illustrative figures: generated") < flat.index("Training coverage")
    assert "This view: http://127.0.0.1:8050/?mission=MONUSCO" in pages[0]
    assert pages[2].startswith("Missions: headquarters")


def test_no_slide_only_says_no_data(real_engine):
    """Allegations per year after the SEA table ends: named on the title slide, no slide."""
    query = {"from": ["2024-08"], "to": ["2024-12"]}
    export = read_export_request("conduct", "pptx", query, real_engine)
    assert export.filters == AFTER_SEA_TABLE
    slides = list(deck(render_request(export, real_engine)).slides)
    assert all(shape_named(slide, "No data") is None for slide in slides)
    texts = [slide_text(slide) for slide in slides[1:]]
    assert not any("No data for" in text for text in texts)
    assert "Left out, with no data for these filters:" in slide_text(slides[0])


def test_file_name_carries_the_filters_in_safe_characters(real_engine):
    export = read_export_request("overview", "pptx", {**QUERY, "country": ["RWA"]},
                                 real_engine)
    assert export.filename == "overview_MONUSCO_RWA_2024-01_2024-12.pptx"
    assert read_export_request("women", "pdf", {"lang": ["fr"]}, real_engine).filename == \
        "women_fr.pdf"
    from indicators.filters import Filters
    odd = Filters(categories=("staff officers/../x",))
    assert pack_filename("overview", odd, "pdf") == "overview_staff-officers-x.pdf"


def test_the_address_is_the_servers_own_and_the_download_is_named(real_url, tmp_path,
                                                                  monkeypatch):
    """The job runs outside the request: the address it prints is the one read when the job
    was asked for, and a pack for another address is another file, not the first one."""
    client = app_for(real_url, export_dir=tmp_path).server.test_client()
    address = "/export/overview.pptx?mission=MONUSCO&from=2024-01&to=2024-12"
    response = export_file(client, address, base_url="http://dash.example.org:9000")
    assert "filename=overview_MONUSCO_2024-01_2024-12.pptx" in \
        response.headers["Content-Disposition"]
    first = slide_text(deck(response.data).slides[0])
    assert "This view: http://dash.example.org:9000/?mission=MONUSCO" in first
    # Behind a proxy the configured public address wins, and the pack is made again for it.
    monkeypatch.setenv("PKDASH_PUBLIC_URL", "https://pkdash.un.example/")
    assert client.get(address, base_url="http://dash.example.org:9000").status_code == 202
    first = slide_text(deck(export_file(client, address).data).slides[0])
    assert "This pack again: https://pkdash.un.example/export/overview.pptx?" in first
    assert "dash.example.org" not in first


@pytest.mark.parametrize(("locale", "names"), [
    ("en", "Germany, United States of America"),
    ("fr", "Allemagne, États-Unis d'Amérique"),
])
def test_title_slide_names_the_countries_in_the_packs_language(real_engine, locale, names):
    query = {**QUERY, "country": ["DEU", "USA"], "lang": [locale]}
    export = read_export_request("overview", "pptx", query, real_engine)
    with use_locale(locale):
        pack = build_pack(export, real_engine, "Overview")
        filters_line = next(line for line in title_lines(pack) if line.startswith("Filt"))
    assert names in filters_line
    assert "DEU" not in filters_line and "USA" not in filters_line
