"""Read the UN table of sexual exploitation and abuse allegations (xlsx) into the SEA tables.

The UN export packs several values into one cell, separated by a blank line, with counts in
brackets (`Child (2)\\n\\nAdult (4)`, `Military (MC),6`, `UN Repatriation (1)\\n\\nNG Jail (1)`).
Every such cell becomes child rows; a value whose category we do not know rejects the file, so
a change in the UN's categories is seen by a person instead of being counted wrongly.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from indicators.importers.base import CellReader, ParsedFile, check_mission
from indicators.importers.workbook import cell_text, check_header, read_sheet
from indicators.models.sea import (
    SeaAction,
    SeaAllegation,
    SeaAllegationType,
    SeaPerpetrator,
    SeaResult,
    SeaVictim,
)
from indicators.reference import country_by_iso3

OWNS = (SeaAllegation, SeaPerpetrator, SeaVictim, SeaAllegationType, SeaAction, SeaResult)

SHEET = "Export"
HEADER = [
    "Date", "Mission", "Date of incident", "Personnel Type", "Nationality", "Victim",
    "Allegation", "Paternity claim", "Paternity established", "NIO appointed",
    "Investigation (days)", "Result", "Interim Action", "Final Action",
    "Referral for criminal accountability",
]


# Published nationality names that pycountry does not resolve, mapped by hand.
NATIONALITY_CODES = {
    # UN name; ISO 3166 calls it "Congo, The Democratic Republic of the".
    "Democratic Republic of the Congo": "COD",
    # UN name; pycountry finds it only through ISO's official name, which may change.
    "United Republic of Tanzania": "TZA",
}
# Civilians have no published nationality: the export writes "N/A" (older exports left it blank).
NO_NATIONALITY = ("", "N/A")
UNKNOWN_NATIONALITY = "Unknown"

PERSONNEL_GROUPS = {"Military": "military", "Police": "police", "Civilian": "civilian"}
VICTIM_TYPES = {"Adult": "adult", "Child": "child", "Unknown": "unknown"}
ALLEGATION_KINDS = ("SE", "SA")
ACTION_ACTORS = ("UN", "NG")
# An action cell may say only that there was no action, without naming an actor.
ACTIONS_WITHOUT_ACTOR = ("None", "N/A")
RESULTS = {"Substantiated": "substantiated", "Unsubstantiated": "unsubstantiated",
           "Pending": "pending", "Incomplete": "incomplete", "N/A": "n/a"}
# "Pending (Pending)": the investigating entity itself is not decided yet.
PENDING_ENTITY = "Pending"

PATERNITY_CLAIM = {"Yes": True, "No": False, "N/A": None, "": None}
PATERNITY_ESTABLISHED = {"Yes": "yes", "No": "no", "Pending": "pending", "N/A": None, "": None}
NIO_APPOINTED = {"Yes": "yes", "No (no response)": "no-response", "No (declined)": "declined",
                 "Pending": "pending", "N/A": None, "": None}
REFERRAL = {"Yes": "yes", "No": "no", "Pending": "pending", "N/A": None, "": None}

REPORTED_MONTH = re.compile(r"^(?P<month>\d{1,2})/(?P<year>\d{4})$")
BLANK_LINE = re.compile(r"\n[ \t]*\n")
TRAILING_COUNT = re.compile(r"^(?P<text>.*?)\s*\((?P<count>\d+)\)$")
PERSONNEL = re.compile(r"^(?P<type>(?P<group>[^\s(]+) \(.+\))(?:\s*,\s*(?P<count>\d+))?$")
VICTIM = re.compile(r"^(?P<type>[^\s(]+)(?:\s*\((?P<count>\d+)\))?$")
ALLEGATION = re.compile(r"^(?P<kind>[^\s(]+) \((?P<detail>.+)\)$")
INVESTIGATION = re.compile(r"^(?P<entity>.+?)\s*\((?P<days>\d+|Pending|N/A)\)$")
RESULT = re.compile(r"^(?P<outcome>[^(]+?)\s*(?P<rest>\(.*\))?$")


@dataclass
class _Tables:
    """Rows per table, each child row numbered in file order."""

    rows: dict[type, list[dict[str, Any]]] = field(
        default_factory=lambda: {model: [] for model in OWNS})

    def add(self, model: type, **values: Any) -> int:
        table = self.rows[model]
        new_id = len(table) + 1
        table.append({"id": new_id, **values})
        return new_id


def parse(path: Path) -> ParsedFile:
    """Read every allegation of the file, or reject the whole file."""
    cells = CellReader(path.name)
    sheet_rows = read_sheet(path, SHEET)
    if not sheet_rows:
        cells.reject("the sheet is empty (no header row)", row=1)
    check_header(cells, sheet_rows[0], HEADER)
    parsed = ParsedFile(rows_read=0, tables={})
    tables = _Tables()
    for row_number, values in enumerate(sheet_rows[1:], start=2):
        record = _record(cells, values, row_number)
        if record is None:
            continue  # an empty row is spreadsheet formatting, not an allegation
        parsed.rows_read += 1
        _parse_allegation(cells, record, row_number, tables, parsed)
    parsed.tables = tables.rows
    if parsed.months:
        # Month starts, like the month dimension: the file covers whole reporting months.
        parsed.coverage_start, parsed.coverage_end = min(parsed.months), max(parsed.months)
    return parsed


# --- reading the rows ----------------------------------------------------------------------

def _record(cells: CellReader, values: tuple[Any, ...], row: int) -> dict[str, str] | None:
    texts = [cell_text(v) for v in values]
    if not any(texts):
        return None
    if any(texts[len(HEADER):]):
        cells.reject(f"a value beyond the last column ({len(HEADER)} columns)", row)
    texts += [""] * (len(HEADER) - len(texts))
    return dict(zip(HEADER, texts, strict=True))


def _segments(text: str) -> list[str]:
    """The values of a multi-valued cell, each with its spacing tidied.

    The UN pads some names inside brackets ("Civilian (Vendor Employee        )") and breaks
    lines inside a value; those are not separate values.
    """
    tidy = []
    for part in BLANK_LINE.split(text):
        part = " ".join(part.split())
        part = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", part))
        if part:
            tidy.append(part)
    return tidy


def _fits(cells: CellReader, text: str, row: int, column: str, width: int) -> str:
    """Text checked against its column's width, so SQLite and PostgreSQL refuse the same files."""
    if len(text) > width:
        cells.reject(f"{text[:40]!r}... is longer than {width} characters", row, column)
    return text


