"""The export front doors on the real files: /export/<page>.<fmt>, the background job routes
and `pkdash export` give the screen's numbers for the same filters, and refuse bad requests
with a message that names the parameter."""

from __future__ import annotations

import io
import time

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from dashboard.cli import main as pkdash
from dashboard.settings import ExportLimits
from indicators.compute import compute
from indicators.filters import Filters
from tests.dashboard.helpers import app_for
from tests.dashboard.page_checks import fill

POLICE = ("formed-police-units", "individual-police")
DECEMBER_POLICE = "category=formed-police-units,individual-police&from=2013-12&to=2013-12"


@pytest.fixture(scope="module")
def real_url(raw_dir, tmp_path_factory):
    from indicators.build import build
    from indicators.config import DataConfig

    url = f"sqlite:///{tmp_path_factory.mktemp('real') / 'real.sqlite'}"
    build(DataConfig(url, raw_dir), log=lambda _line: None)
    return url


@pytest.fixture(scope="module")
def app(real_url, tmp_path_factory):
    # Limits off the way: this module asks for more exports a minute than a person would.
    return app_for(real_url, export_dir=tmp_path_factory.mktemp("exports"),
                   limits=ExportLimits(per_client="1000/minute", in_all="1000/minute"))


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def export_file(client, address: str, timeout: float = 120, **options):
    """GET an export address as a script would: 202 and the job's status, polled until done,
    then the same address again, which sends to the finished file (303). `options` go to
    each request (base_url: the host the script asked)."""
    response = client.get(address, **options)
    if response.status_code == 303:  # made already by an earlier test: the file at once
        return client.get(response.headers["Location"], **options)
    assert response.status_code == 202, response.data[:500]
    assert response.headers["Location"] == response.get_json()["status_url"]
    deadline = time.monotonic() + timeout
    job = response.get_json()
    while job["state"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.1)
        job = client.get(job["status_url"], **options).get_json()
    assert job["state"] == "done", job
    again = client.get(address, **options)
    assert again.status_code == 303 and again.headers["Location"].endswith(job["file_url"])
    return client.get(job["file_url"], **options)


