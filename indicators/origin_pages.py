"""The pages of the UN's monthly reports a row's figures are printed on, by month and codes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, String, cast, func, select

from indicators.filters import Filters
from indicators.measures.sql import apply
from indicators.models.dimensions import Mission
from indicators.models.reports import ReportDeployment
from indicators.models.rollups import ReportPagesByMission
from indicators.rollup_choice import rollups_enabled
from indicators.targets import TARGET_GROUP

# The dimensions the reports' rows can be matched on.
PAGE_DIMENSIONS = ("mission", "country", "category", "mission-type", "ugps-group")
# The column each page dimension is worked out from (None: read as it is).
DERIVED = {"mission": "mission-type", "country": None, "category": "ugps-group"}


def report_pages(engine: Engine, filters: Filters, by: tuple[str, ...],
                 only: dict[str, set] | None = None) -> dict[tuple, list[int]]:
    """(month, *the row's page dimensions) -> the pages of the reports' rows that sum to it;
    `only` (indicators.origins._only) narrows the reading to some rows' months and codes."""
    needed = [name for name in DERIVED if name in by or DERIVED[name] in by]
    # Rows told apart by country, or a country filter, read the reports' rows themselves;
    # the others, the pages already listed by month x mission x category (the same pages:
    # a union of the rows' pages, whichever way it is grouped).
    if "country" in needed or filters.countries or not rollups_enabled():
        r = ReportDeployment
        read = {"mission": r.mission, "country": r.country_iso3, "category": r.category}
        pages_column = cast(r.page, String)
    else:
        r = ReportPagesByMission
        read = {"mission": r.mission, "category": r.category}
        pages_column = r.pages
    columns = [r.month, *[read[name] for name in needed]]
    # Only the columns the rows are told apart by, so the answer is small: one line per
    # month, page and (say) mission, not per printed row.
    statement = apply(select(*columns, pages_column.label("pages"))
                      .group_by(*columns, pages_column), filters, {**read, "month": r.month})
    if only is not None:
        statement = statement.where(
            r.month.in_(sorted(dt.date(int(m[:4]), int(m[5:7]), 1) for m in only["month"])),
            *[read[name].in_(sorted(only[name])) for name in needed if name in only])
    # One line per month and codes with its pages as text ("3,7"): a tenth of the lines of
    # one per page, which is most of the time for a long monthly series.
    inner = statement.subquery()
    told = [inner.c.month, *[inner.c[read[name].key] for name in needed]]
    listed = select(*told, func.aggregate_strings(inner.c.pages, ",")).group_by(*told)
    with engine.connect() as conn:
        rows = [tuple(row) for row in conn.execute(listed)]
        peacekeeping = dict(conn.execute(select(Mission.acronym, Mission.is_peacekeeping)).all())
    months = {value: _month_text(value) for value in {row[0] for row in rows}}
    kinds = {m: "peacekeeping" if flag else "political" for m, flag in peacekeeping.items()}
    derive = {"ugps-group": ("category", TARGET_GROUP), "mission-type": ("mission", kinds)}
    columns = ["month", *needed]
    keys = [d for d in PAGE_DIMENSIONS if d in by]
    # The pages kept as their digits until the end: a line of every mission's pages repeats
    # most of them, and turning each into a number was most of the time.
    found: dict[tuple, set[str]] = {}
    for row in rows:
        values = dict(zip(columns, row[:-1], strict=True))
        key = (months[row[0]], *[derive[d][1].get(values[derive[d][0]]) if d in derive
                                 else values[d] for d in keys])
        if None in key:  # a report row without the code (no mission detail that month)
            continue
        found.setdefault(key, set()).update(row[-1].split(","))
    return {key: sorted(map(int, pages)) for key, pages in found.items()}


def _month_text(month) -> str:
    return month.strftime("%Y-%m") if isinstance(month, dt.date) else str(month)[:7]
