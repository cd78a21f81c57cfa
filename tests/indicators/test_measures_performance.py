"""Performance indicators (illustrative data) on hand-written rows, with values computed by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from indicators.catalogue import CATALOGUE
from indicators.compute import compute as compute_as
from indicators.filters import Filters
from indicators.measures import performance
from indicators.models.dimensions import Country, Mission, Month
from indicators.models.illustrative import (
    CapabilityGap,
    InMissionTraining,
    MedicalResponse,
    Partnership,
    PocAlert,
    Training,
    UnitEvaluation,
)
from indicators.viewer import SECRETARIAT


def compute(indicator, filters=None, by=(), *, engine):
    """These tests check the formulas, so they see every row: as the Secretariat (the tiers
    are tested in test_tiers)."""
    return compute_as(indicator, filters, by, engine=engine, viewer=SECRETARIAT)

JAN, FEB, MAR, APR = (dt.date(2022, m, 1) for m in (1, 2, 3, 4))
DEC = dt.date(2022, 12, 1)
MINUSCA = ("MINUSCA",)


def evaluation(id_, month, country, mission, category, scores):
    factors = dict(zip(("leadership", "command_and_control", "basic_skills",
                        "conduct_and_discipline", "safety_and_security"), scores, strict=True))
    overall = sum(scores) / 5
    return {"id": id_, "evaluated_on": month.replace(day=15), "month": month,
            "country_iso3": country, "mission": mission, "category": category,
            "unit": f"{country} unit {id_}", **factors, "overall_score": overall,
            "overall_rating": "satisfactory", "illustrative": True}


def gap(id_, mission, area, opened, closed):
    return {"id": id_, "mission": mission, "capability_area": area, "severity": "high",
            "opened_on": opened, "closed_on": closed, "illustrative": True}


def partnership(id_, provider, recipient, area, status, value, pledged, mission,
                matched=None, delivered=None, before=None, after=None):
    return {"id": id_, "provider_iso3": provider, "recipient_iso3": recipient,
            "capability_area": area, "gap_id": None, "status": status, "value_usd": value,
            "pledged_on": pledged, "matched_on": matched, "delivered_on": delivered,
            "recipient_mission": mission, "recipient_unit": None, "score_before": before,
            "score_after": after, "illustrative": True}


@pytest.fixture
def db(engine):
    """Two missions, two contributing countries and two providers, in 2021-2022.

    Figures are chosen to be easy by hand; each test's docstring or comments say which rows
    it reads.
    """
    months = sorted({JAN, FEB, MAR, APR, DEC})
    training = [
        # MINUSCA troops 2022: Ghana 50 of 100 certified (50 %), Nepal 810 of 900 (90 %).
        ("GHA", "MINUSCA", "troops", 2022, 100, 50),
        ("NPL", "MINUSCA", "troops", 2022, 900, 810),
        ("GHA", "MINUSCA", "troops", 2021, 200, 100),
        ("NPL", "UNMISS", "formed-police-units", 2022, 100, 100),
    ]
    in_mission = [
        ("MINUSCA", JAN, "buddy-first-aid", 2, 40),
        ("MINUSCA", APR, "buddy-first-aid", 1, 15),
        ("MINUSCA", APR, "gender", 3, 60),
        ("UNMISS", JAN, "gender", 1, 20),
    ]
    evaluations = [
        evaluation(1, JAN, "GHA", "MINUSCA", "troops", (80, 70, 60, 90, 50)),
        evaluation(2, FEB, "NPL", "MINUSCA", "troops", (60, 60, 60, 60, 60)),
        evaluation(3, MAR, "NPL", "UNMISS", "formed-police-units", (100, 90, 80, 70, 60)),
    ]
    medical = [
        ("MINUSCA", JAN, 10, 9, 8, 7),
        ("MINUSCA", FEB, 0, 0, 0, 0),
        ("UNMISS", JAN, 5, 5, 4, 3),
    ]
    gaps = [
        gap(1, "MINUSCA", "medical", dt.date(2022, 1, 10), dt.date(2022, 6, 30)),
        gap(2, "MINUSCA", "aviation", dt.date(2022, 3, 1), None),
        gap(3, "UNMISS", "medical", dt.date(2022, 7, 15), dt.date(2023, 2, 1)),
        gap(4, "UNMISS", "riverine", dt.date(2019, 5, 1), dt.date(2022, 6, 15)),
    ]
    partnerships = [
        # The Ghanaian unit scored 60 before the delivery and 70 after it.
        partnership(1, "USA", "GHA", "medical", "delivered", 1_000_000, dt.date(2021, 3, 10),
                    "MINUSCA", dt.date(2021, 6, 1), dt.date(2022, 1, 15), 60.0, 70.0),
        partnership(2, "CAN", "NPL", "engineering", "matched", 500_000, dt.date(2022, 2, 28),
                    "UNMISS", dt.date(2022, 5, 1)),
        partnership(3, "NPL", "GHA", "training", "pledged", 250_000, dt.date(2022, 12, 31),
                    None),
        partnership(4, "CAN", "GHA", "medical", "pledged", 100_000, dt.date(2020, 7, 1),
                    "MINUSCA"),
    ]
    alerts = [
        ("MINUSCA", JAN, 10, 9, 4),
        ("MINUSCA", FEB, 30, 15, 4),
        ("UNMISS", JAN, 5, 5, 6),
    ]
    with engine.begin() as conn:
        conn.execute(insert(Month), [{"month": m, "year": m.year, "month_number": m.month}
                                     for m in months])
        conn.execute(insert(Country), [{"iso3": iso3, "name": name} for iso3, name in (
            ("GHA", "Ghana"), ("NPL", "Nepal"), ("USA", "United States"), ("CAN", "Canada"))])
        conn.execute(insert(Mission), [{"acronym": "MINUSCA"}, {"acronym": "UNMISS"}])
        conn.execute(insert(Training), [
            {"country_iso3": c, "mission": m, "category": k, "year": y,
             "personnel_deployed": deployed, "certified": certified, "illustrative": True}
            for c, m, k, y, deployed, certified in training])
        conn.execute(insert(InMissionTraining), [
            {"mission": m, "quarter_start": q, "course_area": a, "sessions": s,
             "participants": p, "illustrative": True} for m, q, a, s, p in in_mission])
        conn.execute(insert(UnitEvaluation), evaluations)
        conn.execute(insert(MedicalResponse), [
            {"mission": m, "month": month, "casualties": c, "within_10_min": a,
             "within_1_hour": b, "within_2_hours": d, "illustrative": True}
            for m, month, c, a, b, d in medical])
        conn.execute(insert(CapabilityGap), gaps)
        conn.execute(insert(Partnership), partnerships)
        conn.execute(insert(PocAlert), [
            {"mission": m, "month": month, "alerts": n, "answered_within_standard": a,
             "standard_hours": h, "illustrative": True} for m, month, n, a, h in alerts])
    return engine


def values(frame, key):
    return {row[key]: row["value"] for row in frame.to_dict("records")}


def test_training_coverage_is_a_ratio_of_sums_not_a_mean_of_ratios(db):
    minusca_2022 = Filters(missions=MINUSCA, period_from=JAN, period_to=DEC)
    frame = compute("training-coverage", minusca_2022, (), engine=db)
    # (50 + 810) / (100 + 900) = 86 %; the mean of the two countries' rates would be 70 %.
    assert (frame.loc[0, "numerator"], frame.loc[0, "denominator"]) == (860, 1_000)
    assert frame.loc[0, "value"] == pytest.approx(86.0)
    assert values(compute("training-coverage", minusca_2022, ("country",), engine=db),
                  "country") == {"GHA": 50.0, "NPL": 90.0}


def test_training_coverage_filters_and_cuts(db):
    ghana = compute("training-coverage", Filters(countries=("GHA",)), ("year",), engine=db)
    assert values(ghana, "year") == {2021: 50.0, 2022: 50.0}
    police = compute("training-coverage", Filters(categories=("formed-police-units",)), (),
                     engine=db)
    assert police.loc[0, "value"] == 100.0
    # A yearly row is in the period when its year overlaps it: June 2022 keeps 2022.
    june_on = compute("training-coverage", Filters(period_from=dt.date(2022, 6, 1)),
                      ("mission",), engine=db)
    assert values(june_on, "mission") == {"MINUSCA": 86.0, "UNMISS": 100.0}


def test_in_mission_training_counts_participants_with_sessions_beside_them(db):
    frame = compute("in-mission-training", Filters(), ("mission", "course-area"), engine=db)
    rows = {(r["mission"], r["course-area"]): (r["value"], r["sessions"])
            for r in frame.to_dict("records")}
    assert rows == {("MINUSCA", "buddy-first-aid"): (55, 3), ("MINUSCA", "gender"): (60, 3),
                    ("UNMISS", "gender"): (20, 1)}
    # A quarter counts when any of its months is in the period: February keeps January's.
    from_feb = compute("in-mission-training", Filters(missions=MINUSCA, period_from=FEB), (),
                       engine=db)
    assert from_feb.loc[0, "value"] == 115
    from_apr = compute("in-mission-training", Filters(missions=MINUSCA, period_from=APR), (),
                       engine=db)
    assert from_apr.loc[0, "value"] == 75
    to_mar = compute("in-mission-training", Filters(period_to=MAR), ("year",), engine=db)
    assert values(to_mar, "year") == {2022: 60}


def test_unit_evaluation_score_unpivots_the_five_key_factors(db):
    frame = compute("unit-evaluation-score", Filters(), ("key-factor",), engine=db)
    assert values(frame, "key-factor") == {
        "leadership": pytest.approx(80.0),  # (80 + 60 + 100) / 3
        "command-and-control": pytest.approx(220 / 3),
        "basic-soldier-and-police-skills": pytest.approx(200 / 3),
        "conduct-and-discipline": pytest.approx(220 / 3),
        "safety-and-security": pytest.approx(170 / 3),
    }
    assert set(frame["denominator"]) == {3}
    pooled = compute("unit-evaluation-score", Filters(), (), engine=db)
    # 15 scores summing to 350 + 300 + 400.
    assert (pooled.loc[0, "numerator"], pooled.loc[0, "denominator"]) == (1_050, 15)
    assert pooled.loc[0, "value"] == pytest.approx(70.0)


def test_unit_evaluation_score_filters(db):
    nepal = compute("unit-evaluation-score", Filters(countries=("NPL",)), ("key-factor",),
                    engine=db)
    assert values(nepal, "key-factor")["leadership"] == pytest.approx(80.0)  # (60 + 100) / 2
    troops = compute("unit-evaluation-score", Filters(categories=("troops",)), ("country",),
                     engine=db)
    assert values(troops, "country") == {"GHA": 70.0, "NPL": 60.0}
    assert compute("unit-evaluation-score", Filters(categories=("troops",)), (),
                   engine=db).loc[0, "value"] == pytest.approx(65.0)
    feb_on = compute("unit-evaluation-score", Filters(period_from=FEB, period_to=FEB),
                     ("mission",), engine=db)
    assert values(feb_on, "mission") == {"MINUSCA": 60.0}


def test_medical_compliance_by_stage_and_pooled(db):
    frame = compute("medical-10-1-2-compliance", Filters(), ("stage",), engine=db)
    assert values(frame, "stage") == {
        "10-minute-first-aid": pytest.approx(100 * 14 / 15),
        "1-hour-damage-control-resuscitation": pytest.approx(80.0),
        "2-hour-damage-control-surgery": pytest.approx(100 * 10 / 15),
    }
    pooled = compute("medical-10-1-2-compliance", Filters(), (), engine=db)
    assert (pooled.loc[0, "numerator"], pooled.loc[0, "denominator"]) == (36, 45)
    by_month = compute("medical-10-1-2-compliance", Filters(missions=MINUSCA), ("month",),
                       engine=db).set_index("month")
    assert by_month.loc["2022-01", "value"] == pytest.approx(80.0)  # 24 / 30
    assert by_month.loc["2022-02", "denominator"] == 0
    assert by_month["value"].isna()["2022-02"]  # no casualties: no rate, not 0 % or an error


def test_capability_gaps_open_at_the_end_of_the_period(db):
    def open_gaps(**period):
        frame = compute("capability-gaps-open", Filters(**period), ("capability-area",),
                        engine=db)
        return {row["capability-area"]: row["value"] for row in frame.to_dict("records")}

    # End of June 2022: gap 1 closed on the last day (closed by then), gap 4 closed earlier,
    # gap 3 not yet opened; only the aviation gap is open.
    assert open_gaps(period_to=dt.date(2022, 6, 1)) == {"aviation": 1}
    # End of 2022: gap 3 has opened and is still open.
    assert open_gaps(period_to=DEC) == {"aviation": 1, "medical": 1}
    # The start of the period plays no part: gap 2 opened before it and is still open.
    assert open_gaps(period_from=dt.date(2022, 4, 1), period_to=dt.date(2022, 6, 1)) == {
        "aviation": 1}
    # End of May 2022: gaps 1, 2 and 4 are open.
    assert open_gaps(period_to=dt.date(2022, 5, 1)) == {"medical": 1, "aviation": 1,
                                                         "riverine": 1}
    # No end: gaps never closed.
    assert open_gaps() == {"aviation": 1}
    unmiss = compute("capability-gaps-open",
                     Filters(missions=("UNMISS",), period_to=dt.date(2022, 5, 1)), (),
                     engine=db)
    assert unmiss.loc[0, "value"] == 1


def test_partnerships_count_and_value(db):
    by_status = compute("partnerships", Filters(), ("status",), engine=db)
    assert values(by_status, "status") == {"delivered": 1, "matched": 1, "pledged": 2}
    value = compute("partnership-value", Filters(), ("status",), engine=db)
    assert values(value, "status") == {"delivered": 1_000_000, "matched": 500_000,
                                       "pledged": 350_000}
    assert values(compute("partnerships", Filters(), ("provider",), engine=db),
                  "provider") == {"CAN": 2, "NPL": 1, "USA": 1}
    assert values(compute("partnerships", Filters(), ("year",), engine=db),
                  "year") == {2020: 1, 2021: 1, 2022: 2}
    # Uncut and unfiltered: every partnership, not the single row of a FROM-less count(*).
    assert compute("partnerships", Filters(), (), engine=db).loc[0, "value"] == 4


def test_partnership_filters(db):
    # Nepal receives partnership 2 and provides partnership 3.
    nepal = compute("partnership-value", Filters(countries=("NPL",)), (), engine=db)
    assert nepal.loc[0, "value"] == 750_000
    # The mission is the recipient unit's: partnership 3 has none and is left out.
    minusca = compute("partnerships", Filters(missions=MINUSCA), ("recipient",), engine=db)
    assert values(minusca, "recipient") == {"GHA": 2}
    # The period applies to the pledge date, up to the last day of its last month.
    in_2022 = compute("partnerships", Filters(period_from=JAN, period_to=DEC),
                      ("capability-area",), engine=db)
    assert values(in_2022, "capability-area") == {"engineering": 1, "training": 1}


def test_supported_unit_score_pairs_before_and_after_support(db):
    with db.begin() as conn:
        conn.execute(insert(Partnership), [
            # Counted: a Nepalese unit in UNMISS, 50 before and 65 after.
            partnership(5, "CAN", "NPL", "medical", "delivered", 300_000, dt.date(2021, 5, 1),
                        "UNMISS", dt.date(2021, 8, 1), dt.date(2022, 3, 10), 50.0, 65.0),
            # Left out: no evaluation after the delivery, so no pair.
            partnership(6, "USA", "GHA", "aviation", "delivered", 900_000, dt.date(2021, 5, 1),
                        "MINUSCA", dt.date(2021, 8, 1), dt.date(2022, 2, 1), 90.0, None),
            # Left out: not delivered (scores here would be a data error).
            partnership(7, "CAN", "GHA", "medical", "matched", 100_000, dt.date(2021, 5, 1),
                        "MINUSCA", dt.date(2021, 8, 1), None, 10.0, 20.0),
        ])
    frame = compute("supported-unit-score", Filters(), ("stage",), engine=db)
    # Before: (60 + 50) / 2; after: (70 + 65) / 2.
    assert values(frame, "stage") == {"before-support": 55.0, "after-support": 67.5}
    assert set(frame["denominator"]) == {2}
    pooled = compute("supported-unit-score", Filters(), (), engine=db)
    assert (pooled.loc[0, "numerator"], pooled.loc[0, "denominator"]) == (245, 4)
    by_mission = compute("supported-unit-score", Filters(), ("mission", "stage"), engine=db)
    assert {(r["mission"], r["stage"]): r["value"] for r in by_mission.to_dict("records")} == {
        ("MINUSCA", "after-support"): 70.0, ("MINUSCA", "before-support"): 60.0,
        ("UNMISS", "after-support"): 65.0, ("UNMISS", "before-support"): 50.0}
    # The country gives or receives: Canada gave partnership 5, Ghana received partnership 1.
    canada = compute("supported-unit-score", Filters(countries=("CAN",)), ("stage",), engine=db)
    assert values(canada, "stage") == {"before-support": 50.0, "after-support": 65.0}
    ghana = compute("supported-unit-score", Filters(countries=("GHA",)), ("stage",), engine=db)
    assert values(ghana, "stage") == {"before-support": 60.0, "after-support": 70.0}
    # The period applies to the delivery date: from February 2022 only partnership 5.
    from_feb = compute("supported-unit-score", Filters(period_from=FEB), ("stage",), engine=db)
    assert values(from_feb, "stage") == {"before-support": 50.0, "after-support": 65.0}
    assert values(compute("supported-unit-score", Filters(missions=MINUSCA), ("provider",),
                          engine=db), "provider") == {"USA": 65.0}


def test_poc_alerts_count_the_alerts_received(db):
    assert values(compute("poc-alerts", Filters(), ("mission",), engine=db),
                  "mission") == {"MINUSCA": 40, "UNMISS": 5}
    assert values(compute("poc-alerts", Filters(missions=MINUSCA), ("month",), engine=db),
                  "month") == {"2022-01": 10, "2022-02": 30}
    assert compute("poc-alerts", Filters(period_to=JAN), (), engine=db).loc[0, "value"] == 15


def test_poc_alert_response_is_a_ratio_of_sums(db):
    frame = compute("poc-alert-response", Filters(), ("mission",), engine=db)
    # MINUSCA: (9 + 15) / (10 + 30) = 60 %; the mean of its monthly rates would be 70 %.
    assert values(frame, "mission") == {"MINUSCA": 60.0, "UNMISS": 100.0}
    february = compute("poc-alert-response", Filters(period_from=FEB), ("month",), engine=db)
    assert values(february, "month") == {"2022-02": 50.0}


@pytest.mark.parametrize("indicator", performance.INDICATORS, ids=lambda i: i.slug)
def test_every_row_is_marked_illustrative(db, indicator):
    assert indicator.illustrative and indicator.sources == ("illustrative",)
    assert "generated" in indicator.caveats[0] and "not real" in indicator.caveats[0]
    assert CATALOGUE[indicator.slug] is indicator
    for by in [(), *[(d,) for d in indicator.dimensions]]:
        frame = compute(indicator.slug, Filters(), by, engine=db)
        assert len(frame) > 0
        assert all(flag is True for flag in frame["illustrative"].tolist())
        assert frame.attrs["illustrative"] is True


def test_filters_that_do_not_apply_are_reported(db):
    frame = compute("capability-gaps-open", Filters(countries=("GHA",)), (), engine=db)
    assert frame.attrs["ignored_filters"] == ["country"]
    assert frame.loc[0, "value"] == 1
