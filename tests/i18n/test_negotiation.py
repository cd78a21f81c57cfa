"""Which language a request gets: ?lang=, the page that made it, the cookie, Accept-Language,
English; the switch and the nav links keep `lang` in the address."""

from __future__ import annotations

import json

import dash
import pytest
from flask import request

from dashboard.i18n.language import COOKIE, negotiate
from dashboard.shell.filter_sync import carry_filters_across_pages
from dashboard.shell.language_switch import follow_the_address, switch_id, with_language
from indicators.db import make_engine
from indicators.migrate import upgrade
from tests.dashboard.helpers import app_for

FRENCH_SHELL = "Effacer les filtres"  # the filter bar's button, in the shell of every page
ENGLISH_SHELL = "Clear filters"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('i18n') / 'pkdash.sqlite'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return app_for(url)


@pytest.fixture
def client(app):
    return app.server.test_client()


def shell_text(client, **headers) -> str:
    """The app shell (navbar, filter bar, footer) as Dash's renderer fetches it."""
    response = client.get("/_dash-layout", headers=headers)
    assert response.status_code == 200
    return json.dumps(response.get_json(), ensure_ascii=False)


def html_lang(response) -> str:
    text = response.get_data(as_text=True)
    return text.split("<html lang=\"", 1)[1].split("\"", 1)[0]


def test_lang_in_the_address_gives_a_french_page_and_sets_the_cookie(client):
    response = client.get("/women?lang=fr")
    assert response.status_code == 200
    assert html_lang(response) == "fr"
    assert response.headers["Content-Language"] == "fr"
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None and cookie.value == "fr"
    # The shell the page then fetches is French: the cookie, and the page's own address.
    assert FRENCH_SHELL in shell_text(client)
    assert "Tableau de bord de la performance du maintien de la paix" in shell_text(client)


def test_the_cookie_alone_gives_french(client):
    client.set_cookie(COOKIE, "fr")
    response = client.get("/")
    assert html_lang(response) == "fr"
    assert FRENCH_SHELL in shell_text(client)


def test_accept_language_french_canadian_gives_french(client):
    headers = {"Accept-Language": "fr-CA,fr;q=0.9"}
    assert html_lang(client.get("/", headers=headers)) == "fr"
    assert FRENCH_SHELL in shell_text(client, **headers)
    assert client.get_cookie(COOKIE) is None  # only an explicit choice is remembered


def test_accept_language_german_gives_english(client):
    headers = {"Accept-Language": "de-DE,de;q=0.9"}
    assert html_lang(client.get("/", headers=headers)) == "en"
    assert ENGLISH_SHELL in shell_text(client, **headers)


def test_an_unknown_lang_is_ignored_without_error(client):
    response = client.get("/conduct?lang=xx")
    assert response.status_code == 200
    assert html_lang(response) == "en"
    assert client.get_cookie(COOKIE) is None
    assert ENGLISH_SHELL in shell_text(client)


def test_an_explicit_lang_beats_the_cookie_and_the_browser(client):
    client.set_cookie(COOKIE, "fr")
    response = client.get("/?lang=en", headers={"Accept-Language": "fr"})
    assert html_lang(response) == "en"
    assert client.get_cookie(COOKIE).value == "en"


def test_dash_requests_follow_the_address_of_the_page_that_made_them(client):
    """Callbacks and the shell are fetched by the page: its ?lang= decides, over the cookie
    (two tabs in two languages each keep theirs)."""
    client.set_cookie(COOKIE, "en")
    assert FRENCH_SHELL in shell_text(client, Referer="http://localhost/women?lang=fr")
    assert ENGLISH_SHELL in shell_text(client, Referer="http://localhost/women")
    # Another site's address says nothing about our reader's language.
    client.set_cookie(COOKIE, "fr")
    assert FRENCH_SHELL in shell_text(client, Referer="http://example.org/?lang=en")


def test_negotiate_order(app):
    cases = [
        ({"path": "/?lang=fr"}, "fr"),
        ({"path": "/?lang=FR-ca"}, "fr"),
        ({"path": "/?lang=xx", "headers": {"Accept-Language": "fr"}}, "fr"),
        ({"path": "/", "headers": {"Accept-Language": "es, fr;q=0.5"}}, "fr"),
        ({"path": "/", "headers": {"Accept-Language": "en-GB, fr;q=0.5"}}, "en"),
        ({"path": "/", "headers": {"Accept-Language": "*"}}, "en"),
        ({"path": "/"}, "en"),
    ]
    for made, expected in cases:
        with app.server.test_request_context(**made):
            assert negotiate(request) == expected, made


def test_the_index_title_and_page_titles_follow_the_language(client):
    text = client.get("/indicators?lang=fr").get_data(as_text=True)
    assert "<title>Tableau de bord de la performance du maintien de la paix</title>" in text
    assert "Indicateurs et sources · Tableau de bord" in text  # og:title meta tag
    english = client.get("/indicators?lang=en").get_data(as_text=True)
    assert "Indicators and sources · Peacekeeping performance dashboard" in english


def test_switch_links_keep_the_page_and_its_filters(app):
    assert with_language("/women", "?mission=MINUSCA,MONUSCO&lang=en", "fr") == (
        "/women?mission=MINUSCA,MONUSCO&lang=fr")
    assert with_language("/", "", "en") == "/?lang=en"
    ids = [switch_id("en"), switch_id("fr")]
    assert follow_the_address("/safety", "?from=2012-01", ids) == [
        "/safety?from=2012-01&lang=en", "/safety?from=2012-01&lang=fr"]


def test_nav_links_carry_lang_with_the_filters(app):
    with app.server.test_request_context("/"):
        links = [{"page": "shell", "part": "nav", "to": page["module"]}
                 for page in dash.page_registry.values()]
        hrefs = carry_filters_across_pages({"mission": "MINUSCA"},
                                           "?mission=MINUSCA&lang=fr", links)
    assert hrefs and all(href.endswith("?lang=fr&mission=MINUSCA") for href in hrefs), hrefs
    with app.server.test_request_context("/"):
        plain = carry_filters_across_pages({"mission": "MINUSCA"}, "?mission=MINUSCA", links)
    assert all(href.endswith("?mission=MINUSCA") for href in plain)


def test_the_navbar_has_a_language_switch_named_in_each_language(client):
    shell = shell_text(client, Referer="http://localhost/missions?lang=fr")
    assert '"English"' in shell and '"Français"' in shell
    assert '"hrefLang": "en"' in shell and '"lang": "fr"' in shell
    assert '"aria-current": "true"' in shell


def test_a_request_leaves_no_language_behind(client):
    """The locale lives in a context variable: a French request must not leave the thread
    (a worker's next request, or a test) in French."""
    from indicators.i18n import current_locale

    client.get("/?lang=fr")
    client.get("/_dash-layout", headers={"Referer": "http://localhost/?lang=fr"})
    assert current_locale() == "en"
