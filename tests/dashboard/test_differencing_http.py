"""Issue 15's subtraction through the real app: all years, from 2016 and up to 2015 for one
nationality, by the API (JSON and CSV) and a page's CSV download, tell no count below 3."""

from __future__ import annotations

import csv
import io
from itertools import combinations

import pytest

from tests.dashboard.helpers import app_for, url_of
from tests.indicators.sea_small_years import load_small_years

API = "/api/v1/indicators/sea-allegations"
# Burundi as in the issue: 2 allegations in 2015, 20 in 2016, so 22 in all.
PERIODS = {"all": "", "from 2016": "&from=2016-01", "to 2015": "&to=2015-12"}
COMBINED = "combined with 2015–2016"


@pytest.fixture
def client(engine):
    return app_for(url_of(load_small_years(engine))).server.test_client()


def number(cell):
    return None if cell in (None, "") else float(cell)


def burundi(rows: list[dict]) -> dict:
    return next(row for row in rows if row["nationality"] == "BDI")


def assert_nothing_small(values: dict[str, float | None]) -> None:
    """No figure from 1 to 2, and no difference of two figures from 1 to 2 (each period here
    holds or is held by "all")."""
    shown = {name: value for name, value in values.items() if value is not None}
    assert not any(0 < value < 3 for value in shown.values()), values
    for (a, x), (b, y) in combinations(shown.items(), 2):
        assert not 0 < abs(x - y) < 3, (a, b, values)


def test_the_api_gives_no_difference_below_3(client):
    json_rows = {name: burundi(client.get(f"{API}?by=nationality{query}").get_json()["rows"])
                 for name, query in PERIODS.items()}
    assert json_rows["all"]["value"] == 22  # whole blocks: shown
    assert_nothing_small({name: row["value"] for name, row in json_rows.items()})
    for name in ("from 2016", "to 2015"):  # each cuts the block 2015-2016: withheld, saying why
        assert json_rows[name]["value"] is None and json_rows[name]["numerator"] is None
        assert json_rows[name]["display"] == COMBINED
    # One country's filter and its years say no more than the nationality cut.
    for name, query in PERIODS.items():
        rows = client.get(f"{API}?country=BDI{query}").get_json()["rows"]
        assert rows[0]["value"] == json_rows[name]["value"], name
    years = client.get(f"{API}?country=BDI&by=year").get_json()["rows"]
    assert {row["year"]: (row["value"], row["display"]) for row in years} == {
        2015: (None, COMBINED), 2016: (None, COMBINED), 2017: (0, "0")}
    # The API's CSV says the same.
    csv_rows = {name: burundi(list(csv.DictReader(io.StringIO(client.get(
        f"{API}.csv?by=nationality{query}").get_data(as_text=True)))))
        for name, query in PERIODS.items()}
    assert_nothing_small({name: number(row["value"]) for name, row in csv_rows.items()})
    assert csv_rows["from 2016"]["display"] == COMBINED


def test_a_page_download_gives_no_difference_below_3_and_says_why(client):
    rows = {}
    for name, query in PERIODS.items():
        response = client.get(f"/download/conduct/by-nationality.csv?{query.lstrip('&')}")
        assert response.status_code == 200, response.get_data(as_text=True)
        rows[name] = burundi(list(csv.DictReader(io.StringIO(response.get_data(as_text=True)))))
    assert_nothing_small({name: number(row["value"]) for name, row in rows.items()})
    assert number(rows["all"]["value"]) == 22
    assert rows["to 2015"]["display"] == COMBINED
    # A mission filter gives no nationality's figure at all, with its reason.
    mission = list(csv.DictReader(io.StringIO(client.get(
        "/download/conduct/by-nationality.csv?mission=MINUSCA").get_data(as_text=True))))
    assert all(number(row["value"]) is None for row in mission if row["nationality"])
    assert {row["display"] for row in mission if row["nationality"]} == {
        "withheld: not given per mission or category"}
    # The reason in French, for a French reader.
    french = client.get(f"{API}?by=nationality&from=2016-01&lang=fr").get_json()["rows"]
    assert burundi(french)["display"] == "regroupé avec 2015–2016"
