"""Every API row says where it came from: source, file and, for the UN's reports, the page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, insert

from indicators.measures.personnel_rows import refresh_personnel
from indicators.models.dimensions import Month
from indicators.models.reports import MonthlyReport, ReportDeployment
from tests.dashboard.helpers import app_for, insert_version, url_of
from tests.indicators.test_query_cli import insert_small_world

BASE = "/api/v1/indicators"
FEB15, APR15 = dt.date(2015, 2, 1), dt.date(2015, 4, 1)
FEB_FILE = "UN_country_contributions_2015_02.pdf"
APR_FILE = "UN_country_contributions_2015_04.pdf"
IPI_FILE = "full_gender_data.csv"
# (month, mission, country, category, women, men, total, page) as two reports print them.
REPORT_ROWS = (
    (FEB15, "MINUSCA", "RWA", "troops", 10, 190, 200, 3),
    (FEB15, "MINUSCA", "BGD", "troops", 0, 50, 50, 2),
    (FEB15, "MONUSCO", "BGD", "troops", 5, 95, 100, 7),
    (APR15, "MINUSCA", "RWA", "troops", 12, 188, 200, 4),
)


def insert_reports(engine: Engine) -> None:
    """The small world (IPI, 2013-12 and 2014-01) and two UN monthly reports of 2015."""
    insert_small_world(engine)
    insert_version(engine)  # ipi-gender, read from IPI_FILE
    insert_version(engine, source="un-dpo-contributions", title="UN reports",
                   file_name="2 monthly reports (un_dpo_contributions_monthly/pdf)")
    with engine.begin() as conn:
        conn.execute(insert(Month), [{"month": m, "year": m.year, "month_number": m.month}
                                     for m in (FEB15, APR15)])
        conn.execute(insert(MonthlyReport), [
            {"month": month, "report_date": month.replace(day=28), "date_from": "printed",
             "file_name": name, "sha256": "1" * 64, "layout": "a", "pages": 9,
             "has_missions": True, "has_gender": True, "gender_note": None,
             "printed_men": None, "printed_women": None, "printed_total": None, "rows": 3,
             "people_set_aside": 0}
            for month, name in ((FEB15, FEB_FILE), (APR15, APR_FILE))])
        conn.execute(insert(ReportDeployment), [
            {"month": month, "mission": mission, "country_iso3": country,
             "category": category, "women": women, "men": men, "total": total, "page": page}
            for month, mission, country, category, women, men, total, page in REPORT_ROWS])
        refresh_personnel(conn)


@pytest.fixture
def client(engine):
    insert_reports(engine)
    return app_for(url_of(engine)).server.test_client()


def rows_of(client, query: str) -> list[dict]:
    response = client.get(f"{BASE}/{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["rows"]


def test_a_report_month_names_its_file_and_the_pages_its_rows_are_printed_on(client):
    rows = {(r["mission"], r["month"]): r for r in
            rows_of(client, "uniformed-personnel?by=mission,month&from=2015-01")}
    assert rows[("MINUSCA", "2015-02")]["provenance"] == {
        "sources": ["un-dpo-contributions"],
        "files": [{"source": "un-dpo-contributions", "file": FEB_FILE, "month": "2015-02",
                   "pages": [2, 3]}]}
    assert rows[("MONUSCO", "2015-02")]["provenance"]["files"][0]["pages"] == [7]
    assert rows[("MINUSCA", "2015-04")]["provenance"]["files"] == [
        {"source": "un-dpo-contributions", "file": APR_FILE, "month": "2015-04",
         "pages": [4]}]


def test_a_country_row_over_months_lists_each_report_and_only_its_own_pages(client):
    rows = {r["country"]: r for r in
            rows_of(client, "uniformed-personnel?by=country&from=2015-01&mission=MINUSCA")}
    assert rows["RWA"]["provenance"]["files"] == [
        {"source": "un-dpo-contributions", "file": FEB_FILE, "month": "2015-02", "pages": [3]},
        {"source": "un-dpo-contributions", "file": APR_FILE, "month": "2015-04", "pages": [4]}]
    # Bangladesh had no one in MINUSCA in April: that report is not among its files.
    assert rows["BGD"]["provenance"]["files"] == [
        {"source": "un-dpo-contributions", "file": FEB_FILE, "month": "2015-02", "pages": [2]}]


def test_months_before_the_reports_come_from_ipi_with_no_page(client):
    rows = {r["year"]: r for r in rows_of(client, "women-share?by=year")}
    # 2013 and 2014 are IPI's CSV: a file with no pages, so null, never a guessed page.
    assert rows[2013]["provenance"] == {
        "sources": ["ipi-gender"],
        "files": [{"source": "ipi-gender", "file": IPI_FILE, "pages": None}]}
    assert rows[2015]["provenance"]["sources"] == ["un-dpo-contributions"]
    everything = rows_of(client, "uniformed-personnel")[0]["provenance"]
    assert everything["sources"] == ["ipi-gender", "un-dpo-contributions"]
    assert [f["file"] for f in everything["files"]] == [IPI_FILE, FEB_FILE, APR_FILE]


def test_sources_without_pages_name_their_file_or_say_it_is_not_loaded(client):
    rows = rows_of(client, "fatalities?by=year")
    for row in rows:
        assert row["provenance"] == {"sources": ["un-fatalities"], "files": [
            {"source": "un-fatalities", "file": None, "pages": None}]}


def test_generated_numbers_say_so_and_name_no_file(client):
    from indicators.catalogue import CATALOGUE
    slug = next(s for s, i in CATALOGUE.items() if i.illustrative)
    payload = client.get(f"{BASE}/{slug}").get_json()
    for row in payload["rows"]:
        assert row["provenance"]["files"] == [
            {"source": "illustrative", "file": None, "pages": None}]


def test_the_workbook_about_sheet_names_each_file_and_its_pages(engine):
    insert_reports(engine)
    client = app_for(url_of(engine)).server.test_client()
    response = client.get("/download/missions/contributors.xlsx?mission=MINUSCA")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    lines = {label: text for label, text in book["About"].iter_rows(values_only=True)
             if label}
    assert lines["Files: UN reports"] == (f"{FEB_FILE}, pages 2, 3; {APR_FILE}, pages 4")
    assert lines["Files: IPI Peacekeeping Database: uniformed personnel by country, mission, "
                 "category and gender"] == IPI_FILE
    french = client.get("/download/missions/contributors.xlsx?mission=MINUSCA&lang=fr")
    lines = {label: text for label, text in
             load_workbook(io.BytesIO(french.data))["About"].iter_rows(values_only=True)
             if label}
    assert lines["Fichiers : UN reports"] == f"{FEB_FILE}, pages 2, 3; {APR_FILE}, pages 4"


def test_the_openapi_description_says_what_provenance_holds(client):
    schema = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"][
        "Provenance"]
    file = schema["properties"]["files"]["items"]
    for row in rows_of(client, "uniformed-personnel?by=year"):
        assert set(schema["required"]) <= set(row["provenance"]) <= set(schema["properties"])
        for entry in row["provenance"]["files"]:
            assert set(file["required"]) <= set(entry) <= set(file["properties"])


@pytest.fixture(scope="module")
def real_client(raw_dir, tmp_path_factory):
    """The API on the missions list and the UN's monthly reports, built from the real files."""
    from indicators.build import build
    from indicators.config import DataConfig
    from indicators.manifest import source_by_slug

    url = f"sqlite:///{tmp_path_factory.mktemp('origins') / 'real.sqlite'}"
    sources = [source_by_slug("un-pko-missions"), source_by_slug("un-dpo-contributions")]
    assert build(DataConfig(url, raw_dir), log=lambda _line: None, sources=sources).ok
    return app_for(url).server.test_client(), raw_dir


