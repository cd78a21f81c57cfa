"""Read layout I (2019-09, 2024-10): a flat table, mission and country printed on every row."""

from __future__ import annotations

from indicators.importers.un_monthly.pdf_text import Line, Page, Word
from indicators.importers.un_monthly.printed import figure, is_figure, slash_date
from indicators.importers.un_monthly.report import Counts, ReportLine, ReportTables, category_of

CODE = "I"

# The column headings, left to right: 2019-09 prints them in lower case on the first page only,
# 2024-10 in title case on every page. Both files start with them: there is no title.
HEADINGS = (
    ("mission", "country", "description", "male", "female", "total", "report_date"),
    ("Mission", "Country", "Personnel", "Type", "Male", "Female", "Total", "Report", "Date"),
)
# 2024-10 centres a long country name over its row in two lines, each half a line above or
# below the row's own line (4.5 points there, rows 17 points apart). A name part belongs to
# the row whose middle is nearest, and must lie within this many points of it.
NAME_REACH = 8.0


def recognise(pages: list[Page]) -> bool:
    """The first line of the first page is one of the two heading rows (with 'Report Date')."""
    if not pages:
        return False
    lines = pages[0].lines()
    return bool(lines) and _is_heading(lines[0])


def parse(pages: list[Page]) -> ReportTables:
    """No totals are printed: every row gives mission, country, type, figures and the date."""
    if not recognise(pages):
        raise ValueError("page 1: not a layout I report (headings not found)")
    heading = pages[0].lines()[0]
    # Mission acronyms are centred (2024-10) or right-aligned (2019-09) under 'Mission', names
    # start just right of it: a word centred left of the midpoint between the two headings is
    # the mission.
    mission_edge = (heading.words[0].centre + heading.words[1].centre) / 2
    figure_centres = _figure_centres(heading)
    tables = ReportTables(layout=CODE, report_date=None)
    for page in pages:
        rows: list[tuple[Line, str, list[str], str, Counts]] = []
        parts: list[Line] = []  # lines holding only part of a wrapped country name
        for line in page.lines():
            if _is_heading(line):
                continue
            words = list(line.words)
            date = slash_date(words[-1].text)
            if date is None:
                if any(is_figure(w.text) or w.centre < mission_edge for w in words):
                    raise ValueError(f"page {page.number}: line not understood: {line.text!r}")
                parts.append(line)
                continue
            if tables.report_date is None:
                tables.report_date = date
            elif date != tables.report_date:
                raise ValueError(f"page {page.number}: a row dated {words[-1].text}, not "
                                 f"{tables.report_date:%d/%m/%Y}: {line.text!r}")
            figures = words[-4:-1]
            if len(words) < 6 or not all(is_figure(w.text) for w in figures) \
                    or words[0].centre >= mission_edge or words[1].centre < mission_edge:
                raise ValueError(f"page {page.number}: row not understood: {line.text!r}")
            for word, centre in zip(figures, figure_centres, strict=True):
                if min(figure_centres, key=lambda c: abs(c - word.centre)) != centre:
                    raise ValueError(f"page {page.number}: figure {word.text} out of its "
                                     f"column: {line.text!r}")
            country, label = _split_type(words[1:-4], page, line)
            men, women, total = (figure(w.text) for w in figures)
            rows.append((line, words[0].text, country, label, Counts(men, women, total)))
        # Name parts above and below each row, by the row's index on the page.
        above: dict[int, list[Line]] = {i: [] for i in range(len(rows))}
        below: dict[int, list[Line]] = {i: [] for i in range(len(rows))}
        for part in parts:
            index = min(range(len(rows)), key=lambda i: abs(rows[i][0].middle - part.middle),
                        default=None)
            if index is None or abs(rows[index][0].middle - part.middle) > NAME_REACH:
                raise ValueError(f"page {page.number}: name part with no row: {part.text!r}")
            (above if part.middle < rows[index][0].middle else below)[index].append(part)
        for index, (line, mission, inline, label, counts) in enumerate(rows):
            country = " ".join([p.text for p in sorted(above[index], key=lambda p: p.middle)]
                               + inline
                               + [p.text for p in sorted(below[index], key=lambda p: p.middle)])
            if not country:
                raise ValueError(f"page {page.number}: row with no country: {line.text!r}")
            tables.lines.append(ReportLine(mission, country, category_of(label), counts,
                                           page.number))
    if tables.report_date is None:
        raise ValueError(f"page {pages[-1].number}: no rows, so no report date")
    return tables


def _is_heading(line: Line) -> bool:
    return tuple(w.text for w in line.words) in HEADINGS


def _figure_centres(heading: Line) -> list[float]:
    by_text = {w.text.lower(): w.centre for w in heading.words}
    return [by_text["male"], by_text["female"], by_text["total"]]


def _split_type(words: list[Word], page: Page, line: Line) -> tuple[list[str], str]:
    """The country's words and the personnel type: the type is the longest run of last words
    that names one ('Experts on Mission', 'Formed Police Units', 'FPU', 'Troops')."""
    texts = [w.text for w in words]
    for start in range(len(texts)):
        label = " ".join(texts[start:])
        if category_of(label) is not None:
            return texts[:start], label
    raise ValueError(f"page {page.number}: no personnel type: {line.text!r}")

