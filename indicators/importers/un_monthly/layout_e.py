"""Read layout E (2018-03 to 2019-08): country blocks with one row per post, and no mission."""

from __future__ import annotations

from indicators.importers.un_monthly.pdf_text import Line, Page, Word
from indicators.importers.un_monthly.printed import (
    counts_under_headings,
    full_counts,
    is_figure,
    title_date,
)
from indicators.importers.un_monthly.report import ReportLine, ReportTables, category_of

CODE = "E"

# The column headings printed at the top of every page, left to right.
HEADINGS = ("Country", "Name", "POST", "MALE", "FEMALE", "TOTAL")
# A row's figures are printed about 3 points above its post label, so the shared 3-point line
# tolerance splits most rows in two. Rows are at least 15 points apart, so 6 points joins a
# row's figures to its label without ever joining two rows.
ROW_TOLERANCE = 6.0
# A word this close (in points) to a heading's left edge starts in that heading's column.
COLUMN_SLACK = 6.0


def recognise(pages: list[Page]) -> bool:
    """The title says 'by Country and Post' and the headings are Country Name/POST/MALE/..."""
    if not pages:
        return False
    lines = pages[0].lines()
    title = any("by Country and Post." in line.text for line in lines[:4])
    return title and any(_is_heading(line) for line in lines[:6])


def parse(pages: list[Page]) -> ReportTables:
    """Every post row (mission None), the 'Total for Country' lines and the grand total."""
    if not recognise(pages):
        raise ValueError("page 1: not a layout E report (title or headings not found)")
    # The report gives country x post only: there is no mission anywhere in it.
    tables = ReportTables(layout=CODE, report_date=title_date(pages[0]), has_missions=False)
    country: str | None = None
    finished = False  # the grand total closes the table: nothing may follow it
    for page in pages:
        lines = page.lines(ROW_TOLERANCE)
        heading = next((i for i, line in enumerate(lines) if _is_heading(line)), None)
        if heading is None:
            raise ValueError(f"page {page.number}: column headings not found")
        columns = {w.text: (w.x0, w.x1) for w in lines[heading].words}
        for line in lines[heading + 1:]:
            if finished:
                raise ValueError(f"page {page.number}: text after the grand total: {line.text!r}")
            numbers = [w for w in line.words
                       if is_figure(w.text) and w.x0 > columns["POST"][1]]
            labels = [w for w in line.words if w not in numbers]
            counts = counts_under_headings(numbers, columns, page, line)
            text = " ".join(w.text for w in labels)
            if not labels:
                raise ValueError(f"page {page.number}: figures with no label: {line.text!r}")
            first = labels[0]
            if text == "Total":
                # the grand total, labelled just 'Total' in the country column
                tables.grand_total = full_counts(counts, page, line)
                finished = True
            elif text == "Total for Country":
                name = _need(country, page, line)
                if name in tables.country_totals:
                    raise ValueError(f"page {page.number}: a second subtotal for {name!r}")
                tables.country_totals[name] = full_counts(counts, page, line)
            elif first.x0 < columns["POST"][0] - COLUMN_SLACK and is_figure(first.text):
                # "12 Bolivia": the running number, then the country's name
                if counts is not None:
                    raise ValueError(f"page {page.number}: figures on a country line: "
                                     f"{line.text!r}")
                country = " ".join(w.text for w in labels[1:]).strip()
                if not country:
                    raise ValueError(f"page {page.number}: country line with no name: "
                                     f"{line.text!r}")
            elif _in_post_column(first, columns) and category_of(text) is not None:
                tables.lines.append(ReportLine(
                    mission=None, country=_need(country, page, line), category=category_of(text),
                    counts=full_counts(counts, page, line), page=page.number))
            else:
                raise ValueError(f"page {page.number}: line not understood: {line.text!r}")
    if not finished:
        raise ValueError(f"page {pages[-1].number}: no grand total at the end")
    return tables


def _is_heading(line: Line) -> bool:
    return tuple(w.text for w in line.words) == HEADINGS


def _in_post_column(word: Word, columns: dict[str, tuple[float, float]]) -> bool:
    return columns["POST"][0] - COLUMN_SLACK <= word.x0 < columns["MALE"][0] - COLUMN_SLACK




def _need(value: str | None, page: Page, line: Line) -> str:
    if value is None:
        raise ValueError(f"page {page.number}: row before its country: {line.text!r}")
    return value

