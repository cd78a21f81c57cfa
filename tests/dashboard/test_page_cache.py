"""Built pages are kept per address, language and data version: asked again, the same page is
sent without being built again; a reload, another address or another language builds anew."""

from __future__ import annotations

import datetime as dt

import dash
import pytest
from sqlalchemy import text

from dashboard.web.page_cache import forget_built_pages
from indicators.i18n import use_locale
from tests.dashboard.helpers import app_for, insert_version, text_of, url_of


@pytest.fixture
def indicators_page(engine):
    """The registered (kept) layout of the indicators page, called as Dash Pages calls it."""
    app = app_for(url_of(engine))
    forget_built_pages()
    layout = next(page["layout"] for page in dash.page_registry.values()
                  if page["path"] == "/indicators")

    def built(**query):
        with app.server.test_request_context("/indicators"):
            return layout(**query)

    insert_version(engine)
    yield built
    forget_built_pages()


def test_the_same_address_is_sent_without_building_it_again(indicators_page):
    first = indicators_page()
    assert indicators_page() is first
    assert indicators_page(mission="UNMISS") is not first
    assert indicators_page(mission="UNMISS") is indicators_page(mission="UNMISS")


def test_each_language_has_its_own_page(indicators_page):
    english = indicators_page()
    with use_locale("fr"):
        french = indicators_page()
    assert french is not english
    assert "Indicateurs et sources" in text_of(french)
    assert "Indicators and sources" in text_of(english)


def test_a_reload_of_the_data_builds_the_page_anew(indicators_page, engine):
    before = indicators_page()
    insert_version(engine, source="un-fatalities", title="Fatalities", file_name="f.csv",
                   rows_loaded=98765, loaded_at=dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
    after = indicators_page()
    assert after is not before
    assert "98,765" in text_of(after) and "98,765" not in text_of(before)


def test_a_page_showing_a_failed_query_is_not_kept(engine):
    # The allegations tables are gone (a failing query, as when the database stops answering
    # mid-page): the page says so, and the next reader gets a fresh try, not that message.
    app = app_for(url_of(engine))
    forget_built_pages()
    insert_version(engine)
    with engine.begin() as conn:
        for table in ("sea_action", "sea_allegation_type", "sea_perpetrator", "sea_result",
                      "sea_victim", "sea_allegation"):
            conn.execute(text(f"DROP TABLE {table}"))
    layout = next(page["layout"] for page in dash.page_registry.values()
                  if page["path"] == "/conduct")
    with app.server.test_request_context("/conduct"):
        first = layout()
        second = layout()
    assert "could not be drawn" in text_of(first)
    assert second is not first
    forget_built_pages()
