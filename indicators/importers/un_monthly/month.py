"""One report's tables turned into database rows for its month, or refused with the reason.

Known traps of the series are named here, one constant each, so that a reader of the code
finds every correction in one place (see the series' PROVENANCE.md for how each was found).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from indicators.importers.base import ImportRejected
from indicators.importers.un_monthly.names import (
    AmbiguousName,
    UnknownName,
    country_code,
    mission_code,
)
from indicators.importers.un_monthly.report import Counts, ReportTables
from indicators.importers.un_monthly.totals import total_differences
from indicators.reference import country_by_iso3

# The August 2020 report prints a wrong gender split: 43 troop rows of 100 or more people give
# men 0 and women = total (its printed grand total reads 40,637 men / 41,183 women, while July
# had 3,445 women troops). Its totals are right and kept; its split is not used.
GENDER_SET_ASIDE = {
    dt.date(2020, 8, 1): "The UN's August 2020 report prints a wrong gender split (43 troop "
                         "rows give all their personnel as women); its totals are used, its "
                         "split is set aside.",
}
NO_GENDER_NOTE = "The report for this month gives totals only, with no split by gender."

RULE_AMBIGUOUS = "rows whose country name is cut short and fits more than one country"
# The May 2015 report prints 51 MINUSTAH country/type pairs twice, once as 0 0 0. The printed
# subtotals count both lines, so a repeated key is added to the first, never overwrites it.
RULE_REPEATED = "rows repeating another row's mission, country and type: added to it"
FILE_MONTH = re.compile(r"(\d{4})_(\d{2})\.pdf$", re.IGNORECASE)


@dataclass
class MonthRows:
    """Everything one report adds to the database for its month."""

    month: dt.date
    report_date: dt.date
    date_from: str  # "printed" | "file name"
    layout: str
    pages: int
    has_missions: bool
    has_gender: bool
    gender_note: str | None
    printed: Counts | None
    rows: list[dict] = field(default_factory=list)
    countries: dict[str, str] = field(default_factory=dict)  # iso3 -> name as printed
    missions: set[str] = field(default_factory=set)
    set_aside: dict[str, int] = field(default_factory=dict)
    people_set_aside: int = 0


def report_date_of(file_name: str, tables: ReportTables) -> tuple[dt.date, str]:
    """The date printed in the report; a file that prints none (2019-10) is dated by its name."""
    if tables.report_date is not None:
        return tables.report_date, "printed"
    found = FILE_MONTH.search(file_name)
    if not found:
        raise ImportRejected(file_name, "the report prints no date and its file name gives "
                                        "no month (expected …_YYYY_MM.pdf)")
    year, month = int(found.group(1)), int(found.group(2))
    return dt.date(year, month, calendar.monthrange(year, month)[1]), "file name"


def month_rows(file_name: str, tables: ReportTables, pages: int, *,
               known: bool) -> MonthRows:
    """Rows for the database, after every check; raises ImportRejected naming what is wrong.

    A file not in the list of known files must prove itself: it must print totals, and its
    rows must add up to every one of them.
    """
    differences = total_differences(tables)
    if differences:
        shown = "; ".join(differences[:5])
        more = f" (and {len(differences) - 5} more)" if len(differences) > 5 else ""
        raise ImportRejected(file_name, f"rows do not add up to the printed totals: {shown}{more}")
    printed_any = (tables.grand_total or tables.mission_totals or tables.country_totals
                   or tables.country_mission_totals)
    if not known and not printed_any:
        raise ImportRejected(file_name, "a new report must print totals to be checked against, "
                                        "and this one prints none")
    if not tables.lines:
        raise ImportRejected(file_name, "the report has no rows")

    report_date, date_from = report_date_of(file_name, tables)
    month = report_date.replace(day=1)
    gender_note = GENDER_SET_ASIDE.get(month) or (None if tables.has_gender else NO_GENDER_NOTE)
    use_gender = tables.has_gender and month not in GENDER_SET_ASIDE
    result = MonthRows(
        month=month, report_date=report_date, date_from=date_from, layout=tables.layout,
        pages=pages, has_missions=tables.has_missions, has_gender=use_gender,
        gender_note=gender_note, printed=tables.grand_total,
    )
    seen: dict[tuple, int] = {}
    for line in tables.lines:
        try:
            iso3 = country_code(line.country)
        except AmbiguousName:
            result.set_aside[RULE_AMBIGUOUS] = result.set_aside.get(RULE_AMBIGUOUS, 0) + 1
            result.people_set_aside += line.counts.total
            continue
        except UnknownName as error:
            raise ImportRejected(file_name, f"page {line.page}: {error}") from None
        if country_by_iso3(iso3) is None:
            raise ImportRejected(file_name, f"page {line.page}: country code {iso3} for "
                                            f"{line.country!r} is not a known country")
        mission = None
        if line.mission is not None:
            try:
                mission = mission_code(line.mission)
            except ValueError as error:
                raise ImportRejected(file_name, f"page {line.page}: {error}") from None
            result.missions.add(mission)
        key = (mission, iso3, line.category)
        women = line.counts.women if use_gender else None
        men = line.counts.men if use_gender else None
        if key in seen:
            first = result.rows[seen[key]]
            first["total"] += line.counts.total
            first["women"] = None if women is None else first["women"] + women
            first["men"] = None if men is None else first["men"] + men
            result.set_aside[RULE_REPEATED] = result.set_aside.get(RULE_REPEATED, 0) + 1
            continue
        seen[key] = len(result.rows)
        # The reference name, not the printed one: a printed name may be cut short.
        result.countries.setdefault(iso3, country_by_iso3(iso3).name)
        result.rows.append({
            "month": month, "mission": mission, "country_iso3": iso3,
            "category": line.category, "total": line.counts.total, "page": line.page,
            "women": women, "men": men,
        })
    return result
