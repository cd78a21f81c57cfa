"""Every page in French: headings, introductions, prompts, panel titles and notes, tabs,
badges and download links, as each page's layout renders them inside a French request; the
shared panel callback in a French page's request; a panel's CSV and Excel downloads with
French column headers and the same numbers as in English. English stays as it was.

The app runs on a real (SQLite) database holding hand-written rows (tests/indicators/
test_kpi.py, tests/dashboard/test_overview.py); pages and callbacks are called as Dash calls
them, inside a request whose language dashboard.i18n.language chooses."""

from __future__ import annotations

import csv
import io
import json

import pytest
from dash import html
from dash.development.base_component import Component
from flask import request
from openpyxl import load_workbook
from plotly.utils import PlotlyJSONEncoder

from dashboard.i18n.language import negotiate
from dashboard.panels.card import fill_panel
from dashboard.panels.spec import Panel, page_panels
from dashboard.panels.text import default_title
from indicators.compute import get_indicator
from indicators.i18n import DEFAULT_LOCALE, _catalogue, set_locale, use_locale
from indicators.kpi import PERIOD_RULE, STATUS_RULE
from indicators.viewer import ANONYMOUS, SECRETARIAT, Viewer
from tests.dashboard.helpers import app_for, text_of, url_of
from tests.dashboard.page_checks import (
    FILL_OUTPUTS,
    as_viewer,
    find,
    page_entry,
    page_module,
)
from tests.dashboard.test_overview import load_places
from tests.i18n.test_charts_french import fresh_engine
from tests.indicators.test_kpi import load_rows

# The pages with panels: module → address.
PAGES = {"overview": "/", "missions": "/missions", "countries": "/countries",
         "women": "/women", "conduct": "/conduct", "safety": "/safety",
         "performance": "/performance", "partnerships": "/partnerships",
         "protection": "/protection"}
# The component properties a reader sees or hears.
VISIBLE = ("children", "label", "title", "aria-label", "placeholder")


@pytest.fixture(scope="module")
def app(database_url_factory):
    """MINUSCA's Ghanaian troops 2021-22, UGPS targets, fatalities, training, MINUSCA's
    headquarters and Geo-PKO sites (tests/dashboard/test_overview.py)."""
    engine = load_places(load_rows(fresh_engine(database_url_factory)))
    yield app_for(url_of(engine))
    engine.dispose()


def french(message: str, same: bool = False) -> str:
    """The message's French from the catalogue; it must differ from the English unless
    `same` (a page named "Missions" in both languages)."""
    translated = _catalogue("fr").get(message)
    assert translated and (same or translated != message), f"no French for {message!r}"
    return translated


def english_only() -> set[str]:
    """Catalogue messages whose French differs: seen on a French page, they are English."""
    return {message for message, text in _catalogue("fr").items()
            if message != text and len(message) > 1}


def render(app, module: str, address: str, viewer: Viewer = ANONYMOUS, **query):
    """The page's layout as Dash Pages calls it, in a request for `address`, with the locale
    chosen by dashboard.i18n.language's rule (set before each request, reset after), for
    `viewer` (page_checks.as_viewer)."""
    page = page_module(module)
    with app.server.test_request_context(address):
        as_viewer(viewer)
        set_locale(negotiate(request))
        try:
            return page.layout(**query)
        finally:
            set_locale(DEFAULT_LOCALE)


def fill(app, page: str, key: str, referer: str, query: dict | None = None) -> dict:
    """The shared panel callback, in a request made by the page at `referer` (as Dash's
    callback requests are: their language is the page's)."""
    with app.server.test_request_context("/_dash-update-component", method="POST",
                                         headers={"Referer": f"http://localhost{referer}"}):
        set_locale(negotiate(request))
        try:
            outputs = fill_panel(query or {}, {"page": page, "panel": key}, None)
        finally:
            set_locale(DEFAULT_LOCALE)
    return dict(zip(FILL_OUTPUTS, outputs, strict=True))


def shown_texts(component) -> list[str]:
    """Every string a reader sees or hears in a layout: children, labels, titles and
    aria-labels of its components (not figures, table rows or ids)."""
    found: list[str] = []

    def walk(node):
        if isinstance(node, str):
            found.append(node.strip())
        elif isinstance(node, list | tuple):
            for child in node:
                walk(child)
        elif isinstance(node, Component):
            for name in VISIBLE:
                value = getattr(node, name, None)
                if isinstance(value, str):
                    found.append(value.strip())
                elif name == "children" or name == "label":
                    walk(value)

    walk(component)
    return [text for text in found if text]