@pytest.mark.realdata
def test_the_pages_named_are_those_the_real_report_prints_the_country_on(real_client):
    import pypdfium2 as pdfium

    client, raw_dir = real_client
    rows = rows_of(client, "uniformed-personnel?by=country,month&country=ZWE,FJI"
                           "&from=2025-04&to=2025-04")
    assert {row["country"] for row in rows} == {"ZWE", "FJI"}
    for row, name in ((r, {"ZWE": "Zimbabwe", "FJI": "Fiji"}[r["country"]]) for r in rows):
        (entry,) = row["provenance"]["files"]
        assert entry["file"] == "UN_country_contributions_2025_04.pdf"
        assert entry["pages"], row
        document = pdfium.PdfDocument(raw_dir / "un_dpo_contributions_monthly" / "pdf"
                                      / entry["file"])
        printed = [number for number in range(1, len(document) + 1)
                   if name in document[number - 1].get_textpage().get_text_range()]
        # Read straight from the PDF, not through the importer: the pages named are exactly
        # those that print the country (Zimbabwe: 7, 11, 19, 26, 27).
        assert entry["pages"] == printed, (name, entry["pages"], printed)


def test_a_row_with_no_time_cut_still_gets_its_provenance(client):
    rows = rows_of(client, "women-share?by=mission&to=2014-01")
    assert {r["mission"] for r in rows} == {"MINUSCA", "MONUSCO"}
    for row in rows:
        assert row["provenance"]["files"] == [
            {"source": "ipi-gender", "file": IPI_FILE, "pages": None}]
