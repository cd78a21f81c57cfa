"""The contributing countries page without a browser: the prompt, the chosen country and its
peers, and the framework hooks it relies on (a panel's own filters, a kept dimension value)."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest

from dashboard.panels.spec import Panel
from dashboard.panels.view import build_view, panel_frame
from indicators.filters import Filters
from indicators.peers import with_peers
from indicators.viewer import SECRETARIAT
from tests.dashboard.helpers import app_for, text_of, url_of
from tests.dashboard.page_checks import (
    check_declarations,
    fill,
    find,
    ids_in,
    page_entry,
    page_module,
    render,
)
from tests.indicators.test_peers import load_sizes

PAGE = "countries"
HIDDEN = {"display": "none"}
AAA_AND_PEERS = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF"]


@pytest.fixture
def db(engine):
    return load_sizes(engine)


@pytest.fixture
def app(db):
    return app_for(url_of(db))


def panels():
    return page_module(PAGE).PANELS


def part(layout, name: str):
    return find(layout, {"page": PAGE, "part": name})


def test_page_is_registered_third():
    entry = page_entry(PAGE)
    assert (entry["path"], entry["order"], entry["name"]) == (
        "/countries", 2, "Contributing countries")


def test_panels_name_known_indicators_and_allowed_cuts():
    check_declarations(PAGE, panels())
    assert {p.indicator for p in page_module(PAGE).PROFILE} == {
        "uniformed-personnel", "women-share", "fatalities", "sea-allegations",
        "training-coverage", "unit-evaluation-score", "partnerships"}
    comparison = page_module(PAGE).COMPARISON
    assert {p.indicator for p in comparison} == {"women-share", "uniformed-personnel"}
    assert all(p.filters_hook is with_peers and p.by == ("country",) for p in comparison)
    women = next(p for p in panels() if p.key == "women-share")
    assert women.target and women.by == ("year", "ugps-group")


def test_without_a_country_the_page_prompts_and_hides_the_panels(tmp_path):
    app = app_for(f"sqlite:///{tmp_path / 'db.sqlite'}")
    layout = render(app, PAGE, "/countries")
    everything = render(app, PAGE, "/countries", viewer=SECRETARIAT)
    assert [i["panel"] for i in ids_in(everything, "pk-chart")] == [p.key for p in panels()]
    # Unit evaluations are for delegations and the Secretariat: absent for the public.
    assert [i["panel"] for i in ids_in(layout, "pk-chart")] == [
        p.key for p in panels() if p.key != "evaluations"]
    assert part(layout, "prompt").style != HIDDEN
    assert "Choose a contributing country in the filter bar" in text_of(part(layout, "prompt"))
    assert part(layout, "body").style == HIDDEN
    chosen = render(app, PAGE, "/countries", country="RWA")
    assert part(chosen, "prompt").style == HIDDEN and part(chosen, "body").style != HIDDEN


def test_the_callback_names_the_country_and_its_peers(app):
    show = page_module(PAGE).show_selection
    with app.server.test_request_context("/countries"):
        prompt, body, heading, sentence = show({})
        assert (prompt, body) == ({}, HIDDEN)
        prompt, body, heading, sentence = show({"country": "AAA"})
        assert (prompt, body) == (HIDDEN, {})
        assert heading == "Country AAA (AAA)"
        assert sentence.endswith("Country FFF, Country BBB, Country CCC, Country DDD, "
                                 "Country EEE.")
        _, _, heading, sentence = show({"country": "AAA,EEE"})
        assert heading == "Country AAA, Country EEE together"
        assert "side by side" in sentence
        _, _, _, sentence = show({"country": "GGG"})
        assert "no peers" in sentence


def test_peer_panels_show_the_country_and_its_peers(app):
    view = fill(app, PAGE, "peers-size", {"country": "AAA"})
    assert view["message"] is None
    assert sorted(row["country"] for row in view["rows"]) == AAA_AND_PEERS
    # The caption names the countries, never by code alone (their names in this world).
    assert ", ".join(f"Country {code}" for code in AAA_AND_PEERS) in view["caption"]
    assert view["csv"] == f"/download/{PAGE}/peers-size.csv?country=AAA"
    text = app.server.test_client().get(view["csv"]).get_data(as_text=True)
    assert sorted(row["country"] for row in csv.DictReader(io.StringIO(text))) == AAA_AND_PEERS
    # Panels without the hook keep the chosen country only.
    profile = fill(app, PAGE, "deployments", {"country": "AAA"})
    assert [(row["mission"], row["value"]) for row in profile["rows"]] == [("MINUSCA", 1000)]
    assert profile["caption"].startswith("Country AAA ·")


# --- the framework hooks, with a panel of the test's own ------------------------------------------

def test_a_filters_hook_sets_what_the_panel_computes_and_its_caption(db):
    def only_bbb(filters: Filters, engine) -> Filters:
        return dataclasses.replace(filters, countries=("BBB",))

    panel = Panel("hooked", "uniformed-personnel", by=("country",), filters_hook=only_bbb)
    frame = panel_frame(panel, Filters(countries=("AAA",)), db)
    assert frame["country"].tolist() == ["BBB"] and frame["value"].tolist() == [950]
    view = build_view(panel, Filters(countries=("AAA",)), db)
    assert view.caption.startswith("Country BBB ·")
    plain = Panel("plain", "uniformed-personnel", by=("country",))
    assert build_view(plain, Filters(countries=("AAA",)), db).caption.startswith(
        "Country AAA ·")


def test_where_keeps_one_value_of_a_dimension_and_drops_its_column(db):
    panel = Panel("kept", "uniformed-personnel", by=("country",),
                  where=(("category", "troops"),))
    frame = panel_frame(panel, Filters(), db)
    assert "category" not in frame
    assert dict(zip(frame["country"], frame["value"], strict=True))["AAA"] == 1000
    assert frame.attrs["indicator"] == "uniformed-personnel"
    nothing = Panel("none", "uniformed-personnel", by=("country",),
                    where=(("category", "formed-police-units"),))
    assert panel_frame(nothing, Filters(), db).empty


def test_the_profile_buttons_show_for_one_chosen_country(tmp_path):
    app = app_for(f"sqlite:///{tmp_path / 'db.sqlite'}")
    assert part(render(app, PAGE, "/countries"), "profile").style == HIDDEN
    chosen = render(app, PAGE, "/countries", country="RWA")
    buttons = part(chosen, "profile")
    assert buttons.style != HIDDEN
    assert "One-page country profile" in text_of(buttons)
    assert [text_of(part(chosen, f"profile-{fmt}")) for fmt in ("pdf", "pptx")] == [
        "PDF", "PowerPoint"]
    # Two countries: a profile is one country's, so the buttons step aside.
    assert part(render(app, PAGE, "/countries", country="RWA,NPL"), "profile").style == HIDDEN
    show = page_module(PAGE).show_profile_buttons
    assert (show({"country": "RWA"}), show({"country": "RWA,NPL"}), show({})) == (
        {}, HIDDEN, HIDDEN)


def test_a_profile_button_starts_the_background_export(app):
    job = page_module(PAGE).profile_job
    with app.server.test_request_context("/countries"):
        started = job("pdf", {"country": "AAA", "from": "2020-01"})
        refused = job("pptx", {"country": "AAA,BBB"})
    assert set(started) == {"id", "format"} and started["format"] == "pdf"
    assert "exactly one contributing country" in refused["error"]
