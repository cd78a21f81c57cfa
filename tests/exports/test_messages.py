"""Key messages from frames shaped as compute() returns them: each chart shape, number
formats, withheld small numbers, and French wording."""

from __future__ import annotations

import pandas as pd

from dashboard.exports.messages import key_messages
from dashboard.panels.spec import Panel
from indicators.compute import get_indicator
from indicators.disclosure import suppress_small_numbers
from indicators.i18n import use_locale

NAMES = {"country": {"BGD": "Bangladesh", "PAK": "Pakistan", "IND": "India", "NPL": "Nepal"},
         "status": {"pledged": "Pledged", "matched": "Matched", "delivered": "Delivered"}}


def frame(by: dict, values: list[float], numerators=None, denominators=None) -> pd.DataFrame:
    data = {**by, "numerator": numerators or values,
            "denominator": denominators or [None] * len(values), "value": values}
    return pd.DataFrame(data).astype({"value": "Float64", "numerator": "Float64",
                                      "denominator": "Float64"})


def test_ranking_names_highest_and_lowest_with_thousands_separators():
    panel = Panel("x", "uniformed-personnel", by=("country",))
    data = frame({"country": ["BGD", "IND", "NPL", "PAK"]}, [8873.4, 7942.0, 4500.0, 8751.0])
    assert key_messages(panel, get_indicator("uniformed-personnel"), data, NAMES) == [
        "Uniformed personnel, highest: Bangladesh: 8,873; Pakistan: 8,751; India: 7,942.",
        # What matters about a count's ranking, not its smallest group (trivia).
        "These 3 account for 85.0% of the 30,066 shown.",
    ]


def test_a_monthly_series_says_the_month_in_words():
    panel = Panel("x", "poc-alerts", by=("month",), chart="line")
    data = frame({"month": ["2013-10", "2013-11", "2013-12"]}, [54.0, 74.0, 96.0])
    assert key_messages(panel, get_indicator("poc-alerts"), data, NAMES) == [
        "Protection-of-civilians early-warning alerts: 96 in December 2013.",
        "Up 22 from 74 in November 2013.",
        "Highest over the period: 96 in December 2013; lowest: 54 in October 2013.",
    ]


def test_a_pipeline_keeps_its_stage_order_and_compares_last_with_first():
    panel = Panel("x", "partnerships", by=("status",), chart="pipeline",
                  order=("pledged", "matched", "delivered"))
    data = frame({"status": ["delivered", "matched", "pledged"]}, [21.0, 7.0, 10.0])
    assert key_messages(panel, get_indicator("partnerships"), data, NAMES) == [
        "Capacity-building partnerships: Pledged: 10; Matched: 7; Delivered: 21.",
        "Delivered: 21, 11 higher than Pledged (10).",
    ]


def test_the_lcm_funnel_speaks_of_its_stages_only_and_the_estimate_of_its_intervals():
    stages = Panel("x", "capability-gap-loop", by=("stage",), chart="funnel",
                   order=("open", "pledged", "delivered"))
    data = frame({"stage": ["delivered", "duplicated", "open", "pledged"]},
                 [4.0, 2.0, 10.0, 6.0])
    names = {"stage": {"open": "Open", "pledged": "Pledged", "delivered": "Delivered"}}
    assert key_messages(stages, get_indicator("capability-gap-loop"), data, names) == [
        "Capability gaps through the coordination loop: Open: 10; Pledged: 6; Delivered: 4.",
        "Delivered: 4, 6 lower than Open (10).",
    ]
    effect = Panel("x", "support-effect", by=("estimate",), chart="estimate")
    data = frame({"estimate": ["before-after", "difference-in-differences"]}, [10.0, 6.0],
                 denominators=[2.0, 5.0]).assign(low=[float("nan"), 4.5], high=[float("nan"),
                                                                                  7.5])
    names = {"estimate": {"before-after": "Before-after",
                          "difference-in-differences": "DiD"}}
    assert key_messages(effect, get_indicator("support-effect"), data, names) == [
        "Effect of delivered support on unit scores (difference in differences): "
        "Before-after 10.0 (too few units for an interval; n = 2); "
        "DiD 6.0 (95% interval 4.5 to 7.5; n = 5)."]


def test_one_value_is_one_sentence():
    panel = Panel("x", "women-share", by=())
    data = frame({}, [10.1847], [5000.0], [49092.0])
    assert key_messages(panel, get_indicator("women-share"), data, NAMES) == [
        "Women as a share of uniformed personnel: 10.2%."]


def test_withheld_small_numbers_are_said_not_shown():
    indicator = get_indicator("sea-allegations")
    panel = Panel("x", "sea-allegations", by=("nationality",))
    data = suppress_small_numbers(
        frame({"nationality": ["BGD", "NPL", "PAK"]}, [14.0, 2.0, 6.0]), 3, ("nationality",))
    messages = key_messages(panel, indicator, data, {"nationality": NAMES["country"]})
    assert messages[0] == ("Allegations of sexual exploitation and abuse, highest: "
                           "Bangladesh: 14; Pakistan: 6.")
    assert messages[-1] == "1 of 3 values are “fewer than 3” and are not shown exactly."
    assert len(messages) == 2  # no "lowest" trivia for a count
    assert not any("Nepal" in message for message in messages)


def test_a_single_withheld_value_is_said_so_and_nothing_else():
    panel = Panel("x", "sea-allegations", by=("nationality",))
    data = suppress_small_numbers(frame({"nationality": ["NPL"]}, [1.0]), 3, ("nationality",))
    assert key_messages(panel, get_indicator("sea-allegations"), data, NAMES) == [
        "The value is “fewer than 3” and is not shown exactly."]


def test_nothing_to_say_without_values():
    panel = Panel("x", "poc-alerts", by=("month",), chart="line")
    assert key_messages(panel, get_indicator("poc-alerts"), frame({"month": []}, []),
                        NAMES) == []


def test_french_messages_use_french_words_and_number_formats():
    panel = Panel("x", "uniformed-personnel", by=("country",))
    data = frame({"country": ["BGD", "IND"]}, [8873.0, 7942.0])
    with use_locale("fr"):
        messages = key_messages(panel, get_indicator("uniformed-personnel"), data, NAMES)
    assert messages[0].startswith("Personnel en tenue, valeurs les plus élevées")
    assert "8\u202f873" in messages[0]
    share = Panel("x", "women-share", by=("country",))
    data = frame({"country": ["BGD", "IND"]}, [8.5, 12.25])
    with use_locale("fr"):
        messages = key_messages(share, get_indicator("women-share"), data, NAMES)
    assert messages[1].startswith("Valeur la plus basse sur 2")
    assert "8,5 %" in messages[1]
