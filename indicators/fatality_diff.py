"""Fatality records read into a frame, and their differences between two data versions: one
record per UN record id, its fields revised, records added to months already published, and
records withdrawn."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, select

from indicators.models.facts import Fatality
from indicators.stored_values import stored_text

FATALITY_SOURCE = "un-fatalities"
# What a later release may correct in a record (the UN's record id stays; casualty_id is not
# unique, so it cannot be the key).
FATALITY_FIELDS = ["mission", "nationality", "personnel_type", "incident_type",
                   "incident_date", "gender"]
_COLUMNS = ["record", "month", "country_iso3", *FATALITY_FIELDS]


def read_fatalities(conn: Connection) -> pd.DataFrame:
    f = Fatality
    rows = conn.execute(select(
        f.id, f.month, f.nationality_iso3, f.mission, f.nationality_iso3, f.nationality_name,
        f.personnel_type, f.incident_type, f.incident_date, f.gender)).all()
    frame = pd.DataFrame(rows, columns=["record", "month", "country_iso3", "mission", "iso3",
                                        "name", "personnel_type", "incident_type",
                                        "incident_date", "gender"])
    # A nationality the UN left undetermined has a name or nothing, never a code.
    frame["nationality"] = frame["iso3"].fillna(frame["name"])
    frame["incident_date"] = frame["incident_date"].map(
        lambda d: d.isoformat() if d is not None and not pd.isna(d) else None)
    frame["record"] = frame["record"].astype(int).astype(str)
    return frame[_COLUMNS]


def fatality_changes(old: pd.DataFrame, new: pd.DataFrame) -> list[dict]:
    """Each field a release revised in a record both versions have; records added to months
    the old version had (a new month's records are its new month, not one change each); and
    every record withdrawn, whatever its month (a month left with no record would otherwise
    vanish without trace)."""
    old_months = set(old["month"])
    merged = old.merge(new, on="record", how="outer", suffixes=("_old", "_new"),
                       indicator=True)
    changes = []
    added = merged[(merged["_merge"] == "right_only") & merged["month_new"].isin(old_months)]
    for row in added.to_dict("records"):
        changes.append(_row(row, "_new", "added", None, None, _describe(row, "_new")))
    for row in merged[merged["_merge"] == "left_only"].to_dict("records"):
        changes.append(_row(row, "_old", "withdrawn", None, _describe(row, "_old"), None))
    both = merged[merged["_merge"] == "both"]
    for field in FATALITY_FIELDS:
        o, n = both[f"{field}_old"], both[f"{field}_new"]
        differ = both[~((o == n) | (o.isna() & n.isna())).to_numpy()]
        for row in differ.to_dict("records"):
            changes.append(_row(row, "_new", "revised", field,
                                stored_text(row[f"{field}_old"]),
                                stored_text(row[f"{field}_new"])))
    return changes


def _describe(row: dict, suffix: str) -> str:
    """A whole record in one text, so a record withdrawn and later restored as it was reads
    as no change."""
    return ", ".join(stored_text(row[f"{field}{suffix}"]) or ""
                     for field in FATALITY_FIELDS)


def _row(row: dict, suffix: str, kind: str, field, old, new) -> dict:
    # The record id goes in allegation_key, fact_change's column for a row's own identity.
    return {"domain": "fatality", "source": FATALITY_SOURCE, "kind": kind,
            "month": row[f"month{suffix}"], "mission": row[f"mission{suffix}"],
            "country_iso3": stored_text(row[f"country_iso3{suffix}"]), "category": None,
            "allegation_key": row["record"], "field": field, "old_value": old,
            "new_value": new}
