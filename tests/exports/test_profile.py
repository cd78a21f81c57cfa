"""The contributing-country one-pager on the real files: Rwanda's 2025 figures read back from the
PDF page and the slide match plain SQL on the monthly report rows, with sources named; the web
door refuses a profile without exactly one country."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from sqlalchemy import text

from dashboard.cli import main as pkdash
from dashboard.settings import ExportLimits
from tests.dashboard.helpers import app_for
from tests.exports.readers import deck, pdf_pages, shape_named, slide_text
from tests.exports.test_routes import export_file

# 2025 lies 4/7 of the way from the 2021 troop target (8%) to the 2028 one (15%): 12%.
TROOP_TARGET_2025 = 8 + (15 - 8) * 4 / 7
SOURCES = ("UN monthly reports: uniformed personnel contributions",
           "Mission Fatalities", "Sexual exploitation and abuse: table of allegations")


@pytest.fixture(scope="module")
def client(real_url, tmp_path_factory):
    app = app_for(real_url, export_dir=tmp_path_factory.mktemp("profile-exports"),
                  limits=ExportLimits(per_client="1000/minute", in_all="1000/minute"))
    return app.server.test_client()


def rows(engine, sql: str, **params) -> list:
    with engine.connect() as conn:
        return conn.execute(text(sql), params).all()


@pytest.fixture(scope="module")
def expected(real_engine) -> dict:
    return rwanda_expected(real_engine)


def rwanda_expected(real_engine) -> dict:
    """Rwanda's figures in the newest report, worked out here from the report rows (also
    for the browser's download, tests/browser/test_profile_download.py)."""
    newest = dt.date.fromisoformat(str(rows(
        real_engine, "SELECT MAX(month) FROM monthly_report WHERE has_missions")[0][0]))
    assert newest.year >= 2025
    sizes = dict(rows(real_engine, "SELECT country_iso3, SUM(total) FROM report_deployment "
                                   "WHERE month = :m GROUP BY country_iso3 "
                                   "HAVING SUM(total) > 0", m=newest.isoformat()))
    women, total = rows(real_engine, "SELECT SUM(women), SUM(total) FROM report_deployment "
                                     "WHERE month = :m AND country_iso3 = 'RWA' "
                                     "AND category = 'troops'", m=newest.isoformat())[0]
    return {"month": f"{newest:%b %Y}", "personnel": f"{sizes['RWA']:,}",
            "rank": 1 + sum(size > sizes["RWA"] for size in sizes.values()),
            "contributors": len(sizes), "troops": f"{100 * women / total:.1f}%",
            "needed": f"{math.ceil(TROOP_TARGET_2025 / 100 * total - women):,}"}


def check_rwanda(page: str, expected: dict) -> None:
    flat = " ".join(page.split())
    assert "Rwanda: contribution to UN peacekeeping" in flat
    assert f"As of {expected['month']}" in flat
    assert f"Uniformed personnel in {expected['month']}: {expected['personnel']}" in flat
    assert (f"Rank among {expected['contributors']} contributors of uniformed personnel: "
            f"{expected['rank']}") in flat
    assert (f"Military contingents: {expected['troops']} against a target of 12%; women "
            f"needed: {expected['needed']}") in flat
    assert "Fatalities among its nationals, 2020–2024:" in flat
    # Rwanda's allegations of 2020-2024 are too few to publish on their own: the rule's words
    # stand in the count's place, and the one-pager says why.
    assert "involving its personnel, 2020–2024: combined with" in flat
    assert "Small counts are withheld" in flat
    assert "Restricted" not in flat  # the public one-pager (tests/exports/test_profile_tiers.py)
    for source in SOURCES:
        assert f"Source: {source}" in flat


def test_the_pdf_one_pager_reads_back_rwandas_2025_figures(client, expected):
    response = export_file(client, "/export/profile.pdf?country=RWA")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert "profile_RWA.pdf" in response.headers["Content-Disposition"]
    pages = pdf_pages(response.data)
    assert len(pages) == 1
    check_rwanda(pages[0], expected)


def test_the_slide_reads_back_the_same_figures(real_url, expected, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", real_url)
    target = tmp_path / "rwanda.pptx"
    assert pkdash(["export", "profile", "--country", "RWA", "--format", "pptx",
                   "-o", str(target)]) == 0
    slides = list(deck(target.read_bytes()).slides)
    assert len(slides) == 1
    check_rwanda(slide_text(slides[0]), expected)
    assert shape_named(slides[0], "Trend").shape_type == 13  # a picture: the five-year chart


def test_the_one_pager_in_french(client, expected):
    response = export_file(client, "/export/profile.pptx?country=RWA&lang=fr")
    page = " ".join(slide_text(deck(response.data).slides[0]).split())
    assert "Rwanda : contribution au maintien de la paix des Nations Unies" in page
    # The thousands' narrow no-break space is whitespace to split(): a plain space here.
    personnel = expected["personnel"].replace(",", " ")
    assert f"Personnel en tenue en avr. 2025 : {personnel}" in page
    assert "Source : Rapports mensuels de l'ONU" in page


@pytest.mark.parametrize(("address", "named"), [
    ("/export/profile.pdf", "country"),
    ("/export/profile.pdf?country=RWA,NPL", "country"),
    ("/export/profile.pptx?country=RWA&country=NPL", "country"),
    ("/export/profile.xlsx?country=RWA", "format"),
    ("/export/profile.pdf?country=RWA&mission=MINUSCA", "mission"),
])
def test_a_profile_needs_exactly_one_country(client, address, named):
    response = client.get(address)
    assert response.status_code == 400
    assert f"{named}=" in response.get_data(as_text=True)


def test_the_command_line_refuses_two_countries(real_url, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("DATABASE_URL", real_url)
    code = pkdash(["export", "profile", "--country", "RWA", "NPL", "--format", "pdf",
                   "-o", str(tmp_path / "x.pdf")])
    assert code == 2
    assert "exactly one contributing country" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
