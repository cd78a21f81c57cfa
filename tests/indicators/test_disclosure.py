"""The small-numbers rule: per-nationality counts below 3 never leave compute() exactly."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from indicators.catalogue import CATALOGUE
from indicators.compute import compute
from indicators.disclosure import DISPLAY, applies, is_suppressed, suppress_small_numbers
from indicators.filters import Filters
from tests.indicators import sea_rows

FEWER = "fewer than 3"
SUPPRESSED = sorted(slug for slug, i in CATALOGUE.items() if i.suppress_below)


@pytest.fixture
def db(engine):
    return sea_rows.load(engine)


def by_code(frame, key):
    """Rows by their code; a missing code (pandas may hold it as NaN) under None."""
    return {None if pd.isna(row[key]) else row[key]: row for row in frame.to_dict("records")}


# --- the rule on hand-written frames -----------------------------------------------------------

def test_counts_from_1_to_2_are_withheld_and_labelled():
    frame = pd.DataFrame({"nationality": ["GHA", "NPL", "COG", "BDI", None],
                          "numerator": [4, 2, 1, 3, 2], "denominator": [pd.NA] * 5,
                          "value": [4, 2, 1, 3, 2]})
    shown = by_code(suppress_small_numbers(frame, 3, ("nationality",)), "nationality")
    assert shown["GHA"]["value"] == 4 and shown["GHA"][DISPLAY] == "4"
    assert shown["BDI"]["value"] == 3  # the threshold itself is shown
    for code in ("NPL", "COG"):
        assert pd.isna(shown[code]["numerator"]) and pd.isna(shown[code]["value"])
        assert shown[code][DISPLAY] == FEWER
    # No nationality (civilians): not a nationality's count, so not withheld.
    assert shown[None]["value"] == 2


def test_a_share_over_few_allegations_or_of_few_is_withheld():
    frame = pd.DataFrame({"year": [2015, 2016, 2017, 2018],
                          "numerator": [2, 1, 0, 0], "denominator": [10, 2, 5, 2],
                          "value": [20.0, 50.0, 0.0, 0.0]})
    out = suppress_small_numbers(frame, 3)
    # 2 of 10 reveals 2: withheld, but the 10 can stay.
    assert pd.isna(out.loc[0, "value"]) and pd.isna(out.loc[0, "numerator"])
    assert out.loc[0, "denominator"] == 10
    # 1 of 2, and 0 of 2: the denominator is the small count.
    for row in (1, 3):
        assert out.loc[row, ["numerator", "denominator", "value"]].isna().all()
    # 0 of 5 identifies nobody.
    assert out.loc[2, "value"] == 0 and out.loc[2, DISPLAY] == "0.0"
    assert is_suppressed(out).tolist() == [True, True, False, True]


def test_frames_without_the_rule_have_nothing_suppressed():
    frame = pd.DataFrame({"year": [2015], "numerator": [1], "value": [1]})
    assert not is_suppressed(frame).any()


def test_the_rule_applies_when_cut_by_nationality_or_filtered_to_a_country():
    allegations = CATALOGUE["sea-allegations"]
    assert applies(allegations, Filters(), ("nationality",))
    assert applies(allegations, Filters(countries=("GHA",)), ("year",))
    assert not applies(allegations, Filters(), ("year", "mission"))
    assert not applies(CATALOGUE["fatalities"], Filters(countries=("GHA",)), ("nationality",))


def test_every_sea_indicator_cut_or_filtered_by_nationality_carries_the_rule():
    for slug, indicator in CATALOGUE.items():
        if slug.startswith("sea-") and ("nationality" in indicator.dimensions
                                        or "country" in indicator.filters):
            assert indicator.suppress_below == 3, slug


# --- compute() on both engines -----------------------------------------------------------------

def test_allegations_by_nationality(db):
    frame = compute("sea-allegations", Filters(), ("nationality",), engine=db)
    rows = by_code(frame, "nationality")
    assert rows["GHA"]["value"] == 4 and rows["BDI"]["value"] == 3
    for code in ("NPL", "COG"):
        assert pd.isna(rows[code]["value"]) and pd.isna(rows[code]["numerator"])
        assert rows[code][DISPLAY] == FEWER
    civilians = frame[frame["nationality"].isna()]
    assert civilians["value"].tolist() == [2]
    assert frame.attrs["suppressed_below"] == 3


def test_a_country_filter_withholds_its_small_numbers(db):
    # Ghana: 3 in 2015 and 1 in 2016. Shown per year, 2016 would be small, and 2015 would be
    # the whole (4) less 1: both years are one block, given only together.
    ghana = by_code(compute("sea-allegations", Filters(countries=("GHA",)), ("year",),
                            engine=db), "year")
    for year in (2015, 2016):
        assert pd.isna(ghana[year]["numerator"]) and pd.isna(ghana[year]["value"])
        assert ghana[year][DISPLAY] == "combined with 2015–2016"
    whole = compute("sea-allegations", Filters(countries=("GHA",)), (), engine=db)
    assert whole.loc[0, "value"] == 4
    nepal = compute("sea-allegations", Filters(countries=("NPL",)), (), engine=db)
    assert pd.isna(nepal.loc[0, "value"]) and nepal.loc[0, DISPLAY] == FEWER
    days = compute("sea-investigation-days", Filters(countries=("NPL",)), (), engine=db)
    assert pd.isna(days.loc[0, "value"]) and pd.isna(days.loc[0, "denominator"])
    ghana_days = compute("sea-investigation-days", Filters(countries=("GHA",)), (), engine=db)
    assert (ghana_days.loc[0, "value"], ghana_days.loc[0, "denominator"]) == (200, 3)
    # Two of Ghana's three concluded allegations were substantiated: the 2 is withheld.
    share = compute("sea-substantiated-share", Filters(countries=("GHA",)), (), engine=db)
    assert pd.isna(share.loc[0, "value"]) and share.loc[0, DISPLAY] == FEWER
    burundi = compute("sea-substantiated-share", Filters(countries=("BDI",)), (), engine=db)
    assert (burundi.loc[0, "numerator"], burundi.loc[0, "denominator"]) == (0, 3)


def test_totals_not_cut_by_nationality_are_exact(db):
    frame = compute("sea-allegations", Filters(), ("year",), engine=db)
    assert dict(zip(frame["year"], frame["value"], strict=True)) == {2015: 7, 2016: 5}
    assert DISPLAY not in frame
    assert frame.attrs["suppressed_below"] is None


@pytest.mark.parametrize("slug", SUPPRESSED)
def test_no_exact_count_below_3_leaks_for_any_cut(db, slug):
    indicator = CATALOGUE[slug]
    cuts = [(), *[(d,) for d in indicator.dimensions]]
    if "nationality" in indicator.dimensions:
        cuts.append(("nationality", "year"))
    filter_sets = [Filters(), *[Filters(countries=(c,)) for c in sea_rows.COUNTRIES],
                   Filters(countries=("NPL", "COG"))]
    checked = 0
    for filters in filter_sets:
        for by in cuts:
            if not applies(indicator, filters, by):
                continue
            frame = compute(slug, filters, by, engine=db)
            if "nationality" in by:
                frame = frame[frame["nationality"].notna()]
            for column in ("numerator", "denominator"):
                values = pd.to_numeric(frame[column], errors="coerce")
                assert not values.isin([1, 2]).any(), (slug, filters, by, column)
            hidden = frame[DISPLAY] == FEWER
            assert frame.loc[hidden, "value"].isna().all()
            checked += len(frame)
    assert checked


def test_the_cache_never_serves_a_frame_across_the_rule(db):
    raw = dataclasses.replace(CATALOGUE["sea-allegations"], suppress_below=None)
    shown = by_code(compute("sea-allegations", Filters(), ("nationality",), engine=db),
                    "nationality")
    exact = by_code(compute(raw, Filters(), ("nationality",), engine=db), "nationality")
    again = by_code(compute("sea-allegations", Filters(), ("nationality",), engine=db),
                    "nationality")
    assert exact["NPL"]["value"] == 2
    assert pd.isna(shown["NPL"]["value"]) and pd.isna(again["NPL"]["value"])
