"""The HTTP API through Flask's test client on SQLite and PostgreSQL, and real Dec 2013 figures."""

from __future__ import annotations

import csv
import io

import pytest

from indicators.catalogue import CATALOGUE
from indicators.compute import compute
from indicators.filters import Filters
from indicators.manifest import load_manifest
from tests.dashboard.helpers import app_for, url_of
from tests.indicators.test_query_cli import insert_small_world

BASE = "/api/v1/indicators"


@pytest.fixture
def client(engine):
    insert_small_world(engine)
    return app_for(url_of(engine)).server.test_client()


def test_catalogue_lists_every_indicator_with_its_metadata(client):
    response = client.get(BASE)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    entries = response.get_json()
    assert [entry["slug"] for entry in entries] == list(CATALOGUE)
    titles = {source.slug: source.title for source in load_manifest()}
    for entry in entries:
        indicator = CATALOGUE[entry["slug"]]
        assert entry["title"] == {"en": indicator.title_en, "fr": indicator.title_fr}
        assert entry["definition"]["fr"] == indicator.definition_fr
        assert (entry["unit"], entry["scale"]) == (indicator.unit, indicator.scale)
        assert entry["dimensions"] == list(indicator.dimensions)
        assert entry["illustrative"] is indicator.illustrative
        assert entry["visibility"] == indicator.visibility
        for source in entry["sources"]:
            assert source["citation"], f"{entry['slug']}: source {source['slug']} uncited"
            if source["slug"] in titles:
                assert source["title"] == titles[source["slug"]]


def test_json_shape_and_hand_computed_values(client):
    response = client.get(f"{BASE}/women-share?by=mission")
    assert response.status_code == 200
    payload = response.get_json()
    assert list(payload) == ["indicator", "unit", "illustrative", "filters", "ignored_filters",
                             "rows"]
    assert (payload["indicator"], payload["unit"], payload["illustrative"]) == (
        "women-share", "percent", False)
    rows = {row["mission"]: row for row in payload["rows"]}
    assert (rows["MINUSCA"]["numerator"], rows["MINUSCA"]["denominator"]) == (47, 450)
    assert rows["MINUSCA"]["value"] == pytest.approx(47 / 450 * 100)
    assert rows["MONUSCO"]["value"] == pytest.approx(10.0)
    assert "unit" not in rows["MINUSCA"]  # said once at the top
    assert rows["MONUSCO"]["target"] is None


def test_repeated_and_comma_separated_parameters_are_the_same_query(client):
    one = client.get(f"{BASE}/uniformed-personnel?mission=MINUSCA,MONUSCO&by=mission,month")
    two = client.get(f"{BASE}/uniformed-personnel?mission=monusco&mission=minusca"
                     "&by=mission&by=month")
    assert one.status_code == two.status_code == 200
    assert one.get_json() == two.get_json()
    rows = {(r["mission"], r["month"]): r["value"] for r in one.get_json()["rows"]}
    assert rows == {("MINUSCA", "2013-12"): 350, ("MINUSCA", "2014-01"): 100,
                    ("MONUSCO", "2013-12"): 300, ("MONUSCO", "2014-01"): 400}


def test_filters_are_echoed_and_inapplicable_ones_reported(client):
    payload = client.get(f"{BASE}/women-share?mission=MINUSCA&from=2013-12&to=2013-12"
                         "&gender=men").get_json()
    assert payload["filters"] == {"mission": "MINUSCA", "from": "2013-12", "to": "2013-12",
                                  "gender": "men"}
    assert payload["ignored_filters"] == ["gender"]
    assert [(r["numerator"], r["denominator"]) for r in payload["rows"]] == [(35, 350)]


