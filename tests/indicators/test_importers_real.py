"""Each importer on the real official files: row counts and every known trap handled."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from indicators.importers import importer_for
from indicators.manifest import source_by_slug
from indicators.models.facts import (
    Contribution,
    Deployment,
    DeploymentLocation,
    Fatality,
    LocationUnitType,
    MissionMonthTotal,
)

pytestmark = pytest.mark.realdata


def parse_real(raw_dir, slug):
    source = source_by_slug(slug)
    return importer_for(source.importer).parse(source.local_path(raw_dir))


@pytest.fixture(scope="module")
def gender(raw_dir):
    return parse_real(raw_dir, "ipi-gender")


def test_ipi_gender_counts_add_up(gender):
    assert gender.rows_read == 43_255
    assert gender.rows_loaded == 32_571
    assert sorted(gender.set_aside.values()) == [4_599, 6_085]  # duplicates, 'all' rows
    assert gender.rows_read == gender.rows_loaded + gender.rows_set_aside


def test_ipi_gender_strips_the_stray_apostrophe(gender):
    rows = gender.tables[Deployment]
    assert not [r for r in rows if "'" in r["mission"] or "'" in r["country_iso3"]]
    assert not [name for name in gender.countries.values() if name.endswith("'")]
    assert {r["month"] for r in rows if r["mission"] == "UNMISS"} >= {dt.date(2014, 8, 1)}


def test_ipi_gender_one_record_per_country_mission_month(gender):
    records = gender.tables[Contribution]
    assert len({(r["month"], r["country_iso3"], r["mission"]) for r in records}) == 32_571
    # 248 lines list a country with no personnel in any category that month.
    with_people = {(r["month"], r["country_iso3"], r["mission"])
                   for r in gender.tables[Deployment]}
    assert len(with_people) == 32_571 - 248


def test_ipi_gender_women_in_troops_december_2013(gender):
    troops = [r for r in gender.tables[Deployment]
              if r["month"] == dt.date(2013, 12, 1) and r["category"] == "troops"]
    assert sum(r["women"] for r in troops) == 2_338
    assert sum(r["total"] for r in troops) == 83_279


def test_ipi_gender_keeps_the_published_total_where_women_and_men_disagree(gender):
    mismatched = [r for r in gender.tables[Deployment]
                  if r["women"] + r["men"] != r["total"]]
    assert len(mismatched) == 17
    assert {r["category"] for r in mismatched} == {"troops"}
    egypt = next(r for r in mismatched
                 if r["country_iso3"] == "EGY" and r["month"] == dt.date(2009, 11, 1))
    assert (egypt["women"], egypt["men"], egypt["total"]) == (15, 1_220, 1_234)


def test_pko_missions_list(raw_dir):
    parsed = parse_real(raw_dir, "un-pko-missions")
    missions = parsed.missions
    assert len(missions) == 81
    assert missions["MINUSMA"]["active"] is False
    assert missions["MINUSMA"]["end_date"] == dt.date(2023, 12, 31)
    # Decimal commas read, and swapped coordinates put back (Mogadishu, Gaza, Bamako, Luanda).
    assert missions["UNOSOM I"]["latitude"] == pytest.approx(2.0333)
    assert missions["UNEF"]["latitude"] == pytest.approx(31.5)
    assert missions["MINUSMA"]["latitude"] == pytest.approx(12.65)
    assert missions["UNAVEM II"]["longitude"] == pytest.approx(13.2344)
    assert missions["UNMISS"]["longitude"] == pytest.approx(31.6)
    assert sum(1 for m in missions.values() if m["active"]) == 11
    assert parsed.as_of == dt.date(2024, 2, 19)


def test_fatalities(raw_dir):
    parsed = parse_real(raw_dir, "un-fatalities")
    rows = parsed.tables[Fatality]
    assert len(rows) == 4_429
    assert Counter(r["incident_type"] for r in rows) == {
        "illness": 1_643, "accident": 1_412, "malicious-act": 1_134,
        "self-inflicted": 148, "to-be-determined": 60, "unknown": 32}
    personnel = Counter(r["personnel_type"] for r in rows)
    assert personnel["local"] == 557  # published as "Local " with a trailing space
    assert personnel["military"] == 3_036
    assert Counter(r["gender"] for r in rows) == {"male": 4_205, "female": 73, None: 151}
    assert {r["nationality_iso3"] for r in rows if r["nationality_name"] == "Türkiye"} == {"TUR"}
    assert all(r["nationality_iso3"] is None for r in rows if r["nationality_name"] is None)
    assert parsed.as_of == dt.date(2025, 4, 4)


def test_mission_totals_read_hq_coordinates_the_right_way_round(raw_dir):
    parsed = parse_real(raw_dir, "ipi-mission-totals")
    assert len(parsed.tables[MissionMonthTotal]) == 5_330
    assert len(parsed.missions) == 78
    luanda = parsed.missions["MONUA"]
    assert (luanda["latitude"], luanda["longitude"]) == (pytest.approx(-8.8383),
                                                          pytest.approx(13.2344))


def test_geo_pko(raw_dir):
    locations = parse_real(raw_dir, "geo-pko-locations")
    assert len(locations.tables[DeploymentLocation]) == 8_783
    assert len(locations.missions) == 52
    units = parse_real(raw_dir, "geo-pko-unit-types")
    assert units.rows_read == 7_372
    types = {r["unit_type"] for r in units.tables[LocationUnitType]}
    assert types == {"infantry", "engineering", "medical", "signals", "aviation", "riverine",
                     "maintenance", "transport"}
