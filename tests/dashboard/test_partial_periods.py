"""A partial year is never set against a whole one: marked on the chart and in the table, and
compared, in summaries and key messages, only with the same months of the year before."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
import pytest

from dashboard.exports.messages import key_messages
from dashboard.panels.spec import Panel
from dashboard.panels.view import build_view
from indicators.compute import get_indicator
from indicators.filters import Filters
from indicators.i18n import use_locale
from tests.dashboard.helpers import app_for, insert_version, url_of
from tests.indicators import sea_rows

BY_YEAR = Panel("by-year", "sea-allegations", by=("year",), chart="line")


@pytest.fixture
def sea(engine):
    """The hand-written allegations (7 in January 2015, 5 in January 2016), from a source
    that covers January 2015 to July 2016: 2016 is a partial year."""
    sea_rows.load(engine)
    insert_version(engine, source="un-sea-allegations", title="SEA allegations",
                   coverage_start=dt.date(2015, 1, 1), coverage_end=dt.date(2016, 7, 1),
                   as_of=dt.date(2016, 7, 31))
    return engine


def test_a_partial_year_is_compared_on_the_same_months(sea):
    view = build_view(BY_YEAR, Filters(), sea)
    assert "5 in Jan–Jul 2016" in view.summary
    assert "Jan–Jul 2016: 5, against 7 in Jan–Jul 2015." in view.summary
    rows = {row["year"]: row for row in view.rows}
    assert rows[2016]["months_covered"] == "Jan–Jul" and rows[2015]["months_covered"] is None
    assert rows[2016]["same_months_before"] == 7
    messages = key_messages(BY_YEAR, get_indicator("sea-allegations"), view.frame, view.names)
    assert messages[:2] == ["Allegations of sexual exploitation and abuse: 5 in Jan–Jul 2016.",
                            "Down 2 from 7 in Jan–Jul 2015."]


def test_a_partial_year_is_drawn_apart_and_says_its_months(sea):
    line = build_view(BY_YEAR, Filters(), sea).figure.data[0]
    years = list(line.x)
    symbols = dict(zip(years, line.marker.symbol, strict=True))
    assert symbols[2016] >= 100 > symbols[2015]  # hollow: a partial year
    assert "Partial year: Jan–Jul only" in line.customdata[years.index(2016)]


def test_french_names_the_months_in_french(sea):
    with use_locale("fr"):
        view = build_view(BY_YEAR, Filters(), sea)
    assert "janv.–juil. 2016" in view.summary


def test_a_partial_year_with_nothing_to_compare_says_no_change():
    frame = pd.DataFrame({"year": [2023, 2024], "numerator": [100.0, 61.0],
                          "denominator": [None, None], "value": [100.0, 61.0],
                          "months_covered": [None, "Jan–Jul"]})
    panel = Panel("x", "sea-allegations", by=("year",), chart="line")
    messages = key_messages(panel, get_indicator("sea-allegations"), frame, {})
    assert messages == ["Allegations of sexual exploitation and abuse: 61 in Jan–Jul 2024."]


def test_groups_in_a_partial_year_are_compared_on_the_same_months():
    frame = pd.DataFrame({"year": [2024, 2024, 2025, 2025],
                          "incident-type": ["accident", "illness"] * 2,
                          "numerator": [9.0, 4.0, 2.0, 2.0], "denominator": [None] * 4,
                          "value": [9.0, 4.0, 2.0, 2.0],
                          "months_covered": [None, None, "Jan–Feb", "Jan–Feb"],
                          "same_months_before": [None, None, 3.0, 1.0]})
    panel = Panel("x", "fatalities", by=("year", "incident-type"), chart="split", x="year")
    messages = key_messages(panel, get_indicator("fatalities"), frame,
                            {"incident-type": {"accident": "Accident", "illness": "Illness"}})
    assert "Accident: down 1 since Jan–Feb 2024 (3)." in messages
    assert not any("down 7" in message for message in messages)  # 2 of 2 months vs 9 of 12


def test_the_downloads_give_a_partial_years_months_the_same_in_each_language(sea):
    client = app_for(url_of(sea)).server.test_client()

    def rows(query: str) -> list[list[str]]:
        text = client.get(f"/download/conduct/by-year.csv{query}").get_data(as_text=True)
        return list(csv.reader(io.StringIO(text)))

    english, french = rows(""), rows("?lang=fr")
    by_year = {row["year"]: row for row in (dict(zip(english[0], r, strict=True))
                                            for r in english[1:])}
    assert by_year["2016"]["months_covered"] == "2016-01/2016-07"  # ISO 8601, any language
    assert by_year["2016"]["same_months_before"] == "7.0"
    assert by_year["2015"]["months_covered"] == ""
    assert french[1:] == english[1:]
    assert "Mois couverts (année partielle)" in french[0]


def test_a_series_of_one_period_is_a_labelled_point_not_a_line(sea):
    # 2015 alone: one value, drawn as a larger point that says it, not a line of one dot.
    only = Filters(period_from=dt.date(2015, 1, 1), period_to=dt.date(2015, 12, 1))
    line = build_view(BY_YEAR, only, sea).figure.data[0]
    assert list(line.x) == [2015]
    assert line.mode == "markers+text" and list(line.text) == ["7"]
    # Two periods or more stay a line.
    assert build_view(BY_YEAR, Filters(), sea).figure.data[0].mode == "lines+markers"


@pytest.mark.parametrize(("filters", "said"), [
    # Before the sources begin: the period is the cause.
    (Filters(period_from=dt.date(2010, 1, 1), period_to=dt.date(2010, 12, 1)),
     "No data for Jan 2010 – Dec 2010: the period is outside what the sources cover. SEA "
     "allegations covers Jan 2015 – Jul 2016."),
    # Covered months with no allegation: none happened; a wider period would not help.
    (Filters(period_from=dt.date(2016, 3, 1), period_to=dt.date(2016, 6, 1)),
     "None recorded for Mar 2016 – Jun 2016: the sources cover this period, and this "
     "combination had none in it."),
    # A mission with no allegation at any time: the filters are the cause, not the period.
    (Filters(missions=("UNMIL",), period_from=dt.date(2015, 1, 1),
             period_to=dt.date(2015, 12, 1)),
     "No data: UNMIL selects nothing in the data at any time, so no period would show any."),
])
def test_no_data_names_its_true_cause(sea, filters, said):
    view = build_view(BY_YEAR, filters, sea)
    assert view.figure is None
    assert view.message.startswith(said), view.message
