"""Importer for Geo-PKO v2.3 unit types present per location and year (TTMap_v.2.3.csv)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from indicators.importers.base import CellReader, ParsedFile, check_mission, read_csv
from indicators.importers.geo_pko_locations import coordinates, mission_year
from indicators.models.facts import LocationUnitType

OWNS: tuple[type, ...] = (LocationUnitType,)

# Our unit type <- the file's column.
UNIT_COLUMNS = {
    "infantry": "Infantry",
    "engineering": "eng",
    "medical": "med",
    "signals": "sig",
    "aviation": "av",
    "riverine": "riv",
    "maintenance": "maint",
    "transport": "trans",
}
HEADER = ["mission", "year", "location", "latitude", "longitude", *UNIT_COLUMNS.values()]


def parse(path: Path) -> ParsedFile:
    cells = CellReader(path.name)
    rows, missions, years = [], {}, []
    rows_read = 0
    for row, record in read_csv(path, HEADER):
        rows_read += 1
        mission = check_mission(cells, record["mission"], row, "mission")
        year = mission_year(cells, record["year"], row)
        place = {
            "mission": mission,
            "year": year,
            "location": cells.text(record["location"], row, "location"),
            **coordinates(cells, record, row),
        }
        for unit_type, column in UNIT_COLUMNS.items():
            units = cells.integer(record[column], row, column)
            if units:  # only types actually present become rows
                rows.append({"id": len(rows) + 1, **place, "unit_type": unit_type,
                             "units": units})
        missions.setdefault(mission, {})
        years.append(year)
    return ParsedFile(
        rows_read=rows_read,
        tables={LocationUnitType: rows},
        missions=missions,
        coverage_start=dt.date(min(years), 1, 1) if years else None,
        coverage_end=dt.date(max(years), 12, 31) if years else None,
    )
