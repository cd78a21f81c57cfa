"""Import a series source (one file a month in a folder): each month in its own transaction.

Every file in the folder is considered, listed or not, so next month's report is taken without
a code change. A listed file must have its listed checksum; any file must add up to its own
printed totals. A month whose file is unchanged is skipped without reading the PDF; a refused
file leaves its month exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from sqlalchemy import delete, insert, select

from indicators.importers.base import ImportRejected
from indicators.importers.load import (
    ImportOutcome,
    ensure_countries,
    ensure_missions,
    ensure_months,
    sha256_of,
)
from indicators.importers.un_monthly.month import MonthRows, month_rows
from indicators.importers.un_monthly.parse_cache import UnreadableReport, cached_parse
from indicators.manifest import Source
from indicators.measures.personnel_rows import refresh_personnel
from indicators.models.provenance import ImportLog, SourceVersion
from indicators.models.reports import MonthlyReport, ReportDeployment
from indicators.transactions import Bind, reading, writing

# Files read side by side on a cold build: the machines this runs on have two cores.
PARSE_WORKERS = 2


def import_series(bind: Bind, source: Source, folder: Path, cache_dir: Path | None,
                  log: Callable[[str], None] = print) -> list[ImportOutcome]:
    """Import every report in `folder`; one outcome per file that was loaded or refused, and
    one summary outcome for the series (status "unchanged" when nothing changed)."""
    known = {f.name: f for f in source.files}
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".pdf" and p.is_file())
    checksums = {path: sha256_of(path) for path in files}
    with reading(bind) as conn:
        loaded = {r.sha256: r.month for r in conn.execute(select(MonthlyReport))}

    outcomes: list[ImportOutcome] = []
    to_read: list[Path] = []
    seen_checksums: set[str] = set()
    for path in files:
        checksum = checksums[path]
        listed = known.get(path.name)
        if listed is not None and listed.sha256 != checksum:
            outcomes.append(_refused(source, path, checksum, ImportRejected(
                path.name, f"differs from the published file (sha256 {checksum[:12]}…, "
                           f"expected {listed.sha256[:12]}…): damaged or replaced")))
            continue
        if checksum in seen_checksums or checksum in loaded:
            seen_checksums.add(checksum)
            continue  # already loaded, or a byte copy of another file in the folder
        seen_checksums.add(checksum)
        to_read.append(path)

    changed = 0
    for path, parsed in _parse_all(to_read, checksums, cache_dir):
        checksum = checksums[path]
        try:
            if isinstance(parsed, Exception):
                raise parsed
            tables, pages = parsed
            rows = month_rows(path.name, tables, pages, known=path.name in known)
            _write_month(bind, source, path, checksum, rows)
        except (ImportRejected, UnreadableReport) as error:
            if isinstance(error, UnreadableReport):
                error = ImportRejected(path.name, str(error))
            outcomes.append(_refused(source, path, checksum, error))
            continue
        changed += 1
        outcomes.append(ImportOutcome(
            source.slug, "loaded", path.name, len(rows.rows) + sum(rows.set_aside.values()),
            len(rows.rows), sum(rows.set_aside.values()), rows.set_aside,
            message=f"{rows.month:%Y-%m}"))

    if changed:  # the personnel series is rewritten with its facts, once for all months
        with writing(bind) as conn:
            refresh_personnel(conn)
    refused = [o for o in outcomes if o.status == "rejected"]
    for outcome in refused:
        _log_rejection(bind, outcome)
    months = _record_version(bind, source)
    summary = "unchanged" if not changed and not refused else "loaded"
    message = (f"{len(months)} monthly reports in the database"
               + (f", {months[0]:%Y-%m} to {months[-1]:%Y-%m}" if months else "")
               + f"; {changed} read this time")
    outcomes.append(ImportOutcome(source.slug, summary, folder.name, message=message))
    return outcomes


def _parse_all(paths: list[Path], checksums: dict[Path, str], cache_dir: Path | None):
    """(path, (tables, pages) or the exception) for each path, two files at a time."""
    if len(paths) <= 1:
        for path in paths:
            yield path, _parse_one(path, checksums[path], cache_dir)
        return
    with ProcessPoolExecutor(max_workers=PARSE_WORKERS) as pool:
        futures = [(p, pool.submit(_parse_one, p, checksums[p], cache_dir)) for p in paths]
        for path, future in futures:
            yield path, future.result()


def _parse_one(path: Path, checksum: str, cache_dir: Path | None):
    try:
        return cached_parse(path, checksum, cache_dir)
    except UnreadableReport as error:
        return error


def _write_month(bind: Bind, source: Source, path: Path, checksum: str,
                 rows: MonthRows) -> None:
    """Replace one month's report in one transaction (or savepoint)."""
    started = dt.datetime.now(dt.UTC)
    with writing(bind) as conn:
        previous = conn.execute(select(MonthlyReport.file_name).where(
            MonthlyReport.month == rows.month)).scalar_one_or_none()
        ensure_countries(conn, rows.countries)
        ensure_missions(conn, {m: {} for m in rows.missions}, source.slug)
        ensure_months(conn, {rows.month})
        conn.execute(delete(ReportDeployment).where(ReportDeployment.month == rows.month))
        conn.execute(delete(MonthlyReport).where(MonthlyReport.month == rows.month))
        printed = rows.printed
        conn.execute(insert(MonthlyReport).values(
            month=rows.month, report_date=rows.report_date, date_from=rows.date_from,
            file_name=path.name, sha256=checksum, layout=rows.layout, pages=rows.pages,
            has_missions=rows.has_missions, has_gender=rows.has_gender,
            gender_note=rows.gender_note,
            printed_men=printed.men if printed else None,
            printed_women=printed.women if printed else None,
            printed_total=printed.total if printed else None,
            rows=len(rows.rows), people_set_aside=rows.people_set_aside,
        ))
        if rows.rows:
            conn.execute(insert(ReportDeployment), rows.rows)
        set_aside = sum(rows.set_aside.values())
        conn.execute(insert(ImportLog).values(
            source=source.slug, file_name=path.name, sha256=checksum,
            status="replaced" if previous else "loaded",
            rows_read=len(rows.rows) + set_aside, rows_loaded=len(rows.rows),
            rows_set_aside=set_aside, set_aside_detail=json.dumps(rows.set_aside, sort_keys=True),
            message=f"report of {rows.report_date:%d %b %Y} ({rows.date_from})",
            started_at=started, finished_at=dt.datetime.now(dt.UTC),
        ))


