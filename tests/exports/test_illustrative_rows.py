"""Generated numbers say so on every row and every bullet, on the real data: the API's JSON rows
and CSV, a panel's CSV and Excel download, and an illustrative chart's key messages; real
numbers are left as they were."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from dashboard.exports.snapshot import panel_snapshot
from indicators.i18n import use_locale
from tests.dashboard.helpers import app_for
from tests.exports.conftest import YEAR_2024

pytestmark = pytest.mark.realdata
MARK = "ILLUSTRATIVE (generated, not real)"


@pytest.fixture(scope="module")
def client(real_url, tmp_path_factory):
    return app_for(real_url, export_dir=tmp_path_factory.mktemp("marks")).server.test_client()


def test_each_api_row_of_generated_numbers_says_so(client):
    payload = client.get("/api/v1/indicators/training-coverage?by=year").get_json()
    assert payload["illustrative"] is True and len(payload["rows"]) > 3
    assert all(row["illustrative"] is True for row in payload["rows"])
    # Real numbers: said once at the top, as before.
    real = client.get("/api/v1/indicators/women-share?by=year").get_json()
    assert real["rows"] and not any("illustrative" in row for row in real["rows"])


def test_each_csv_row_of_generated_numbers_ends_with_the_mark_in_words(client):
    text = client.get("/api/v1/indicators/training-coverage.csv?by=year").get_data(
        as_text=True)
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header[-1] == "mark" and header[:6] == ["year", "numerator", "denominator",
                                                   "value", "unit", "illustrative"]
    assert rows and all(row[-1] == MARK for row in rows)
    real = client.get("/api/v1/indicators/women-share.csv?by=year").get_data(as_text=True)
    assert "mark" not in real.splitlines()[0].split(",") and MARK not in real


def test_panel_downloads_carry_the_mark_on_each_row_in_the_readers_language(client):
    french = client.get("/download/performance/training-by-year.csv?lang=fr").get_data(
        as_text=True)
    header, *rows = list(csv.reader(io.StringIO(french)))
    assert header[-1] == "Données"
    assert rows and all(row[-1] == "ILLUSTRATIVES (générées, non réelles)" for row in rows)
    book = load_workbook(io.BytesIO(
        client.get("/download/performance/training-by-year.xlsx").data))
    data = [row for row in book.worksheets[0].iter_rows(values_only=True)]
    assert data[0][-1] == "mark" and all(row[-1] == MARK for row in data[1:])


def test_every_key_message_of_an_illustrative_chart_carries_the_mark(real_engine):
    snapshot = panel_snapshot("performance", "training-by-country", YEAR_2024, real_engine)
    assert snapshot.illustrative and snapshot.messages
    assert all(message.startswith(f"[{MARK}] ") for message in snapshot.messages)
    with use_locale("fr"):
        french = panel_snapshot("performance", "training-by-country", YEAR_2024, real_engine)
    assert all(message.startswith("[ILLUSTRATIVES (générées, non réelles)] ")
               for message in french.messages)
    real = panel_snapshot("women", "share-by-mission", YEAR_2024, real_engine)
    assert real.messages and not any(MARK in message for message in real.messages)
