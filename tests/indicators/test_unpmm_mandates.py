"""UNPMM mandate tasks: the real file (counts, the established-year trap, mission codes), small
damaged files rejected whole with the database unchanged, and the indicator through compute()."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from indicators.compute import compute
from indicators.filters import Filters
from indicators.importers import unpmm_mandates
from indicators.importers.base import ImportRejected
from indicators.importers.load import import_file
from indicators.importers.unpmm_mandates import HEADER, in_mandate_by_year
from indicators.manifest import source_by_slug
from indicators.models.dimensions import Mission
from indicators.models.mandates import MandateTask
from indicators.models.provenance import ImportLog
from tests.files import snapshot, write_workbook

SLUG = "unpmm-mandates"
# First year with "POC general" (mod11), as read from the file (PROVENANCE.md).
FIRST_POC_YEAR = {"MONUC": 2000, "MONUSCO": 2010, "UNMISS": 2011, "MINUSMA": 2013,
                  "MINUSCA": 2014, "UNIFIL": 2006, "UNAMID": 2007}


# --- the cumulative rule, by hand ------------------------------------------------------------

def test_a_task_stays_in_the_mandate_from_the_year_it_was_established():
    assert in_mandate_by_year({2011: True, 2012: False, 2013: False}) == {
        2011: True, 2012: True, 2013: True}
    assert in_mandate_by_year({2002: False, 2000: False, 2001: True}) == {
        2000: False, 2001: True, 2002: True}
    assert in_mandate_by_year({1990: False, 1991: False}) == {1990: False, 1991: False}


# --- the real file ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_path(raw_dir) -> Path:
    path = source_by_slug(SLUG).local_path(raw_dir)
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return path


@pytest.fixture(scope="module")
def parsed(real_path):
    return unpmm_mandates.parse(real_path)


def rows_of(parsed, mission: str, task: str) -> dict[int, dict]:
    return {r["year"]: r for r in parsed.tables[MandateTask]
            if r["mission"] == mission and r["task"] == task}


@pytest.mark.realdata
def test_real_file_counts_add_up(parsed):
    assert parsed.rows_read == 1_382
    # 239 good offices engagements; 6 rows of bodies with no code (commissions of inquiry,
    # OPCW-UN Joint Mission, the 1948 Truce Commission); 29 rows of 2023 for missions kept.
    assert sorted(parsed.set_aside.values()) == [6, 29, 239]
    assert parsed.rows_loaded == 1_108 == parsed.rows_read - parsed.rows_set_aside
    assert len(parsed.tables[MandateTask]) == 3 * 1_108  # three tasks per mission-year
    assert (parsed.coverage_start, parsed.coverage_end) == (dt.date(1948, 1, 1),
                                                            dt.date(2022, 12, 31))


@pytest.mark.realdata
@pytest.mark.parametrize(("mission", "year"), sorted(FIRST_POC_YEAR.items()))
def test_real_file_first_poc_year(parsed, mission, year):
    poc = rows_of(parsed, mission, "poc")
    assert min(y for y, r in poc.items() if r["established"]) == year
    assert min(y for y, r in poc.items() if r["in_mandate"]) == year
    assert all(r["in_mandate"] for y, r in poc.items() if y >= year)
    assert not any(r["in_mandate"] for y, r in poc.items() if y < year)


@pytest.mark.realdata
def test_unmiss_has_poc_in_2022_although_its_flag_is_0(parsed):
    poc = rows_of(parsed, "UNMISS", "poc")
    assert [y for y, r in poc.items() if r["established"]] == [2011]
    assert (poc[2022]["established"], poc[2022]["in_mandate"]) == (False, True)
    assert poc[2013]["in_mandate"] is True


@pytest.mark.realdata
def test_real_file_other_tasks_and_coverage(parsed):
    minusma = rows_of(parsed, "MINUSMA", "use-of-force")
    assert sorted(minusma) == list(range(2013, 2023))  # its 2023 row is after the coverage
    assert all(r["in_mandate"] for r in minusma.values())
    early = rows_of(parsed, "MINUSMA", "early-warning")
    assert min(y for y, r in early.items() if r["in_mandate"]) == 2019
    assert not any(r["in_mandate"] for r in rows_of(parsed, "UNTSO", "poc").values())


@pytest.mark.realdata
def test_real_file_mission_codes(parsed):
    missions = parsed.missions
    assert "UNVMC" in missions  # "UN VERIFICATION MISSION COLOMBIA"
    assert not [code for code in missions
                if " " in code and code.split()[-1] not in ("I", "II", "III")]
    assert {"UNEF I", "UNOSOM II", "UNAVEM III", "MONUSCO", "UNAMA"} <= set(missions)
    assert "SPECIAL ADVISER CYPRUS" not in missions  # a good offices engagement
    assert missions["MINUSMA"]["end_date"] is None  # ACTIVE in the file
    assert missions["UNAMID"]["end_date"] == dt.date(2020, 12, 31)


@pytest.mark.realdata
def test_real_file_loads_and_the_un_list_keeps_minusma_closed(engine, raw_dir, real_path):
    # UNPMM first, then the UN's list: the list's correction wins either way.
    outcome = import_file(engine, source_by_slug(SLUG), real_path)
    assert outcome.status == "loaded" and outcome.rows_set_aside == 274
    pko = source_by_slug("un-pko-missions")
    assert import_file(engine, pko, pko.local_path(raw_dir)).status == "loaded"
    with engine.connect() as conn:
        minusma = conn.execute(select(Mission.active, Mission.end_date)
                               .where(Mission.acronym == "MINUSMA")).one()
        logged = conn.execute(select(ImportLog.rows_read, ImportLog.rows_loaded,
                                     ImportLog.rows_set_aside)
                              .where(ImportLog.source == SLUG)).one()
    assert tuple(minusma) == (False, dt.date(2023, 12, 31))
    assert tuple(logged) == (1_382, 1_108, 274)
    again = import_file(engine, source_by_slug(SLUG), real_path)
    assert again.status == "unchanged"


@pytest.mark.realdata
def test_indicator_on_the_real_file(engine, real_path):
    import_file(engine, source_by_slug(SLUG), real_path)
    unmiss = compute("mandate-tasks", Filters(missions=("UNMISS",)), ("year", "task"),
                     engine=engine)
    in_2022 = unmiss[unmiss["year"] == 2022].set_index("task")["value"].to_dict()
    assert in_2022 == {"poc": 1, "early-warning": 1, "use-of-force": 1}
    assert unmiss["year"].max() == 2022
    # Missions with PoC in force in 2022: UNAMA, MINUSCA, MONUSCO, UNIFIL, MINUSMA, UNMISS,
    # UNISFA, UNITAMS.
    year_2022 = Filters(period_from=dt.date(2022, 1, 1), period_to=dt.date(2022, 12, 1))
    by_task = compute("mandate-tasks", year_2022, ("task",), engine=engine)
    assert by_task.set_index("task")["value"].to_dict() == {
        "early-warning": 8, "poc": 8, "use-of-force": 5}
    poc_missions = compute("mandate-tasks", year_2022, ("mission", "task"), engine=engine)
    assert set(poc_missions.loc[poc_missions["task"] == "poc", "mission"]) == {
        "UNAMA", "MINUSCA", "MONUSCO", "UNIFIL", "MINUSMA", "UNMISS", "UNISFA", "UNITAMS"}
    # Every year of a mission's PoC counts, not only the year it was established (2000):
    monuc = compute("mandate-tasks", Filters(missions=("MONUC",)), ("year",), engine=engine)
    assert monuc.set_index("year")["value"].to_dict() == {y: 1 for y in range(2000, 2011)}


# --- small hand-written files ----------------------------------------------------------------

def mission_rows(abbrev: str = "MINUSCA", mission_id: int = 26, years=range(2014, 2017),
                 mission_type: str = "PKO", established: dict | None = None,
                 year_end: str | int | None = None, **overrides) -> list[dict]:
    """One row per year, every flag 0 except `established` ({year: [columns]}); the mission
    ends in its last year unless `year_end` says otherwise ("ACTIVE")."""
    established = established or {}
    year_end = max(years) if year_end is None else year_end
    rows = []
    for year in years:
        row = dict.fromkeys(HEADER, 0)
        row.update({
            "mission_id": mission_id, "mission_abbrev": abbrev,
            "mission_fullname": f"United Nations mission {abbrev}", "mission_type": mission_type,
            "mission_location": "Somewhere", "gw_country": "CAF", "gwno_1": 482,
            "gwno_2": None, "gwno_3": None, "gwno_4": None, "gwno_5": None,
            "mission_regionclass": "Africa", "region_code": 4, "ucdp_link": 0,
            "ucdpconflict_id1": None, "ucdpconflict_id2": None, "ucdpconflict_id3": None,
            "ucdpconflict_id4": None, "mission_yearest": min(years),
            "mission_yearend": year_end, "mission_startdate": f"10.04.{min(years)}",
            "mission_enddate": "ACTIVE" if year_end == "ACTIVE" else f"30.06.{year_end}",
            "mission_orgs": "UN", "task_yearest": year, "mission_calc": "2.00",
            "mission_class": "Moderate", "version": "UNPMM_2.0",
        })
        for column in established.get(year, ()):
            row[column] = 1
        row.update(overrides)
        rows.append(row)
    return rows


def write_xlsx(path: Path, rows: list[dict], header: list[str] = HEADER,
               sheet: str = "Peace Missions") -> Path:
    return write_workbook(path, sheet, header, rows)


GOOD_ROWS = (mission_rows(established={2014: ["mod11", "ocat01"]})
             + mission_rows("UNMISS", 101, range(2011, 2014), established={2011: ["mod11"]})
             + mission_rows("SPECIAL ADVISER CYPRUS", 36, range(2020, 2022), "GOE")
             # Active at the end of 2022: its 2023 row is after the coverage, set aside.
             + mission_rows("UNITAMS", 122, range(2020, 2024), "SPM", year_end="ACTIVE",
                            established={2020: ["mod11", "mod01"]}))


def test_small_file_parses_with_the_rule_and_the_set_aside_rows(tmp_path):
    parsed = unpmm_mandates.parse(write_xlsx(tmp_path / "UNPMM_V2.0.xlsx", GOOD_ROWS))
    assert (parsed.rows_read, parsed.rows_loaded, parsed.rows_set_aside) == (12, 9, 3)
    assert sorted(parsed.set_aside.values()) == [1, 2]  # one 2023 row, two envoy rows
    poc = {(r["mission"], r["year"]): (r["established"], r["in_mandate"])
           for r in parsed.tables[MandateTask] if r["task"] == "poc"}
    assert poc == {("MINUSCA", 2014): (True, True), ("MINUSCA", 2015): (False, True),
                   ("MINUSCA", 2016): (False, True), ("UNMISS", 2011): (True, True),
                   ("UNMISS", 2012): (False, True), ("UNMISS", 2013): (False, True),
                   ("UNITAMS", 2020): (True, True), ("UNITAMS", 2021): (False, True),
                   ("UNITAMS", 2022): (False, True)}
    assert set(parsed.missions) == {"MINUSCA", "UNMISS", "UNITAMS"}
    assert parsed.missions["UNITAMS"]["end_date"] is None
    assert parsed.missions["MINUSCA"]["end_date"] == dt.date(2016, 6, 30)


@pytest.fixture
def loaded(engine, tmp_path):
    """A database holding a good small UNPMM file, and its snapshot."""
    folder = tmp_path / "good"
    folder.mkdir()
    path = write_xlsx(folder / "UNPMM_V2.0.xlsx", GOOD_ROWS)
    outcome = import_file(engine, source_by_slug(SLUG), path)
    assert outcome.status == "loaded", outcome.message
    return engine, snapshot(engine)


def damaged_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """Name -> (file, words its rejection must contain)."""
    folder.mkdir()
    bad_flag = [dict(r) for r in GOOD_ROWS]
    bad_flag[1]["mod11"] = 2
    gap = [r for r in GOOD_ROWS if not (r["mission_abbrev"] == "MINUSCA"
                                        and r["task_yearest"] == 2015)]
    twice = [*GOOD_ROWS, dict(GOOD_ROWS[0])]
    shifted = [dict(r) for r in GOOD_ROWS]
    shifted[3]["mission_abbrev"] = "UNMIS"  # an UNMISS row under another name
    after = [dict(r) for r in GOOD_ROWS]
    after[-1]["mod01"] = 1  # UNITAMS, 2023
    bad_date = [dict(r) for r in GOOD_ROWS]
    bad_date[0]["mission_startdate"] = "2014-04-10"
    files = {
        "flag": (write_xlsx(folder / "flag.xlsx", bad_flag), "row 3, column 'mod11'"),
        "header": (write_xlsx(folder / "header.xlsx", GOOD_ROWS,
                              [c for c in HEADER if c != "mod11"]), "missing columns ['mod11']"),
        "sheet": (write_xlsx(folder / "sheet.xlsx", GOOD_ROWS, sheet="Sheet1"),
                  "no sheet named 'Peace Missions'"),
        "gap": (write_xlsx(folder / "gap.xlsx", gap), "missing [2015]"),
        "twice": (write_xlsx(folder / "twice.xlsx", twice), "MINUSCA has two rows for 2014"),
        "shifted": (write_xlsx(folder / "shifted.xlsx", shifted), "mission_id 101"),
        "after coverage": (write_xlsx(folder / "after.xlsx", after),
                           "row 13, column 'task_yearest': mod01 coded in 2023"),
        "date": (write_xlsx(folder / "date.xlsx", bad_date), "DD.MM.YYYY"),
        "version": (write_xlsx(folder / "version.xlsx",
                               [{**r, "version": "UNPMM_1.5"} for r in GOOD_ROWS]),
                    "expected version 'UNPMM_2.0'"),
    }
    good = write_xlsx(folder / "good.xlsx", GOOD_ROWS)
    truncated = folder / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    files["truncated"] = (truncated, "not a readable xlsx workbook")
    return files


@pytest.mark.parametrize("damage", ["flag", "header", "sheet", "gap", "twice", "shifted",
                                    "after coverage", "date", "version", "truncated"])
def test_a_damaged_file_is_rejected_whole_and_the_database_is_unchanged(loaded, tmp_path,
                                                                        damage):
    engine, before = loaded
    path, words = damaged_files(tmp_path / "bad")[damage]
    with pytest.raises(ImportRejected) as rejected:
        unpmm_mandates.parse(path)
    assert words in str(rejected.value)
    assert str(rejected.value).startswith(path.name)
    # Through the loader, under the source's own file name, as `pkdash build` would see it.
    target = tmp_path / "incoming" / "UNPMM_V2.0.xlsx"
    target.parent.mkdir()
    shutil.copy(path, target)
    outcome = import_file(engine, source_by_slug(SLUG), target)
    assert outcome.status == "rejected" and words in outcome.message
    assert snapshot(engine) == before


def test_indicator_by_hand_on_a_small_file(engine, tmp_path):
    path = write_xlsx(tmp_path / "UNPMM_V2.0.xlsx", GOOD_ROWS)
    assert import_file(engine, source_by_slug(SLUG), path).status == "loaded"
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(MandateTask)).scalar_one() == 27
    by_year = compute("mandate-tasks", Filters(), ("year", "task"), engine=engine)
    got = {(int(r.year), r.task): int(r.value) for r in by_year.itertuples()}
    # PoC: UNMISS 2011-2013, MINUSCA 2014-2016, UNITAMS 2020-2022; use of force: MINUSCA
    # 2014-2016; early warning: UNITAMS 2020-2022.
    assert got == {**{(y, "poc"): 1 for y in (2011, 2012, 2013, 2014, 2015, 2016, 2020, 2021,
                                              2022)},
                   **{(y, "use-of-force"): 1 for y in (2014, 2015, 2016)},
                   **{(y, "early-warning"): 1 for y in (2020, 2021, 2022)}}
    # Without a year cut, a mission counts once however many years it had the task.
    total = compute("mandate-tasks", Filters(), ("task",), engine=engine)
    assert total.set_index("task")["value"].to_dict() == {
        "early-warning": 1, "poc": 3, "use-of-force": 1}
    period = Filters(period_from=dt.date(2012, 1, 1), period_to=dt.date(2013, 12, 1))
    assert compute("mandate-tasks", period, (), engine=engine)["value"].tolist() == [1]
    assert frozenset(compute("mandate-tasks", Filters(missions=("MINUSCA",)), ("mission",),
                             engine=engine)["mission"]) == {"MINUSCA"}
