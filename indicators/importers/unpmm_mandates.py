"""Importer for the UN Peace Mission Mandates dataset v2.0 (UNPMM_V2.0.xlsx): mandate tasks.

One row per mission and year, 0/1 flags per task. Three tasks are kept: protection of civilians
(`mod11`, "POC general"), conflict assessment and early warning (`mod01`) and use of force under
Chapter VII (`ocat01`). The file flags a task only in the year it was *established* (UNMISS has
`mod11` = 1 in 2011 and 0 in every later year), so the task is carried to every later year of
the mission: in_mandate(t) = max(established(y) for y <= t).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from indicators.importers.base import CellReader, ParsedFile
from indicators.importers.workbook import cell_text, check_header, read_sheet
from indicators.models.mandates import MandateTask

OWNS: tuple[type, ...] = (MandateTask,)

SHEET = "Peace Missions"
VERSION = "UNPMM_2.0"
FLAG_COLUMNS = (
    *(f"min{n:02d}" for n in range(1, 12)),
    *(f"mod{n:02d}" for n in range(1, 12)),
    *(f"max{n:02d}" for n in range(1, 19)),
    "ocat01",
)
HEADER = [
    "mission_id", "mission_abbrev", "mission_fullname", "mission_type", "mission_location",
    "gw_country", "gwno_1", "gwno_2", "gwno_3", "gwno_4", "gwno_5", "mission_regionclass",
    "region_code", "ucdp_link", "ucdpconflict_id1", "ucdpconflict_id2", "ucdpconflict_id3",
    "ucdpconflict_id4", "mission_yearest", "mission_yearend", "mission_startdate",
    "mission_enddate", "mission_orgs", "task_yearest", *FLAG_COLUMNS, "mission_calc",
    "mission_class", "version",
]
# Our task slug <- the codebook's variable.
TASK_COLUMNS = {
    "poc": "mod11",  # POC general: preventing or responding to threats of physical violence
    "early-warning": "mod01",  # conflict assessment and early warning
    "use-of-force": "ocat01",  # authorised to use all necessary means (Chapter VII)
}
TASKS = tuple(TASK_COLUMNS)
MISSION_TYPES = ("PKO", "SPM", "GOE")
ACTIVE = "ACTIVE"  # mission_yearend / mission_enddate of a mission running at the end of 2022
# The codebook covers mandates to 31 December 2022; the file's 2023 rows (missions still
# active) carry no coding.
COVERAGE_END_YEAR = 2022
# An abbreviation that is an acronym (UNMISS, MONUC, UNEF I, UNOSOM II), not a description.
ACRONYM = re.compile(r"^[A-Z][A-Z0-9-]{1,15}(?: [IVX]{1,4})?$")
DATE = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$")

# Missions UNPMM names in words that the project knows under a code.
MISSION_CODES = {
    # The UN's monthly contribution reports list it as UNVMC.
    "UN VERIFICATION MISSION COLOMBIA": "UNVMC",
}

# Rows left out, each by a documented rule (counted in the import log).
SET_ASIDE_ENVOYS = ("good offices engagements (envoys and advisers' offices, not field "
                    "missions; none has any of the three tasks)")
SET_ASIDE_UNNAMED = ("missions with a descriptive name and no code of ours (commissions of "
                     "inquiry, the OPCW-UN Joint Mission, the 1948 Truce Commission)")
SET_ASIDE_AFTER_COVERAGE = ("rows after 2022, beyond the dataset's coverage (missions still "
                            "active; no task coded)")


def parse(path: Path) -> ParsedFile:
    """Read every mission-year of the file, or reject the whole file."""
    cells = CellReader(path.name)
    sheet_rows = read_sheet(path, SHEET)
    if not sheet_rows:
        cells.reject("the sheet is empty (no header row)", row=1)
    check_header(cells, sheet_rows[0], HEADER)
    set_aside = {SET_ASIDE_ENVOYS: 0, SET_ASIDE_UNNAMED: 0, SET_ASIDE_AFTER_COVERAGE: 0}
    kept: dict[str, dict[str, Any]] = {}  # our code -> the mission and its years
    identities: dict[int, tuple[str, int]] = {}  # UNPMM id -> (abbreviation, first row)
    rows_read = 0
    for row, values in enumerate(sheet_rows[1:], start=2):
        record = _record(cells, values, row)
        if record is None:
            continue  # an empty row is spreadsheet formatting, not a mission-year
        rows_read += 1
        mission = _mission(cells, record, row)
        year = _year(cells, record["task_yearest"], row, "task_yearest")
        flags = {column: _flag(cells, record[column], row, column) for column in FLAG_COLUMNS}
        _check_identity(cells, identities, mission, row)
        _check_year(cells, mission, year, row)
        if mission["type"] == "GOE":
            set_aside[SET_ASIDE_ENVOYS] += 1
            continue
        code = MISSION_CODES.get(mission["abbrev"], mission["abbrev"])
        if not ACRONYM.match(code):
            set_aside[SET_ASIDE_UNNAMED] += 1
            continue
        if year > COVERAGE_END_YEAR:
            coded = [TASK_COLUMNS[t] for t in TASKS if flags[TASK_COLUMNS[t]]]
            if coded:
                cells.reject(f"{', '.join(coded)} coded in {year}, after the codebook's "
                             f"coverage (to {COVERAGE_END_YEAR}): a newer version of the "
                             "dataset needs its coverage checked", row, "task_yearest")
            set_aside[SET_ASIDE_AFTER_COVERAGE] += 1
            continue
        entry = kept.setdefault(code, {"mission": mission, "id": mission["id"], "years": {}})
        if entry["id"] != mission["id"]:
            cells.reject(f"missions {entry['id']} and {mission['id']} both map to code "
                         f"{code!r}", row, "mission_abbrev")
        if year in entry["years"]:
            cells.reject(f"{code} has two rows for {year}", row, "task_yearest")
        entry["years"][year] = {task: flags[column] for task, column in TASK_COLUMNS.items()}
    rows, missions = _mandate_rows(cells, kept)
    years = [r["year"] for r in rows]
    return ParsedFile(
        rows_read=rows_read,
        tables={MandateTask: rows},
        set_aside={rule: count for rule, count in set_aside.items() if count},
        missions=missions,
        coverage_start=dt.date(min(years), 1, 1) if years else None,
        coverage_end=dt.date(max(years), 12, 31) if years else None,
    )


def in_mandate_by_year(established: dict[int, bool]) -> dict[int, bool]:
    """The trap's rule: a task is in the mandate from the year it was established onward."""
    state, result = False, {}
    for year in sorted(established):
        state = state or established[year]
        result[year] = state
    return result


