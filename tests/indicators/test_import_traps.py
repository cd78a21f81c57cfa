"""Every known trap of the official files, on small files written by the test itself."""

from __future__ import annotations

import datetime as dt

import pytest

from indicators.importers import (
    geo_pko_unit_types,
    ipi_gender,
    ipi_mission_totals,
    un_fatalities,
    un_pko_missions,
)
from indicators.importers.base import ImportRejected
from indicators.models.facts import Contribution, Deployment, Fatality
from tests.files import write_csv

NA12 = ["NA"] * 12


def gender_row(date, contributor, iso3, mission, troops=("NA", "NA", "NA"),
               police=("NA", "NA", "NA")):
    """One line of the IPI gender file (male, female, total for each category, then all)."""
    totals = [str(sum(int(x) for x in pair if x != "NA")) for pair in zip(troops, police,
                                                                          strict=True)]
    return [date, contributor, iso3, mission, *police, "NA", "NA", "NA", "NA", "NA", "NA",
            *troops, *totals]


def test_ipi_aggregate_rows_are_set_aside_and_counted(tmp_path):
    path = write_csv(tmp_path / "g.csv", ipi_gender.HEADER, [
        gender_row("2013-12-31", "all", "all", "all", troops=("90", "10", "100")),
        gender_row("2013-12-31", "Ghana", "GHA", "all", troops=("90", "10", "100")),
        gender_row("2013-12-31", "Ghana", "GHA", "UNMIL", troops=("90", "10", "100")),
    ])
    parsed = ipi_gender.parse(path)
    assert parsed.rows_read == 3
    assert parsed.set_aside[ipi_gender.RULE_AGGREGATE] == 2
    assert parsed.rows_loaded == 1
    [troops] = parsed.tables[Deployment]
    assert (troops["women"], troops["men"], troops["total"]) == (10, 90, 100)


def test_ipi_apostrophe_stripped_then_exact_duplicates_dropped(tmp_path):
    line = gender_row("2014-03-31", "Ghana'", "GHA'", "UNMISS'", troops=("5", "1", "6"))
    path = write_csv(tmp_path / "g.csv", ipi_gender.HEADER, [line, line])
    parsed = ipi_gender.parse(path)
    assert parsed.set_aside[ipi_gender.RULE_DUPLICATE] == 1
    [record] = parsed.tables[Contribution]
    assert (record["country_iso3"], record["mission"]) == ("GHA", "UNMISS")
    assert parsed.countries == {"GHA": "Ghana"}
    assert sum(r["total"] for r in parsed.tables[Deployment]) == 6  # not doubled


def test_ipi_same_key_with_different_numbers_is_rejected(tmp_path):
    path = write_csv(tmp_path / "g.csv", ipi_gender.HEADER, [
        gender_row("2014-03-31", "Ghana", "GHA", "UNMISS", troops=("5", "1", "6")),
        gender_row("2014-03-31", "Ghana", "GHA", "UNMISS", troops=("5", "2", "7")),
    ])
    with pytest.raises(ImportRejected) as error:
        ipi_gender.parse(path)
    assert "row 3" in str(error.value) and "already appears on row 2" in str(error.value)


def test_ipi_published_total_is_the_headcount(tmp_path):
    path = write_csv(tmp_path / "g.csv", ipi_gender.HEADER, [
        gender_row("2009-11-30", "Egypt", "EGY", "UNMIS", troops=("1220", "15", "1234")),
    ])
    [troops] = ipi_gender.parse(path).tables[Deployment]
    assert troops["total"] == 1234