# --- one allegation -------------------------------------------------------------------------

def _parse_allegation(cells: CellReader, record: dict[str, str], row: int, tables: _Tables,
                      parsed: ParsedFile) -> None:
    month = _reported_month(cells, record["Date"], row)
    mission = check_mission(cells, record["Mission"], row, "Mission")
    parsed.months.add(month)
    parsed.missions.setdefault(mission, {})

    perpetrators = _perpetrators(cells, record["Personnel Type"], row)
    nationalities = _nationalities(cells, record["Nationality"], row)
    for iso3, name in nationalities:
        if iso3 is not None:
            parsed.countries[iso3] = name
    per_group = _nationality_per_group(cells, nationalities, len(perpetrators), row)
    allegation_iso3, allegation_nationality = nationalities[0] if len(nationalities) == 1 \
        else (None, None)
    kinds = _allegation_types(cells, record["Allegation"], row)
    if not kinds:
        cells.reject("a value is required but the cell is empty", row, "Allegation")
    results = _results(cells, record["Result"], row)
    entity, days, pending = _investigation(cells, record["Investigation (days)"], row)

    allegation_id = tables.add(
        SeaAllegation,
        reported_month=month,
        mission=mission,
        incident_period=_fits(cells, " ".join(record["Date of incident"].split()), row,
                              "Date of incident", 120) or None,
        nationality_iso3=allegation_iso3,
        nationality_name=allegation_nationality,
        paternity_claim=cells.code(record["Paternity claim"], row, "Paternity claim",
                                   PATERNITY_CLAIM),
        paternity_established=cells.code(record["Paternity established"], row,
                                         "Paternity established", PATERNITY_ESTABLISHED),
        nio_appointed=cells.code(record["NIO appointed"], row, "NIO appointed", NIO_APPOINTED),
        investigation_entity=entity,
        investigation_days=days,
        investigation_pending=pending,
        result=_overall_result(results),
        result_detail=results[0]["detail"] if len(results) == 1 else None,
        referral=cells.code(record["Referral for criminal accountability"], row,
                            "Referral for criminal accountability", REFERRAL),
    )
    for perpetrator, (iso3, name) in zip(perpetrators, per_group, strict=True):
        tables.add(SeaPerpetrator, allegation_id=allegation_id, **perpetrator,
                   nationality_iso3=iso3, nationality_name=name)
    for victim in _victims(cells, record["Victim"], row):
        tables.add(SeaVictim, allegation_id=allegation_id, **victim)
    for kind in kinds:
        tables.add(SeaAllegationType, allegation_id=allegation_id, **kind)
    for stage, column in (("interim", "Interim Action"), ("final", "Final Action")):
        for action in _actions(cells, record[column], row, column):
            tables.add(SeaAction, allegation_id=allegation_id, stage=stage, **action)
    for result in results:
        tables.add(SeaResult, allegation_id=allegation_id, **result)


