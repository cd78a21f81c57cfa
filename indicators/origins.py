"""Where each computed number came from: its sources' files and, for the UN's reports, pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, select

from indicators.cache import local_cache
from indicators.compute import compute, data_version
from indicators.filters import Filters
from indicators.illustrative import SOURCE_SLUG as ILLUSTRATIVE_SOURCE
from indicators.indicator import Indicator
from indicators.measures.personnel_rows import SOURCES as PERSONNEL_SOURCES
from indicators.measures.personnel_rows import UN_REPORTS_FROM
from indicators.models.provenance import SourceVersion
from indicators.models.reports import MonthlyReport
from indicators.origin_months import row_key, row_months
from indicators.origin_pages import PAGE_DIMENSIONS, report_pages
from indicators.origin_words import RowOrigin
from indicators.viewer import ANONYMOUS, Viewer

# The source whose numbers come one report (one PDF file) per month.
MONTHLY_SOURCE = "un-dpo-contributions"
# Sources that answer a month only when no monthly report is loaded for it
# (indicators.measures.personnel_rows joins them so).
STAND_INS = ("ipi-gender", "ipi-mission-totals")
TIME = ("month", "year")
# Each row's months, the reports' pages and the loaded files, by what they are worked out from
# (the data version among it): a card drawn again (the filters come back, the other language,
# the API's rows for the same cut) reads nothing again. All are only read once made.
# Bounded in bytes too: at 100 times the data one mission's contributors' months are 1-2 MB.
_WORKED_OUT = local_cache(256, 12 * 2**20)
DECIDING = ("mission", "mission-type", "gender")
# The first month the reports answer, as the months are written ("YYYY-MM"): compared with
# every month of every row (formatting it each time was a third of a long row's origins).
REPORTS_FROM = UN_REPORTS_FROM.strftime("%Y-%m")


@dataclass(frozen=True)
class _Loaded:
    files: dict[str, str]  # source slug -> the file its current version was read from
    covers: dict[str, tuple[str, str]]  # source slug -> its first and last "YYYY-MM"
    reports: dict[str, str]  # "YYYY-MM" -> the monthly report's file name


def row_origins(indicator: Indicator, filters: Filters, by: tuple[str, ...],
                frame: pd.DataFrame, engine: Engine, viewer: Viewer = ANONYMOUS,
                paged_within: int | None = None) -> list[dict]:
    """One `provenance` object per row of `frame` (compute(indicator, filters, by)):
    {"sources": [slug, ...], "files": [{"source", "file", "month"?, "pages"}, ...]}.

    "pages" lists where in the file the row's figures are printed; it is null where the file
    has no pages (a CSV) or the pages are not stored, never guessed. "file" is null for a
    source not loaded, and for generated numbers. `paged_within`: pages are looked up only for
    rows that come from at most this many monthly reports (a reader's table names no pages
    for more), null for the others: every country over ten years would read tens of
    thousands of (month, country, page) rows."""
    return [origin if isinstance(origin, dict) else origin.provenance()
            for origin in row_origin_parts(indicator, filters, by, frame, engine, viewer,
                                           paged_within)]


def row_origin_parts(indicator: Indicator, filters: Filters, by: tuple[str, ...],
                     frame: pd.DataFrame, engine: Engine, viewer: Viewer = ANONYMOUS,
                     paged_within: int | None = None) -> list[RowOrigin | dict]:
    """row_origins() as each row's parts (indicators.origin_words.RowOrigin), for words:
    a card's table and hovers name a row's files without its months made into dicts. A
    provenance dict where a report has no file name (then only the dict's words are sure)."""
    # One data-version query for all this card's lookups (each was a round trip); what was
    # loaded is remembered with it, as every card of a page reads the same files.
    version = data_version(engine)
    loaded = _remembered(engine, version, ("loaded",), lambda: _loaded(engine))
    if MONTHLY_SOURCE not in indicator.sources or "month" not in indicator.dimensions:
        spans = [_span(filters, row)
                 for row in frame[[d for d in TIME if d in frame]].to_dict("records")]
        # Rows of one year (or of no time at all) share their files.
        files = {span: tuple((entry["source"], entry["file"])
                             for entry in _plain_files(indicator, loaded, span))
                 for span in set(spans)}
        return [RowOrigin(files[span]) for span in spans]
    by = tuple(dict.fromkeys(by))
    keys = list(by)
    rows = [(values, row_key(values)) for values in frame[keys].itertuples(index=False, name=None)]
    if "month" in by:  # a row of one month comes from that month: nothing to look up
        at = by.index("month")
        months = {key: [str(values[at])] for values, key in rows}
    else:
        months = _remembered(engine, version,
                             ("months", indicator.slug, filters, by, viewer.cache_key),
                             lambda: row_months(indicator, filters, by, engine, viewer))
    short = None if paged_within is None else \
        {key for key, found in months.items() if len(found) <= paged_within}
    # Narrowed to the rows that want pages, unless all do (then the key is shared more).
    only = None if short is None or len(short) == len(months) else _only(by, months, short)
    pages = _remembered(engine, version, ("pages", filters, by, _frozen(only)),
                        lambda: report_pages(engine, filters, by, only)) if short != set() \
        and set(indicator.sources) == set(PERSONNEL_SOURCES) \
        and all(d in (*PAGE_DIMENSIONS, *TIME, "gender") for d in by) else None
    reports = loaded.reports
    if not all(reports.values()):  # a report without a file name is not named as one
        return [_object(_month_files(indicator, loaded, months.get(key, []),
                                     pages if short is None or key in short else None,
                                     dict(zip(keys, values, strict=True))))
                for values, key in rows]
    coded = [by.index(d) for d in PAGE_DIMENSIONS if d in by]
    # The sources beside the reports, the same for every row all of whose months a report
    # answers (a stand-in source only feeds the months none does).
    beside = tuple((slug, loaded.files.get(slug)) for slug in indicator.sources
                   if slug != MONTHLY_SOURCE and slug not in STAND_INS)
    found = []
    for values, key in rows:
        its_months = months.get(key, [])
        reported = [month for month in its_months if month >= REPORTS_FROM and month in reports]
        others = beside if len(reported) == len(its_months) else _others(
            indicator, loaded, [month for month in its_months
                                if not (month >= REPORTS_FROM and month in reports)])
        found.append(RowOrigin(others, MONTHLY_SOURCE, reported, reports,
                               pages if short is None or key in short else None,
                               tuple(values[at] for at in coded)))
    return found


def _others(indicator: Indicator, loaded: _Loaded, unreported: list[str]) -> tuple:
    """The sources beside the reports of a row some of whose months no report answers: a
    stand-in source's file if it covers any of them."""
    return tuple((slug, loaded.files.get(slug)) for slug in indicator.sources
                 if slug != MONTHLY_SOURCE
                 and (slug not in STAND_INS or _covers(loaded, slug, unreported)))


def _remembered(engine: Engine, version: tuple, key: tuple, work):
    """What `work` returns, worked out once per key and data version (compute.data_version)."""
    key = (engine.url, version, *key)
    found = _WORKED_OUT.get(key)
    if found is None:
        found = work()
        _WORKED_OUT.put(key, found)
    return found


def _frozen(only: dict[str, set] | None) -> tuple | None:
    return None if only is None else tuple(sorted((d, tuple(sorted(v, key=str)))
                                                  for d, v in only.items()))


def _only(by: tuple[str, ...], months: dict[tuple, list[str]], keys: set[tuple] | None
          ) -> dict[str, set] | None:
    """The months and codes of the rows `keys` (None: every row), for report_pages to read only
    theirs."""
    if keys is None:
        return None
    only: dict[str, set] = {"month": set()}
    for key in keys:
        only["month"].update(months[key])
        for dimension, value in zip(by, key, strict=True):
            if value is not None:
                only.setdefault(dimension, set()).add(value)
    return only


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
        report = loaded.reports.get(month) if month >= REPORTS_FROM else None
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