def page_heading(component) -> str:
    """The text of the page's h1."""
    if isinstance(component, html.H1):
        return text_of(component)
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if isinstance(child, Component):
            found = page_heading(child)
            if found:
                return found
    return ""


def heading(layout, page: str, key: str) -> str:
    return text_of(find(layout, f"pk-{page}-{key}-title"))


def card_part(layout, part: str, page: str, key: str):
    return find(layout, {"kind": f"pk-{part}", "page": page, "panel": key})


@pytest.mark.parametrize("module", PAGES)
def test_a_page_in_french_has_no_english_left(app, module):
    layout = render(app, module, f"{PAGES[module]}?lang=fr")
    left = sorted(set(shown_texts(layout)) & english_only())
    assert left == [], f"English left on {PAGES[module]}?lang=fr: {left}"


@pytest.mark.parametrize("module", PAGES)
def test_a_page_in_french_has_its_heading_panel_titles_notes_and_tabs_in_french(app, module):
    # As the Secretariat, who sees every card (restricted ones included).
    layout = render(app, module, f"{PAGES[module]}?lang=fr", viewer=SECRETARIAT)
    name = page_entry(module)["name"]
    assert page_heading(layout) == french(name, same=True)
    for panel in page_panels(module):
        assert heading(layout, module, panel.key) == french(panel.title), panel.key
        texts = shown_texts(layout)
        if panel.note:
            assert french(panel.note) in texts, panel.key
        tabs = card_part(layout, "tabs", module, panel.key)
        assert [tab.label for tab in tabs.children] == ["Graphique", "Tableau"]
        graph = card_part(layout, "chart", module, panel.key).data["props"]  # dcc.Graph
        assert graph["config"]["locale"] == "fr"  # plotly's French mode bar
    assert "Télécharger ces chiffres :" in " ".join(shown_texts(layout))


@pytest.mark.parametrize("module", PAGES)
def test_the_same_page_in_english_is_unchanged(app, module):
    layout = render(app, module, PAGES[module], viewer=SECRETARIAT)
    name = page_entry(module)["name"]
    assert page_heading(layout) == name
    for panel in page_panels(module):
        assert heading(layout, module, panel.key) == panel.title, panel.key
        tabs = card_part(layout, "tabs", module, panel.key)
        assert [tab.label for tab in tabs.children] == ["Chart", "Table"]
        graph = card_part(layout, "chart", module, panel.key).data["props"]  # dcc.Graph
        assert "locale" not in graph["config"]
    assert "Download these numbers:" in shown_texts(layout)


def test_the_registry_gives_page_titles_and_descriptions_in_french(app):
    for module in PAGES:
        entry = page_entry(module)
        assert french(entry["nav_label"], same=True)
        with app.server.test_request_context(f"{PAGES[module]}?lang=fr"), use_locale("fr"):
            assert entry["title"]().startswith(french(entry["name"], same=True) + " · ")
            if entry["description_en"]:
                assert entry["description"]() == french(entry["description_en"])


def test_overview_explains_its_rules_in_french(app):
    layout = render(app, "overview", "/?lang=fr")
    texts = shown_texts(layout)
    assert "Comment ces chiffres sont calculés" in texts
    assert french(PERIOD_RULE).startswith("Sans période choisie") and french(PERIOD_RULE) in texts
    assert french(STATUS_RULE).startswith("Cible atteinte") and french(STATUS_RULE) in texts


def test_the_prompts_of_missions_and_countries_in_french(app):
    missions = " ".join(shown_texts(render(app, "missions", "/missions?lang=fr")))
    assert "Choisissez une ou plusieurs missions dans la barre de filtres" in missions
    assert "(la case « Mission » ci-dessus) pour voir son profil." in missions
    assert "Profil : toutes les missions" in missions
    countries = " ".join(shown_texts(render(app, "countries", "/countries?lang=fr")))
    assert "Choisissez un pays contributeur dans la barre de filtres" in countries
    assert "Pairs de taille comparable" in countries


def test_the_mission_profile_heading_follows_the_language(app):
    missions = page_module("missions")
    with app.server.test_request_context("/missions?lang=fr"), use_locale("fr"):
        assert missions.selection_view(["MINUSCA", "UNMISS"], {})[2] == \
            "Profil : MINUSCA, UNMISS ensemble"
    assert missions.selection_view(["MINUSCA", "UNMISS"], {})[2] == \
        "Profile: MINUSCA, UNMISS together"


