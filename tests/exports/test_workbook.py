"""Workbooks read back with openpyxl: a chart's "Data" sheet is its CSV download cell for
cell, "About" says what and where from; a pack has a sheet per chart and one "About"."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math

import pytest
from openpyxl import load_workbook

from dashboard.exports.snapshot import Pack, panel_snapshot
from dashboard.exports.workbook import panel_workbook_bytes, sheet_names, workbook_bytes
from dashboard.panels.table import file_frame
from indicators.filters import Filters
from tests.dashboard.helpers import app_for, url_of
from tests.exports.conftest import YEAR_2024
from tests.indicators.test_kpi import load_rows

WHEN = dt.datetime(2026, 3, 4, 9, 30, tzinfo=dt.UTC)


def rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def about(book) -> dict[str, str]:
    return {label: text for label, text in book["About"].iter_rows(values_only=True)
            if label}


@pytest.fixture
def db(engine):
    return load_rows(engine)


def test_data_sheet_is_the_csv_download(db):
    client = app_for(url_of(db)).server.test_client()
    text = client.get("/download/women/share-by-category.csv").get_data(as_text=True)
    expected = list(csv.reader(io.StringIO(text)))
    response = client.get("/download/women/share-by-category.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Data", "About"]
    data = rows(book["Data"])
    assert data[0] == expected[0]
    assert len(data) == len(expected) == 3  # header, 2021, 2022
    for sheet_row, csv_row in zip(data[1:], expected[1:], strict=True):
        for cell, text in zip(sheet_row, csv_row, strict=True):
            if cell is None:
                assert text == ""
            elif isinstance(cell, bool):
                assert text == str(cell).lower()
            elif isinstance(cell, int | float):
                assert cell == pytest.approx(float(text))
            else:
                assert str(cell) == text


def test_about_sheet_says_what_the_numbers_are_and_where_from(db):
    snapshot = panel_snapshot("women", "share-by-category", Filters(), db)
    book = load_workbook(io.BytesIO(panel_workbook_bytes(snapshot, WHEN)))
    lines = about(book)
    assert lines["Indicator"] == "Women as a share of uniformed personnel (women-share)"
    assert lines["Definition"] == snapshot.indicator.definition_en
    assert lines["Filters applied"] == "All missions, countries and categories"
    assert lines["Data"] == "Real"
    assert lines["Generated at"] == "4 Mar 2026 09:30 UTC"
    source = lines["Source: ipi-gender"]  # the test database titles sources by slug
    assert "As of 1 Dec 2022." in source
    assert "https://www.ipinst.org/providing-for-peacekeeping-database" in source
    assert any(label == "Caveat" for label in lines) or not snapshot.indicator.caveats


def test_generated_data_say_so(db):
    snapshot = panel_snapshot("performance", "training-by-year", Filters(), db)
    lines = about(load_workbook(io.BytesIO(panel_workbook_bytes(snapshot, WHEN))))
    assert lines["Data"] == "ILLUSTRATIVE (generated, not real)"
    assert lines["Source: illustrative"] == "As of 1 Dec 2022."  # the test row's as-of


@pytest.mark.realdata
def test_pack_workbook_has_a_sheet_per_chart_in_order(real_pack):
    book = load_workbook(io.BytesIO(workbook_bytes(real_pack)))
    names = sheet_names(real_pack.snapshots)
    assert book.sheetnames == [*names, "About"]
    assert all(len(name) <= 31 for name in names) and len(set(names)) == len(names)
    for snapshot, name in zip(real_pack.snapshots, names, strict=True):
        data = rows(book[name])
        # The CSV's columns: the card's frame less the screen's words ("2 of 2"); generated
        # rows end with the mark in words, as in the CSV.
        mark = ["mark"] if snapshot.illustrative and snapshot.has_data else []
        assert data[0] == [*file_frame(snapshot.frame).columns, *mark]
        assert len(data) == len(snapshot.frame) + 1
        if mark:
            assert {row[-1] for row in data[1:]} == {"ILLUSTRATIVE (generated, not real)"}
        if snapshot.has_data:
            # A share with nothing to divide (0 of 0 personnel: 4 countries in 2024) is an
            # empty cell, as in the CSV.
            column = data[0].index("value")
            values = [math.nan if row[column] is None else row[column] for row in data[1:]]
            assert values == pytest.approx(snapshot.frame["value"].astype(float).tolist(),
                                           nan_ok=True)
    text = "\n".join(str(cell) for row in book["About"].iter_rows(values_only=True)
                     for cell in row if cell)
    assert "Women in peacekeeping, 2024" in text
    assert YEAR_2024.describe() in text
    assert "UNCLASSIFIED — for briefing use" in text
    assert "4 Mar 2026 09:30 UTC" in text
    assert text.count("ILLUSTRATIVE (generated, not real)") == 2
    assert text.index(real_pack.snapshots[0].title) < text.index(real_pack.snapshots[-1].title)


def test_an_empty_pack_still_says_what_it_is():
    pack = Pack("Nothing chosen", Filters(), [], WHEN)
    book = load_workbook(io.BytesIO(workbook_bytes(pack)))
    assert book.sheetnames == ["About"]
    assert about(book)["Title"] == "Nothing chosen"
