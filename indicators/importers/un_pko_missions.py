"""Importer for the UN list of peacekeeping operations (DPPADPOSS-PKO.csv): mission details."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from indicators.importers.base import CellReader, ParsedFile, check_mission, read_csv

OWNS: tuple[type, ...] = ()  # it describes missions; it owns no fact table

HEADER = [
    "id", "mission_acronym", "mission_name", "lead_department", "mission_isactive",
    "start_date", "end_date", "mission_location", "mission_longitude", "mission_latitude",
    "last_update",
]
ACTIVE_CODES = {"Yes": True, "No": False, "NO": False}

# Longitude and latitude are swapped in the published file for these entries (checked against
# the HQ city named in mission_location).
SWAPPED_COORDINATES = {
    "UNOSOM I",  # Mogadishu is 2.03 N, 45.35 E; published as longitude 2.03, latitude 45.35
    "UNOSOM II",  # same as UNOSOM I
    "UNAVEM I",  # Luanda is 8.84 S, 13.23 E; published as longitude -8.84
    "UNAVEM II",  # same as UNAVEM I
    "UNEF",  # Gaza is 31.50 N, 34.47 E; published as longitude 31.50
    "UNSCOB",  # Salonika/Athens is about 38 N, 23 E; published as longitude 37.97
    "MINUSMA",  # Bamako is 12.65 N, 8.00 W; published as longitude 12.65, latitude -8.00
}

# Facts the file has wrong, each with the source of the correction.
STATUS_CORRECTIONS = {
    # Security Council resolution 2690 (2023) ended the mandate; the UN completed the
    # withdrawal on 31 December 2023, but the file (updated 2024-02-19) still says active.
    "MINUSMA": {"active": False, "end_date": dt.date(2023, 12, 31)},
}


def parse(path: Path) -> ParsedFile:
    cells = CellReader(path.name)
    missions: dict[str, dict] = {}
    updates: list[dt.date] = []
    rows_read = 0
    for row, record in read_csv(path, HEADER):
        rows_read += 1
        acronym = check_mission(cells, record["mission_acronym"], row, "mission_acronym")
        if acronym in missions:
            cells.reject(f"mission {acronym!r} is listed twice", row, "mission_acronym")
        longitude = cells.decimal(record["mission_longitude"], row, "mission_longitude",
                                  required=False)
        latitude = cells.decimal(record["mission_latitude"], row, "mission_latitude",
                                 required=False)
        if acronym in SWAPPED_COORDINATES:
            longitude, latitude = latitude, longitude
        if latitude is not None and not -90 <= latitude <= 90:
            cells.reject(f"latitude {latitude} is outside -90..90", row, "mission_latitude")
        attributes = {
            "name": cells.text(record["mission_name"], row, "mission_name"),
            "lead_department": cells.text(record["lead_department"], row, "lead_department",
                                          required=False),
            "is_peacekeeping": True,
            "active": cells.code(record["mission_isactive"].strip(), row, "mission_isactive",
                                 ACTIVE_CODES),
            "start_date": cells.date(record["start_date"], row, "start_date", required=False),
            "end_date": cells.date(record["end_date"], row, "end_date", required=False),
            "hq": cells.text(record["mission_location"], row, "mission_location",
                             required=False),
            "latitude": latitude,
            "longitude": longitude,
        }
        attributes.update(STATUS_CORRECTIONS.get(acronym, {}))
        missions[acronym] = attributes
        updates.append(cells.date(record["last_update"], row, "last_update"))
    starts = [m["start_date"] for m in missions.values() if m["start_date"]]
    return ParsedFile(
        rows_read=rows_read,
        tables={},
        missions=missions,
        coverage_start=min(starts, default=None),
        coverage_end=max(updates, default=None),
        as_of=max(updates, default=None),
    )
