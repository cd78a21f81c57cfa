"""The illustrative-data generator: marked rows, determinism, real pairs used, plausible values."""

from __future__ import annotations

import datetime as dt
from statistics import mean

import pytest
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from indicators.db import make_engine
from indicators.illustrative import GENERATED_TABLES, SOURCE_SLUG, generate, rating_for
from indicators.measures.personnel_rows import refresh_personnel
from indicators.migrate import upgrade
from indicators.models.dimensions import Country, Mission, Month
from indicators.models.facts import Deployment
from indicators.models.illustrative import (
    KEY_FACTORS,
    CapabilityGap,
    MedicalResponse,
    Partnership,
    PocAlert,
    Training,
    UnitEvaluation,
)
from indicators.models.provenance import ImportLog, SourceVersion

# (country, mission, category, headcount) deployed every month of DEPLOYED_MONTHS.
HAND_PAIRS = (
    ("KEN", "UNMISS", "troops", 900),
    ("KEN", "UNMISS", "individual-police", 20),
    ("NPL", "UNIFIL", "troops", 850),
    ("SEN", "MINUSCA", "formed-police-units", 140),
)
DEPLOYED_MONTHS = tuple(dt.date(2022 + (m // 12), m % 12 + 1, 1) for m in range(18))


def contents(engine) -> dict[str, list[tuple]]:
    """Every generated table, ordered by primary key, as plain tuples."""
    with engine.connect() as conn:
        return {
            model.__tablename__: [
                tuple(row) for row in conn.execute(
                    select(model.__table__).order_by(*model.__table__.primary_key.columns))
            ]
            for model in GENERATED_TABLES
        }


def rows(engine, model) -> list:
    with engine.connect() as conn:
        return conn.execute(select(model.__table__)).all()


def insert_hand_deployments(engine) -> None:
    with engine.begin() as conn:
        conn.execute(insert(Country), [
            {"iso3": "KEN", "name": "Kenya"}, {"iso3": "NPL", "name": "Nepal"},
            {"iso3": "SEN", "name": "Senegal"},
        ])
        conn.execute(insert(Mission), [
            {"acronym": acronym, "is_peacekeeping": True}
            for acronym in ("MINUSCA", "UNIFIL", "UNMISS")
        ])
        conn.execute(insert(Month), [
            {"month": m, "year": m.year, "month_number": m.month} for m in DEPLOYED_MONTHS
        ])
        conn.execute(insert(Deployment), [
            {"month": m, "country_iso3": country, "mission": mission, "category": category,
             "total": total}
            for country, mission, category, total in HAND_PAIRS for m in DEPLOYED_MONTHS
        ])
        refresh_personnel(conn)  # the series the generator reads, as every import rewrites it


def test_empty_deployment_table_still_fills_every_table(engine):
    outcome = generate(engine)

    assert outcome.status == "loaded"
    assert all(count > 0 for count in outcome.tables.values()), outcome.tables
    assert set(outcome.tables) == {model.__tablename__ for model in GENERATED_TABLES}
    assert outcome.rows_loaded == sum(outcome.tables.values())
    (version,) = rows(engine, SourceVersion)
    assert version.source == SOURCE_SLUG and version.illustrative is True
    assert version.publisher == "pkdash generator — not real data"
    assert version.file_name == "generator" and len(version.sha256) == 64
    assert version.coverage_start < version.coverage_end
    assert version.rows_loaded == outcome.rows_loaded
    (log,) = rows(engine, ImportLog)
    assert (log.status, log.rows_loaded) == ("loaded", outcome.rows_loaded)


def test_every_row_is_marked_and_the_database_refuses_unmarked_rows(engine):
    generate(engine)
    with engine.connect() as conn:
        for model in GENERATED_TABLES:
            unmarked = conn.execute(select(func.count()).select_from(model)
                                    .where(model.illustrative.is_not(True))).scalar_one()
            assert unmarked == 0, model.__tablename__

    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(update(PocAlert).values(illustrative=False))
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(Training).values(
            country_iso3="RWA", mission="MINUSCA", category="troops", year=1999,
            personnel_deployed=10, certified=10, illustrative=False))


def test_a_second_run_changes_nothing(engine):
    generate(engine)
    before = contents(engine)

    again = generate(engine)

    assert again.status == "unchanged"
    assert contents(engine) == before
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(ImportLog)).scalar_one() == 1


def test_same_seed_gives_identical_rows_in_another_fresh_database(
        engine, engine_name, database_url_factory):
    other = make_engine(database_url_factory(engine_name))
    upgrade(other)
    try:
        generate(engine, seed=7)
        generate(other, seed=7)
        assert contents(engine) == contents(other)
    finally:
        other.dispose()


def test_another_seed_replaces_the_rows_with_different_ones(engine):
    generate(engine, seed=1)
    first = contents(engine)
    (first_version,) = rows(engine, SourceVersion)

    outcome = generate(engine, seed=2)

    assert outcome.status == "replaced"
    second = contents(engine)
    assert second != first
    assert second["medical_response"] != first["medical_response"]
    (second_version,) = rows(engine, SourceVersion)
    assert second_version.sha256 != first_version.sha256


def test_real_deployments_are_the_pairs_used(engine):
    insert_hand_deployments(engine)

    outcome = generate(engine)

    hand = {(country, mission, category) for country, mission, category, _ in HAND_PAIRS}
    sizes = {(country, mission, category): total for country, mission, category, total
             in HAND_PAIRS}
    training = rows(engine, Training)
    assert {(t.country_iso3, t.mission, t.category) for t in training} == hand
    assert {t.year for t in training} == {2022, 2023}
    assert all(t.personnel_deployed == sizes[t.country_iso3, t.mission, t.category]
               for t in training)
    evaluations = rows(engine, UnitEvaluation)
    evaluated = {(e.country_iso3, e.mission, e.category) for e in evaluations}
    # Formed units only: troops and FPUs, never individual police.
    assert evaluated == {p for p in hand if p[2] in ("troops", "formed-police-units")}
    monthly = rows(engine, MedicalResponse) + rows(engine, PocAlert)
    assert {r.mission for r in monthly} == {"MINUSCA", "UNIFIL", "UNMISS"}
    assert {r.month for r in monthly} <= set(DEPLOYED_MONTHS)
    assert all(e.month in DEPLOYED_MONTHS for e in evaluations)
    with engine.connect() as conn:
        missions = set(conn.execute(select(Mission.acronym)).scalars())
    assert missions == {"MINUSCA", "UNIFIL", "UNMISS"}  # no fallback mission crept in
    (version,) = rows(engine, SourceVersion)
    assert version.coverage_end == DEPLOYED_MONTHS[-1]
    assert "deployment table" in outcome.message

    # A new real deployment changes the inputs, so the data set is regenerated.
    with engine.begin() as conn:
        conn.execute(insert(Deployment).values(
            month=DEPLOYED_MONTHS[-1], country_iso3="NPL", mission="UNMISS", category="troops",
            total=300))
        refresh_personnel(conn)
    assert generate(engine).status == "replaced"
    assert ("NPL", "UNMISS", "troops") in {
        (t.country_iso3, t.mission, t.category) for t in rows(engine, Training)}


def test_medical_and_poc_counts_are_consistent_and_plausible(engine):
    generate(engine)
    medical = rows(engine, MedicalResponse)
    for row in medical:
        assert 0 <= row.within_10_min <= row.casualties
        assert 0 <= row.within_1_hour <= row.casualties
        assert 0 <= row.within_2_hours <= row.casualties
    casualties = sum(r.casualties for r in medical)
    assert casualties > 0
    for column in ("within_10_min", "within_1_hour", "within_2_hours"):
        share = sum(getattr(r, column) for r in medical) / casualties
        assert 0.65 <= share <= 0.99, column

    alerts = rows(engine, PocAlert)
    assert all(0 <= r.answered_within_standard <= r.alerts for r in alerts)
    assert all(r.standard_hours > 0 for r in alerts)
    share = sum(r.answered_within_standard for r in alerts) / sum(r.alerts for r in alerts)
    assert 0.5 <= share <= 0.95


def test_training_and_evaluation_values_are_in_range_and_improve(engine):
    generate(engine)
    for row in rows(engine, Training):
        assert 0 < row.certified <= row.personnel_deployed
        assert row.certified / row.personnel_deployed >= 0.55

    evaluations = rows(engine, UnitEvaluation)
    for row in evaluations:
        scores = [getattr(row, name) for name in KEY_FACTORS]
        assert all(0 <= score <= 100 for score in scores)
        assert row.overall_score == pytest.approx(mean(scores), abs=0.051)
        assert row.overall_rating == rating_for(row.overall_score)
        assert row.month == row.evaluated_on.replace(day=1)
    years = sorted({row.evaluated_on.year for row in evaluations})
    first = mean(r.overall_score for r in evaluations if r.evaluated_on.year == years[0])
    last = mean(r.overall_score for r in evaluations if r.evaluated_on.year == years[-1])
    assert last > first  # the mild upward trend


def test_partnerships_follow_their_status_and_help_the_units_they_reach(engine):
    generate(engine)
    partnerships = rows(engine, Partnership)
    gaps = {gap.id: gap for gap in rows(engine, CapabilityGap)}
    assert {p.status for p in partnerships} <= {"pledged", "matched", "delivered"}
    for p in partnerships:
        assert p.provider_iso3 != p.recipient_iso3
        assert p.value_usd > 0
        if p.status == "delivered":
            assert p.pledged_on < p.matched_on < p.delivered_on
        elif p.status == "matched":
            assert p.pledged_on < p.matched_on and p.delivered_on is None
        else:
            assert p.matched_on is None and p.delivered_on is None
        if p.gap_id is not None:
            assert gaps[p.gap_id].capability_area == p.capability_area
    for gap in gaps.values():
        assert gap.closed_on is None or gap.closed_on >= gap.opened_on
        assert gap.severity in ("low", "medium", "high")

    compared = [p for p in partnerships if p.score_before is not None
                and p.score_after is not None]
    assert compared, "some delivered partnership should reach a unit evaluated before and after"
    assert all(p.status == "delivered" for p in compared)
    assert mean(p.score_after - p.score_before for p in compared) > 3