def _refused(source: Source, path: Path, checksum: str, error: ImportRejected) -> ImportOutcome:
    return ImportOutcome(source.slug, "rejected", path.name, message=str(error), sha256=checksum)


def _log_rejection(bind: Bind, outcome: ImportOutcome) -> None:
    now = dt.datetime.now(dt.UTC)
    with writing(bind) as conn:
        conn.execute(insert(ImportLog).values(
            source=outcome.source, file_name=outcome.file_name,
            sha256=outcome.sha256, status="rejected", rows_read=0,
            rows_loaded=0, rows_set_aside=0, set_aside_detail="{}", message=outcome.message,
            started_at=now, finished_at=now))


def _record_version(bind: Bind, source: Source) -> list[dt.date]:
    """Record the series' version (a checksum over its months' checksums, and the months it
    covers); return the months now loaded."""
    with writing(bind) as conn:
        reports = conn.execute(select(MonthlyReport).order_by(MonthlyReport.month)).all()
        months = [r.month for r in reports]
        rows = sum(r.rows for r in reports)
        digest = hashlib.sha256("".join(r.sha256 for r in reports).encode()).hexdigest()
        current = conn.execute(select(SourceVersion.sha256).where(
            SourceVersion.source == source.slug)).scalar_one_or_none()
        if current == digest or not reports:
            return months
        conn.execute(delete(SourceVersion).where(SourceVersion.source == source.slug))
        conn.execute(insert(SourceVersion).values(
            source=source.slug, title=source.title, publisher=source.publisher,
            file_name=f"{len(reports)} monthly reports ({source.path})", sha256=digest,
            as_of=reports[-1].report_date, coverage_start=reports[0].month,
            coverage_end=reports[-1].month, rows_loaded=rows, illustrative=False,
            citation=source.citation, loaded_at=dt.datetime.now(dt.UTC)))
    return months