def sheet_rows(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def data_sheets(book) -> list:
    return [sheet for sheet in book.worksheets if sheet.title != "About"]


def test_page_workbook_has_the_screen_numbers_for_the_same_filters(app, client):
    response = export_file(client, f"/export/women.xlsx?{DECEMBER_POLICE}")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    query = {"category": ",".join(POLICE), "from": "2013-12", "to": "2013-12"}
    by_mission = fill(app, "women", "share-by-mission", query)["rows"]
    screen = {row["mission"]: row["value"] for row in by_mission}
    exported = next(rows for rows in map(sheet_rows, data_sheets(book))
                    if rows and "mission" in rows[0] and "year" not in rows[0])
    assert {row["mission"]: row["value"] for row in exported} == pytest.approx(screen)
    about = "\n".join(str(cell) for row in book["About"].iter_rows(values_only=True)
                      for cell in row)
    assert "police" in about.lower() and "Dec 2013" in about


def test_page_pack_as_slides_carries_the_query_layers_number(app, client, real_url):
    response = export_file(client, f"/export/women.pptx?{DECEMBER_POLICE}")
    assert response.status_code == 200, response.data[:500]
    deck = Presentation(io.BytesIO(response.data))
    text = "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                     if shape.has_text_frame)
    assert "Women in peacekeeping" in text
    # Women's share of individual police, December 2013, from the query layer.
    from indicators.db import make_engine

    engine = make_engine(real_url)
    by_category = compute("women-share", Filters(categories=POLICE,
                                                 period_from=_month(2013, 12),
                                                 period_to=_month(2013, 12)), ("category",),
                          engine=engine).set_index("category")["value"]
    engine.dispose()
    for category, name in (("individual-police", "Individual police officers"),
                           ("formed-police-units", "Formed police units")):
        assert f"{name}: {by_category[category]:.1f}%" in text
    assert round(by_category["individual-police"], 1) == 16.0


def _month(year, month):
    import datetime as dt

    return dt.date(year, month, 1)


@pytest.mark.parametrize(("address", "status", "named"), [
    ("/export/nowhere.pptx", 404, "page"),
    ("/export/women.docx", 400, "format"),
    ("/export/women.xlsx?mission=ATLANTIS", 400, "mission"),
    ("/export/women.xlsx?misison=MONUSCO", 400, "misison"),
    ("/export/women.xlsx?from=2013-13", 400, "from"),
    ("/export/women.xlsx?lang=xx", 400, "lang"),
    ("/export/briefing.xlsx", 400, "chart"),
    ("/export/briefing.xlsx?chart=women/no-such-chart", 400, "chart"),
    ("/export/women.xlsx?chart=women/share-by-mission", 400, "chart"),
])
def test_bad_requests_are_refused_naming_the_parameter(client, address, status, named):
    response = client.get(address)
    assert response.status_code == status
    text = response.get_data(as_text=True)
    assert text.startswith("The export was not made")
    assert f"{named}=" in text
    assert "Traceback" not in text


def test_briefing_pack_keeps_the_chosen_charts_in_order(client):
    charts = "conduct/by-year,women/share-by-mission"
    response = export_file(client, f"/export/briefing.xlsx?chart={charts}&title=Fifth+Committee")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    assert len(data_sheets(book)) == 2
    about = "\n".join(str(cell) for row in book["About"].iter_rows(values_only=True)
                      for cell in row)
    assert about.index("allegations") < about.index("Women")


def test_background_job_reports_progress_then_serves_the_file(client):
    response = client.post("/export/jobs", json={
        "page": "women", "format": "pptx", "query": DECEMBER_POLICE})
    assert response.status_code == 202
    job = response.get_json()
    assert job["state"] in ("queued", "running", "done")
    seen = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job = client.get(job["status_url"]).get_json()
        seen.add(job["state"])
        if job["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert job["state"] == "done", job
    assert job["total"] >= 4 and job["done"] == job["total"]
    download = client.get(job["file_url"])
    assert download.status_code == 200
    assert len(Presentation(io.BytesIO(download.data)).slides) >= 4


def test_a_job_with_bad_filters_is_refused_at_once(client):
    response = client.post("/export/jobs", json={
        "page": "women", "format": "pdf", "query": "country=XXX"})
    assert response.status_code == 400
    body = response.get_json()
    assert body["problems"][0]["parameter"] == "country"


def test_unknown_jobs_are_404_not_500(client):
    assert client.get("/export/jobs/" + "0" * 32).status_code == 404
    assert client.get("/export/jobs/" + "z" * 32 + "/file").status_code == 404


def test_cli_export_writes_the_same_workbook_as_the_address(client, real_url, tmp_path,
                                                            monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", real_url)
    target = tmp_path / "women.xlsx"
    code = pkdash(["export", "women", "--format", "xlsx", "-o", str(target),
                   "--category", *POLICE, "--from", "2013-12", "--to", "2013-12"])
    assert code == 0, capsys.readouterr().err
    from_cli = load_workbook(target)
    from_web = load_workbook(io.BytesIO(
        export_file(client, f"/export/women.xlsx?{DECEMBER_POLICE}").data))
    for cli_sheet, web_sheet in zip(data_sheets(from_cli), data_sheets(from_web), strict=True):
        assert sheet_rows(cli_sheet) == sheet_rows(web_sheet)


def test_cli_export_names_the_option_to_fix(real_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", real_url)
    code = pkdash(["export", "women", "--format", "pdf", "-o", str(tmp_path / "x.pdf"),
                   "--mission", "ATLANTIS"])
    assert code == 2
    assert "--mission 'ATLANTIS'" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_a_chart_downloads_as_png_and_svg_drawn_on_the_server(client):
    from xml.etree import ElementTree

    png = client.get(f"/download/women/share-by-mission.png?{DECEMBER_POLICE}")
    assert png.status_code == 200 and png.mimetype == "image/png"
    assert png.data.startswith(b"\x89PNG\r\n\x1a\n")
    svg = client.get(f"/download/women/share-by-mission.svg?{DECEMBER_POLICE}")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    root = ElementTree.fromstring(svg.data)
    assert root.tag.endswith("svg")
    # The picture carries its provenance: the caption's source is written into the SVG.
    assert "IPI Peacekeeping Database" in svg.get_data(as_text=True)
    assert client.get("/download/women/share-by-mission.gif").status_code == 404
