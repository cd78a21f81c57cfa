"""The LCM loop on SQLite and PostgreSQL: the loop's counts against direct counts on the
tables, the list of unmatched and duplicated gaps, and the difference in differences, which
recovers the generator's built-in effect and, on hand-made rows, differs from the before-after
exactly as much as the comparison units moved."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from sqlalchemy import insert, select

from indicators.compute import compute as compute_as
from indicators.filters import Filters
from indicators.illustrative import generate
from indicators.illustrative_lcm import SUPPORT_EFFECT
from indicators.measures.lcm import GAP_PROBLEMS, LOOP_STAGES, gap_problems
from indicators.models.dimensions import Country, Mission, Month
from indicators.models.illustrative import CapabilityGap, Partnership, UnitEvaluation
from indicators.viewer import SECRETARIAT


def compute(indicator, filters=None, by=(), *, engine):
    """The loop and the estimate are the Secretariat's (issue 16); these tests check their
    numbers, so they compute as the Secretariat (the tiers are tested in test_tiers)."""
    return compute_as(indicator, filters, by, engine=engine, viewer=SECRETARIAT)


LOOP = "capability-gap-loop"
EFFECT = "support-effect"


def table(engine, model) -> list:
    with engine.connect() as conn:
        return conn.execute(select(model.__table__)).all()


def direct_loop(engine, period_from=None, period_to=None, missions=()) -> dict:
    """(mission, area, stage) -> gaps, counted row by row in Python from the two tables."""
    offers = defaultdict(list)
    for p in table(engine, Partnership):
        if p.gap_id is not None:
            offers[p.gap_id].append(p)
    end = None
    if period_to:
        end = dt.date(period_to.year + period_to.month // 12, period_to.month % 12 + 1, 1)
    counts: dict = defaultdict(int)
    for gap in table(engine, CapabilityGap):
        if missions and gap.mission not in missions:
            continue
        if end and gap.opened_on >= end:
            continue
        if period_from and gap.closed_on is not None and gap.closed_on < period_from:
            continue
        pledges = offers[gap.id]
        providers = {p.provider_iso3 for p in pledges}
        reached = {
            "open": True, "pledged": bool(pledges),
            "matched": any(p.status in ("matched", "delivered") for p in pledges),
            "delivered": any(p.status == "delivered" for p in pledges),
            "evaluated": any(p.status == "delivered" and p.score_before is not None
                             and p.score_after is not None for p in pledges),
            "unmatched": not pledges, "duplicated": len(providers) >= 2,
        }
        for stage, yes in reached.items():
            counts[gap.mission, gap.capability_area, stage] += int(yes)
    return dict(counts)


def computed_loop(engine, filters: Filters) -> dict:
    frame = compute(LOOP, filters, ("mission", "capability-area", "stage"), engine=engine)
    return {(row.mission, row["capability-area"], row.stage): int(row.value)
            for _index, row in frame.iterrows()}


@pytest.fixture
def generated(engine):
    generate(engine)  # the fallback pairs: four missions, several contingents each
    return engine


def test_loop_counts_match_direct_counts_on_the_tables(generated):
    assert computed_loop(generated, Filters()) == direct_loop(generated)
    totals = compute(LOOP, Filters(), ("stage",), engine=generated)
    total = dict(zip(totals.stage, totals.value.astype(int), strict=True))
    assert set(total) == {*LOOP_STAGES, *GAP_PROBLEMS}
    # The generator makes both failures happen, and the funnel only narrows.
    assert total["unmatched"] > 0 and total["duplicated"] > 0
    assert total["open"] == total["pledged"] + total["unmatched"]
    funnel = [total[stage] for stage in LOOP_STAGES]
    assert funnel == sorted(funnel, reverse=True) and funnel[-1] > 0


def test_loop_counts_follow_the_period_and_mission_filters(generated):
    frm, to = dt.date(2021, 1, 1), dt.date(2021, 12, 1)
    period = Filters(period_from=frm, period_to=to)
    assert computed_loop(generated, period) == direct_loop(generated, frm, to)
    assert computed_loop(generated, period) != computed_loop(generated, Filters())
    one = Filters(missions=("UNIFIL",))
    found = computed_loop(generated, one)
    assert found == direct_loop(generated, missions=("UNIFIL",))
    assert {mission for mission, _area, _stage in found} == {"UNIFIL"}


def test_the_list_names_every_unmatched_and_duplicated_gap_with_its_providers(generated):
    listed = gap_problems(Filters(), generated, SECRETARIAT)
    offers = defaultdict(set)
    for p in table(generated, Partnership):
        if p.gap_id is not None:
            offers[p.gap_id].add(p.provider_iso3)
    expected = {gap.id: ("unmatched" if not offers[gap.id] else "duplicated",
                         ", ".join(sorted(offers[gap.id])))
                for gap in table(generated, CapabilityGap) if len(offers[gap.id]) != 1}
    assert {row.gap: (row.problem, row.providers) for row in listed.itertuples()} == expected
    duplicated = listed[listed.problem == "duplicated"]
    assert not duplicated.empty
    assert all(len(text.split(", ")) >= 2 for text in duplicated.providers)


def test_duplicated_offers_are_for_the_same_unit_from_different_providers(generated):
    by_gap = defaultdict(list)
    for p in table(generated, Partnership):
        if p.gap_id is not None:
            by_gap[p.gap_id].append(p)
    twice = [rows for rows in by_gap.values() if len(rows) == 2]
    assert twice
    for first, second in twice:
        assert first.provider_iso3 != second.provider_iso3
        assert (first.recipient_iso3, first.recipient_unit) == (
            second.recipient_iso3, second.recipient_unit)


def direct_support_groups(engine) -> tuple[int, int]:
    """Supported units evaluated on both sides of their first delivery that have a comparable
    never-supported unit (same mission and category, evaluated in both years), and the
    number of those comparable units: the groups' sizes, counted without pandas."""
    first: dict = {}
    for p in table(engine, Partnership):
        if p.status == "delivered" and p.recipient_unit is not None:
            key = (p.recipient_mission, p.recipient_unit)
            first[key] = min(first.get(key, p.delivered_on), p.delivered_on)
    history = defaultdict(list)
    for e in table(engine, UnitEvaluation):
        history[e.mission, e.category, e.unit].append(e.evaluated_on)
    windows = {}
    for (mission, category, unit), days in history.items():
        delivered = first.get((mission, unit))
        if delivered is None:
            continue
        before = [d for d in days if d <= delivered]
        after = [d for d in days if d > delivered]
        if before and after:
            windows[mission, category, unit] = (max(before).year, min(after).year)
    comparison, supported = set(), set()
    for (mission, category, unit), days in history.items():
        if (mission, unit) in first:
            continue
        years = {d.year for d in days}
        for (m, c, s), (y0, y1) in windows.items():
            if (m, c) == (mission, category) and {y0, y1} <= years:
                comparison.add((mission, category, unit))
                supported.add((m, c, s))
    return len(supported), len(comparison)


