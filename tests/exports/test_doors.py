"""Every export door reads its request the same strict way: unknown or repeated parameters,
unknown codes and months outside the data are 400s naming them; jobs are posted as JSON from
this site only; an address that is no export is a 404 with a message, never the app's page."""

from __future__ import annotations

import pytest

from dashboard.cli import main as pkdash
from dashboard.settings import ExportLimits
from tests.dashboard.helpers import app_for

LOOSE = ExportLimits(per_client="1000/minute", in_all="1000/minute")


@pytest.fixture(scope="module")
def client(real_url, tmp_path_factory):
    app = app_for(real_url, export_dir=tmp_path_factory.mktemp("doors"), limits=LOOSE)
    return app.server.test_client()


def job(client, body, **headers):
    return client.post("/export/jobs", json=body, headers=headers)


@pytest.mark.parametrize(("address", "named"), [
    ("/export/women.xlsx?from=2099-01", "from='2099-01'"),
    ("/export/women.xlsx?to=1900-01", "to='1900-01'"),
    ("/export/women.xlsx?from=2012-01&from=2013-01", "from="),
    ("/export/women.xlsx?gender=women&gender=men", "gender="),
    ("/export/women.xlsx?gender=women,men", "gender="),
    ("/export/briefing.xlsx?chart=women/share-by-mission&title=a&title=b", "title="),
    ("/export/women.pdf?lang=en&lang=fr", "lang="),
])
def test_months_outside_the_data_and_repeated_parameters_are_refused(client, address, named):
    response = client.get(address)
    assert response.status_code == 400, response.data[:300]
    text = response.get_data(as_text=True)
    assert named in text and "Traceback" not in text


def test_a_title_may_hold_commas(client):
    response = client.get("/export/briefing.xlsx?chart=women/share-by-mission"
                          "&title=Women,+peace+and+security&from=2013-12&to=2013-12")
    assert response.status_code in (202, 303), response.data[:300]


@pytest.mark.parametrize("address", [
    "/export/..%2F..%2Fetc%2Fpasswd.pdf", "/export/../../etc/passwd.pdf",
    "/export/women/../../x.pdf", "/export/jobs",
])
def test_addresses_that_are_no_export_are_404_with_a_message(client, address):
    response = client.get(address)
    assert response.status_code == 404
    text = response.get_data(as_text=True)
    assert "export" in text.lower() and "<html" not in text.lower() and "root:" not in text


@pytest.mark.parametrize("address", [
    "/download/..%2F..%2Fetc%2Fpasswd", "/download/women/nothing.csv",
    "/download/women/share-by-mission.exe",
])
def test_download_addresses_that_are_no_download_are_404(client, address):
    response = client.get(address)
    assert response.status_code == 404
    assert "<html" not in response.get_data(as_text=True).lower()


@pytest.mark.parametrize(("query", "named"), [
    ("mission=NOSUCH", "mission"), ("from=2099-01", "from"), ("to=2013-01&to=2014-01", "to"),
    ("misison=MONUSCO", "misison"),
])
def test_downloads_read_their_query_as_strictly_as_the_packs(client, query, named):
    response = client.get(f"/download/women/share-by-mission.csv?{query}")
    assert response.status_code == 400
    assert f"{named}=" in response.get_data(as_text=True)


def test_a_job_query_that_is_not_a_string_is_refused(client):
    response = job(client, {"page": "women", "format": "xlsx", "query": {"mission": "NOSUCH"}})
    assert response.status_code == 400
    assert response.get_json()["problems"][0]["parameter"] == "query"


@pytest.mark.parametrize("body", [[1, 2], "women", 3, None])
def test_a_json_body_that_is_not_an_object_is_400(client, body):
    response = client.post("/export/jobs", data=__import__("json").dumps(body),
                           content_type="application/json")
    assert response.status_code == 400
    assert "JSON object" in response.get_json()["error"]


def test_unknown_fields_and_non_string_pages_are_named(client):
    response = job(client, {"page": ["women"], "format": "pdf", "quer": "x"})
    assert response.status_code == 400
    named = {problem["parameter"] for problem in response.get_json()["problems"]}
    assert named == {"page", "quer"}


def test_form_posts_are_415(client):
    response = client.post("/export/jobs", data={"page": "women", "format": "pdf"})
    assert response.status_code == 415
    assert "JSON" in response.get_json()["error"]


@pytest.mark.parametrize("headers", [{"Origin": "https://attacker.example"},
                                     {"Sec-Fetch-Site": "cross-site"}])
def test_posts_from_another_site_are_403(client, headers):
    response = job(client, {"page": "women", "format": "xlsx", "query": "from=2013-12"},
                   **headers)
    assert response.status_code == 403
    assert "site" in response.get_json()["error"]


def test_a_post_from_this_site_starts_a_job_and_the_same_post_reuses_it(client):
    body = {"page": "women", "format": "xlsx", "query": "from=2013-12&to=2013-12"}
    first = job(client, body, Origin="http://localhost")
    assert first.status_code == 202, first.data[:300]
    again = job(client, body, Origin="http://localhost")
    assert again.status_code == 202
    assert again.get_json()["id"] == first.get_json()["id"]
    # The same pack by its address is the same job too.
    by_address = client.get("/export/women.xlsx?from=2013-12&to=2013-12")
    assert by_address.status_code in (202, 303)
    if by_address.status_code == 202:
        assert by_address.get_json()["id"] == first.get_json()["id"]
    else:
        assert first.get_json()["id"] in by_address.headers["Location"]


def test_the_cli_refuses_months_outside_the_data(real_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", real_url)
    code = pkdash(["export", "women", "--format", "xlsx", "-o", str(tmp_path / "x.xlsx"),
                   "--from", "2099-01"])
    assert code == 2
    assert "2099-01" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()
