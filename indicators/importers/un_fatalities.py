"""Importer for UN peacekeeping fatalities (DPPADPOSS-FATALITIES.csv): one row per casualty."""

from __future__ import annotations

from pathlib import Path

from indicators.importers.base import (
    CellReader,
    ParsedFile,
    check_mission,
    month_start,
    read_csv,
)
from indicators.models.facts import Fatality
from indicators.reference import country_by_iso3

OWNS: tuple[type, ...] = (Fatality,)

HEADER = [
    "id", "incident_date", "casualty_id", "mission_acronym", "type_of_casualty", "gender",
    "casualty_nationality", "casualty_personnel_type", "type_of_incident", "m49_code",
    "isocode3", "last_update",
]
INCIDENT_TYPES = {
    "Illness": "illness",
    "Accident": "accident",
    "Malicious Act": "malicious-act",
    "Self-Inflicted": "self-inflicted",
    "To Be Determined": "to-be-determined",
    "Unknown": "unknown",
}
# Compared after stripping spaces: the file publishes "Local " with a trailing space.
PERSONNEL_TYPES = {
    "Military": "military",
    "Military Observer": "military-observer",
    "Police": "police",
    "International Civilian": "international-civilian",
    "Local": "local",
    "Other": "other",
}
GENDERS = {"M": "male", "F": "female", "": None}
CASUALTY_TYPES = {"Fatality": "Fatality"}

# Nationalities published without a code; the name identifies the country unambiguously.
NATIONALITY_CODE_FIXES = {
    "Türkiye": "TUR",  # ISO 3166 name since 2022; the file leaves isocode3 blank
    "Côte dIvoire": "CIV",  # apostrophe lost in the file; code blank
    "Mauritius": "MUS",  # code blank in the file
    "Viet Nam": "VNM",  # code blank in the file
}
# Nationalities the UN records as not determined: kept as fatalities with no nationality.
UNDETERMINED_NATIONALITIES = {"", "ZZ [Undetermined]"}


def parse(path: Path) -> ParsedFile:
    cells = CellReader(path.name)
    rows, countries, missions, months, updates = [], {}, {}, set(), set()
    seen: dict[int, int] = {}
    rows_read = 0
    for row, record in read_csv(path, HEADER):
        rows_read += 1
        record_id = cells.integer(record["id"], row, "id")
        if record_id in seen:
            cells.reject(f"record id {record_id} already appears on row {seen[record_id]}",
                         row, "id")
        seen[record_id] = row
        casualty_id = cells.text(record["casualty_id"], row, "casualty_id")
        cells.code(record["type_of_casualty"], row, "type_of_casualty", CASUALTY_TYPES)
        incident_date = cells.date(record["incident_date"], row, "incident_date")
        mission = check_mission(cells, record["mission_acronym"], row, "mission_acronym")
        name = record["casualty_nationality"].strip()
        iso3 = _nationality_code(cells, record, row, name)
        _check_m49(cells, record, row, iso3)
        if iso3:
            countries[iso3] = name
        missions.setdefault(mission, {})
        months.add(month_start(incident_date))
        updates.add(cells.date(record["last_update"], row, "last_update"))
        rows.append({
            "id": record_id,
            "casualty_id": casualty_id,
            "incident_date": incident_date,
            "month": month_start(incident_date),
            "mission": mission,
            "gender": cells.code(record["gender"].strip(), row, "gender", GENDERS),
            "nationality_iso3": iso3,
            "nationality_name": None if name in UNDETERMINED_NATIONALITIES else name,
            "personnel_type": cells.code(record["casualty_personnel_type"].strip(), row,
                                         "casualty_personnel_type", PERSONNEL_TYPES),
            "incident_type": cells.code(record["type_of_incident"].strip(), row,
                                        "type_of_incident", INCIDENT_TYPES),
        })
    dates = [r["incident_date"] for r in rows]
    return ParsedFile(
        rows_read=rows_read,
        tables={Fatality: rows},
        countries=countries,
        missions=missions,
        months=months,
        coverage_start=min(dates, default=None),
        coverage_end=max(dates, default=None),
        as_of=max(updates, default=None),
    )


def _nationality_code(cells: CellReader, record: dict, row: int, name: str) -> str | None:
    code = record["isocode3"].strip()
    if not code:
        if name in UNDETERMINED_NATIONALITIES:
            return None
        if name not in NATIONALITY_CODE_FIXES:
            cells.reject(f"nationality {name!r} has no country code and no known correction",
                         row, "isocode3")
        code = NATIONALITY_CODE_FIXES[name]
    if country_by_iso3(code) is None:
        cells.reject(f"unknown country code {code!r}", row, "isocode3")
    return code


def _check_m49(cells: CellReader, record: dict, row: int, iso3: str | None) -> None:
    """The UN M49 code, where given ("288.0"), is a whole number and, for a current country,
    the nationality's own."""
    text = record["m49_code"].strip()
    if not text:
        return
    number = cells.decimal(text, row, "m49_code")
    if number != int(number):
        cells.reject(f"M49 code {text!r} is not a whole number", row, "m49_code")
    ref = country_by_iso3(iso3) if iso3 else None
    # Former states keep the UN's own M49 codes (Yugoslavia 890), not ISO 3166-3's numbers.
    if ref is not None and not ref.historic and ref.m49 is not None and int(number) != ref.m49:
        cells.reject(f"M49 code {int(number)} is not {iso3}'s ({ref.m49})", row, "m49_code")