@pytest.mark.parametrize(("change", "row", "column", "reason"), [
    (lambda r: r.__setitem__(2, "XYZ"), 2, "Contributor_ISO-3", "unknown country code"),
    (lambda r: r.__setitem__(13, "many"), 2, "Troops_Male", "expected a whole number"),
    (lambda r: r.__setitem__(0, ""), 2, "Date", "required"),
    (lambda r: r.__setitem__(0, "31/12/2013"), 2, "Date", "YYYY-MM-DD"),
    (lambda r: r.__setitem__(15, "NA"), 2, "Troops_Total", "total is missing"),
])
def test_ipi_bad_cells_name_row_column_and_reason(tmp_path, change, row, column, reason):
    line = gender_row("2013-12-31", "Ghana", "GHA", "UNMIL", troops=("90", "10", "100"))
    change(line)
    path = write_csv(tmp_path / "g.csv", ipi_gender.HEADER, [line])
    with pytest.raises(ImportRejected) as error:
        ipi_gender.parse(path)
    assert (error.value.row, error.value.column) == (row, column)
    assert reason in error.value.reason
    assert str(error.value).startswith("g.csv, row 2")


def test_wrong_header_is_rejected_naming_the_columns(tmp_path):
    header = [c if c != "Troops_Female" else "Troops_Women" for c in ipi_gender.HEADER]
    path = write_csv(tmp_path / "g.csv", header, [])
    with pytest.raises(ImportRejected) as error:
        ipi_gender.parse(path)
    assert error.value.row == 1
    assert "Troops_Female" in error.value.reason and "Troops_Women" in error.value.reason


def test_truncated_files_are_rejected(tmp_path):
    good = gender_row("2013-12-31", "Ghana", "GHA", "UNMIL", troops=("90", "10", "100"))
    path = write_csv(tmp_path / "g.csv", ipi_gender.HEADER, [good, good[:3] + ["UN"]])
    with pytest.raises(ImportRejected) as error:
        ipi_gender.parse(path)
    assert error.value.row == 3 and "truncated" in error.value.reason
    # Cut inside the last cell: the field count is right, but the line break is missing.
    text = write_csv(tmp_path / "h.csv", ipi_gender.HEADER, [good]).read_text()
    (tmp_path / "h.csv").write_text(text.rstrip("\n")[:-1])
    with pytest.raises(ImportRejected, match="truncated"):
        ipi_gender.parse(tmp_path / "h.csv")


def test_windows_line_endings_are_read(tmp_path):
    path = write_csv(tmp_path / "g.csv", ipi_gender.HEADER,
                     [gender_row("2013-12-31", "Ghana", "GHA", "UNMIL", troops=("9", "1", "10"))],
                     line_end="\r\n")
    assert ipi_gender.parse(path).rows_loaded == 1


def fatality_row(**overrides):
    row = {"id": "1", "incident_date": "2013-07-13", "casualty_id": "UNAMID-2013-07-1",
           "mission_acronym": "UNAMID", "type_of_casualty": "Fatality", "gender": "M",
           "casualty_nationality": "Tanzania", "casualty_personnel_type": "Military",
           "type_of_incident": "Malicious Act", "m49_code": "834.0", "isocode3": "TZA",
           "last_update": "2025-04-04"}
    row.update(overrides)
    return [row[c] for c in un_fatalities.HEADER]


def test_fatalities_traps(tmp_path):
    path = write_csv(tmp_path / "f.csv", un_fatalities.HEADER, [
        fatality_row(casualty_personnel_type="Local "),  # trailing space as published
        fatality_row(id="2", casualty_nationality="Türkiye", isocode3="", m49_code=""),
        fatality_row(id="3", casualty_nationality="ZZ [Undetermined]", isocode3="",
                     m49_code="", gender=""),
        # Same casualty listed twice under two nationalities: both rows are the UN's count.
        fatality_row(id="4", casualty_id="UNAMID-2013-07-1", isocode3="SCG"),
    ])
    rows = {r["id"]: r for r in un_fatalities.parse(path).tables[Fatality]}
    assert rows[1]["personnel_type"] == "local"
    assert rows[1]["incident_type"] == "malicious-act"
    assert rows[2]["nationality_iso3"] == "TUR"
    assert rows[3]["nationality_iso3"] is None and rows[3]["gender"] is None
    assert rows[4]["nationality_iso3"] == "SCG"  # historic code (Serbia and Montenegro)


