"""sea-actions on hand-written rows: allegations with each action, by stage and actor."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators.compute import compute
from indicators.filters import Filters
from tests.indicators import sea_rows

FEWER = "fewer than 3"


@pytest.fixture
def db(engine):
    return sea_rows.load(engine)


def cells(frame) -> dict:
    frame = frame.astype(object).where(frame.notna(), None)  # a missing actor as None
    return {(r["stage"], r["actor"], r["action"]): r["value"] for r in frame.to_dict("records")}


def test_allegations_per_stage_actor_and_action(db):
    frame = compute("sea-actions", Filters(), ("stage", "actor", "action"), engine=db)
    assert cells(frame) == {
        ("final", "UN", "Repatriation"): 3,
        ("final", "NG", "Jail"): 2,  # allegations 2 (Ghana) and 5 (Nepal)
        ("interim", "UN", "Payments suspended"): 1,
        ("interim", "UN", "Pending"): 1,
        ("interim", None, "None"): 1,  # the UN names no actor for "None"
    }


def test_an_allegation_counts_once_per_actor_but_once_in_a_total(db):
    by_actor = compute("sea-actions", Filters(), ("stage", "actor"), engine=db)
    finals = {r["actor"]: r["value"] for r in by_actor.to_dict("records")
              if r["stage"] == "final"}
    assert finals == {"UN": 3, "NG": 2}
    # Allegation 2 has a UN and an NG final action: 4 allegations, not 5.
    total = compute("sea-actions", Filters(), ("stage",), engine=db)
    assert dict(zip(total["stage"], total["value"], strict=True)) == {"final": 4, "interim": 3}


def test_actions_filtered_by_mission_period_and_year(db):
    unmiss = compute("sea-actions", Filters(missions=("UNMISS",)), (), engine=db)
    assert unmiss.empty or unmiss["value"].fillna(0).sum() == 0
    by_year = compute("sea-actions", Filters(), ("year",), engine=db)
    assert dict(zip(by_year["year"], by_year["value"], strict=True)) == {2015: 5, 2016: 1}
    later = compute("sea-actions", Filters(period_from=sea_rows.JAN16), (), engine=db)
    assert later.loc[0, "value"] == 1  # allegation 4


def test_actions_for_one_nationality_withhold_small_numbers(db):
    # Per action, a nationality's figures are no sums of its whole blocks of years (the UN's
    # repatriations less the rest would tell a small one): every row withheld, saying why.
    frame = compute("sea-actions", Filters(countries=("GHA",)), ("stage", "actor", "action"),
                    engine=db)
    assert len(frame) == 4  # final UN, final NG, interim UN (two actions)
    assert frame["numerator"].isna().all() and frame["value"].isna().all()
    assert set(frame["display"]) == {"withheld: not given per mission or category"}
    # Ghana's 4 would be one block (3 in 2015, 1 in 2016), but the exact total (6) less it
    # would leave Nepal's 1 and the civilians': Ghana is held back too.
    whole = compute("sea-actions", Filters(countries=("GHA",)), (), engine=db)
    assert pd.isna(whole.loc[0, "value"])
    assert whole.loc[0, "display"] == "withheld to protect small numbers"
    nepal = compute("sea-actions", Filters(countries=("NPL",)), (), engine=db)
    assert pd.isna(nepal.loc[0, "value"]) and nepal.loc[0, "display"] == FEWER
