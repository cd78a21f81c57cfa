"""The period controls' choices: one month a year before anything is typed, the chosen month
always among them (a dropdown drops a value that is not), and months named in the language."""

from __future__ import annotations

import datetime as dt

from dashboard.shell.filterbar import CONTROLS, filter_options, period_months, period_options
from indicators.i18n import use_locale
from tests.dashboard.helpers import app_for, url_of

# Latest first, as the database gives them; 2014 has a gap (no March to June).
MONTHS = [dt.date(2014, 9, 1), dt.date(2014, 2, 1), dt.date(2014, 1, 1),
          dt.date(2013, 12, 1), dt.date(2013, 7, 1), dt.date(2012, 11, 1)]


def test_one_month_a_year_is_listed_first_or_last_with_data():
    period = period_months(MONTHS)
    assert period["months"] == ["2014-09", "2014-02", "2014-01", "2013-12", "2013-07", "2012-11"]
    assert period["listed"][CONTROLS["from"]] == ["2014-01", "2013-07", "2012-11"]
    assert period["listed"][CONTROLS["to"]] == ["2014-09", "2013-12", "2012-11"]
    assert [o["label"] for o in period_options(period, "from", None)] == [
        "Jan 2014", "Jul 2013", "Nov 2012"]


def test_the_chosen_month_is_among_the_choices_in_order():
    period = period_months(MONTHS)
    options = period_options(period, "to", "2014-02")
    assert [o["value"] for o in options] == ["2014-09", "2014-02", "2013-12", "2012-11"]
    assert options[1] == {"label": "Feb 2014", "value": "2014-02"}
    # A month with no data (from a pasted address) is still shown as chosen.
    assert "2010-05" in [o["value"] for o in period_options(period, "from", "2010-05")]
    assert period_options(None, "from", "2014-02") == []


def test_months_are_named_in_the_language():
    with use_locale("fr"):
        period = period_months(MONTHS)
    assert period_options(period, "from", "2013-07")[1]["label"] == "juil. 2013"
    assert period["labels"][8] == "sept. 2000"


def test_the_filter_bar_sends_months_not_seven_hundred_choices(engine):
    # The controls start empty; the months travel once, as codes.
    options = filter_options(engine)
    assert options["from"] == options["to"] == []
    assert options["period"]["months"] == sorted(options["period"]["months"], reverse=True)


def test_sync_sets_each_period_value_with_its_choices(engine):
    # Through Dash's own endpoint, as the browser calls it when an address is opened.
    app = app_for(url_of(engine))
    client = app.server.test_client()
    client.get("/")
    sync = next(dep for dep in client.get("/_dash-dependencies").get_json()
                if "pk-filters.data" in dep["output"])
    values = {"pk-url.search": "?from=2013-07&to=2014-02",
              "pk-filter-months.data": period_months(MONTHS)}

    def props(items):
        return [{**item, "value": values.get(f"{item['id']}.{item['property']}")}
                for item in items]

    outputs = [dict(zip(("id", "property"), output.rsplit(".", 1), strict=True))
               for output in sync["output"].strip(".").split("...")]
    response = client.post("/_dash-update-component", json={
        "output": sync["output"], "outputs": outputs, "inputs": props(sync["inputs"]),
        "state": props(sync["state"]), "changedPropIds": ["pk-url.search"]})
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    answer = response.get_json()["response"]
    assert answer["pk-filter-from"]["value"] == "2013-07"
    assert answer["pk-filter-to"]["value"] == "2014-02"
    assert "2013-07" in [o["value"] for o in answer["pk-filter-from"]["options"]]
    assert "2014-02" in [o["value"] for o in answer["pk-filter-to"]["options"]]
    assert len(answer["pk-filter-from"]["options"]) == 3  # one a year, the chosen among them
