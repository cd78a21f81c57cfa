"""The SEA allegations importer: the real UN table, hand-written edge cases, and loading."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from indicators.importers import un_sea_allegations
from indicators.importers.base import ImportRejected
from indicators.importers.load import import_file
from indicators.manifest import source_by_slug
from indicators.models.provenance import SourceVersion
from indicators.models.sea import (
    SeaAction,
    SeaAllegation,
    SeaAllegationType,
    SeaPerpetrator,
    SeaResult,
    SeaVictim,
)
from indicators.reference import country_by_iso3
from tests.files import write_workbook

SOURCE = "un-sea-allegations"
HEADER = un_sea_allegations.HEADER


# --- hand-written files ----------------------------------------------------------------------

def allegation(changes: dict[str, str] | None = None) -> dict[str, str]:
    """A made-up allegation with every cell valid, then `changes` (column -> cell)."""
    row = {
        "Date": "3/2021", "Mission": "MINUSCA", "Date of incident": "March / 2021",
        "Personnel Type": "Military (MC),2", "Nationality": "Ghana", "Victim": "Adult (1)",
        "Allegation": "SE (Transactional sex)", "Paternity claim": "No",
        "Paternity established": "N/A", "NIO appointed": "Yes",
        "Investigation (days)": "TCC (90)", "Result": "Substantiated (Transactional sex) (2)",
        "Interim Action": "UN Payments suspended (withheld) (2)",
        "Final Action": "UN Repatriation (2)\n\nNG Jail (2)",
        "Referral for criminal accountability": "N/A",
    }
    assert set(changes or {}) <= set(row), changes
    return {**row, **(changes or {})}


def write_xlsx(path: Path, rows: list[dict[str, str]], header: list[str] = HEADER,
               sheet: str = "Export") -> Path:
    return write_workbook(path, sheet, header, rows)


def rejection(path: Path) -> ImportRejected:
    with pytest.raises(ImportRejected) as caught:
        un_sea_allegations.parse(path)
    return caught.value


def assert_points_at(error: ImportRejected, row: int, column: str, words: str) -> None:
    message = str(error)
    assert (error.row, error.column) == (row, column), message
    assert f"row {row}" in message and f"column {column!r}" in message, message
    assert words in message, message


def test_multi_valued_cells_become_child_rows_with_counts(tmp_path):
    path = write_xlsx(tmp_path / "multi.xlsx", [
        allegation({
            "Personnel Type": "Military (MC),3\n\nPolice (FPU)",
            "Nationality": "Ghana\n\nUnited Republic of Tanzania",
            "Victim": "Child (2)\n\nAdult (4)\n\nUnknown",
            "Allegation": "SA (Rape)\n\nSE (Exploitative relationship)",
            "Interim Action": "UN Repatriation (1)\n\nNG Jail (1)\n\nNone (2)",
            "Final Action": "N/A (1)\n\nUN  (2)",
            "Investigation (days)": "UN OIOS (238)",
            "Result": "Substantiated (Rape) (1)\n\n"
                      "Pending (additional information from Member State) (Pending ) (2)",
        }),
        allegation({
            "Date": "12/2020", "Mission": "UNMISS", "Nationality": "",
            "Personnel Type": "Civilian (Vendor Employee  ),1",
            "Investigation (days)": "TCC/OIOS (Pending)",
            "Result": "Pending (additional information from Member State) (1)",
        }),
        allegation({
            "Date": "1/2022", "Nationality": "Unknown", "Victim": "Adult",
            "Personnel Type": "Military (MC)", "Investigation (days)": "UN Review (N/A)",
            "Result": "Unsubstantiated (Insufficient evidence\n) (1)",
        }),
    ])
    parsed = un_sea_allegations.parse(path)
    tables = parsed.tables

    assert parsed.rows_read == 3 and parsed.rows_set_aside == 0
    assert [r["id"] for r in tables[SeaAllegation]] == [1, 2, 3]
    for model in un_sea_allegations.OWNS[1:]:
        assert [r["id"] for r in tables[model]] == list(range(1, len(tables[model]) + 1))

    assert [(r["personnel_group"], r["personnel_type"], r["count"], r["nationality_iso3"])
            for r in tables[SeaPerpetrator] if r["allegation_id"] == 1] == [
        ("military", "Military (MC)", 3, "GHA"), ("police", "Police (FPU)", None, "TZA")]
    assert [(r["victim_type"], r["count"]) for r in tables[SeaVictim]
            if r["allegation_id"] == 1] == [("child", 2), ("adult", 4), ("unknown", None)]
    assert [(r["kind"], r["detail"]) for r in tables[SeaAllegationType]
            if r["allegation_id"] == 1] == [("SA", "Rape"), ("SE", "Exploitative relationship")]
    assert [(r["stage"], r["actor"], r["action"], r["count"]) for r in tables[SeaAction]
            if r["allegation_id"] == 1] == [
        ("interim", "UN", "Repatriation", 1), ("interim", "NG", "Jail", 1),
        ("interim", None, "None", 2), ("final", None, "N/A", 1), ("final", "UN", None, 2)]
    assert [(r["result"], r["detail"], r["count"]) for r in tables[SeaResult]
            if r["allegation_id"] == 1] == [
        ("substantiated", "Rape", 1),
        ("pending", "additional information from Member State (Pending)", 2)]

    first, second, third = tables[SeaAllegation]
    # Several nationalities or outcomes: the allegation row defers to its child rows.
    assert (first["nationality_iso3"], first["nationality_name"]) == (None, None)
    assert (first["result"], first["result_detail"]) == (None, None)
    assert (first["investigation_entity"], first["investigation_days"],
            first["investigation_pending"]) == ("UN OIOS", 238, False)
    assert (second["nationality_iso3"], second["nationality_name"]) == (None, None)
    assert (second["investigation_entity"], second["investigation_days"],
            second["investigation_pending"]) == ("TCC/OIOS", None, True)
    assert (second["result"], second["result_detail"]) == (
        "pending", "additional information from Member State")
    assert (third["nationality_iso3"], third["nationality_name"]) == (None, "Unknown")
    assert (third["investigation_entity"], third["investigation_days"],
            third["investigation_pending"]) == ("UN Review", None, False)
    assert (third["result"], third["result_detail"]) == ("unsubstantiated", "Insufficient evidence")
    assert [r["personnel_type"] for r in tables[SeaPerpetrator] if r["allegation_id"] == 2] == [
        "Civilian (Vendor Employee)"]

    assert second["reported_month"] == dt.date(2020, 12, 1)
    assert parsed.months == {dt.date(2021, 3, 1), dt.date(2020, 12, 1), dt.date(2022, 1, 1)}
    assert (parsed.coverage_start, parsed.coverage_end) == (dt.date(2020, 12, 1),
                                                            dt.date(2022, 1, 1))
    assert parsed.as_of is None
    assert parsed.missions == {"MINUSCA": {}, "UNMISS": {}}
    assert parsed.countries == {"GHA": "Ghana", "TZA": "United Republic of Tanzania"}
    assert (first["paternity_claim"], first["nio_appointed"], first["referral"]) == (
        False, "yes", None)


def test_wrong_header_names_row_1_and_the_columns(tmp_path):
    header = [c for c in HEADER if c != "Victim"]
    header[header.index("Mission")] = "Operation"
    error = rejection(write_xlsx(tmp_path / "header.xlsx", [allegation()], header=header))
    message = str(error)
    assert error.row == 1 and "row 1" in message
    assert "'Victim'" in message and "'Mission'" in message and "'Operation'" in message


def test_columns_in_another_order_are_refused(tmp_path):
    header = HEADER[1:] + HEADER[:1]
    error = rejection(write_xlsx(tmp_path / "order.xlsx", [allegation()], header=header))
    assert error.row == 1 and "different order" in str(error)


@pytest.mark.parametrize("column", ["Date", "Mission", "Personnel Type", "Allegation"])
def test_an_empty_required_cell_is_refused(tmp_path, column):
    rows = [allegation(), allegation({column: ""})]
    error = rejection(write_xlsx(tmp_path / "empty.xlsx", rows))
    assert_points_at(error, 3, column, "empty")


def test_an_unknown_nationality_is_refused(tmp_path):
    error = rejection(write_xlsx(tmp_path / "nat.xlsx", [allegation({"Nationality": "Atlantis"})]))
    assert_points_at(error, 2, "Nationality", "unknown code 'Atlantis'")


def test_an_unknown_personnel_category_is_refused(tmp_path):
    rows = [allegation({"Personnel Type": "Military (MC),1\n\nVolunteer (Local),2"})]
    error = rejection(write_xlsx(tmp_path / "personnel.xlsx", rows))
    assert_points_at(error, 2, "Personnel Type", "unknown personnel category 'Volunteer'")


@pytest.mark.parametrize(("column", "value", "words"), [
    ("Victim", "Adult (1)\n\nElder (2)", "unknown victim type 'Elder (2)'"),
    ("Allegation", "SX (Rape)", "unknown allegation kind"),
    ("Interim Action", "UN Pending (1)\n\nTCC Repatriation (1)", "unknown action prefix 'TCC'"),
    ("Final Action", "Jail (1)", "unknown action prefix 'Jail'"),
    ("Result", "Dismissed (No evidence) (1)", "unknown result 'Dismissed'"),
    ("Investigation (days)", "UN OIOS (soon)", "expected 'entity (days)'"),
    ("Date", "2021-03", "expected a month as M/YYYY"),
    ("Paternity claim", "Maybe", "unknown code 'Maybe'"),
    ("Nationality", "Ghana\n\nNepal", "2 nationalities for 1 personnel types"),
])
def test_an_unknown_category_is_refused(tmp_path, column, value, words):
    error = rejection(write_xlsx(tmp_path / "category.xlsx", [allegation({column: value})]))
    assert_points_at(error, 2, column, words)


def test_a_truncated_workbook_is_refused(tmp_path):
    whole = write_xlsx(tmp_path / "whole.xlsx", [allegation()] * 20).read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole[: len(whole) // 2])
    error = rejection(cut)
    assert "not a readable xlsx" in str(error) and "cut.xlsx" in str(error)


def test_a_workbook_without_the_export_sheet_is_refused(tmp_path):
    error = rejection(write_xlsx(tmp_path / "sheet.xlsx", [allegation()], sheet="Sheet1"))
    assert "no sheet named 'Export'" in str(error) and "Sheet1" in str(error)


# --- the real UN table -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def real(raw_dir):
    return un_sea_allegations.parse(source_by_slug(SOURCE).local_path(raw_dir))


def children(parsed, model, allegation_id):
    return [r for r in parsed.tables[model] if r["allegation_id"] == allegation_id]


@pytest.mark.realdata
def test_real_table_counts(real):
    allegations = real.tables[SeaAllegation]
    assert real.rows_read == real.rows_loaded == len(allegations) == 753
    assert real.rows_set_aside == 0
    assert [r["id"] for r in allegations] == list(range(1, 754))
    assert Counter(r["reported_month"].year for r in allegations) == {
        2015: 69, 2016: 104, 2017: 63, 2018: 56, 2019: 80, 2020: 66, 2021: 75, 2022: 79,
        2023: 100, 2024: 61}
    missions = Counter(r["mission"] for r in allegations)
    assert len(missions) == len(real.missions) == 27
    assert (missions["MINUSCA"], missions["MONUSCO"], missions["UNMISS"]) == (294, 255, 47)
    assert (real.coverage_start, real.coverage_end) == (dt.date(2015, 1, 1), dt.date(2024, 7, 1))
    assert real.as_of is None
    assert {r["reported_month"] for r in allegations} == real.months


@pytest.mark.realdata
def test_real_perpetrator_categories_match_the_reference(real):
    # REFERENCE.md section 6 counts each listed category once per allegation that lists it.
    assert Counter(r["personnel_type"] for r in real.tables[SeaPerpetrator]) == {
        "Military (MC)": 453, "Military (MO)": 28, "Military (Staff Officer)": 11,
        "Police (UNPOL)": 46, "Police (FPU)": 33, "Police (GPP)": 4,
        "Civilian (INT)": 68, "Civilian (NS)": 52, "Civilian (UNV)": 41,
        "Civilian (Contractor)": 22, "Civilian (Vendor Employee)": 3,
        "Civilian ((Legacy) Daily Casual Workers)": 1}
    # Three allegations list two contingents of different nationalities.
    military_contingent = {r["allegation_id"] for r in real.tables[SeaPerpetrator]
                           if r["personnel_type"] == "Military (MC)"}
    assert len(military_contingent) == 450


@pytest.mark.realdata
def test_real_allegation_kinds_match_the_reference(real):
    assert Counter((r["kind"], r["detail"]) for r in real.tables[SeaAllegationType]) == {
        ("SE", "Exploitative relationship"): 297, ("SE", "Transactional sex"): 197,
        ("SE", "Soliciting transactional sex"): 15, ("SE", "Attempted transactional sex"): 4,
        ("SE", "Other"): 6, ("SE", "Unknown"): 1,
        ("SA", "Rape"): 217, ("SA", "Sexual assault"): 49,
        ("SA", "[Legacy] Sexual activity with minor"): 16, ("SA", "Attempted sexual assault"): 8,
        ("SA", "Attempted rape"): 3, ("SA", "Other"): 3, ("SA", "Unknown"): 1}


@pytest.mark.realdata
def test_real_nationalities(real):
    allegations = real.tables[SeaAllegation]
    assert all(country_by_iso3(code) for code in real.countries)
    assert real.countries["COD"] == "Democratic Republic of the Congo"
    assert real.countries["TZA"] == "United Republic of Tanzania"
    assert sum(r["nationality_name"] == "Unknown" and r["nationality_iso3"] is None
               for r in allegations) == 17
    # Civilians have no published nationality.
    civilian = {r["allegation_id"] for r in real.tables[SeaPerpetrator]
                if r["personnel_group"] == "civilian"}
    assert all(r["nationality_name"] is None for r in allegations if r["id"] in civilian)
    assert len(civilian) == 181


@pytest.mark.realdata
def test_real_row_with_two_contingents_three_outcomes_and_many_actions(real):
    # Excel row 669: two contingents, three outcomes, six final actions.
    number = 668
    assert [(r["count"], r["nationality_iso3"])
            for r in children(real, SeaPerpetrator, number)] == [(26, "COG"), (5, "COD")]
    assert real.tables[SeaAllegation][number - 1]["nationality_iso3"] is None
    results = children(real, SeaResult, number)
    assert [(r["result"], r["count"]) for r in results] == [
        ("unsubstantiated", 17), ("substantiated", 6), ("pending", 8)]
    assert real.tables[SeaAllegation][number - 1]["result"] is None
    final = [(r["actor"], r["action"], r["count"])
             for r in children(real, SeaAction, number) if r["stage"] == "final"]
    assert ("NG", "Jail", 6) in final and len(final) == 6
    assert real.tables[SeaAllegation][number - 1]["investigation_days"] == 254


@pytest.mark.realdata
def test_real_victims_actions_and_investigations(real):
    allegations = real.tables[SeaAllegation]
    second = allegations[1]  # Excel row 3
    assert [(r["victim_type"], r["count"]) for r in children(real, SeaVictim, 2)] == [
        ("child", 2), ("adult", 4)]
    assert (second["investigation_entity"], second["investigation_pending"]) == ("TCC/OIOS", True)
    assert Counter(r["victim_type"] for r in real.tables[SeaVictim]) == {
        "adult": 581, "child": 209, "unknown": 6}
    pending = [r for r in allegations if r["investigation_pending"]]
    assert len(pending) == 183 and all(r["investigation_days"] is None for r in pending)
    assert sum(r["investigation_entity"] is None for r in allegations) == 16  # "Pending (Pending)"
    assert max(r["investigation_days"] or 0 for r in allegations) > 1000
    actions = real.tables[SeaAction]
    assert {r["actor"] for r in actions} == {"UN", "NG", None}
    assert sum(r["count"] for r in actions if r["actor"] == "UN" and r["action"] is None) > 0
    assert Counter(r["stage"] for r in actions)["final"] > 753  # UN and NG both act
    assert {r["result"] for r in real.tables[SeaResult]} == {
        "substantiated", "unsubstantiated", "pending", "incomplete", "n/a"}
    assert not [r for r in real.tables[SeaResult] if r["detail"] and "\n" in r["detail"]]


# --- loading into the database ---------------------------------------------------------------

SEA_TABLES = (*un_sea_allegations.OWNS, SourceVersion)


def sea_contents(engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return {
            model.__tablename__: [tuple(row) for row in conn.execute(
                select(model.__table__).order_by(*model.__table__.primary_key.columns))]
            for model in SEA_TABLES
        }


@pytest.mark.realdata
def test_real_table_loads_once_and_a_bad_file_changes_nothing(engine, raw_dir, tmp_path):
    source = source_by_slug(SOURCE)
    outcome = import_file(engine, source, source.local_path(raw_dir))
    assert outcome.status == "loaded", outcome.message
    assert (outcome.rows_read, outcome.rows_loaded, outcome.rows_set_aside) == (753, 753, 0)
    loaded = sea_contents(engine)
    assert len(loaded["sea_allegation"]) == 753
    for table in ("sea_perpetrator", "sea_victim", "sea_allegation_type", "sea_action",
                  "sea_result"):
        assert len(loaded[table]) > 753, table
    with engine.connect() as conn:
        version = conn.execute(select(SourceVersion.as_of, SourceVersion.coverage_start,
                                      SourceVersion.coverage_end)).one()
    assert tuple(version) == (
        dt.date(2024, 7, 31), dt.date(2015, 1, 1), dt.date(2024, 7, 1))

    again = import_file(engine, source, source.local_path(raw_dir))
    assert again.status == "unchanged"
    assert sea_contents(engine) == loaded

    for bad in (write_xlsx(tmp_path / "bad.xlsx", [allegation(), allegation({"Mission": ""})]),
                write_xlsx(tmp_path / "header.xlsx", [allegation()], header=HEADER[:-1])):
        outcome = import_file(engine, source, bad)
        assert outcome.status == "rejected", outcome
        assert bad.name in outcome.message
        assert sea_contents(engine) == loaded