def test_csv_reads_back_to_the_json_numbers(client):
    query = "?by=mission,month&from=2013-12"
    response = client.get(f"{BASE}/women-share.csv{query}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert 'filename="women-share.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    expected = client.get(f"{BASE}/women-share{query}").get_json()["rows"]
    assert len(rows) == len(expected) == 4
    for got, want in zip(rows, expected, strict=True):
        assert (got["mission"], got["month"]) == (want["mission"], want["month"])
        for column in ("numerator", "denominator", "value"):
            assert float(got[column]) == want[column]  # exact: same float text both ways
        assert got["unit"] == "percent"
        assert got["illustrative"] == "false"


def test_api_numbers_are_compute_numbers(client, engine):
    payload = client.get(f"{BASE}/women-share?mission=MINUSCA&by=month").get_json()
    frame = compute("women-share", Filters(missions=("MINUSCA",)), ("month",), engine=engine)
    assert [r["month"] for r in payload["rows"]] == list(frame["month"])
    for column in ("numerator", "denominator", "value"):
        assert [r[column] for r in payload["rows"]] == [float(v) for v in frame[column]]


@pytest.mark.parametrize(("query", "parameter", "value"), [
    ("mission=XYZ", "mission", "XYZ"),
    ("country=ZZZ", "country", "ZZZ"),
    ("category=generals", "category", "generals"),
    ("from=2013-13", "from", "2013-13"),
    ("to=0000-01", "to", "0000-01"),  # matches YYYY-MM, but year 0 is no date
    ("to=December", "to", "December"),
    ("from=2014-01&to=2013-12", "to", "2013-12"),
    ("gender=other", "gender", "other"),
    ("by=gender", "by", "gender"),
    ("by=mission,planet", "by", "planet"),
    ("misson=MINUSCA", "misson", "MINUSCA"),
])
def test_bad_parameter_is_400_naming_it(client, query, parameter, value):
    for suffix in ("", ".csv"):
        response = client.get(f"{BASE}/women-share{suffix}?{query}")
        assert response.status_code == 400
        assert response.mimetype == "application/json"
        body = response.get_json()
        assert body["error"] == body["errors"][0]
        assert (body["error"]["parameter"], body["error"]["value"]) == (parameter, value)
        assert body["error"]["reason"]


def test_all_problems_are_listed(client):
    body = client.get(f"{BASE}/women-share?mission=XYZ&from=bad&by=nope").get_json()
    assert {e["parameter"] for e in body["errors"]} == {"mission", "from", "by"}


@pytest.mark.parametrize("path", [f"{BASE}/no-such-indicator", f"{BASE}/no-such-indicator.csv",
                                  f"{BASE}/women-share.xlsx", "/api/v1/nothing-here"])
def test_unknown_path_is_404_json(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.mimetype == "application/json"
    assert response.get_json()["error"]["reason"]


def test_every_indicator_answers_by_each_of_its_dimensions(client):
    for slug, indicator in CATALOGUE.items():
        for by in ("", *indicator.dimensions):
            response = client.get(f"{BASE}/{slug}?by={by}" if by else f"{BASE}/{slug}")
            if indicator.visibility != "public":  # not signed in (tests/dashboard/test_tiers)
                assert response.status_code == 401, (slug, by)
                continue
            assert response.status_code == 200, (slug, by, response.get_data(as_text=True))
            payload = response.get_json()
            assert payload["illustrative"] is indicator.illustrative
            for row in payload["rows"]:
                assert {"numerator", "denominator", "value"} <= set(row)
                if by:
                    assert by in row


def test_unbuilt_database_is_503_json(tmp_path):
    client = app_for(f"sqlite:///{tmp_path / 'empty.sqlite'}").server.test_client()
    response = client.get(f"{BASE}/women-share")
    assert response.status_code == 503
    assert response.mimetype == "application/json"
    assert "pkdash build" in response.get_json()["error"]["reason"]


@pytest.fixture(scope="module")
def real_client(tmp_path_factory, raw_dir):
    from indicators.build import build
    from indicators.config import DataConfig

    url = f"sqlite:///{tmp_path_factory.mktemp('real') / 'real.sqlite'}"
    report = build(DataConfig(url, raw_dir), log=lambda _line: None)
    assert report.ok
    return app_for(url).server.test_client()


@pytest.mark.realdata
def test_real_women_share_december_2013(real_client):
    payload = real_client.get(f"{BASE}/women-share?by=category&from=2013-12&to=2013-12"
                              ).get_json()
    troops = next(r for r in payload["rows"] if r["category"] == "troops")
    assert (troops["numerator"], troops["denominator"]) == (2338, 83279)
    assert round(troops["value"], 2) == 2.81
    police = real_client.get(f"{BASE}/women-share?category=formed-police-units,"
                             "individual-police&from=2013-12&to=2013-12").get_json()
    assert len(police["rows"]) == 1
    assert round(police["rows"][0]["value"], 2) == 10.18
