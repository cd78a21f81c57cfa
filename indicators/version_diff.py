"""The facts a data version holds, read into frames, and their differences from the version
before: personnel figures by month x mission x country x category, SEA allegations
matched across versions by what the UN never revises (their row numbers shift), and fatality
records by the UN's record id (indicators.fatality_diff)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, select

from indicators.fatality_diff import read_fatalities
from indicators.models.reports import MonthlyReport
from indicators.models.rollups import PersonnelFact
from indicators.models.sea import SeaAllegation, SeaPerpetrator, SeaVictim
from indicators.stored_values import stored_text

PERSONNEL_KEY = ["month", "mission", "country_iso3", "category"]
PERSONNEL_FIELDS = ["total", "women", "men"]
# What an allegation's later versions may change: its investigation and outcome.
ALLEGATION_FIELDS = ["result", "result_detail", "investigation_entity", "investigation_days",
                     "investigation_pending", "nio_appointed", "paternity_claim",
                     "paternity_established", "referral"]
PERSONNEL_SOURCES = ("ipi-gender", "un-dpo-contributions")
SEA_SOURCE = "un-sea-allegations"


@dataclass
class Facts:
    """One version's facts, as frames (None for a part not read)."""

    personnel: pd.DataFrame | None
    allegations: pd.DataFrame | None
    fatalities: pd.DataFrame | None


FACT_PARTS = frozenset({"personnel", "allegations", "fatalities"})


def read_facts(conn: Connection, parts: frozenset[str] = FACT_PARTS) -> Facts:
    """The parts asked for: after a build, only the changed sources' facts are read again
    (the personnel series alone takes about a second)."""
    return Facts(_personnel(conn) if "personnel" in parts else None,
                 _allegations(conn) if "allegations" in parts else None,
                 read_fatalities(conn) if "fatalities" in parts else None)


def _personnel(conn: Connection) -> pd.DataFrame:
    p = PersonnelFact
    frame = _frame(conn.execute(select(
        p.month, p.mission, p.country_iso3, p.category, p.total, p.women, p.men)).all(),
        PERSONNEL_KEY + PERSONNEL_FIELDS)
    for field in PERSONNEL_FIELDS:
        frame[field] = pd.to_numeric(frame[field]).astype("Int64")
    reported = set(conn.execute(select(MonthlyReport.month)).scalars())
    frame["mission"] = frame["mission"].fillna("")
    # A key may repeat (a report listing a country twice): compare what the series sums.
    frame = frame.groupby(PERSONNEL_KEY, as_index=False)[PERSONNEL_FIELDS].sum(min_count=1)
    frame["source"] = frame["month"].isin(reported).map(
        {True: "un-dpo-contributions", False: "ipi-gender"})
    return frame


def _frame(rows: list, columns: list[str]) -> pd.DataFrame:
    """Column by column: four times faster than a frame built row by row."""
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(dict(zip(columns, zip(*rows, strict=True), strict=True)))


def _allegations(conn: Connection) -> pd.DataFrame:
    a = SeaAllegation
    frame = pd.DataFrame(conn.execute(select(
        a.id, a.reported_month, a.mission, a.incident_period, a.nationality_iso3,
        a.nationality_name, *[getattr(a, f) for f in ALLEGATION_FIELDS])).all(),
        columns=["id", "reported_month", "mission", "incident_period", "nationality_iso3",
                 "nationality_name", *ALLEGATION_FIELDS])
    people = _listed(conn, select(SeaPerpetrator.allegation_id, SeaPerpetrator.personnel_type,
                                  SeaPerpetrator.count, SeaPerpetrator.nationality_iso3))
    victims = _listed(conn, select(SeaVictim.allegation_id, SeaVictim.victim_type,
                                   SeaVictim.count))
    nationalities = pd.DataFrame(conn.execute(select(
        SeaPerpetrator.allegation_id, SeaPerpetrator.nationality_iso3)).all(),
        columns=["id", "iso3"]).dropna().groupby("id")["iso3"].agg(
        lambda s: ",".join(sorted(set(s))))
    frame = frame.sort_values("id")
    text = (frame["reported_month"].astype(str) + "|" + frame["mission"] + "|"
            + frame["incident_period"].fillna("") + "|" + frame["nationality_iso3"].fillna("")
            + "|" + frame["nationality_name"].fillna("") + "|"
            + frame["id"].map(people).fillna("") + "|" + frame["id"].map(victims).fillna(""))
    fingerprint = text.map(lambda t: hashlib.sha256(t.encode()).hexdigest()[:24])
    # Equal fingerprints are told apart by their order in the UN table.
    rank = fingerprint.groupby(fingerprint).cumcount()
    frame["allegation_key"] = fingerprint + "-" + rank.astype(str)
    frame["nationalities"] = frame["id"].map(nationalities).fillna(
        frame["nationality_iso3"].fillna(""))
    return frame.drop(columns=["id"])


