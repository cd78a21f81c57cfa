"""Write one parsed file into the database in a single transaction, and log what happened.

The same file again changes nothing (its checksum is already recorded); a new version of a
source replaces that source's rows; a rejected file leaves the database exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from indicators.importers import importer_for
from indicators.importers.base import ImportRejected, ParsedFile
from indicators.importers.checks import check_parsed
from indicators.manifest import Source
from indicators.measures.personnel_rows import refresh_personnel
from indicators.models.dimensions import Country, Mission, Month
from indicators.models.facts import Deployment
from indicators.models.provenance import ImportLog, SourceVersion
from indicators.reference import country_by_iso3
from indicators.transactions import Bind, reading, writing

# The UN's own list of peacekeeping operations describes a mission better than any other file.
AUTHORITATIVE_MISSION_SOURCE = "un-pko-missions"


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one file: loaded, replaced (new version), unchanged, or rejected."""

    source: str
    status: str
    file_name: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_set_aside: int = 0
    set_aside: dict[str, int] | None = None
    message: str = ""
    sha256: str = ""  # the file's checksum, where it was read


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def import_file(bind: Bind, source: Source, path: Path, pinned: str | None = None
                ) -> ImportOutcome:
    """Import `path` as the current version of `source`; never leaves a half-written source.
    `bind` is an engine (the file is written in its own transaction) or the connection of a
    build (a savepoint in the build's transaction). With `pinned` (the sha256 the manifest
    pins), any other file is refused. Every file must pass importers.checks."""
    checksum = sha256_of(path)
    with reading(bind) as conn:
        current = conn.execute(
            select(SourceVersion.sha256, SourceVersion.rows_loaded)
            .where(SourceVersion.source == source.slug)
        ).one_or_none()
    if current is not None and current.sha256 == checksum:
        return ImportOutcome(source.slug, "unchanged", path.name,
                             message="this exact file is already loaded")
    if pinned and checksum != pinned:
        return ImportOutcome(source.slug, "rejected", path.name, sha256=checksum, message=(
            f"{path.name}: sha256 {checksum[:12]}… is not the version data/sources.toml pins "
            f"({pinned[:12]}…): a damaged or cut copy, or a new version. If {source.publisher} "
            f"published a new version, run `pkdash build --new-version {source.slug}` to load "
            "it (it must pass the new-version checks), then pin it in data/sources.toml."))

    importer = importer_for(source.importer)
    started = _now()
    try:
        parsed = importer.parse(path)
        with reading(bind) as conn:
            check_parsed(conn, path.name, importer.OWNS, parsed,
                         current.rows_loaded if current is not None else None)
    except ImportRejected as rejection:
        return ImportOutcome(source.slug, "rejected", path.name, message=str(rejection))

    status = "replaced" if current is not None else "loaded"
    try:
        with writing(bind) as conn:
            write_parsed(conn, source.slug, importer.OWNS, parsed)
            record_version(conn, source, path.name, checksum, parsed, illustrative=False)
            conn.execute(insert(ImportLog).values(
                source=source.slug, file_name=path.name, sha256=checksum, status=status,
                rows_read=parsed.rows_read, rows_loaded=parsed.rows_loaded,
                rows_set_aside=parsed.rows_set_aside,
                set_aside_detail=json.dumps(parsed.set_aside, sort_keys=True),
                message="", started_at=started, finished_at=_now(),
            ))
    except SQLAlchemyError as error:
        # A constraint the parser could not see (for example a duplicate key): refuse the file.
        reason = str(getattr(error, "orig", error)).splitlines()[0]
        return ImportOutcome(source.slug, "rejected", path.name,
                             message=f"{path.name}: the database refused the rows: {reason}")
    return ImportOutcome(source.slug, status, path.name, parsed.rows_read, parsed.rows_loaded,
                         parsed.rows_set_aside, parsed.set_aside)


def write_parsed(conn: Connection, source_slug: str, owned_tables: tuple[type, ...],
                 parsed: ParsedFile) -> None:
    """Make dimensions exist, then replace every row of the tables this source owns."""
    ensure_countries(conn, parsed.countries)
    ensure_missions(conn, parsed.missions, source_slug)
    ensure_months(conn, parsed.months)
    for model in reversed(owned_tables):  # children first, for foreign keys
        conn.execute(delete(model))
    for model in owned_tables:
        rows = parsed.tables.get(model, [])
        if rows:
            conn.execute(insert(model), rows)
    if Deployment in owned_tables:  # the personnel series is rewritten with its facts
        refresh_personnel(conn)


def record_version(conn: Connection, source: Source, file_name: str, checksum: str,
                   parsed: ParsedFile, illustrative: bool) -> None:
    conn.execute(delete(SourceVersion).where(SourceVersion.source == source.slug))
    conn.execute(insert(SourceVersion).values(
        source=source.slug, title=source.title, publisher=source.publisher,
        file_name=file_name, sha256=checksum, as_of=parsed.as_of or source.as_of,
        coverage_start=parsed.coverage_start, coverage_end=parsed.coverage_end,
        rows_loaded=parsed.rows_loaded, illustrative=illustrative, citation=source.citation,
        loaded_at=_now(),
    ))


def ensure_countries(conn: Connection, countries: dict[str, str]) -> None:
    """Add countries not yet known; codes were checked against ISO 3166 by the importer."""
    if not countries:
        return
    known = set(conn.execute(select(Country.iso3)).scalars())
    new_rows = []
    for iso3, published_name in sorted(countries.items()):
        if iso3 in known:
            continue
        ref = country_by_iso3(iso3)
        if ref is None:  # importers check first; this guards against a forgotten check
            raise ValueError(f"unknown country code {iso3!r}")
        new_rows.append({"iso3": iso3, "m49": ref.m49, "name": published_name or ref.name,
                         "historic": ref.historic})
    if new_rows:
        conn.execute(insert(Country), new_rows)


def ensure_missions(conn: Connection, missions: dict[str, dict[str, Any]], source_slug: str
                    ) -> None:
    """Add unknown missions; fill in missing attributes; the UN's PKO list overrides others."""
    if not missions:
        return
    existing = {m.acronym: m for m in conn.execute(select(Mission.__table__))}
    authoritative = source_slug == AUTHORITATIVE_MISSION_SOURCE
    new_rows = []
    for acronym, attributes in sorted(missions.items()):
        current = existing.get(acronym)
        if current is None:
            new_rows.append({"acronym": acronym, **attributes, "described_by": source_slug})
            continue
        changes = {
            name: value for name, value in attributes.items()
            if value is not None and (authoritative or getattr(current, name) is None)
        }
        if authoritative:
            changes["described_by"] = source_slug
        if changes:
            conn.execute(update(Mission).where(Mission.acronym == acronym).values(**changes))
    if new_rows:
        conn.execute(insert(Mission), new_rows)


def ensure_months(conn: Connection, months: set[dt.date]) -> None:
    if not months:
        return
    known = set(conn.execute(select(Month.month)).scalars())
    new_rows = [
        {"month": m, "year": m.year, "month_number": m.month}
        for m in sorted(months) if m not in known
    ]
    if new_rows:
        conn.execute(insert(Month), new_rows)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
