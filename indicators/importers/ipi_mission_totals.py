"""Importer for IPI's monthly totals per mission (data_mission.csv, 1990-2017)."""

from __future__ import annotations

from pathlib import Path

from indicators.importers.base import (
    CellReader,
    ParsedFile,
    check_mission,
    month_start,
    read_csv,
)
from indicators.models.facts import MissionMonthTotal
from indicators.reference import country_by_iso3

OWNS: tuple[type, ...] = (MissionMonthTotal,)

HEADER = [
    "Date", "Mission", "Country of Mission", "Country of Mission ISO-3", "Mission HQ",
    "Mission HQ Longitude", "Mission HQ Latitude", "Mission Continent", "Mission Region",
    "Mission - NAM", "Mission - G77", "Mission - AU", "Mission - Arab League", "Mission - OIC",
    "Mission - CIS", "Mission - G20", "Mission - EU", "Number of Contributors", "Troops",
    "Police", "Observers", "Total",
]


def parse(path: Path) -> ParsedFile:
    cells = CellReader(path.name)
    rows, missions, months = [], {}, set()
    seen: set[tuple] = set()
    rows_read = 0
    for row, record in read_csv(path, HEADER):
        rows_read += 1
        month = month_start(cells.date(record["Date"], row, "Date"))
        mission = check_mission(cells, record["Mission"], row, "Mission")
        if (month, mission) in seen:
            cells.reject(f"{mission} appears twice for {month:%Y-%m}", row, "Mission")
        seen.add((month, mission))
        host = cells.text(record["Country of Mission ISO-3"], row, "Country of Mission ISO-3",
                          required=False)
        if host and country_by_iso3(host) is None:
            cells.reject(f"unknown country code {host!r}", row, "Country of Mission ISO-3")
        # The file labels its HQ coordinates the wrong way round: the column called
        # "Longitude" holds latitudes (Luanda: "Longitude" -8.84). Read them by value range.
        first = cells.decimal(record["Mission HQ Longitude"], row, "Mission HQ Longitude",
                              required=False)
        second = cells.decimal(record["Mission HQ Latitude"], row, "Mission HQ Latitude",
                               required=False)
        latitude, longitude = _latitude_first(first, second)
        # Later rows overwrite earlier ones, so a mission takes its most recent description.
        missions[mission] = {
            "hq": cells.text(record["Mission HQ"], row, "Mission HQ", required=False),
            "latitude": latitude,
            "longitude": longitude,
            "region": cells.text(record["Mission Region"], row, "Mission Region",
                                 required=False),
            "continent": cells.text(record["Mission Continent"], row, "Mission Continent",
                                    required=False),
            "host_country_iso3": host,
        }
        months.add(month)
        rows.append({
            "month": month,
            "mission": mission,
            "troops": cells.integer(record["Troops"], row, "Troops", required=False),
            "police": cells.integer(record["Police"], row, "Police", required=False),
            "observers": cells.integer(record["Observers"], row, "Observers", required=False),
            "total": cells.integer(record["Total"], row, "Total", required=False),
            "contributors": cells.integer(record["Number of Contributors"], row,
                                          "Number of Contributors", required=False),
        })
    return ParsedFile(
        rows_read=rows_read,
        tables={MissionMonthTotal: rows},
        missions=missions,
        months=months,
        coverage_start=min(months, default=None),
        coverage_end=max(months, default=None),
    )


def _latitude_first(a: float | None, b: float | None) -> tuple[float | None, float | None]:
    """Return (latitude, longitude): the value beyond +-90 can only be a longitude."""
    if a is None or b is None:
        return None, None
    if abs(a) > 90:
        return b, a
    return a, b
