"""Every chart card on every page has its "About this chart", with its indicator's definition,
counting rules and sources, in English and in French."""

from __future__ import annotations

import pytest

from dashboard.panels.spec import find_panel, registered_pages
from indicators.catalogue import CATALOGUE
from indicators.i18n import use_locale
from tests.dashboard.helpers import app_for, text_of, url_of
from tests.dashboard.page_checks import find, ids_in, page_entry, render
from tests.indicators.test_kpi import load_rows

# A page that shows its cards only once something is chosen, and the choice that shows them.
QUERIES = {"countries": {"country": "GHA"}}


@pytest.fixture(scope="module")
def app(database_url_factory):
    from indicators.db import make_engine
    from indicators.migrate import upgrade

    engine = make_engine(database_url_factory("sqlite"))
    upgrade(engine)
    load_rows(engine)
    yield app_for(url_of(engine))
    engine.dispose()


def cards(app, page: str, locale: str):
    """(panel, its About box) for each card the page's layout holds, in `locale`."""
    with use_locale(locale):
        layout = render(app, page, page_entry(page)["path"], **QUERIES.get(page, {}))
        return [(find_panel(page, spec["panel"]),
                 find(layout, {**spec, "kind": "pk-about"}))
                for spec in ids_in(layout, "pk-spec")], layout


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_every_card_on_every_page_says_what_its_chart_is(app, locale):
    pages = registered_pages()
    assert len(pages) >= 9
    for page in pages:
        found, _layout = cards(app, page, locale)
        assert found, f"{page}: no chart cards in the first view"
        for panel, about in found:
            assert about is not None, f"{page}/{panel.key}: no About this chart"
            indicator = CATALOGUE[panel.indicator]
            text = " ".join(text_of(about).split())
            assert " ".join(indicator.definition(locale).split()) in text, (page, panel.key)
            summary = about.children[0]
            assert summary.children == ("About this chart" if locale == "en"
                                        else "À propos de ce graphique")
            assert ("Numerator" if locale == "en" else "Numérateur") in text
            for caveat in indicator.caveats if locale == "en" else ():
                assert " ".join(caveat.split()) in text, (page, panel.key, caveat)
            link = about.children[1].children[-1]
            assert link.href == f"/indicators#indicator-{indicator.slug}"


def test_the_about_box_names_the_sources_as_of_their_published_date(app):
    for locale, words in (("en", "As of 31 Aug 2014"), ("fr", "À jour au 31 août 2014")):
        found, _layout = cards(app, "women", locale)
        text = " ".join(" ".join(text_of(about) for _panel, about in found).split())
        assert f"). {words}." in text, text[:300]
