"""Where each computed number came from: its sources' files and, for the UN's reports, pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, select

from indicators.compute import compute
from indicators.filters import Filters
from indicators.illustrative import SOURCE_SLUG as ILLUSTRATIVE_SOURCE
from indicators.indicator import Indicator
from indicators.measures.personnel_rows import SOURCES as PERSONNEL_SOURCES
from indicators.measures.personnel_rows import UN_REPORTS_FROM
from indicators.measures.sql import apply
from indicators.models.dimensions import Mission
from indicators.models.provenance import SourceVersion
from indicators.models.reports import MonthlyReport, ReportDeployment
from indicators.targets import TARGET_GROUP
from indicators.viewer import ANONYMOUS, Viewer

# The source whose numbers come one report (one PDF file) per month.
MONTHLY_SOURCE = "un-dpo-contributions"
# Sources that answer a month only when no monthly report is loaded for it
# (indicators.measures.personnel_rows joins them so).
STAND_INS = ("ipi-gender", "ipi-mission-totals")
# The dimensions the reports' rows can be matched on, and the column each is read from.
PAGE_DIMENSIONS = ("mission", "country", "category", "mission-type", "ugps-group")
TIME = ("month", "year")
DECIDING = ("mission", "mission-type", "gender")


@dataclass(frozen=True)
class _Loaded:
    files: dict[str, str]  # source slug -> the file its current version was read from
    covers: dict[str, tuple[str, str]]  # source slug -> its first and last "YYYY-MM"
    reports: dict[str, str]  # "YYYY-MM" -> the monthly report's file name


def row_origins(indicator: Indicator, filters: Filters, by: tuple[str, ...],
                frame: pd.DataFrame, engine: Engine, viewer: Viewer = ANONYMOUS) -> list[dict]:
    """One `provenance` object per row of `frame` (compute(indicator, filters, by)):
    {"sources": [slug, ...], "files": [{"source", "file", "month"?, "pages"}, ...]}.

    "pages" lists where in the file the row's figures are printed; it is null where the file
    has no pages (a CSV) or the pages are not stored, never guessed. "file" is null for a
    source not loaded, and for generated numbers."""
    loaded = _loaded(engine)
    if MONTHLY_SOURCE not in indicator.sources or "month" not in indicator.dimensions:
        return [_object(_plain_files(indicator, loaded, _span(filters, row)))
                for row in frame[[d for d in TIME if d in frame]].to_dict("records")]
    by = tuple(dict.fromkeys(by))
    keys = list(by)  # a row's months are those of the by-month rows with its values
    monthly = compute(indicator, filters, (*by, "month") if "month" not in by else by,
                      engine=engine, viewer=viewer)
    months: dict[tuple, list[str]] = {}
    for values, month in zip(monthly[keys].itertuples(index=False, name=None),
                             monthly["month"], strict=True):
        months.setdefault(_key(values), []).append(str(month))
    pages = _pages(engine, filters, by) if set(indicator.sources) == set(PERSONNEL_SOURCES) \
        and all(d in (*PAGE_DIMENSIONS, *TIME, "gender") for d in by) else None
    found = []
    for values in frame[keys].itertuples(index=False, name=None):
        row = dict(zip(keys, values, strict=True))
        found.append(_object(_month_files(
            indicator, loaded, sorted(set(months.get(_key(values), []))), pages, row)))
    return found


def _key(values: tuple) -> tuple:
    """A row's dimension values as a dict key: a missing value (NaN, None) is None, since
    NaN never equals itself."""
    return tuple(None if pd.isna(value) else value for value in values)


def chart_origins(indicator: Indicator, filters: Filters, by: tuple[str, ...],
                  engine: Engine, where: tuple[tuple[str, str], ...] = (),
                  viewer: Viewer = ANONYMOUS) -> dict:
    """The provenance of a whole chart (every row of compute(indicator, filters, by) with
    the values `where` keeps, as dashboard.panels.spec.Panel.where): each file once, with
    every page any of its rows is printed on."""
    # Only the cuts that decide which months count (a mission cut leaves out months with no
    # mission detail, a gender cut those with no split) and those `where` selects by: the
    # union over the chart's rows is the same, for far fewer rows.
    kept = {d for d, _value in where}
    by = tuple(d for d in dict.fromkeys(by) if d in DECIDING or d in kept)
    frame = compute(indicator, filters, by, engine=engine, viewer=viewer)
    for dimension, value in where:
        frame = frame[frame[dimension] == value]
    files: dict[tuple, dict] = {}
    for origin in row_origins(indicator, filters, by, frame, engine, viewer):
        for entry in origin["files"]:
            key = (entry["source"], entry["file"], entry.get("month"))
            kept = files.setdefault(key, {**entry, "pages": entry["pages"]})
            if kept is not entry and entry["pages"] is not None:
                kept["pages"] = sorted(set(kept["pages"] or []) | set(entry["pages"]))
    if not files:  # no rows: the sources it would read, still named
        return _object(_plain_files(indicator, _loaded(engine), _span(filters, {})))
    ordered = sorted(files.values(), key=lambda e: (e["source"], e.get("month") or ""))
    return _object(ordered)


def _object(files: list[dict]) -> dict:
    return {"sources": list(dict.fromkeys(entry["source"] for entry in files)),
            "files": files}


def _span(filters: Filters, row: dict) -> tuple[str, str]:
    """The first and last "YYYY-MM" a row's numbers can come from: its month, its year, or
    the period asked for, whichever is narrowest."""
    first = filters.period_from.strftime("%Y-%m") if filters.period_from else ""
    last = filters.period_to.strftime("%Y-%m") if filters.period_to else "9999-12"
    if row.get("month") is not None:
        return str(row["month"]), str(row["month"])
    if row.get("year") is not None:
        return max(first, f"{int(row['year'])}-01"), min(last, f"{int(row['year'])}-12")
    return first, last


def _plain_files(indicator: Indicator, loaded: _Loaded, span: tuple[str, str]) -> list[dict]:
    """One entry per source whose coverage meets the row's span (a source cannot feed a
    month it does not cover): its loaded file; pages are stored only for the UN's reports."""
    entries = [{"source": slug,
                "file": None if slug == ILLUSTRATIVE_SOURCE else loaded.files.get(slug),
                "pages": None}
               for slug in indicator.sources]
    meeting = [entry for entry in entries if _covers(loaded, entry["source"], [span], True)]
    return meeting or entries


