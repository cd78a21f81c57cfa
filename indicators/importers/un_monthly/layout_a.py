"""Read layout A (Jan 2015 – Apr 2017): country → mission rows, mission and country subtotals."""

# What the pages look like (A4-ish portrait, one table running over ~45 pages):
#
#   UN Mission's Summary / detailed by Country / Month of Report : 31-Jan-15      (first page only)
#   Country  UN Mission  Description  M  F  Totals                                 (every page)
#   Argentina                                  <- country heading, alone at the left
#       MINURSO  Individual Police  0  1  1    <- a row: the mission printed on its first row
#                Experts on Mission 3  0  3    <- later rows of the same mission leave it out
#                              MINURSO  4      <- the country's subtotal in the mission
#       ...
#                            Argentina  880    <- the country's total
#   Page 1 of 44
#
# Subtotals print only a total (no men/women), and the report prints no mission or grand totals.
# A country's block may run on over a page break with no heading repeated; a mission's rows that
# do so print the mission again on the new page's first row.

from __future__ import annotations

import datetime as dt
import re

from indicators.importers.un_monthly.pdf_text import Page
from indicators.importers.un_monthly.printed import (
    cells_by_right_edge,
    figure,
    is_figure,
    trailing_figures,
)
from indicators.importers.un_monthly.report import Counts, ReportLine, ReportTables, category_of

CODE = "A"

# Column edges in points from the left, read off the header `Country UN Mission Description M F
# Totals` (Country ~91, mission ~184, type ~259, M ends ~393, F ~438, total ~509). Subtotal labels
# are right-aligned to ~482, so a long one (e.g. `Tanzania, United Republic of`) starts near 345.
MISSION_LEFT = 170.0
TYPE_LEFT = 250.0
# Country headings start at ~91; anything starting this far left with no figures is a heading.
HEADING_MAX_LEFT = 150.0
# Subtotal labels never start left of this (the longest seen starts at ~345), and type labels
# (`Formed Police Units`, the longest) start left of it.
SUBTOTAL_LABEL_LEFT = 330.0

# Figures are right-aligned: M ends at ~393, F at ~438, the total at ~509 (a subtotal's figure,
# at ~517, is read on its own line). A figure belongs to the first column whose edge it ends by.
COLUMN_RIGHT_EDGES = (410.0, 460.0, 511.0)

_PAGE_FOOTER = re.compile(r"^Page \d+ of \d+$")
_DATE = re.compile(r"Month of Report\s*:\s*(\d{1,2}-[A-Za-z]{3}-\d{2})")


def recognise(pages: list[Page]) -> bool:
    """True for a layout A file: its first page carries the three title lines and column header."""
    if not pages:
        return False
    texts = [line.text for line in pages[0].lines()[:8]]
    return ("UN Mission's Summary" in texts and "detailed by Country" in texts
            and any(_is_header(text) for text in texts)
            and any(_DATE.search(text) for text in texts))


