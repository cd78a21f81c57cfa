"""Read layout F (2019-10 only): landscape rows per country and mission, male/female per type."""

from __future__ import annotations

from indicators.importers.un_monthly.pdf_text import Line, Page, Word
from indicators.importers.un_monthly.printed import figure, is_figure
from indicators.importers.un_monthly.report import Counts, ReportLine, ReportTables, category_of

CODE = "F"

# The column headings printed at the top of every page: a male and a female column per type.
TYPES = ("UNMEM", "Troops", "UNPOL", "FPU", "MSO")
HEADINGS = ("Country", "Mission") + tuple(w for t in TYPES for w in (t, "M", t, "F"))
# A word this close (in points) to a heading's left edge starts in that heading's column.
COLUMN_SLACK = 6.0


def recognise(pages: list[Page]) -> bool:
    """The first page's headings are Country, Mission, then UNMEM M, UNMEM F, ... MSO F."""
    if not pages:
        return False
    lines = pages[0].lines()
    title = any(line.text.startswith("Summary of Contribution to UN Peacekeeping by Country")
                for line in lines[:3])
    return title and any(_is_heading(line) for line in lines[:6])


def parse(pages: list[Page]) -> ReportTables:
    """Rows for every type a country has in a mission; a type with 0 men and 0 women is left
    out (the table prints every type on every row, zeros included).

    The file prints no report date: report_date is None and the caller takes the month from
    the file name.
    """
    if not recognise(pages):
        raise ValueError("page 1: not a layout F report (title or headings not found)")
    tables = ReportTables(layout=CODE, report_date=None)
    country: str | None = None
    naming = False  # True while a country's name is being read, before its first row
    per_type: dict[str, list[int]] = {}  # country -> the 10 figures its rows add up to
    finished = False
    for page in pages:
        lines = page.lines()
        heading = next((i for i, line in enumerate(lines) if _is_heading(line)), None)
        if heading is None:
            raise ValueError(f"page {page.number}: column headings not found")
        columns = _columns(lines[heading])
        mission_x0 = lines[heading].words[1].x0 - COLUMN_SLACK
        first_figure = columns[0][2] - 30  # left of the first figure column, past any label
        for line in lines[heading + 1:]:
            if finished:
                raise ValueError(f"page {page.number}: text after the grand total: {line.text!r}")
            numbers = [w for w in line.words if is_figure(w.text) and w.x0 > first_figure]
            labels = [w for w in line.words if w not in numbers]
            name_words = [w for w in labels if w.x0 < mission_x0]
            row_label = " ".join(w.text for w in labels if w.x0 >= mission_x0)
            if name_words:
                # Long names wrap over two to four lines ('Iran (Islamic' / 'Republic of)'):
                # the lines before a country's first row make up its name.
                part = " ".join(w.text for w in name_words)
                country = f"{country} {part}" if naming and country else part
                naming = True
            if not row_label and not numbers:
                continue
            figures = _figures(numbers, columns, page, line)
            if row_label == "Grand Total":
                tables.grand_total = _counts(figures)
                if [sum(column) for column in zip(*per_type.values(), strict=True)] != figures:
                    raise ValueError(f"page {page.number}: the rows do not add up to the grand "
                                     f"total type by type: {line.text!r}")
                finished = True
            elif row_label == "Total by Country":
                name = _need(country, page, line)
                if name in tables.country_totals:
                    raise ValueError(f"page {page.number}: a second subtotal for {name!r}")
                tables.country_totals[name] = _counts(figures)
                # The folded total would hide a figure read into the wrong type's column, so
                # the country's rows must also match its printed total type by type.
                if per_type.get(name, [0] * len(figures)) != figures:
                    raise ValueError(f"page {page.number}: {name}'s rows do not add up to its "
                                     f"printed total type by type: {line.text!r}")
                naming = False
            elif " " not in row_label and row_label:
                name = _need(country, page, line)
                naming = False
                sums = per_type.setdefault(name, [0] * len(figures))
                for index, value in enumerate(figures):
                    sums[index] += value
                for index, kind in enumerate(TYPES):
                    men, women = figures[2 * index], figures[2 * index + 1]
                    if men or women:
                        tables.lines.append(ReportLine(
                            mission=row_label, country=name, category=category_of(kind),
                            counts=Counts(men, women, men + women), page=page.number))
            else:
                raise ValueError(f"page {page.number}: line not understood: {line.text!r}")
    if not finished:
        raise ValueError(f"page {pages[-1].number}: no grand total at the end")
    return tables


def _is_heading(line: Line) -> bool:
    return tuple(w.text for w in line.words) == HEADINGS


def _columns(line: Line) -> list[tuple[str, str, float]]:
    """(type, 'M' or 'F', right edge of the M/F heading) for the ten figure columns."""
    words = line.words[2:]
    return [(words[i].text, words[i + 1].text, words[i + 1].x1) for i in range(0, len(words), 2)]


def _figures(numbers: list[Word], columns, page: Page, line: Line) -> list[int]:
    """The ten figures of a line, in heading order. The figures are right-aligned under the
    M/F headings, so each belongs to the heading whose right edge is nearest."""
    found: dict[int, int] = {}
    for word in numbers:
        index = min(range(len(columns)), key=lambda i: abs(columns[i][2] - word.x1))
        if index in found:
            raise ValueError(f"page {page.number}: two figures under {columns[index][:2]}: "
                             f"{line.text!r}")
        found[index] = figure(word.text)
    if len(found) != len(columns):
        raise ValueError(f"page {page.number}: {len(columns)} figures expected: {line.text!r}")
    return [found[i] for i in range(len(columns))]


def _counts(figures: list[int]) -> Counts:
    men, women = sum(figures[0::2]), sum(figures[1::2])
    return Counts(men, women, men + women)


def _need(value: str | None, page: Page, line: Line) -> str:
    if value is None:
        raise ValueError(f"page {page.number}: row before its country: {line.text!r}")
    return value