@pytest.mark.parametrize(("override", "column", "reason"), [
    ({"type_of_incident": "Other"}, "type_of_incident", "unknown code 'Other'"),
    ({"casualty_personnel_type": "Soldier"}, "casualty_personnel_type", "unknown code"),
    ({"isocode3": "QQQ"}, "isocode3", "unknown country code"),
    ({"casualty_nationality": "Atlantis", "isocode3": ""}, "isocode3", "no country code"),
    ({"incident_date": "2013-13-01"}, "incident_date", "YYYY-MM-DD"),
    ({"mission_acronym": ""}, "mission_acronym", "required"),
    ({"type_of_casualty": "Injury"}, "type_of_casualty", "unknown code"),
])
def test_fatalities_bad_values_rejected(tmp_path, override, column, reason):
    path = write_csv(tmp_path / "f.csv", un_fatalities.HEADER,
                     [fatality_row(), fatality_row(id="2", **override)])
    with pytest.raises(ImportRejected) as error:
        un_fatalities.parse(path)
    assert (error.value.row, error.value.column) == (3, column)
    assert reason in error.value.reason


def test_fatalities_duplicate_record_id_rejected(tmp_path):
    path = write_csv(tmp_path / "f.csv", un_fatalities.HEADER, [fatality_row(), fatality_row()])
    with pytest.raises(ImportRejected, match="already appears on row 2"):
        un_fatalities.parse(path)


def pko_row(acronym, lon, lat, active="No", end="1995-03-01", name="A mission"):
    return ["1", acronym, name, "DPO", active, "1992-04-01", end, "Somewhere", lon, lat,
            "2024-02-19"]


def test_pko_list_decimal_commas_swaps_and_corrections(tmp_path):
    path = write_csv(tmp_path / "p.csv", un_pko_missions.HEADER, [
        pko_row("UNOSOM I", "2,0333", "45,3500"),  # published swapped
        pko_row("UNMISS", "31,6000", "4,8500", active="Yes", end=""),
        pko_row("MINUSMA", "12,6500", "-8,0000", active="Yes", end=""),
        pko_row("MINUSTAH", "-72,3333", "18,5333", active="NO"),
    ])
    missions = un_pko_missions.parse(path).missions
    unosom = missions["UNOSOM I"]
    assert (unosom["latitude"], unosom["longitude"]) == (2.0333, 45.35)  # Mogadishu
    assert missions["UNMISS"]["latitude"] == 4.85 and missions["UNMISS"]["active"] is True
    assert missions["MINUSMA"]["active"] is False
    assert missions["MINUSMA"]["end_date"] == dt.date(2023, 12, 31)
    assert missions["MINUSMA"]["latitude"] == 12.65
    assert missions["MINUSTAH"]["active"] is False  # "NO" in capitals


def test_pko_list_unknown_active_code_rejected(tmp_path):
    path = write_csv(tmp_path / "p.csv", un_pko_missions.HEADER,
                     [pko_row("UNMISS", "31,6", "4,85", active="Maybe")])
    with pytest.raises(ImportRejected, match="unknown code 'Maybe'"):
        un_pko_missions.parse(path)


def test_mission_totals_column_labels_are_swapped(tmp_path):
    row = ["1997-06-30", "MONUA", "Angola", "AGO", "Luanda", "-8.8383", "13.2344", "Africa",
           "Middle Africa", *(["NA"] * 8), "30", "3000", "NA", "80", "3080"]
    path = write_csv(tmp_path / "m.csv", ipi_mission_totals.HEADER, [row])
    parsed = ipi_mission_totals.parse(path)
    assert parsed.missions["MONUA"]["latitude"] == -8.8383
    assert parsed.missions["MONUA"]["longitude"] == 13.2344


def test_geo_unit_types_only_present_types_become_rows(tmp_path):
    path = write_csv(tmp_path / "t.csv", geo_pko_unit_types.HEADER, [
        ["UNMISS", "2020", "Bor", "6.2", "31.55", "150", "2", "0", "0", "0", "1", "0", "0"],
    ])
    rows = geo_pko_unit_types.parse(path).tables[geo_pko_unit_types.LocationUnitType]
    assert {r["unit_type"]: r["units"] for r in rows} == {"infantry": 150, "engineering": 2,
                                                          "riverine": 1}