def _listed(conn: Connection, query) -> pd.Series:
    """Each allegation's child rows as one sorted text, by allegation id."""
    frame = pd.DataFrame(conn.execute(query).all())
    if frame.empty:
        return pd.Series(dtype=str)
    ids = frame.iloc[:, 0].astype(int)
    cells = frame.iloc[:, 1:].map(stored_text).fillna("")
    rows = cells.agg(":".join, axis=1)
    return rows.groupby(ids).agg(lambda s: ";".join(sorted(s)))


def personnel_changes(old: pd.DataFrame, new: pd.DataFrame) -> list[dict]:
    """Figures added, revised or withdrawn in months both versions have (a new month's rows
    are the version's new months, not one change each)."""
    both_months = set(old["month"]) & set(new["month"])
    old = old[old["month"].isin(both_months)]
    new = new[new["month"].isin(both_months)]
    merged = old.merge(new, on=PERSONNEL_KEY, how="outer", suffixes=("_old", "_new"),
                       indicator=True)
    changes = []
    for kind, side in (("added", "right_only"), ("withdrawn", "left_only")):
        for row in merged[merged["_merge"] == side].itertuples(index=False):
            source = row.source_new if kind == "added" else row.source_old
            value = row.total_new if kind == "added" else row.total_old
            changes.append(_personnel_row(row, source, kind, "total",
                                          None if kind == "added" else value,
                                          value if kind == "added" else None))
    both = merged[merged["_merge"] == "both"]
    for field in PERSONNEL_FIELDS:
        o, n = both[f"{field}_old"], both[f"{field}_new"]
        same = (o == n).fillna(False).astype(bool) | (o.isna() & n.isna())
        differ = both[~same.to_numpy()]
        for row in differ.itertuples(index=False):
            changes.append(_personnel_row(row, row.source_new, "revised", field,
                                          getattr(row, f"{field}_old"),
                                          getattr(row, f"{field}_new")))
    return changes


def _personnel_row(row, source, kind, field, old, new) -> dict:
    return {"domain": "personnel", "source": source, "kind": kind, "month": row.month,
            "mission": row.mission or None, "country_iso3": row.country_iso3,
            "category": row.category, "allegation_key": None, "field": field,
            "old_value": stored_text(old), "new_value": stored_text(new)}


def allegation_changes(old: pd.DataFrame, new: pd.DataFrame) -> list[dict]:
    """New and withdrawn allegations, and each investigation or outcome field that changed."""
    merged = old.merge(new, on="allegation_key", how="outer", suffixes=("_old", "_new"),
                       indicator=True)
    changes = []
    for kind, side, suffix in (("added", "right_only", "_new"),
                               ("withdrawn", "left_only", "_old")):
        for row in merged[merged["_merge"] == side].to_dict("records"):
            named = row[f"nationalities{suffix}"] or None
            # A withdrawn allegation keeps a value before (never None), so it reads as gone.
            old, new = ((None, named) if kind == "added"
                        else (named or row[f"mission{suffix}"], None))
            changes.append(_allegation_row(row, suffix, kind, None, old, new))
    both = merged[merged["_merge"] == "both"].to_dict("records")
    for row in both:
        for field in ALLEGATION_FIELDS:
            old_value = stored_text(row[f"{field}_old"])
            new_value = stored_text(row[f"{field}_new"])
            if old_value != new_value:
                changes.append(_allegation_row(row, "_new", "revised", field, old_value,
                                               new_value))
    return changes


def _allegation_row(row: dict, suffix: str, kind: str, field, old, new) -> dict:
    return {"domain": "allegation", "source": SEA_SOURCE, "kind": kind,
            "month": row[f"reported_month{suffix}"], "mission": row[f"mission{suffix}"],
            "country_iso3": stored_text(row[f"nationality_iso3{suffix}"]), "category": None,
            "allegation_key": row["allegation_key"], "field": field, "old_value": old,
            "new_value": new}
