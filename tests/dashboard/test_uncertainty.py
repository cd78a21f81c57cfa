"""Small numbers read as small: rankings of shares leave out groups too small to rank and say
the rule; shares and rates carry error bars and say what they rest on ("2 of 2")."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy import insert

from dashboard.panels.spec import Panel
from dashboard.panels.view import build_view
from indicators.compute import get_indicator
from indicators.filters import Filters
from indicators.measures.personnel_rows import refresh_personnel
from indicators.models.dimensions import Country, Mission, Month
from indicators.models.facts import Deployment
from indicators.ranking import MIN_DENOMINATOR, rankable
from tests.dashboard.helpers import app_for, url_of
from tests.indicators import sea_rows

JAN = dt.date(2022, 1, 1)
# Iceland: 13 women of 26 (50%, anywhere from 32% to 68%); Ghana 100 of 1,000; Nepal 30 of 600.
PEOPLE = {"ISL": (13, 13), "GHA": (100, 900), "NPL": (30, 570)}
NAMES = {"ISL": "Iceland", "GHA": "Ghana", "NPL": "Nepal"}


@pytest.fixture
def personnel(engine):
    with engine.begin() as conn:
        conn.execute(insert(Month), [{"month": JAN, "year": 2022, "month_number": 1}])
        conn.execute(insert(Country), [{"iso3": c, "name": n} for c, n in NAMES.items()])
        conn.execute(insert(Mission), [{"acronym": "MINUSCA"}])
        conn.execute(insert(Deployment), [
            {"month": JAN, "country_iso3": c, "mission": "MINUSCA", "category": "troops",
             "women": w, "men": m, "total": w + m} for c, (w, m) in PEOPLE.items()])
        refresh_personnel(conn)
    return engine


def test_the_rule_ranks_large_groups_and_leaves_out_small_or_uncertain_ones():
    shares = pd.DataFrame({"numerator": [13.0, 100.0, 2.0], "denominator": [26.0, 1000, 2],
                           "value": [50.0, 10.0, 100.0], "low": [32.1, 8.3, 34.2],
                           "high": [67.9, 12.0, 100.0]})
    assert rankable(shares, get_indicator("sea-substantiated-share")).tolist() == [
        False, True, False]
    rates = pd.DataFrame({"numerator": [1.0, 40.0], "denominator": [15542.0, 9630.0],
                          "value": [0.06, 4.15], "low": [0.0, 2.97], "high": [0.36, 5.66]})
    assert rankable(rates, get_indicator("fatalities-per-1000")).tolist() == [False, True]
    # Counts are no estimates: every counted group is ranked.
    counts = pd.DataFrame({"numerator": [1.0], "denominator": [None], "value": [1.0]})
    assert rankable(counts, get_indicator("sea-allegations")).tolist() == [True]


def test_a_ranking_of_shares_leaves_out_iceland_and_says_why(personnel):
    panel = Panel("women-by-country", "women-share", by=("country",), chart="bars")
    view = build_view(panel, Filters(), personnel)
    drawn = [name for trace in view.figure.data if trace.type == "bar" for name in trace.y]
    assert sorted(drawn) == ["Ghana", "Nepal"]  # Iceland's 50% is not ranked first
    assert f"Ranked where at least {MIN_DENOMINATOR} are counted" in view.caption
    assert "1 smaller or less certain left out" in view.caption
    assert "Iceland" not in view.summary and "Ghana" in view.summary
    rows = {row["country"]: row for row in view.rows}
    assert rows["ISL"]["ranked"] == "no: too few or too uncertain"  # kept in the table
    assert rows["GHA"]["ranked"] == "yes"
    assert rows["ISL"]["low"] == pytest.approx(32.06, abs=0.01)
    assert rows["ISL"]["basis"] == "13 of 26, on average a month"


def test_share_bars_carry_95_percent_error_bars_and_their_basis(personnel):
    panel = Panel("women-by-country", "women-share", by=("country",), chart="bars")
    bars = build_view(panel, Filters(), personnel).figure.data[0]
    order = list(bars.y)
    ghana = order.index("Ghana")
    assert bars.error_x.arrayminus[ghana] == pytest.approx(10 - 8.3, abs=0.1)
    assert bars.error_x.array[ghana] == pytest.approx(12.0 - 10, abs=0.1)
    assert "100 of 1,000" in bars.customdata[ghana]
    assert "95% interval: 8.3% to 12.0%" in bars.customdata[ghana]
    assert "%{customdata}" in bars.hovertemplate


@pytest.fixture
def sea(engine):
    return sea_rows.load(engine)


def test_a_share_of_two_cases_says_so_in_hover_and_table(sea):
    panel = Panel("substantiated", "sea-substantiated-share", by=("year",), chart="line")
    view = build_view(panel, Filters(missions=("MINUSCA",)), sea)
    line = view.figure.data[0]
    assert line.error_y.array is not None and len(line.error_y.array) == 2
    rows = {row["year"]: row for row in view.rows}
    # 2016 at MINUSCA: 1 substantiated (civilian) of 1 concluded; 2015: 4 of 5.
    assert rows[2016]["basis"] == "1 of 1; fewer than 10 cases, read with care"
    assert rows[2015]["basis"].startswith("4 of 5")
    assert any("1 of 1; fewer than 10 cases" in text for text in line.customdata)


def test_the_downloads_carry_the_interval_and_the_ranking_verdict(personnel):
    """The CSV and the XLSX of a ranking hold what the table does: each group's 95% interval
    and whether it is ranked (Iceland is listed, not ranked), the same cells in each file."""
    client = app_for(url_of(personnel)).server.test_client()
    text = client.get("/download/women/share-by-country.csv").get_data(as_text=True)
    rows = {row["country"]: row for row in csv.DictReader(io.StringIO(text))}
    assert set(rows) == {"ISL", "GHA", "NPL"}
    # Written as the API writes JSON booleans.
    assert (rows["ISL"]["ranked"], rows["GHA"]["ranked"]) == ("false", "true")
    assert 31 < float(rows["ISL"]["low"]) < 33 and 67 < float(rows["ISL"]["high"]) < 69
    assert "basis" not in rows["ISL"]  # words for the screen; the numbers are columns
    book = load_workbook(io.BytesIO(client.get("/download/women/share-by-country.xlsx").data))
    sheet = [list(row) for row in book["Data"].iter_rows(values_only=True)]
    assert sheet[0] == list(csv.reader(io.StringIO(text)))[0]
    by_country = {row[0]: dict(zip(sheet[0], row, strict=True)) for row in sheet[1:]}
    assert by_country["ISL"]["ranked"] is False
    assert by_country["ISL"]["low"] == pytest.approx(float(rows["ISL"]["low"]))
