"""`pkdash changes` and GET /api/v1/changes over two real data versions: the same changes as
indicators.changes, as text or JSON, and a bad WHEN named (exit 2, or a 400), never a 500."""

from __future__ import annotations

import json

import pytest

from dashboard.cli import main
from indicators.changes import changes_between
from indicators.db import make_engine
from tests.conftest import real_raw_dir
from tests.dashboard.helpers import app_for
from tests.versions_fixture import make_two_versions

RAW = real_raw_dir()
pytestmark = pytest.mark.skipif(RAW is None, reason="needs the official files (PKDASH_RAW_DIR)")


@pytest.fixture(scope="module")
def versions(database_url_factory, tmp_path_factory):
    url = database_url_factory("sqlite")
    return url, make_two_versions(url, tmp_path_factory.mktemp("versions"), RAW)


@pytest.fixture(scope="module")
def client(versions):
    url, _ = versions
    return app_for(url).server.test_client()


def _expected(versions) -> dict:
    url, made = versions
    engine = make_engine(url)
    try:
        return changes_between(engine, made.old_version, made.new_version).to_dict()
    finally:
        engine.dispose()


def test_the_api_gives_the_changes_since_a_version(versions, client):
    _, made = versions
    response = client.get(f"/api/v1/changes?since=v{made.old_version}")
    assert response.status_code == 200
    body = response.get_json()
    assert body == _expected(versions)
    mission, month, nationalities = made.expected.new_allegation
    assert [(a["mission"], a["count"], a["nationalities"]) for a in body["new_allegations"]] \
        == [(mission, 1, list(nationalities))]
    revision = made.expected.revision
    assert [(r["old"], r["new"]) for r in body["revisions"]] == [revision[-2:]]


@pytest.mark.parametrize(("query", "parameter", "words"), [
    ("since=v999", "since", "no data version v999"),
    ("since=1990-01-01", "since", "before the first data version"),
    ("since=soon", "since", "not a date"),
    ("", "since", "required"),
    ("since=v1&until=v999", "until", "no data version"),
    ("since=v2&until=v1", "until", "newer than"),
    ("since=v1&colour=red", "colour", "unknown parameter"),
])
def test_the_api_names_a_bad_parameter(client, query, parameter, words):
    response = client.get(f"/api/v1/changes?{query}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["parameter"] == parameter and words in error["reason"]


def test_the_api_is_described_in_openapi(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    parameters = spec["paths"]["/changes"]["get"]["parameters"]
    assert [p["name"] for p in parameters][:2] == ["since", "until"]


def test_the_command_prints_the_changes(versions, monkeypatch, capsys):
    url, made = versions
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["changes", "--since", f"v{made.old_version}", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == _expected(versions)
    assert main(["changes", "--since", f"v{made.old_version}", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    _, mission, iso3, _, field, old, new = made.expected.revision
    assert f"{mission}, {iso3}, troops" in text and f"{field}: {old} → {new}" in text
    assert f"1 new allegation(s) in {made.expected.new_allegation[0]} (CMR)" in text
    assert "New months of un-dpo-contributions" in text


def test_the_command_says_what_was_wrong(versions, monkeypatch, capsys):
    url, _ = versions
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["changes", "--since", "v999"]) == 2
    assert "no data version v999" in capsys.readouterr().err
