"""Importer for Geo-PKO v2.3 deployment locations per mission-year (FrontMap_v.2.3.csv)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pycountry

from indicators.importers.base import CellReader, ParsedFile, check_mission, read_csv
from indicators.models.facts import DeploymentLocation

OWNS: tuple[type, ...] = (DeploymentLocation,)

HEADER = [
    "mission", "year", "country", "location", "latitude", "longitude", "Infantry", "NoTroops",
    "Reserve", "hq", "UNPOL", "Med", "Av", "UNMO", "ave.no.troops",
]
# Our column <- the file's column; NA means Geo-PKO could not code it, kept as None.
COUNT_COLUMNS = {
    "infantry": "Infantry",
    "troops": "NoTroops",
    "reserve": "Reserve",
    "hq_level": "hq",
    "police_units": "UNPOL",
    "medical_units": "Med",
    "aviation_units": "Av",
    "observer_units": "UNMO",
}


def parse(path: Path) -> ParsedFile:
    cells = CellReader(path.name)
    rows, missions = [], {}
    rows_read = 0
    for row, record in read_csv(path, HEADER):
        rows_read += 1
        mission = check_mission(cells, record["mission"], row, "mission")
        year = mission_year(cells, record["year"], row)
        location = {
            "id": rows_read,
            "mission": mission,
            "year": year,
            "location": cells.text(record["location"], row, "location"),
            "country_name": place_country(cells, record["country"], row),
            **coordinates(cells, record, row),
            "troops_estimate": cells.decimal(record["ave.no.troops"], row, "ave.no.troops",
                                             required=False),
        }
        for ours, theirs in COUNT_COLUMNS.items():
            location[ours] = cells.integer(record[theirs], row, theirs, required=False)
        rows.append(location)
        missions.setdefault(mission, {})
    years = [r["year"] for r in rows]
    return ParsedFile(
        rows_read=rows_read,
        tables={DeploymentLocation: rows},
        missions=missions,
        coverage_start=dt.date(min(years), 1, 1) if years else None,
        coverage_end=dt.date(max(years), 12, 31) if years else None,
    )


# Geo-PKO's names for places pycountry does not know by that name.
GEO_PKO_PLACES = {"DRC", "Ivory Coast", "Kosovo", "Ethiopia/Eritrea"}


def place_country(cells: CellReader, value: str | None, row: int) -> str | None:
    """The country a location is in, as Geo-PKO names it: a country pycountry knows by that
    name, or one of Geo-PKO's own names; anything else ("Atlantis") rejects the file."""
    name = cells.text(value, row, "country", required=False)
    if name is None or name in GEO_PKO_PLACES:
        return name
    try:
        pycountry.countries.lookup(name)
    except LookupError:
        cells.reject(f"unknown country {name!r} (not an ISO 3166 name, nor one of Geo-PKO's "
                     f"own: {', '.join(sorted(GEO_PKO_PLACES))})", row, "country")
    return name


def coordinates(cells: CellReader, record: dict, row: int) -> dict:
    latitude = cells.decimal(record["latitude"], row, "latitude")
    longitude = cells.decimal(record["longitude"], row, "longitude")
    if not -90 <= latitude <= 90:
        cells.reject(f"latitude {latitude} is outside -90..90", row, "latitude")
    if not -180 <= longitude <= 180:
        cells.reject(f"longitude {longitude} is outside -180..180", row, "longitude")
    return {"latitude": latitude, "longitude": longitude}


def mission_year(cells: CellReader, value: str, row: int) -> int:
    year = cells.integer(value, row, "year")
    if not 1945 <= year <= 2100:
        cells.reject(f"year {year} is not a plausible mission year", row, "year")
    return year