def test_difference_in_differences_recovers_the_built_in_effect(generated):
    frame = compute(EFFECT, Filters(), ("estimate",), engine=generated)
    row = {r.estimate: r for r in frame.itertuples()}
    did = row["difference-in-differences"]
    assert did.low < SUPPORT_EFFECT < did.high
    assert did.high - did.low < SUPPORT_EFFECT  # narrow enough to tell the effect from zero
    assert did.low > 0
    supported, comparison = direct_support_groups(generated)
    assert (did.supported_units, did.comparison_units) == (supported, comparison)
    assert supported >= 5 and comparison >= 5
    assert row["before-after"].denominator == supported
    assert row["comparison-change"].denominator == comparison
    assert did.value == pytest.approx(row["before-after"].value
                                      - row["comparison-change"].value)
    alone = compute(EFFECT, Filters(), (), engine=generated)
    assert len(alone) == 1 and alone.value[0] == pytest.approx(did.value)
    assert frame.attrs["illustrative"] is True


# --- hand-made rows: both groups move, so the before-after and the DiD must differ ---------

JAN_2021, JAN_2022, JAN_2024 = dt.date(2021, 1, 1), dt.date(2022, 1, 1), dt.date(2024, 1, 1)
DELIVERED, LATER = dt.date(2021, 6, 1), dt.date(2023, 6, 1)


def evaluation(id_: int, unit: str, country: str, mission: str, month: dt.date,
               score: float) -> dict:
    return {"id": id_, "evaluated_on": month.replace(day=15), "month": month,
            "country_iso3": country, "mission": mission, "category": "troops", "unit": unit,
            **{name: score for name in ("leadership", "command_and_control", "basic_skills",
                                        "conduct_and_discipline", "safety_and_security")},
            "overall_score": score, "overall_rating": "satisfactory", "illustrative": True}