def _month_files(indicator: Indicator, loaded: _Loaded, months: list[str],
                 pages: dict | None, row: dict) -> list[dict]:
    """A row fed month by month: each month's report (with the pages its figures are
    printed on), the stand-in source for months no report answers, and any other source."""
    entries = []
    unreported = []  # months no report answers: a stand-in source's, if it covers them
    for month in months:
        report = loaded.reports.get(month) if month >= UN_REPORTS_FROM.strftime("%Y-%m") \
            else None
        if report is None:
            unreported.append(month)
            continue
        entries.append({"source": MONTHLY_SOURCE, "file": report, "month": month,
                        "pages": _row_pages(pages, month, row)})
    others = [slug for slug in indicator.sources if slug != MONTHLY_SOURCE
              and (slug not in STAND_INS or _covers(loaded, slug, unreported))]
    return [*[{"source": slug, "file": loaded.files.get(slug), "pages": None}
              for slug in others], *entries]


def _covers(loaded: _Loaded, slug: str, spans: list, unknown: bool = False) -> bool:
    """Whether the source covers any of `spans` (a month, or a (first, last) pair of months);
    `unknown` when its coverage is not recorded (not loaded, generated)."""
    if slug not in loaded.covers:
        return unknown
    first, last = loaded.covers[slug]
    return any(first <= (span if isinstance(span, str) else span[1])
               and (span if isinstance(span, str) else span[0]) <= last for span in spans)


def _row_pages(pages: dict | None, month: str, row: dict) -> list[int] | None:
    if pages is None:
        return None
    key = (month, *[row[d] for d in PAGE_DIMENSIONS if d in row])
    return pages.get(key, [])


def _pages(engine: Engine, filters: Filters, by: tuple[str, ...]) -> dict[tuple, list[int]]:
    """(month, *the row's page dimensions) -> the pages of the reports' rows that sum to it."""
    r = ReportDeployment
    read = {"mission": r.mission, "country": r.country_iso3, "category": r.category}
    # Only the columns the rows are told apart by, so the answer is small: one line per
    # month, page and (say) mission, not per printed row.
    derived = {"mission": "mission-type", "country": None, "category": "ugps-group"}
    needed = [name for name in read if name in by or derived[name] in by]
    columns = [r.month, *[read[name] for name in needed], r.page]
    statement = apply(select(*columns).group_by(*columns), filters,
                      {**read, "month": r.month})
    with engine.connect() as conn:
        rows = pd.DataFrame(conn.execute(statement).all(), columns=["month", *needed, "page"])
        peacekeeping = dict(conn.execute(select(Mission.acronym, Mission.is_peacekeeping)).all())
    if rows.empty:
        return {}
    rows["month"] = rows["month"].map(_month_text)
    if "ugps-group" in by:
        rows["ugps-group"] = rows["category"].map(TARGET_GROUP)
    if "mission-type" in by:
        rows["mission-type"] = rows["mission"].map(
            lambda m: None if m not in peacekeeping
            else ("peacekeeping" if peacekeeping[m] else "political"))
    keys = ["month", *[d for d in PAGE_DIMENSIONS if d in by]]
    grouped = rows.dropna(subset=keys).groupby(keys)["page"]
    return {(key if isinstance(key, tuple) else (key,)): sorted(int(p) for p in set(pages))
            for key, pages in grouped}


def _loaded(engine: Engine) -> _Loaded:
    with engine.connect() as conn:
        versions = conn.execute(select(SourceVersion.source, SourceVersion.file_name,
                                       SourceVersion.coverage_start,
                                       SourceVersion.coverage_end)).all()
        reports = conn.execute(select(MonthlyReport.month, MonthlyReport.file_name)).all()
    return _Loaded({v.source: v.file_name for v in versions},
                   {v.source: (_month_text(v.coverage_start), _month_text(v.coverage_end))
                    for v in versions if v.coverage_start and v.coverage_end},
                   {_month_text(month): name for month, name in reports})


def _month_text(month) -> str:
    return month.strftime("%Y-%m") if isinstance(month, dt.date) else str(month)[:7]
