"""Parsed reports kept on disk by file checksum and parser version, so a file is read once.

Reading a report's pages is the slow part of a build (a second or more for a long report);
the result depends only on the file's bytes and on this package's code, so both are the key.
A cache entry that cannot be read is ignored and rewritten, never trusted.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path

from indicators.importers.un_monthly.layouts import layout_for
from indicators.importers.un_monthly.pdf_text import read_pages
from indicators.importers.un_monthly.report import Counts, ReportLine, ReportTables

PACKAGE_DIR = Path(__file__).resolve().parent


class UnreadableReport(ValueError):
    """No layout recognises the file, or its layout module could not read it."""


@functools.cache
def parser_version() -> str:
    """A fingerprint of this package's code: a change to any reader invalidates the cache."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def parse_report(path: Path) -> tuple[ReportTables, int]:
    """The report's tables and its page count, read from the PDF."""
    try:
        pages = read_pages(path)
    except Exception as error:  # pypdfium2 raises its own PdfiumError for a damaged file
        raise UnreadableReport(f"not a readable PDF ({error})") from error
    module = layout_for(pages)
    if module is None:
        raise UnreadableReport("no known report layout recognises the first page")
    try:
        return module.parse(pages), len(pages)
    except ValueError as error:
        raise UnreadableReport(f"layout {module.CODE}: {error}") from error


def cached_parse(path: Path, checksum: str, cache_dir: Path | None) -> tuple[ReportTables, int]:
    """parse_report, through the cache folder when one is given."""
    if cache_dir is None:
        return parse_report(path)
    entry = cache_dir / f"un-monthly-{checksum}-{parser_version()}.json"
    if entry.is_file():
        try:
            return _from_json(json.loads(entry.read_text()))
        except (ValueError, KeyError, TypeError):
            pass  # a damaged entry is read again from the PDF below
    tables, pages = parse_report(path)
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Written beside its final name and renamed, so a reader never sees half an entry.
    with tempfile.NamedTemporaryFile("w", dir=cache_dir, suffix=".part", delete=False) as out:
        json.dump(_to_json(tables, pages), out)
    os.replace(out.name, entry)
    return tables, pages


def _counts(c: Counts | None):
    return None if c is None else [c.men, c.women, c.total]


def _uncounts(v) -> Counts | None:
    return None if v is None else Counts(*v)


def _to_json(t: ReportTables, pages: int) -> dict:
    return {
        "pages": pages, "layout": t.layout,
        "report_date": t.report_date.isoformat() if t.report_date else None,
        "lines": [[ln.mission, ln.country, ln.category, _counts(ln.counts), ln.page]
                  for ln in t.lines],
        "grand_total": _counts(t.grand_total),
        "mission_totals": [[k, _counts(v)] for k, v in t.mission_totals.items()],
        "country_totals": [[k, _counts(v)] for k, v in t.country_totals.items()],
        "country_mission_totals": [[list(k), _counts(v)]
                                   for k, v in t.country_mission_totals.items()],
        "has_missions": t.has_missions, "has_gender": t.has_gender,
    }


def _from_json(d: dict) -> tuple[ReportTables, int]:
    tables = ReportTables(
        layout=d["layout"],
        report_date=dt.date.fromisoformat(d["report_date"]) if d["report_date"] else None,
        lines=[ReportLine(m, c, cat, _uncounts(n), p) for m, c, cat, n, p in d["lines"]],
        grand_total=_uncounts(d["grand_total"]),
        mission_totals={k: _uncounts(v) for k, v in d["mission_totals"]},
        country_totals={k: _uncounts(v) for k, v in d["country_totals"]},
        country_mission_totals={tuple(k): _uncounts(v) for k, v in d["country_mission_totals"]},
        has_missions=d["has_missions"], has_gender=d["has_gender"],
    )
    return tables, d["pages"]
