"""Data versions: every build records one (each source's file, checksum and months, the
headline KPIs) with the facts it added, revised or withdrew since the version before, so no
figure is overwritten without trace; and the look-ups that name a version ("since when")."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import Connection, func, insert, select

from indicators.change_set import DataVersionInfo
from indicators.fatality_diff import FATALITY_SOURCE, fatality_changes
from indicators.i18n import _
from indicators.models.facts import Deployment, Fatality, MissionMonthTotal
from indicators.models.provenance import SourceVersion
from indicators.models.reports import MonthlyReport
from indicators.models.rollups import PersonnelFact
from indicators.models.sea import SeaAllegation
from indicators.models.versions import DataVersion, DataVersionSource, FactChange, KpiSnapshot
from indicators.targets import TARGET_GROUP, UGPS_GROUPS, group_target
from indicators.transactions import Bind, reading
from indicators.version_diff import (
    PERSONNEL_SOURCES,
    SEA_SOURCE,
    Facts,
    allegation_changes,
    personnel_changes,
    read_facts,
)

# The months each source reports, by the table that holds its facts.
MONTH_COLUMNS = {
    "ipi-gender": Deployment.month,
    "un-dpo-contributions": MonthlyReport.month,
    "ipi-mission-totals": MissionMonthTotal.month,
    FATALITY_SOURCE: Fatality.month,
    SEA_SOURCE: SeaAllegation.reported_month,
}
# Headline figures kept per version: women's share of each UGPS target group (with its target)
# and of all uniformed personnel, and the uniformed headcount, at the latest month with a
# gender split (the month the UGPS tracker reads by default).
WOMEN_SHARE = "women-share"
HEADCOUNT = "uniformed-personnel"


class SinceError(ValueError):
    """A "since" that names no data version; the message says what was wrong."""


def capture(conn: Connection) -> Facts | None:
    """The facts before a build changes them, if there is a version to compare with (the
    first version is the baseline and lists no changes)."""
    if latest_version_id(conn) is None:
        return None
    return read_facts(conn)


def record_version(conn: Connection, report=None, before: Facts | None = None) -> int:
    """Record a new data version in the caller's transaction: each source's file, checksum and
    months, the headline KPIs, and (given `before`, the facts the build started from) every
    fact added, revised or withdrawn in the sources that changed. Returns its id; when no
    source changed since the latest version, records nothing and returns that version's id."""
    previous = latest_version_id(conn)
    old_sources = _sources(conn, previous) if previous is not None else {}
    sources = _current_sources(conn)
    if previous is not None and sources == old_sources:
        # Every source's file as it was: the data are the previous version's, so a rebuild
        # with the same files (or one whose new file was refused) writes nothing at all.
        return previous
    version_id = conn.execute(insert(DataVersion).values(
        created_at=dt.datetime.now(dt.UTC)).returning(DataVersion.id)).scalar_one()
    if sources:
        conn.execute(insert(DataVersionSource), [
            {"version_id": version_id, "source": slug, **row} for slug, row in sources.items()])
    changed = {slug for slug, row in sources.items()
               if old_sources.get(slug, {}).get("sha256") != row["sha256"]}
    # A source new in this version is its baseline: its rows are new months, not changes.
    changed = {slug for slug in changed if slug in old_sources} | {
        slug for slug in old_sources if slug not in sources}
    rows = []
    if before is not None and changed:
        parts = frozenset(part for part, slugs in (("personnel", PERSONNEL_SOURCES),
                                                   ("allegations", (SEA_SOURCE,)),
                                                   ("fatalities", (FATALITY_SOURCE,)))
                          if changed & set(slugs))
        after = read_facts(conn, parts)
        if changed & set(PERSONNEL_SOURCES):
            rows += personnel_changes(before.personnel, after.personnel)
        if SEA_SOURCE in changed:
            rows += allegation_changes(before.allegations, after.allegations)
        if FATALITY_SOURCE in changed:
            rows += fatality_changes(before.fatalities, after.fatalities)
    if rows:
        conn.execute(insert(FactChange), [{"version_id": version_id, **r} for r in rows])
    kpis = headline_kpis(conn)
    if kpis:
        conn.execute(insert(KpiSnapshot), [{"version_id": version_id, **k} for k in kpis])
    return version_id


def _current_sources(conn: Connection) -> dict[str, dict]:
    sources = {}
    for row in conn.execute(select(SourceVersion)):
        column = MONTH_COLUMNS.get(row.source)
        months = (sorted(conn.execute(select(column).distinct()).scalars())
                  if column is not None else [])
        sources[row.source] = {"file_name": row.file_name, "sha256": row.sha256,
                               "as_of": row.as_of,
                               "months": ",".join(f"{m:%Y-%m}" for m in months)}
    return sources


