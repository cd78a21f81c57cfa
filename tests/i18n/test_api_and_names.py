"""The API's errors in the language asked for; countries, missions and categories named in
French; the French shell and the indicators page; plotly's French locale served locally. On
SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from dashboard.shell.filterbar import filter_options
from indicators.i18n import use_locale
from indicators.lookups import labels
from indicators.models.dimensions import Country, Mission
from tests.dashboard.helpers import app_for, render_sources, text_of, url_of
from tests.i18n.test_formatting import plain
from tests.indicators.test_query_cli import insert_small_world

BASE = "/api/v1/indicators"


@pytest.fixture
def app(engine):
    insert_small_world(engine)
    with engine.begin() as conn:
        conn.execute(insert(Mission), [
            {"acronym": "UNIFIL", "name": "United Nations Interim Force in Lebanon"},
            {"acronym": "UNSMIL", "name": "United Nations Support Mission in Libya"}])
        conn.execute(insert(Country), [
            {"iso3": "COD", "name": "DR Congo", "historic": False},
            {"iso3": "CIV", "name": "Cote d Ivoire", "historic": False},
            {"iso3": "YUG", "name": "Yugoslavia", "historic": True}])
    return app_for(url_of(engine))


def errors(response) -> dict[str, str]:
    return {error["parameter"]: error["reason"] for error in response.get_json()["errors"]}


def test_api_errors_in_french_when_asked_with_lang(app):
    client = app.server.test_client()
    response = client.get(f"{BASE}/women-share?mission=NOPE&misison=x&by=colour&lang=fr")
    assert response.status_code == 400
    reasons = errors(response)
    assert "lang" not in reasons  # the language parameter is accepted everywhere
    assert reasons["mission"] == "aucune mission ne porte ce sigle"
    assert plain(reasons["misison"]).startswith("paramètre inconnu ; paramètres attendus :")
    assert reasons["by"].startswith("women-share peut être ventilé par ")


def test_api_errors_in_french_from_accept_language(app):
    client = app.server.test_client()
    headers = {"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"}
    response = client.get(f"{BASE}/no-such-thing", headers=headers)
    assert response.status_code == 404
    assert errors(response)["indicator"].startswith("aucun indicateur n'a cet identifiant")
    response = client.get(f"{BASE}/women-share.xml", headers=headers)
    assert plain(errors(response)["format"]) == "attendu : .csv, .json ou aucun suffixe"
    response = client.get("/api/v1/nowhere", headers=headers)
    assert errors(response)["path"].startswith("point d'accès inexistant dans l'API")
    # An API call never sets the pages' language cookie.
    assert "Set-Cookie" not in response.headers


def test_api_errors_stay_english_by_default(app):
    client = app.server.test_client()
    response = client.get(f"{BASE}/women-share?mission=NOPE")
    assert errors(response)["mission"] == "no mission with this acronym"
    response = client.get(f"{BASE}/women-share?lang=fr&by=mission")
    assert response.status_code == 200  # lang is not an unknown parameter


def test_labels_name_countries_and_missions_in_french(app, engine):
    french = labels(engine, "fr")
    assert french["country"]["COD"] == "République démocratique du Congo"  # the UN's name
    assert french["country"]["CIV"] == "Côte d’Ivoire"  # CLDR's
    assert french["country"]["RWA"] == "Rwanda"
    assert french["country"]["YUG"] == "Yougoslavie"  # a state no longer in CLDR
    assert french["mission"]["UNIFIL"] == "FINUL"
    assert french["mission_name"]["UNIFIL"] == "Force intérimaire des Nations Unies au Liban"
    # No official French name on record: the English one stays.
    assert french["mission"]["UNSMIL"] == "UNSMIL"
    assert french["mission_name"]["UNSMIL"] == "United Nations Support Mission in Libya"
    assert french["gender"]["women"] == "Femmes"
    assert french["incident-type"]["malicious-act"] == "Acte de malveillance"
    english = labels(engine, "en")
    assert english["country"]["COD"] == "DR Congo"
    assert "mission" not in english  # acronyms are shown as they are
    with use_locale("fr"):
        assert labels(engine)["country"]["COD"] == "République démocratique du Congo"


def test_filter_choices_in_french(app, engine):
    with use_locale("fr"):
        options = filter_options(engine)
    missions = {option["value"]: option["label"] for option in options["mission"]}
    assert missions["UNIFIL"] == ("FINUL (UNIFIL) – Force intérimaire des Nations Unies au "
                                  "Liban")
    countries = [option["label"] for option in options["country"]]
    # French order: accents do not sort after z.
    assert countries == ["Bangladesh (BGD)", "Côte d’Ivoire (CIV)",
                         "République démocratique du Congo (COD)", "Rwanda (RWA)",
                         "Yougoslavie (YUG)"]


def test_the_indicators_page_in_french(app):
    with use_locale("fr"):
        text = text_of(render_sources(app))
    assert "Indicateurs et sources" in text
    assert "Personnel en tenue" in text  # an indicator's French title
    assert "Sources des données" in text
    assert "Uniformed personnel" not in text


def test_plotly_french_locale_is_served_locally(app):
    client = app.server.test_client()
    page = client.get("/?lang=fr").get_data(as_text=True)
    assert "/assets/plotly-locale-fr.js" in page
    script = client.get("/assets/plotly-locale-fr.js")
    assert script.status_code == 200
    assert b'name:"fr"' in script.get_data() and b"PlotlyLocales" in script.get_data()