def _reported_month(cells: CellReader, text: str, row: int) -> dt.date:
    cells.text(text, row, "Date")
    match = REPORTED_MONTH.match(text)
    if match is None or not 1 <= int(match["month"]) <= 12 or int(match["year"]) < 1900:
        cells.reject(f"expected a month as M/YYYY, found {text!r}", row, "Date")
    return dt.date(int(match["year"]), int(match["month"]), 1)


def _count(text: str | None) -> int | None:
    return int(text) if text is not None else None


def _perpetrators(cells: CellReader, text: str, row: int) -> list[dict[str, Any]]:
    column = "Personnel Type"
    cells.text(text, row, column)
    found = []
    for part in _segments(text):
        match = PERSONNEL.match(part)
        if match is None:
            cells.reject(f"expected 'Category (sub-category),number', found {part!r}", row, column)
        group = match["group"]
        if group not in PERSONNEL_GROUPS:
            cells.reject(f"unknown personnel category {group!r} in {part!r} "
                         f"(known: {', '.join(PERSONNEL_GROUPS)})", row, column)
        found.append({"personnel_group": PERSONNEL_GROUPS[group],
                      "personnel_type": _fits(cells, match["type"], row, column, 60),
                      "count": _count(match["count"])})
    return found


def _nationalities(cells: CellReader, text: str, row: int) -> list[tuple[str | None, str]]:
    """(iso3, published name) per nationality listed; none for civilians."""
    if text in NO_NATIONALITY:
        return []
    found = []
    for name in _segments(text):
        name = _fits(cells, name, row, "Nationality", 120)
        if name == UNKNOWN_NATIONALITY:
            found.append((None, name))
            continue
        iso3 = _iso3_for(name)
        if iso3 is None or country_by_iso3(iso3) is None:
            cells.reject(f"unknown code {name!r}: not a country name that ISO 3166 (pycountry) "
                         "or NATIONALITY_CODES knows", row, "Nationality")
        found.append((iso3, name))
    return found


def _iso3_for(name: str) -> str | None:
    if name in NATIONALITY_CODES:
        return NATIONALITY_CODES[name]
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None


def _nationality_per_group(cells: CellReader, nationalities: list[tuple[str | None, str]],
                           groups: int, row: int) -> list[tuple[str | None, str | None]]:
    """The nationality of each perpetrator group: one for all, or one each in the same order."""
    if not nationalities:
        return [(None, None)] * groups
    if len(nationalities) == 1:
        return nationalities * groups
    if len(nationalities) != groups:
        cells.reject(f"{len(nationalities)} nationalities for {groups} personnel types: "
                     "cannot tell which belongs to which", row, "Nationality")
    return list(nationalities)


def _victims(cells: CellReader, text: str, row: int) -> list[dict[str, Any]]:
    found = []
    for part in _segments(text):
        match = VICTIM.match(part)
        if match is None or match["type"] not in VICTIM_TYPES:
            cells.reject(f"unknown victim type {part!r} (known: {', '.join(VICTIM_TYPES)}, "
                         "each with an optional count in brackets)", row, "Victim")
        found.append({"victim_type": VICTIM_TYPES[match["type"]],
                      "count": _count(match["count"])})
    return found