def _sources(conn: Connection, version_id: int) -> dict[str, dict]:
    return {row.source: {"file_name": row.file_name, "sha256": row.sha256, "as_of": row.as_of,
                         "months": row.months}
            for row in conn.execute(select(DataVersionSource).where(
                DataVersionSource.version_id == version_id))}


def source_months(bind: Bind, version_id: int) -> dict[str, set[dt.date]]:
    """The months each source covered in a version."""
    with reading(bind) as conn:
        return {slug: {dt.date(int(m[:4]), int(m[5:7]), 1) for m in row["months"].split(",")
                       if m}
                for slug, row in _sources(conn, version_id).items()}


def headline_kpis(conn: Connection) -> list[dict]:
    """Women's share (percent) of each UGPS target group with its target, of all uniformed
    personnel, and the headcount, at the latest month with a gender split."""
    p = PersonnelFact
    month = conn.execute(select(func.max(p.month)).where(
        p.has_gender, p.women.is_not(None))).scalar_one_or_none()
    if month is None:
        return []
    by_category = conn.execute(select(
        p.category, func.sum(p.women), func.sum(p.total)).where(
        p.month == month, p.has_gender, p.women.is_not(None)).group_by(p.category)).all()
    groups: dict[str, list[int]] = {}
    for category, women, total in by_category:
        for name in (TARGET_GROUP.get(category), "all"):
            if name:
                sums = groups.setdefault(name, [0, 0])
                sums[0] += women or 0
                sums[1] += total or 0
    headcount = conn.execute(select(func.sum(p.total)).where(p.month == month)).scalar_one()
    kpis = [{"indicator": HEADCOUNT, "value": float(headcount or 0), "target": None,
             "month": month}]
    for name in ("all", *UGPS_GROUPS):
        women, total = groups.get(name, (0, 0))
        target = group_target(name, month.year) if name != "all" else None
        kpis.append({"indicator": WOMEN_SHARE if name == "all" else f"{WOMEN_SHARE}-{name}",
                     "value": round(100 * women / total, 4) if total else None,
                     "target": target.percent if target else None, "month": month})
    return kpis


def latest_version_id(bind: Bind) -> int | None:
    with reading(bind) as conn:
        return conn.execute(select(func.max(DataVersion.id))).scalar_one_or_none()


def recent_versions(bind: Bind, limit: int) -> list[tuple[int, dt.datetime]]:
    """The latest `limit` data versions, newest first: (id, when made), for a list to pick
    from (one query; version_info reads a version's sources too)."""
    with reading(bind) as conn:
        rows = conn.execute(select(DataVersion.id, DataVersion.created_at)
                            .order_by(DataVersion.id.desc()).limit(limit)).all()
    return [(row.id, _aware(row.created_at)) for row in rows]


def version_info(bind: Bind, version_id: int) -> DataVersionInfo | None:
    with reading(bind) as conn:
        created = conn.execute(select(DataVersion.created_at).where(
            DataVersion.id == version_id)).scalar_one_or_none()
        if created is None:
            return None
        sources = {slug: {"sha256": row["sha256"], "file_name": row["file_name"],
                          "as_of": row["as_of"].isoformat() if row["as_of"] else None}
                   for slug, row in _sources(conn, version_id).items()}
    return DataVersionInfo(version_id, _aware(created), sources)


def resolve_since(bind: Bind, text: str) -> DataVersionInfo:
    """The data version a "since" names: "v3" or "3" (that version), a date YYYY-MM-DD (the
    version in force at the end of that day) or an ISO timestamp (the version in force then).
    """
    text = (text or "").strip()
    match = re.fullmatch(r"[vV]?(\d+)", text)
    if match:
        info = version_info(bind, int(match.group(1)))
        if info is None:
            raise SinceError(_("there is no data version {version}").format(version=text))
        return info
    moment = _moment(text)
    with reading(bind) as conn:
        version_id = conn.execute(select(func.max(DataVersion.id)).where(
            DataVersion.created_at <= moment)).scalar_one_or_none()
        first = conn.execute(select(func.min(DataVersion.created_at))).scalar_one_or_none()
    if version_id is None:
        if first is None:
            raise SinceError(_("no data version has been recorded yet: run `pkdash build`"))
        raise SinceError(_("{when} is before the first data version ({first})").format(
            when=text, first=_aware(first).isoformat(timespec="seconds")))
    return version_info(bind, version_id)


def _moment(text: str) -> dt.datetime:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            day = dt.date.fromisoformat(text)
            return dt.datetime.combine(day, dt.time.max, dt.UTC)
        return _aware(dt.datetime.fromisoformat(text))
    except ValueError:
        raise SinceError(_("{text!r} is not a date (YYYY-MM-DD), an ISO timestamp or a data "
                           "version (v3)").format(text=text)) from None


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back naive times: they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