def support(id_: int, unit: str, mission: str, delivered: dt.date = DELIVERED) -> dict:
    return {"id": id_, "provider_iso3": "USA", "recipient_iso3": "GHA",
            "capability_area": "engineering", "gap_id": None, "status": "delivered",
            "value_usd": 1000, "pledged_on": dt.date(2020, 10, 1),
            "matched_on": dt.date(2021, 1, 1), "delivered_on": delivered,
            "recipient_mission": mission, "recipient_unit": unit, "illustrative": True}


@pytest.fixture
def moving(engine):
    """Supported MINUSCA units rise by 9 and 11 points, comparable ones by 3, 4 and 5: every
    unit drifts up, so the before-after (10) is not the difference in differences (6).
    The UNMISS units must be left out: the unsupported one was evaluated in 2022 only, so it
    compares with nothing, and the supported one then has no comparable unit. So must GHA s4,
    supported in MINUSCA in 2023 (evaluated 2022 and 2024): no comparable unit was evaluated
    in those years."""
    changes = [("GHA s1", "GHA", "MINUSCA", 60, 9), ("GHA s2", "GHA", "MINUSCA", 70, 11),
               ("NPL c1", "NPL", "MINUSCA", 65, 3), ("NPL c2", "NPL", "MINUSCA", 75, 4),
               ("NPL c3", "NPL", "MINUSCA", 55, 5),
               ("GHA s3", "GHA", "UNMISS", 60, 30), ("NPL c4", "NPL", "UNMISS", 60, 20),
               ("GHA s4", "GHA", "MINUSCA", 60, 40)]
    rows = []
    for unit, country, mission, start, change in changes:
        if unit == "GHA s4":
            rows.append(evaluation(len(rows) + 1, unit, country, mission, JAN_2022, start))
            rows.append(evaluation(len(rows) + 1, unit, country, mission, JAN_2024,
                                   start + change))
            continue
        if unit != "NPL c4":
            rows.append(evaluation(len(rows) + 1, unit, country, mission, JAN_2021, start))
        rows.append(evaluation(len(rows) + 1, unit, country, mission, JAN_2022, start + change))
    with engine.begin() as conn:
        conn.execute(insert(Month), [{"month": m, "year": m.year, "month_number": 1}
                                     for m in (JAN_2021, JAN_2022, JAN_2024)])
        conn.execute(insert(Country), [{"iso3": c, "name": c} for c in ("GHA", "NPL", "USA")])
        conn.execute(insert(Mission), [{"acronym": "MINUSCA"}, {"acronym": "UNMISS"}])
        conn.execute(insert(UnitEvaluation), rows)
        conn.execute(insert(Partnership), [support(1, "GHA s1", "MINUSCA"),
                                           support(2, "GHA s2", "MINUSCA"),
                                           support(3, "GHA s3", "UNMISS"),
                                           support(4, "GHA s4", "MINUSCA", LATER)])
    return engine


def test_the_difference_in_differences_is_not_the_before_after_when_both_groups_move(moving):
    frame = compute(EFFECT, Filters(), ("estimate",), engine=moving)
    row = {r.estimate: r for r in frame.itertuples()}
    assert row["before-after"].value == pytest.approx(10.0)
    assert row["comparison-change"].value == pytest.approx(4.0)
    did = row["difference-in-differences"]
    assert did.value == pytest.approx(6.0)
    assert (did.supported_units, did.comparison_units) == (2, 3)
    assert did.low < 6.0 < did.high
    # Welch's interval is centred on the estimate.
    assert did.high - 6.0 == pytest.approx(6.0 - did.low)
    # UNMISS alone has no comparable pair, so no estimate.
    assert compute(EFFECT, Filters(missions=("UNMISS",)), ("estimate",), engine=moving).empty
    # The period chooses supported units by their delivery (June 2021), and their 2022
    # evaluations count though they are outside it; a period without the delivery has none.
    delivered = Filters(period_from=JAN_2021, period_to=dt.date(2021, 12, 1))
    again = compute(EFFECT, delivered, (), engine=moving)
    assert again.value[0] == pytest.approx(6.0)
    later = Filters(period_from=JAN_2022, period_to=JAN_2022)
    assert compute(EFFECT, later, ("estimate",), engine=moving).empty
    # A country filter keeps that country's units: GHA's are all supported, so no comparison.
    assert compute(EFFECT, Filters(countries=("GHA",)), (), engine=moving).empty
