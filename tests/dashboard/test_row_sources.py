"""Each card's Table tab and chart hover say where every number came from: the file and, for
the UN's monthly reports, the pages its rows are printed on (issue 20: a figure's own origin).
Built by the same card_contents() the page's callback calls, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import Engine, select

from dashboard.panels.card import card_contents
from dashboard.panels.spec import find_panel
from indicators.filters import Filters
from indicators.i18n import use_locale
from indicators.illustrative import generate
from indicators.lookups import labels
from indicators.models.reports import MonthlyReport, ReportDeployment
from indicators.origin_words import origin_text, page_ranges
from tests.dashboard.helpers import app_for, url_of
from tests.dashboard.test_api_provenance import (
    APR_FILE,
    FEB_FILE,
    IPI_FILE,
    insert_reports,
)

MINUSCA = Filters(missions=("MINUSCA",))
# "UN_country_contributions_2015_02.pdf, pp. 2–3" -> the file and the pages named.
NAMED = re.compile(r"(?P<file>[^;,]+\.pdf), pp?\. (?P<pages>[0-9–, ]+)")


@pytest.fixture
def reports(engine):
    """The small world (IPI's CSV for 2013-12 and 2014-01) and two UN reports of 2015."""
    insert_reports(engine)
    app = app_for(url_of(engine))  # registers the pages' panels
    return app, engine


def contents(app, page: str, key: str, filters: Filters, engine: Engine,
             locale: str = "en"):
    with app.server.test_request_context(f"/{page}"), use_locale(locale):
        return card_contents(page, find_panel(page, key), filters, engine)


def grid(card) -> tuple[list[dict], dict[str, str]]:
    """The Table tab's rows, and its headers by field, as the browser receives them."""
    props = card.table["props"]
    return props["rowData"], {c["field"]: c["headerName"] for c in props["columnDefs"]}


def pages_named(text: str) -> dict[str, list[int]]:
    """file -> pages, read back from a Source cell ("1–3, 7" is 1, 2, 3 and 7)."""
    named = {}
    for found in NAMED.finditer(text):
        pages = []
        for part in found["pages"].split(", "):
            first, _dash, last = part.partition("–")
            pages.extend(range(int(first), int(last or first) + 1))
        named[found["file"].strip()] = pages
    return named


def printed_pages(engine: Engine, month: dt.date, mission: str, category: str) -> set[int]:
    """The pages of the month's report on which the parsed rows of the mission and category
    are printed (the importer stores each row's page)."""
    r = ReportDeployment
    with engine.connect() as conn:
        return set(conn.execute(select(r.page).where(
            r.month == month, r.mission == mission, r.category == category)).scalars())


def report_file(engine: Engine, month: dt.date) -> str:
    with engine.connect() as conn:
        return conn.execute(select(MonthlyReport.file_name).where(
            MonthlyReport.month == month)).scalar_one()


def test_a_report_month_names_its_file_and_pages_that_print_the_missions_rows(reports):
    app, engine = reports
    card = contents(app, "missions", "strength", MINUSCA, engine)
    rows, headers = grid(card)
    assert headers["origin"] == "Source"
    by_month = {(row["month"], row["category"]): row["origin"] for row in rows}
    for month in (dt.date(2015, 2, 1), dt.date(2015, 4, 1)):
        text = by_month[(month.strftime("%Y-%m"), "troops")]
        named = pages_named(text)
        assert list(named) == [report_file(engine, month)], text
        # Every page named prints one of MINUSCA's troop rows of that month, and every
        # such page is named: the table says no more and no less than the report.
        assert set(named[report_file(engine, month)]) == printed_pages(
            engine, month, "MINUSCA", "troops"), text
    assert by_month[("2015-02", "troops")] == f"{FEB_FILE}, pp. 2–3"
    assert by_month[("2015-04", "troops")] == f"{APR_FILE}, p. 4"
    # Months before the reports are IPI's CSV: the file, and no page to give.
    assert by_month[("2013-12", "troops")] == IPI_FILE


def test_the_hover_says_the_same_as_the_table(reports):
    app, engine = reports
    card = contents(app, "missions", "strength", MINUSCA, engine)
    figure = card.chart["props"]["figure"]
    troops_name = labels(engine)["category"]["troops"]
    (troops,) = [trace for trace in figure.data if trace.name == troops_name]
    assert "%{customdata}" in troops.hovertemplate
    hovers = dict(zip([str(x)[:7] for x in troops.x], troops.customdata,
                      strict=True))
    assert hovers["2015-02"].endswith(f"Source: {FEB_FILE}, pp. 2–3")
    assert hovers["2015-04"].endswith(f"Source: {APR_FILE}, p. 4")
    assert hovers["2013-12"].endswith(f"Source: {IPI_FILE}")


def test_a_row_over_a_year_lists_each_months_report_with_its_own_pages(reports):
    app, engine = reports
    card = contents(app, "missions", "women-share", MINUSCA, engine)
    rows, _headers = grid(card)
    (row,) = [row for row in rows if row["year"] == 2015]
    # Each report with the pages of MINUSCA's rows in it: not one report's pages for both.
    assert pages_named(row["origin"]) == {FEB_FILE: [2, 3], APR_FILE: [4]}


def test_the_source_column_and_hover_in_french(reports):
    app, engine = reports
    card = contents(app, "missions", "strength", MINUSCA, engine, locale="fr")
    rows, headers = grid(card)
    assert headers["origin"] == "Source"
    origins = {(row["month"], row["category"]): row["origin"] for row in rows}
    assert origins[("2015-02", "troops")] == f"{FEB_FILE}, p. 2–3"
    figure = card.chart["props"]["figure"]
    assert any(f"Source : {APR_FILE}, p. 4" in hover
               for trace in figure.data for hover in (trace.customdata or ()))


def test_the_downloads_keep_their_columns(reports):
    """The CSV and workbook carry the API's columns; the files are named on the About
    sheet (tests/dashboard/test_api_provenance.py), not in a column of words."""
    app, _engine = reports
    client = app.server.test_client()
    csv = client.get("/download/missions/strength.csv?mission=MINUSCA").get_data(as_text=True)
    assert "origin" not in csv.splitlines()[0] and FEB_FILE not in csv


def test_generated_rows_say_so_in_the_table_and_the_hover(engine):
    generate(engine)
    app = app_for(url_of(engine))
    card = contents(app, "performance", "training-by-year", Filters(), engine)
    rows, _headers = grid(card)
    assert rows and {row["origin"] for row in rows} == {"Generated (illustrative)"}
    figure = card.chart["props"]["figure"]
    assert all(hover.endswith("Source: Generated (illustrative)")
               for hover in figure.data[0].customdata)
    french = contents(app, "performance", "training-by-year", Filters(), engine, "fr")
    assert {row["origin"] for row in grid(french)[0]} == {"Généré (illustratif)"}


def report_entry(month: int, pages: list[int] | None) -> dict:
    return {"source": "un-dpo-contributions", "month": f"2015-{month:02d}",
            "file": f"UN_country_contributions_2015_{month:02d}.pdf", "pages": pages}


def test_the_words_for_pages_files_and_many_reports():
    assert page_ranges([7, 1, 2, 3, 9, 10, 3]) == "1–3, 7, 9–10"
    one = {"sources": ["un-dpo-contributions"], "files": [report_entry(2, [3])]}
    assert origin_text(one) == "UN_country_contributions_2015_02.pdf, p. 3"
    # A report whose rows' pages are not stored: the file, never a guessed page.
    assert origin_text({"files": [report_entry(2, None)]}) == (
        "UN_country_contributions_2015_02.pdf")
    year = {"files": [{"source": "ipi-gender", "file": IPI_FILE, "pages": None},
                      *[report_entry(m, [m, m + 1]) for m in range(1, 13)]]}
    assert origin_text(year).count("pp.") == 12
    # Past the limit (a row over years; the hover's two), counted and named by first and last.
    assert origin_text(year, most=2) == (
        f"{IPI_FILE}; 12 monthly reports, UN_country_contributions_2015_01.pdf to "
        "UN_country_contributions_2015_12.pdf")
    assert origin_text({"files": [{"source": "un-fatalities", "file": None,
                                   "pages": None}]}) == "file not loaded"
    assert origin_text(None) == origin_text(float("nan")) == ""


@pytest.fixture(scope="module")
def real_reports(raw_dir, tmp_path_factory):
    """The missions list and the UN's monthly reports, built from the real files."""
    from indicators.build import build
    from indicators.config import DataConfig
    from indicators.db import make_engine
    from indicators.manifest import source_by_slug

    url = f"sqlite:///{tmp_path_factory.mktemp('row-sources') / 'real.sqlite'}"
    sources = [source_by_slug("un-pko-missions"), source_by_slug("un-dpo-contributions")]
    assert build(DataConfig(url, raw_dir), log=lambda _line: None, sources=sources).ok
    engine = make_engine(url)
    yield app_for(url), engine, raw_dir
    engine.dispose()


# A mission's heading in the report: its acronym alone on a line; a block ends at its total.
HEADING = re.compile(r"^(?:Total )?([A-Z]{4,})\b")
TROOPS = re.compile(r"\bTroops \d")


def troop_pages(path, mission: str) -> list[int]:
    """Straight from the PDF's text, not through the importer: the pages with a troops line
    in the mission's block (a block runs on over pages without repeating its heading)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    found, current = [], None
    try:
        for number in range(1, len(document) + 1):
            text = document[number - 1].get_textpage().get_text_range()
            for line in text.splitlines():
                heading = HEADING.match(line.strip())
                if heading:
                    current = None if line.startswith("Total") else heading[1]
                elif current == mission and TROOPS.search(line) and number not in found:
                    found.append(number)
    finally:
        document.close()
    return found


@pytest.mark.realdata
def test_the_real_reports_pages_named_print_the_missions_rows(real_reports):
    app, engine, raw_dir = real_reports
    card = contents(app, "missions", "strength", Filters(missions=("UNMISS",)), engine)
    rows, _headers = grid(card)
    (text,) = [row["origin"] for row in rows
               if row["month"] == "2025-04" and row["category"] == "troops"]
    file = "UN_country_contributions_2025_04.pdf"
    assert list(pages_named(text)) == [file], text
    pages = pages_named(text)[file]
    assert set(pages) == printed_pages(engine, dt.date(2025, 4, 1), "UNMISS", "troops")
    assert pages == troop_pages(raw_dir / "un_dpo_contributions_monthly" / "pdf" / file,
                                "UNMISS"), text


def test_a_reload_is_seen_though_the_pages_are_remembered(reports):
    """The months and pages worked out are kept for the next card (indicators.origins), by
    data version: a source loaded again shows its new pages, never the remembered ones."""
    from sqlalchemy import event, insert, update

    from indicators.measures.personnel_rows import refresh_personnel
    from indicators.models.provenance import SourceVersion

    app, engine = reports

    def april() -> str:
        rows, _headers = grid(contents(app, "missions", "strength", MINUSCA, engine))
        return next(row["origin"] for row in rows
                    if row["month"] == "2015-04" and row["category"] == "troops")

    assert april() == f"{APR_FILE}, p. 4"
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    assert april() == f"{APR_FILE}, p. 4"
    assert not any("aggregate" in s.lower() or "group_concat" in s.lower()
                   or "string_agg" in s.lower() for s in statements), statements
    with engine.begin() as conn:
        conn.execute(insert(ReportDeployment).values(
            month=dt.date(2015, 4, 1), mission="MINUSCA", country_iso3="BGD",
            category="troops", women=1, men=9, total=10, page=5))
        refresh_personnel(conn)
        # The reports' source loaded again: its version says when.
        conn.execute(update(SourceVersion).where(
            SourceVersion.source == "un-dpo-contributions").values(
            loaded_at=dt.datetime(2025, 6, 1, tzinfo=dt.UTC)))
    assert april() == f"{APR_FILE}, pp. 4–5"


def test_the_parity_grids_cells_name_their_files(reports):
    """The women's parity grid (a heatmap: its hover is its own) says the same last line."""
    app, engine = reports
    card = contents(app, "women", "parity-by-country", Filters(), engine)
    grid_trace = card.chart["props"]["figure"].data[0]
    cells = [cell for row in grid_trace.customdata for cell in row if "·" in cell]
    assert cells and all("<br>Source: " in cell for cell in cells), cells
    # The grid shows the newest month, April 2015: Rwanda's troops, printed on page 4.
    assert cells == [f"6.0% · No target for the year<br>Source: {APR_FILE}, p. 4"]