def test_generated_data_pages_say_so_in_french(app):
    layout = render(app, "performance", "/performance?lang=fr")
    texts = " ".join(shown_texts(layout))
    assert "Tous les graphiques de cette page montrent des données générées" in texts
    assert "Données illustratives" in texts


def test_the_card_in_french_badge_downloads_and_grid(app):
    layout = render(app, "missions", "/missions?lang=fr")
    badge = card_part(layout, "badge", "missions", "contributors")
    assert text_of(badge) == "Données réelles"
    assert badge.children.title.startswith("Issues de fichiers publics officiels")
    csv_link = card_part(layout, "csv", "missions", "contributors")
    assert csv_link.href == "/download/missions/contributors.csv?lang=fr"
    grid = card_part(layout, "table", "missions", "contributors").data["props"]
    assert grid["dashGridOptions"]["localeText"]["noRowsToShow"] == "Aucune ligne à afficher"
    assert grid["dashGridOptions"]["localeText"]["filterOoo"] == "Filtrer…"
    english = render(app, "missions", "/missions")
    assert card_part(english, "csv", "missions", "contributors").href == \
        "/download/missions/contributors.csv"
    assert "localeText" not in card_part(english, "table", "missions", "contributors"
                                         ).data["props"]["dashGridOptions"]


def test_the_panel_callback_follows_the_page_language(app):
    filled = fill(app, "women", "share-by-mission", "/women?lang=fr", {"from": "2021-01"})
    assert text_of(filled["badge"]) == "Données réelles"
    assert filled["csv"] == "/download/women/share-by-mission.csv?from=2021-01&lang=fr"
    english = fill(app, "women", "share-by-mission", "/women", {"from": "2021-01"})
    assert text_of(english["badge"]) == "Real data"
    assert english["csv"] == "/download/women/share-by-mission.csv?from=2021-01"


def test_a_default_title_is_made_in_the_current_language():
    panel = Panel("untitled", "uniformed-personnel", by=("mission", "year"))
    indicator = get_indicator("uniformed-personnel")
    with use_locale("fr"):
        assert default_title(panel, indicator) == "Personnel en tenue par mission par année"
    assert default_title(panel, indicator) == "Uniformed personnel by mission per year"


def csv_rows(client, address: str) -> list[list[str]]:
    response = client.get(address)
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def test_a_panel_csv_in_french_has_french_headers_and_the_same_numbers(app):
    client = app.server.test_client()
    english = csv_rows(client, "/download/women/share-by-category.csv")
    french_rows = csv_rows(client, "/download/women/share-by-category.csv?lang=fr")
    # English keeps the column codes, as the API writes them.
    assert english[0][:7] == ["year", "ugps-group", "numerator", "denominator", "value",
                              "unit", "illustrative"]
    assert french_rows[0][:7] == ["Année", "Groupe cible de la stratégie", "Numérateur",
                                  "Dénominateur", "Valeur (%)", "Unité", "Données illustratives"]
    assert len(french_rows[0]) == len(english[0])
    assert not set(french_rows[0]) & set(english[0])  # every header translated
    assert french_rows[1:] == english[1:] and len(english) > 1  # the same cells


def test_a_panel_workbook_in_french_has_the_csv_headers(app):
    client = app.server.test_client()
    header = csv_rows(client, "/download/women/share-by-category.csv?lang=fr")[0]
    response = client.get("/download/women/share-by-category.xlsx?lang=fr")
    book = load_workbook(io.BytesIO(response.data))
    data = [list(row) for row in book["Data"].iter_rows(values_only=True)]
    assert data[0] == header
    english = load_workbook(io.BytesIO(
        client.get("/download/women/share-by-category.xlsx").data))
    assert [list(row) for row in english["Data"].iter_rows(values_only=True)][1:] == data[1:]


def test_the_api_csv_keeps_its_column_codes_in_french(app):
    client = app.server.test_client()
    rows = csv_rows(client, "/api/v1/indicators/women-share.csv?by=year&lang=fr")
    assert rows[0][:5] == ["year", "numerator", "denominator", "value", "unit"]


def test_layouts_serialise(app):
    """What Dash sends: the French layout is JSON like any other (no lazy strings left)."""
    for module, address in PAGES.items():
        json.dumps(render(app, module, f"{address}?lang=fr"), cls=PlotlyJSONEncoder)
