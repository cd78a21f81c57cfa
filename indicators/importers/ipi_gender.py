"""Importer for IPI's monthly uniformed personnel by country, mission, category and gender."""

from __future__ import annotations

from pathlib import Path

from indicators.importers.base import (
    CellReader,
    ParsedFile,
    check_mission,
    month_start,
    read_csv,
)
from indicators.models.facts import Contribution, Deployment
from indicators.reference import country_by_iso3

OWNS: tuple[type, ...] = (Contribution, Deployment)

# The file's column prefix for each of our personnel categories. The file has no separate
# staff-officer figures (UN reports of the time counted staff officers within troops).
CATEGORY_COLUMNS = {
    "individual-police": "Individual_Police",
    "formed-police-units": "Formed_Police_Units",
    "experts-on-mission": "Experts_on_Mission",
    "troops": "Troops",
}
HEADER = ["Date", "Contributor", "Contributor_ISO-3", "Mission"] + [
    f"{prefix}_{part}"
    for prefix in [*CATEGORY_COLUMNS.values(), "Total"]
    for part in ("Male", "Female", "Total")
]
KEY_COLUMNS = ("Contributor", "Contributor_ISO-3", "Mission")

# Documented rules that set rows aside (each counted in the import log).
RULE_AGGREGATE = "aggregate rows (Contributor or Mission is 'all'): published totals, not records"
RULE_DUPLICATE = "exact duplicate of another record (2014-03 to 2014-08 are published twice)"


def parse(path: Path) -> ParsedFile:
    cells = CellReader(path.name)
    records, rows, countries, missions, months = [], [], {}, {}, set()
    seen_records: set[tuple] = set()
    seen_keys: dict[tuple, int] = {}
    set_aside = {RULE_AGGREGATE: 0, RULE_DUPLICATE: 0}
    rows_read = 0
    for row, record in read_csv(path, HEADER):
        rows_read += 1
        # From 2014-03-31 the loader that wrote the file appended a stray apostrophe to
        # names and codes (UNMISS'); strip it before anything compares them.
        for column in KEY_COLUMNS:
            record[column] = record[column].strip().removesuffix("'")
        if record["Contributor"] == "all" or record["Mission"] == "all":
            set_aside[RULE_AGGREGATE] += 1
            continue
        fingerprint = tuple(record[column] for column in HEADER)
        if fingerprint in seen_records:
            set_aside[RULE_DUPLICATE] += 1
            continue
        seen_records.add(fingerprint)

        month = month_start(cells.date(record["Date"], row, "Date"))
        iso3 = cells.text(record["Contributor_ISO-3"], row, "Contributor_ISO-3")
        if country_by_iso3(iso3) is None:
            cells.reject(f"unknown country code {iso3!r}", row, "Contributor_ISO-3")
        mission = check_mission(cells, record["Mission"], row, "Mission")
        key = (month, iso3, mission)
        if key in seen_keys:
            cells.reject(
                f"{iso3} in {mission} for {month:%Y-%m} already appears on row "
                f"{seen_keys[key]} with different numbers", row, "Mission")
        seen_keys[key] = row
        for category, prefix in CATEGORY_COLUMNS.items():
            deployment = _category_counts(cells, record, row, prefix)
            if deployment is not None:
                rows.append({"month": month, "country_iso3": iso3, "mission": mission,
                             "category": category, **deployment})
        countries[iso3] = cells.text(record["Contributor"], row, "Contributor")
        missions.setdefault(mission, {})
        months.add(month)
        for part in ("Male", "Female"):  # checked for type; derived, so not stored
            cells.integer(record[f"Total_{part}"], row, f"Total_{part}", required=False)
        records.append({"month": month, "country_iso3": iso3, "mission": mission,
                        "published_total": cells.integer(record["Total_Total"], row,
                                                         "Total_Total", required=False)})
    return ParsedFile(
        rows_read=rows_read,
        tables={Contribution: records, Deployment: rows},
        set_aside=set_aside,
        countries=countries,
        missions=missions,
        months=months,
        coverage_start=min(months, default=None),
        coverage_end=max(months, default=None),
    )


def _category_counts(cells: CellReader, record: dict, row: int, prefix: str) -> dict | None:
    """Women, men and the published total for one category; None when the country has none.

    The published total is the headcount: in a few rows women + men differ from it, and the
    total is what the UN reported, so it is kept as is.
    """
    total = cells.integer(record[f"{prefix}_Total"], row, f"{prefix}_Total", required=False)
    women = cells.integer(record[f"{prefix}_Female"], row, f"{prefix}_Female", required=False)
    men = cells.integer(record[f"{prefix}_Male"], row, f"{prefix}_Male", required=False)
    if total is None:
        if women is not None or men is not None:
            cells.reject("women or men are given but the total is missing", row,
                         f"{prefix}_Total")
        return None
    return {"women": women, "men": men, "total": total}