def parse(pages: list[Page]) -> ReportTables:
    tables = ReportTables(layout=CODE, report_date=_report_date(pages))
    country: str | None = None  # the heading whose block we are in (None once its total is read)
    mission: str | None = None  # the mission whose rows we are in (None once its subtotal is read)
    mission_rows = 0  # rows read for the open mission
    missions_closed: set[str] = set()  # missions of this country whose subtotal has been read
    for page in pages:
        page_top = True  # no row, heading or subtotal read yet on this page
        for line in page.lines():
            text = line.text
            if _is_header(text) or _PAGE_FOOTER.match(text) or _is_title(page, text):
                continue
            where = f"page {page.number}"
            first = line.words[0].x0
            page_top, was_page_top = False, page_top
            if first < HEADING_MAX_LEFT:
                # A country heading, alone on its line (a long name runs into the type column).
                if any(is_figure(w.text) for w in line.words):
                    raise ValueError(f"{where}: figures on a country heading: {text!r}")
                if country is not None:
                    raise ValueError(f"{where}: country heading {text!r} before the total of "
                                     f"{country!r}")
                country = text.strip()
                if country in tables.country_totals:
                    raise ValueError(f"{where}: country {country!r} listed twice")
                mission, mission_rows, missions_closed = None, 0, set()
                continue
            if country is None:
                raise ValueError(f"{where}: line outside any country: {text!r}")
            if first < SUBTOTAL_LABEL_LEFT:
                # A row: [mission] type  M  F  total.
                mission_words = [w for w in line.words if w.x0 < TYPE_LEFT]
                rest = [w for w in line.words if w.x0 >= TYPE_LEFT]
                figures = trailing_figures(rest)
                for word in rest[:len(rest) - len(figures)]:
                    if word.x0 >= SUBTOTAL_LABEL_LEFT:  # in the figures' columns
                        raise ValueError(f"{where}: figure {word.text!r} does not parse in "
                                         f"{text!r}")
                label = " ".join(w.text for w in rest[:len(rest) - len(figures)])
                category = category_of(label)
                if category is None:
                    raise ValueError(f"{where}: unknown personnel type {label!r} in {text!r}")
                if mission_words:
                    if any(w.x0 < MISSION_LEFT for w in mission_words):
                        raise ValueError(f"{where}: text left of the mission column: {text!r}")
                    printed = " ".join(w.text for w in mission_words)
                    if mission is not None and not (printed == mission and was_page_top):
                        raise ValueError(f"{where}: mission {mission} has no subtotal before "
                                         f"{text!r}")
                    # The first row of a page repeats the mission it continues: not a new block.
                    if mission is None:
                        mission, mission_rows = printed, 0
                    if mission in missions_closed:
                        raise ValueError(f"{where}: {country!r} in {mission} listed twice: "
                                         f"{text!r}")
                elif mission is None:
                    # A row with no mission printed continues the mission above it (also over a
                    # page break); here there is none open.
                    raise ValueError(f"{where}: row with no mission: {text!r}")
                men, women, total = cells_by_right_edge(figures, COLUMN_RIGHT_EDGES, where, text)
                if total is None:
                    # The 2015-02 report prints 48 lines that repeat a type with nothing under
                    # the total and at most a lone 0 under M or F (e.g. Argentina, MINURSO,
                    # `Individual Police 0` twice after `Individual Police 0 1 1`): empty
                    # records, not rows. Taking them as rows would give the same mission,
                    # country and type twice, so they are passed over; a blank total beside a
                    # figure other than 0 is an error.
                    if men or women:
                        raise ValueError(f"{where}: row without a total: {text!r}")
                    continue
                if men is None or women is None:
                    raise ValueError(f"{where}: row without men or women: {text!r}")
                tables.lines.append(ReportLine(mission, country, category,
                                               Counts(men, women, total), page.number))
                mission_rows += 1
                continue
            # A subtotal: a label right-aligned against its figure.
            figures = trailing_figures(list(line.words))
            label = " ".join(w.text for w in line.words[:len(line.words) - len(figures)])
            if len(figures) > 1 or not label:
                raise ValueError(f"{where}: cannot read line {text!r}")
            total = figure(figures[0].text) if figures else None
            if mission is not None and label == mission:
                # The country's subtotal within the mission closes the mission's rows.
                if total is not None:
                    tables.country_mission_totals[(country, mission)] = Counts(None, None, total)
                elif mission_rows:
                    raise ValueError(f"{where}: subtotal without a figure: {text!r}")
                # else: a mission with only the empty 2015-02 lines above prints an empty
                # subtotal too (Djibouti, MINURSO; Ghana, BINUB): there is nothing to record.
                missions_closed.add(mission)
                mission = None
            elif mission is None and label == country and total is not None:
                tables.country_totals[country] = Counts(None, None, total)
                country = None
            else:
                raise ValueError(f"{where}: subtotal {text!r} matches neither the open mission "
                                 f"{mission!r} nor the country {country!r}")
    if country is not None:
        raise ValueError(f"page {pages[-1].number}: the report ends inside {country!r}, "
                         "before its total")
    if not tables.lines:
        raise ValueError(f"page 1: no rows read ({len(pages)} pages)")
    return tables


def _report_date(pages: list[Page]) -> dt.date:
    for line in pages[0].lines()[:8]:
        found = _DATE.search(line.text)
        if found:
            # Printed as e.g. 31-Jan-15; %b is the English month under the C locale Python uses.
            return dt.datetime.strptime(found.group(1), "%d-%b-%y").date()
    raise ValueError("page 1: no 'Month of Report' date found")


def _is_header(text: str) -> bool:
    return re.sub(r"\s+", " ", text) == "Country UN Mission Description M F Totals"


def _is_title(page: Page, text: str) -> bool:
    return page.number == 1 and (text in ("UN Mission's Summary", "detailed by Country")
                                 or _DATE.search(text) is not None)





