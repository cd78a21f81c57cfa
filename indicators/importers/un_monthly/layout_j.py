"""Read layout J (2023-09): one row per country, a column per personnel type, totals only."""

from __future__ import annotations

import datetime as dt
import re

from indicators.importers.un_monthly.pdf_text import Line, Page, Word
from indicators.importers.un_monthly.printed import figure, is_figure, slash_date
from indicators.importers.un_monthly.report import Counts, ReportLine, ReportTables, category_of

CODE = "J"

TITLE = "Contribution of Uniformed Personnel to UN by Country and Personnel Type"
# The headings' first line; the second ('Mission Units Police') ends three of them.
HEADINGS = ("Country", "Experts", "on", "Formed", "Police", "Individual", "Staff", "Officer",
            "Troops", "Total", "End", "Date")
HEADINGS_2 = ("Mission", "Units", "Police")
# The type columns, left to right, by the printed heading that starts each.
TYPE_COLUMNS = (("Experts", "Experts on Mission"), ("Formed", "Formed Police Units"),
                ("Individual", "Individual Police"), ("Staff", "Staff Officer"),
                ("Troops", "Troops"))
FOOTER = re.compile(r"^Report Generated on:")
# A long name wraps onto a line of its own just below the row (9 points; rows are 21.5 apart).
WRAP_REACH = 12.0


def recognise(pages: list[Page]) -> bool:
    """The title says 'by Country and Personnel Type' and the headings have no Mission column."""
    if not pages:
        return False
    lines = pages[0].lines()
    title = " ".join(line.text for line in lines[:2]) == TITLE
    return title and any(_is_heading(line) for line in lines[:8])


def parse(pages: list[Page]) -> ReportTables:
    """Each cell becomes a row with no mission and no gender; each country's printed total and
    the grand total are kept to check them. Empty (0) cells are not rows."""
    if not recognise(pages):
        raise ValueError("page 1: not a layout J report (title or headings not found)")
    tables = ReportTables(layout=CODE, report_date=_report_date(pages[0]), has_missions=False,
                          has_gender=False)
    column_sums = [0] * len(TYPE_COLUMNS)
    finished = False
    for page in pages:
        lines = page.lines()
        heading = next((i for i, line in enumerate(lines) if _is_heading(line)), None)
        if heading is None or tuple(w.text for w in lines[heading + 1].words) != HEADINGS_2:
            raise ValueError(f"page {page.number}: column headings not found")
        centres = _column_centres(lines[heading], lines[heading + 1])
        rows: list[tuple[Line, list[str], list[int]]] = []
        for line in lines[heading + 2:]:
            if FOOTER.match(line.text) or line.text == "PM" or line.text == "AM":
                continue
            if finished:
                raise ValueError(f"page {page.number}: text after the grand total: {line.text!r}")
            words = list(line.words)
            figures = [w for w in words if is_figure(w.text)]
            names = [w.text for w in words if w not in figures and slash_date(w.text) is None]
            if not figures:
                # The rest of a wrapped name ('United Republic of' / 'Tanzania').
                if not rows or line.middle - rows[-1][0].middle > WRAP_REACH:
                    raise ValueError(f"page {page.number}: name with no row: {line.text!r}")
                rows[-1][1].extend(names)
                continue
            values = _figures(figures, centres, page, line)
            if names == ["Grand", "Total"]:
                tables.grand_total = Counts(None, None, values[-1])
                # ReportTables has no place for the printed total of each type, so they are
                # checked here: a figure read into the wrong column would show.
                if values[:-1] != column_sums:
                    raise ValueError(f"page {page.number}: the rows add up to {column_sums} "
                                     f"by type, the grand total prints {line.text!r}")
                finished = True
                continue
            dates = [w.text for w in words if slash_date(w.text)]
            if dates != [f"{tables.report_date:%d/%m/%Y}"] or not names:
                raise ValueError(f"page {page.number}: row not understood: {line.text!r}")
            rows.append((line, names, values))
            column_sums = [a + b for a, b in zip(column_sums, values[:-1], strict=True)]
        for _line, names, values in rows:
            country = " ".join(names)
            if country in tables.country_totals:
                raise ValueError(f"page {page.number}: {country} printed twice")
            tables.country_totals[country] = Counts(None, None, values[-1])
            for (_, label), value in zip(TYPE_COLUMNS, values[:-1], strict=True):
                if value:
                    tables.lines.append(ReportLine(None, country, category_of(label),
                                                   Counts(None, None, value), page.number))
    if not finished:
        raise ValueError(f"page {pages[-1].number}: no grand total at the end")
    return tables


def _is_heading(line: Line) -> bool:
    return tuple(w.text for w in line.words) == HEADINGS


def _column_centres(first: Line, second: Line) -> list[float]:
    """Centre of each figure column: the five types, then 'Total'. A heading's centre is the
    middle of its words over both heading lines (the figures are centred under them)."""
    words = list(first.words) + list(second.words)
    starts = [name for name, _ in TYPE_COLUMNS] + ["Total"]
    edges = [next(w.x0 for w in first.words if w.text == name) for name in starts] + \
        [next(w.x0 for w in first.words if w.text == "End")]
    centres = []
    for left, right in zip(edges[:-1], edges[1:], strict=True):
        inside = [w for w in words if left <= w.x0 < right]
        centres.append((min(w.x0 for w in inside) + max(w.x1 for w in inside)) / 2)
    return centres


def _figures(figures: list[Word], centres: list[float], page: Page, line: Line) -> list[int]:
    """The six figures (five types and the total), each nearest its own column."""
    placed = [min(range(len(centres)), key=lambda i: abs(centres[i] - w.centre))
              for w in figures]
    if placed != list(range(len(centres))):
        raise ValueError(f"page {page.number}: a figure per column expected: {line.text!r}")
    return [figure(w.text) for w in figures]


def _report_date(page: Page) -> dt.date:
    """The date on the 'As of : dd/mm/yyyy' line under the title."""
    for line in page.lines()[:6]:
        if line.text.startswith("As of"):
            found = slash_date(line.words[-1].text)
            if found:
                return found
    raise ValueError(f"page {page.number}: no report date ('As of : dd/mm/yyyy')")