def _mandate_rows(cells: CellReader, kept: dict[str, dict[str, Any]]
                  ) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    rows, missions = [], {}
    for code, entry in sorted(kept.items()):
        mission, years = entry["mission"], entry["years"]
        last = COVERAGE_END_YEAR if mission["year_end"] is None else min(
            mission["year_end"], COVERAGE_END_YEAR)
        expected = set(range(mission["year_est"], last + 1))
        if set(years) != expected:
            gaps = sorted(expected - set(years))
            cells.reject(f"{code} should have one row a year from {mission['year_est']} to "
                         f"{last}; missing {gaps}")
        for task in TASKS:
            state = in_mandate_by_year({year: flags[task] for year, flags in years.items()})
            rows.extend({"mission": code, "year": year, "task": task,
                         "established": years[year][task], "in_mandate": state[year],
                         "mission_type": mission["type"]} for year in sorted(years))
        # Only what the UN's own list may lack: the loader fills attributes that are empty.
        missions[code] = {"name": mission["name"], "start_date": mission["start"],
                          "end_date": mission["end"]}
    return rows, missions


# --- reading the rows ----------------------------------------------------------------------

def _record(cells: CellReader, values: tuple[Any, ...], row: int) -> dict[str, str] | None:
    texts = [cell_text(v) for v in values]
    if not any(texts):
        return None
    if any(texts[len(HEADER):]):
        cells.reject(f"a value beyond the last column ({len(HEADER)} columns)", row)
    texts += [""] * (len(HEADER) - len(texts))
    record = dict(zip(HEADER, texts, strict=True))
    if record["version"] != VERSION:
        cells.reject(f"expected version {VERSION!r}, found {record['version']!r} (another "
                     "version may code tasks differently)", row, "version")
    return record


def _mission(cells: CellReader, record: dict[str, str], row: int) -> dict[str, Any]:
    mission_type = cells.code(record["mission_type"], row, "mission_type",
                              {t: t for t in MISSION_TYPES})
    year_est = _year(cells, record["mission_yearest"], row, "mission_yearest")
    ended = record["mission_yearend"]
    year_end = None if ended == ACTIVE else _year(cells, ended, row, "mission_yearend")
    if year_end is not None and year_end < year_est:
        cells.reject(f"the mission ends ({year_end}) before it is established ({year_est})",
                     row, "mission_yearend")
    name = cells.text(record["mission_fullname"], row, "mission_fullname")
    if len(name) > 200:
        cells.reject(f"a name of {len(name)} characters (at most 200)", row, "mission_fullname")
    return {
        "id": cells.integer(record["mission_id"], row, "mission_id"),
        "abbrev": cells.text(record["mission_abbrev"], row, "mission_abbrev"),
        "name": name,
        "type": mission_type,
        "year_est": year_est,
        "year_end": year_end,
        "start": _date(cells, record["mission_startdate"], row, "mission_startdate"),
        "end": (None if record["mission_enddate"] == ACTIVE
                else _date(cells, record["mission_enddate"], row, "mission_enddate")),
    }


def _check_identity(cells: CellReader, identities: dict[int, tuple[str, int]],
                    mission: dict[str, Any], row: int) -> None:
    """Every row of a mission id carries the same abbreviation (shifted cells would not)."""
    first = identities.setdefault(mission["id"], (mission["abbrev"], row))
    if first[0] != mission["abbrev"]:
        cells.reject(f"mission_id {mission['id']} is {first[0]!r} in row {first[1]} but "
                     f"{mission['abbrev']!r} here", row, "mission_abbrev")


def _check_year(cells: CellReader, mission: dict[str, Any], year: int, row: int) -> None:
    last = mission["year_end"] if mission["year_end"] is not None else COVERAGE_END_YEAR + 1
    if not mission["year_est"] <= year <= last:
        cells.reject(f"year {year} is outside the mission's years ({mission['year_est']} to "
                     f"{mission['year_end'] or ACTIVE})", row, "task_yearest")


def _year(cells: CellReader, value: str, row: int, column: str) -> int:
    year = cells.integer(value, row, column)
    if not 1945 <= year <= 2100:
        cells.reject(f"year {year} is not a plausible mission year", row, column)
    return year


def _flag(cells: CellReader, value: str, row: int, column: str) -> bool:
    if value not in ("0", "1"):
        cells.reject(f"expected 0 or 1, found {value!r}", row, column)
    return value == "1"


def _date(cells: CellReader, value: str, row: int, column: str) -> dt.date:
    """DD.MM.YYYY; where only the month was known, the file gives day 01."""
    match = DATE.match(value)
    if not match:
        cells.reject(f"expected a date as DD.MM.YYYY or {ACTIVE}, found {value!r}", row, column)
    day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        cells.reject(f"{value!r} is not a calendar date", row, column)
