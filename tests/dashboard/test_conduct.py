"""The conduct page without a browser: declarations, layout, and the small-numbers rule on
every way out (panel rows and chart, API payload, CSV and XLSX downloads)."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.dashboard.helpers import app_for, text_of, url_of
from tests.dashboard.page_checks import (
    check_declarations,
    fill,
    ids_in,
    page_entry,
    page_module,
    render,
)
from tests.indicators import sea_rows

PAGE = "conduct"
FEWER = "fewer than 3"
PER_CATEGORY = "withheld: not given per mission or category"
SMALL = {1, 2, "1", "2", "1.0", "2.0"}


@pytest.fixture
def db(engine):
    return sea_rows.load(engine)


@pytest.fixture
def app(db):
    return app_for(url_of(db))


def panels():
    return page_module(PAGE).PANELS


def assert_no_small_count(rows: list[dict], nationality_cut: bool = True) -> None:
    """No row of a nationality shows a numerator, denominator or value of 1 or 2."""
    for row in rows:
        if nationality_cut and row.get("nationality") in (None, ""):
            continue  # civilians: no nationality, so not a nationality's count
        for column in ("numerator", "denominator", "value"):
            assert row.get(column) not in SMALL, (row, column)


def test_page_is_registered_at_its_path_in_order():
    entry = page_entry(PAGE)
    assert (entry["path"], entry["order"], entry["name"]) == (
        "/conduct", 5, "Conduct and discipline")


def test_panels_name_known_indicators_and_allowed_cuts():
    check_declarations(PAGE, panels())
    assert {p.indicator for p in panels()} == {
        "sea-allegations", "sea-allegations-per-1000", "sea-investigation-days",
        "sea-substantiated-share", "sea-pending-share", "sea-actions"}
    stages = {dict(p.where).get("stage") for p in panels() if p.indicator == "sea-actions"}
    assert stages == {"interim", "final"}


def test_layout_has_a_card_per_panel_and_states_the_rule(tmp_path):
    layout = render(app_for(f"sqlite:///{tmp_path / 'db.sqlite'}"), PAGE, "/conduct")
    assert [i["panel"] for i in ids_in(layout, "pk-chart")] == [p.key for p in panels()]
    assert FEWER in text_of(layout)


def test_panel_rows_and_chart_show_fewer_than_3_not_the_count(app):
    view = fill(app, PAGE, "by-nationality")
    assert view["message"] is None
    rows = {row["nationality"]: row for row in view["rows"]}
    assert rows["GHA"]["value"] == 4 and rows["BDI"]["value"] == 3
    for code in ("NPL", "COG"):
        assert rows[code]["display"] == FEWER and rows[code]["value"] is None
        assert rows[code]["nationality_name"] in ("Nepal", "Congo")
    assert_no_small_count(view["rows"])
    assert any(column["field"] == "display" for column in view["columns"])
    figure = view["figure"]
    bars = {name: value for trace in figure.data for name, value in zip(trace.y, trace.x,
                                                                        strict=True)}
    assert bars["Ghana"] == 4 and bars["Burundi"] == 3
    # A withheld value is a labelled mark with no length: never a bar, never as long as a
    # real 3 (Burundi's), never its count.
    assert bars["Nepal"] == 0 and bars["Congo"] == 0
    withheld = next(trace for trace in figure.data if "Nepal" in trace.y)
    assert withheld.type == "scatter" and withheld.mode == "markers+text"
    assert set(withheld.text) == {FEWER} and FEWER in withheld.hovertemplate
    drawn_as_bars = {name for trace in figure.data if trace.type == "bar" for name in trace.y}
    assert not {"Nepal", "Congo"} & drawn_as_bars
    assert bars["Not given"] == 2  # civilians are not a nationality
    assert "Nepal: fewer than 3" in view["summary"] and "Ghana: 4" in view["summary"]


def test_a_country_with_only_small_numbers_shows_labels_not_a_no_data_message(app):
    view = fill(app, PAGE, "by-year", {"country": "NPL"})
    assert view["message"] is None and view["body_style"] == {}
    assert [row["display"] for row in view["rows"]] == [FEWER, FEWER]
    assert_no_small_count(view["rows"], nationality_cut=False)
    assert view["summary"].endswith("2015: fewer than 3, 2016: fewer than 3.")
    for trace in view["figure"].data:
        assert not SMALL & set(trace.y)
    # A share for the country: Ghana's 2 substantiated of 3 concluded is withheld too.
    share = fill(app, PAGE, "substantiated", {"country": "GHA"})
    assert_no_small_count(share["rows"], nationality_cut=False)


def test_two_way_panels_leave_withheld_cells_out_and_say_so(app):
    # One nationality's actions, per action: no sums of its whole blocks of years, so every
    # cell is withheld (Repatriation less the rest would tell a small one), saying why.
    view = fill(app, PAGE, "final-actions", {"country": "GHA"})
    cells = {(row["action"], row["actor"]): row for row in view["rows"]}
    assert set(cells) == {("Repatriation", "UN"), ("Jail", "NG")}
    assert {row["display"] for row in cells.values()} == {PER_CATEGORY}
    assert all(row["value"] is None and row["numerator"] is None for row in cells.values())
    assert "stage" not in view["rows"][0]  # the panel keeps final actions, then drops stage
    assert not SMALL & {v for trace in view["figure"].data for row in (trace.z or ())
                        for v in row if v == v}
    assert any(PER_CATEGORY in note.text for note in view["figure"].layout.annotations)
    # For all nationalities, the cells are no nationality's figures: given exactly.
    every = fill(app, PAGE, "final-actions")
    totals = {(row["action"], row["actor"]): row["value"] for row in every["rows"]}
    assert totals[("Repatriation", "UN")] == 3 and totals[("Jail", "NG")] == 2


def test_actions_panels_split_interim_from_final(app):
    final = fill(app, PAGE, "final-actions")
    interim = fill(app, PAGE, "interim-actions")
    assert {row["action"] for row in final["rows"]} == {"Repatriation", "Jail"}
    assert {row["action"] for row in interim["rows"]} == {"Payments suspended", "Pending",
                                                          "None"}


def test_api_payload_withholds_small_numbers(app):
    client = app.server.test_client()
    payload = client.get("/api/v1/indicators/sea-allegations?by=nationality").get_json()
    assert_no_small_count(payload["rows"])
    nepal = next(row for row in payload["rows"] if row["nationality"] == "NPL")
    # Nor an interval, which would tell the count as well.
    # Where it came from (a source, never a number) is the only other field.
    assert nepal.pop("provenance")["sources"] == ["un-sea-allegations"]
    assert nepal == {"nationality": "NPL", "numerator": None, "denominator": None,
                     "value": None, "display": FEWER, "low": None, "high": None}
    for path in ("/api/v1/indicators/sea-allegations?country=NPL&by=year",
                 "/api/v1/indicators/sea-investigation-days?country=NPL",
                 "/api/v1/indicators/sea-actions?country=GHA&by=stage,actor,action"):
        rows = client.get(path).get_json()["rows"]
        assert rows, path
        assert_no_small_count(rows, nationality_cut=False)
    text = client.get("/api/v1/indicators/sea-allegations.csv?by=nationality"
                      ).get_data(as_text=True)
    assert_no_small_count(list(csv.DictReader(io.StringIO(text))))


def test_downloads_withhold_small_numbers(app):
    client = app.server.test_client()
    text = client.get("/download/conduct/by-nationality.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert_no_small_count(rows)
    assert {row["nationality"]: row["display"] for row in rows}["NPL"] == FEWER
    by_year = client.get("/download/conduct/by-year.csv?country=NPL").get_data(as_text=True)
    assert_no_small_count(list(csv.DictReader(io.StringIO(by_year))), nationality_cut=False)
    book = load_workbook(io.BytesIO(client.get("/download/conduct/by-nationality.xlsx").data))
    sheet = book["Data"]
    header = [cell.value for cell in sheet[1]]
    sheet_rows = [dict(zip(header, (c.value for c in row), strict=True))
                  for row in sheet.iter_rows(min_row=2)]
    assert_no_small_count(sheet_rows)
    assert any("fewer than 3" in str(cell.value) for cell in book["About"]["B"])


def test_no_data_gives_a_message(engine):
    view = fill(app_for(url_of(engine)), PAGE, "by-year")
    assert "not loaded yet" in text_of(view["message"])
    assert view["body_style"] == {"display": "none"}