def _allegation_types(cells: CellReader, text: str, row: int) -> list[dict[str, str]]:
    column = "Allegation"
    found = []
    for part in _segments(text):
        match = ALLEGATION.match(part)
        if match is None or match["kind"] not in ALLEGATION_KINDS:
            cells.reject(f"unknown allegation kind in {part!r} (expected 'SE (...)' or "
                         "'SA (...)')", row, column)
        found.append({"kind": match["kind"],
                      "detail": _fits(cells, match["detail"], row, column, 80)})
    return found


def _actions(cells: CellReader, text: str, row: int, column: str) -> list[dict[str, Any]]:
    """`UN Repatriation (1)` -> actor UN, action Repatriation, count 1; `None (3)` has no actor."""
    found = []
    for part in _segments(text):
        text_part, count = _split_count(part)
        if text_part in ACTIONS_WITHOUT_ACTOR:
            actor, action = None, text_part
        else:
            actor, _, action = text_part.partition(" ")
            if actor not in ACTION_ACTORS:
                cells.reject(f"unknown action prefix {actor!r} in {part!r} (known: "
                             f"{', '.join(ACTION_ACTORS + ACTIONS_WITHOUT_ACTOR)})", row, column)
        found.append({"actor": actor,
                      "action": _fits(cells, action, row, column, 120) or None,
                      "count": count})
    return found


def _split_count(part: str) -> tuple[str, int | None]:
    match = TRAILING_COUNT.match(part)
    if match is None:
        return part, None
    return match["text"], int(match["count"])


def _investigation(cells: CellReader, text: str, row: int
                   ) -> tuple[str | None, int | None, bool]:
    """`UN OIOS (238)` -> entity, days, pending; days is None when pending or not applicable."""
    column = "Investigation (days)"
    parts = _segments(text)
    if not parts:
        return None, None, False
    if len(parts) > 1:
        cells.reject(f"expected one investigation, found {len(parts)}", row, column)
    match = INVESTIGATION.match(parts[0])
    if match is None:
        cells.reject(f"expected 'entity (days)', 'entity (Pending)' or 'entity (N/A)', "
                     f"found {parts[0]!r}", row, column)
    entity = _fits(cells, match["entity"], row, column, 40)
    days = match["days"]
    return (None if entity == PENDING_ENTITY else entity,
            int(days) if days.isdigit() else None,
            days == "Pending")


def _results(cells: CellReader, text: str, row: int) -> list[dict[str, Any]]:
    """`Substantiated (Rape) (1)` -> result substantiated, detail Rape, count 1."""
    found = []
    for part in _segments(text):
        body, count = _split_count(part)
        match = RESULT.match(body)
        outcome = match["outcome"] if match else body
        if outcome not in RESULTS:
            cells.reject(f"unknown result {outcome!r} in {part!r} "
                         f"(known: {', '.join(RESULTS)})", row, "Result")
        found.append({"result": RESULTS[outcome],
                      "detail": _detail(cells, match["rest"] or "", row),
                      "count": count})
    return found


def _detail(cells: CellReader, text: str, row: int) -> str | None:
    """`(UN review) (Pending)` -> `UN review (Pending)`: the first bracket is the sub-reason."""
    groups = _bracket_groups(text)
    if groups is None:
        cells.reject(f"unbalanced brackets in {text!r}", row, "Result")
    if not groups:
        return None
    return groups[0] + "".join(f" ({extra})" for extra in groups[1:])


def _bracket_groups(text: str) -> list[str] | None:
    """The top-level bracketed parts of `text`, or None when brackets do not balance."""
    groups, depth, start = [], 0, 0
    for position, char in enumerate(text):
        if char == "(":
            if depth == 0:
                start = position + 1
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
            if depth == 0:
                groups.append(text[start:position].strip())
        elif depth == 0 and not char.isspace():
            return None
    return groups if depth == 0 else None


def _overall_result(results: list[dict[str, Any]]) -> str | None:
    """The allegation's result when every perpetrator group shares it; else see SeaResult."""
    slugs = {r["result"] for r in results}
    return slugs.pop() if len(slugs) == 1 else None
