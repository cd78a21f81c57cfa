"""Numbers, dates, filter descriptions, KPI words and the small-numbers label in each locale."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.i18n.plotly_locale import graph_config
from dashboard.panels.kpi_text import change_words, format_value
from indicators.disclosure import is_suppressed, suppress_small_numbers
from indicators.filters import Filters, Vocabulary
from indicators.i18n import current_locale, format_day, format_month, format_number, use_locale
from indicators.status import period_label

SPACES = {"\u202f": " ", "\u00a0": " "}  # Babel writes French with (narrow) no-break spaces


def plain(text: str) -> str:
    for special, space in SPACES.items():
        text = text.replace(special, space)
    return text


def test_numbers_in_each_locale():
    with use_locale("fr"):
        assert plain(format_number(1234.5, 1)) == "1 234,5"
        assert plain(format_number(1234567)) == "1 234 567"
    with use_locale("en"):
        assert format_number(1234.5, 1) == "1,234.5"


def test_dates_in_each_locale():
    with use_locale("fr"):
        assert plain(format_day(dt.date(2013, 12, 31))) == "31 déc. 2013"
        assert format_month(dt.date(2013, 8, 1)) == "août 2013"
        assert period_label(dt.date(2009, 11, 1), dt.date(2014, 8, 1)) == "nov. 2009 – août 2014"
    with use_locale("en"):
        assert format_day(dt.date(2013, 12, 31)) == "31 Dec 2013"
        assert period_label(dt.date(2009, 11, 1), dt.date(2014, 8, 1)) == "Nov 2009 – Aug 2014"


def test_the_locale_is_restored_after_a_block():
    assert current_locale() == "en"
    with use_locale("fr-CA"):
        assert current_locale() == "fr"
    assert current_locale() == "en"


VOCABULARY = Vocabulary(missions=frozenset({"UNIFIL", "MINUSCA"}),
                        countries=frozenset({"GHA"}), categories=frozenset({"troops"}))


def test_filters_describe_themselves_in_the_current_locale():
    filters, _problems = Filters.from_query(
        {"mission": "UNIFIL,MINUSCA", "category": "troops", "from": "2012-01",
         "to": "2013-12", "gender": "women"}, VOCABULARY)
    assert filters.describe() == "MINUSCA, UNIFIL · troops · women · Jan 2012 – Dec 2013"
    with use_locale("fr"):
        assert filters.describe() == ("MINUSCA, FINUL · troupes · femmes · "
                                      "janv. 2012 – déc. 2013")
    assert filters.describe("fr").startswith("MINUSCA, FINUL")  # an explicit locale
    assert Filters().describe("fr") == (
        "Toutes les missions, tous les pays et toutes les catégories")
    assert Filters().describe() == "All missions, countries and categories"


def test_filter_problems_are_worded_in_the_current_locale():
    with use_locale("fr"):
        _filters, problems = Filters.from_query(
            {"mission": "NOPE", "from": "2012-13", "gender": "x"}, VOCABULARY)
    reasons = {problem.parameter: problem.reason for problem in problems}
    assert reasons["mission"] == "aucune mission ne porte ce sigle"
    assert plain(reasons["from"]) == "attendu : un mois au format AAAA-MM"
    assert "women (femmes) ou men (hommes)" in reasons["gender"]


def test_small_numbers_label_in_each_locale():
    frame = pd.DataFrame({"nationality": ["GHA", "NPL"], "numerator": [2.0, 1234.0],
                          "denominator": [pd.NA, pd.NA], "value": [2.0, 1234.0]})
    with use_locale("fr"):
        french = suppress_small_numbers(frame, 3, ("nationality",))
    english = suppress_small_numbers(frame, 3, ("nationality",))
    assert list(french["display"].map(lambda text: plain(text))) == ["moins de 3", "1 234"]
    assert list(english["display"]) == ["fewer than 3", "1,234"]
    # Withheld rows are found whatever the language of their label.
    assert list(is_suppressed(french)) == [True, False]
    assert list(is_suppressed(english)) == [True, False]


def test_kpi_figures_in_each_locale():
    class Change:
        change, unit, relative_change = 200.0, "persons", 0.2

    with use_locale("fr"):
        assert plain(format_value(98061.6, "persons")) == "98 062"
        assert plain(format_value(3.766, "percent")) == "3,8 %"
        assert plain(change_words(Change)) == "+200 (+20 %)"
    assert format_value(3.766, "percent") == "3.8%"
    assert change_words(Change) == "+200 (+20%)"


@pytest.mark.parametrize(("locale", "config"), [("fr", {"locale": "fr"}), ("en", {})])
def test_plotly_locale_follows_the_current_locale(locale, config):
    with use_locale(locale):
        assert graph_config() == config
    assert graph_config(locale) == config
