"""The indicators and sources page, without a browser: every catalogue indicator with its
definition, source, coverage, badge and API address; the loaded-sources table kept below."""

from __future__ import annotations

import socket

from dashboard.panels.indicator_list import anchor
from indicators.catalogue import CATALOGUE
from indicators.illustrative import generate
from indicators.serialize import catalogue_payload
from indicators.status import FETCH_COMMAND
from tests.dashboard.helpers import app_for, insert_version, render_sources, text_of, url_of
from tests.dashboard.page_checks import find, hrefs_in, page_entry

# Parameters every indicator accepts in the API example the page shows.
EXAMPLE_PERIOD = "from=2012-01&to=2013-12"


def test_page_is_registered_at_indicators_in_order():
    entry = page_entry("sources")
    assert (entry["path"], entry["order"], entry["name"]) == (
        "/indicators", 10, "Indicators and sources")


def test_every_catalogue_indicator_is_listed_with_its_definition_and_source(engine):
    insert_version(engine)
    layout = render_sources(app_for(url_of(engine)))
    for entry in catalogue_payload():
        article = find(layout, anchor(entry["slug"]))
        assert article is not None, entry["slug"]
        text = text_of(article)
        assert entry["slug"] in text
        assert entry["title"]["en"] in text
        assert entry["definition"]["en"] in text
        assert entry["unit"] in text
        assert entry["numerator"] in text
        for source in entry["sources"]:
            assert source["title"] in text and source["citation"] in text
        for caveat in entry["caveats"]:
            assert caveat in text
        assert ("Illustrative" if entry["illustrative"] else "Real") in text


def test_index_links_each_indicator_to_its_entry(engine):
    layout = render_sources(app_for(url_of(engine)))
    index = find(layout, "indicator-index")
    links = hrefs_in(index)
    assert links == [f"#{anchor(slug)}" for slug in CATALOGUE]


def test_coverage_and_as_of_come_from_what_is_loaded(engine):
    insert_version(engine)  # ipi-gender, Nov 2009 – Aug 2014, as of 31 Aug 2014
    layout = render_sources(app_for(url_of(engine)))
    women = text_of(find(layout, anchor("women-share")))
    assert "Coverage: Nov 2009 – Aug 2014; as of 31 Aug 2014." in women
    fatalities = text_of(find(layout, anchor("fatalities")))
    assert "Coverage: not loaded yet" in fatalities and "(file not loaded)" in fatalities


def test_generated_indicators_say_so_with_their_coverage(engine):
    generate(engine)
    layout = render_sources(app_for(url_of(engine)))
    text = text_of(find(layout, anchor("supported-unit-score")))
    assert "Illustrative" in text and "— (generated)" in text
    assert "Coverage: Jan 2019 – Dec 2024" in text


def test_each_entry_links_to_its_api_address_and_the_links_answer(engine):
    generate(engine)
    app = app_for(url_of(engine))
    layout = render_sources(app)
    client = app.server.test_client()
    for slug, indicator in CATALOGUE.items():
        links = hrefs_in(find(layout, anchor(slug)))
        if indicator.visibility != "public":  # not signed in: no links that would answer 401
            assert not [link for link in links if link.startswith("/api/")], slug
            assert "Who sees it" in text_of(find(layout, anchor(slug)))
            assert client.get(f"/api/v1/indicators/{slug}.csv").status_code == 401
            continue
        assert f"/api/v1/indicators/{slug}" in links
        assert f"/api/v1/indicators/{slug}.csv" in links
        assert client.get(f"/api/v1/indicators/{slug}.csv").status_code == 200
        # The example the page gives is a valid request for this indicator.
        by = indicator.dimensions[0] if indicator.dimensions else "year"
        assert f"?by={by}&{EXAMPLE_PERIOD}" in text_of(find(layout, anchor(slug)))
        answer = client.get(f"/api/v1/indicators/{slug}?by={by}&{EXAMPLE_PERIOD}")
        assert answer.status_code == 200, (slug, answer.get_json())


def test_sources_table_and_import_log_stay_below_the_indicators(engine):
    insert_version(engine)
    layout = render_sources(app_for(url_of(engine)))
    text = text_of(layout)
    assert text.index("Indicators") < text.index("Data sources") < text.index("Loaded")
    assert "43,255" in text and "Recent imports" in text and "Not loaded yet" in text


def test_empty_database_lists_indicators_and_says_nothing_is_loaded(engine):
    text = text_of(render_sources(app_for(url_of(engine))))
    assert "No data loaded yet" in text and FETCH_COMMAND in text
    assert all(indicator.definition_en in text for indicator in CATALOGUE.values())


def test_unreachable_database_still_lists_the_indicators():
    with socket.socket() as sock:  # a port nobody listens on: the connection is refused
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"postgresql+psycopg://postgres:pw@127.0.0.1:{port}/nothing?connect_timeout=3"
    text = text_of(render_sources(app_for(url)))
    assert "The database cannot be reached" in text
    assert "unknown (database unavailable)" in text
    assert all(slug in text for slug in CATALOGUE)


def test_database_without_tables_still_lists_the_indicators(tmp_path):
    text = text_of(render_sources(app_for(f"sqlite:///{tmp_path / 'fresh.sqlite'}")))
    assert "The database is empty" in text
    assert all(slug in text for slug in CATALOGUE)
