"""Read layouts G (2019-11) and H (2019-12, 2020-01): mission blocks, a row per country/post."""

from __future__ import annotations

import re
from dataclasses import replace

from indicators.importers.un_monthly.pdf_text import Line, Page
from indicators.importers.un_monthly.printed import figure, is_figure, title_date
from indicators.importers.un_monthly.report import Counts, ReportLine, ReportTables, category_of

CODE = "G"  # the module's default; `parse` sets "G" or "H" from the headings it finds

# The column headings, left to right. G prints the post after the figures, H before them as
# 'Description'; otherwise the two are the same report (same title, blocks and totals).
HEADINGS = {
    "G": ("Mission", "Country", "Male", "Female", "Total", "Post"),
    "H": ("Mission", "Country", "Description", "Male", "Female", "Total"),
}
TITLE = "Summary of Contribution to UN Peacekeeping by Mission, Country"
FOOTER = re.compile(r"^Page \d+ of \d+$")
# Figures are right-aligned under their headings; a figure belongs to the heading whose right
# edge is nearest, and must end within this many points of it.
FIGURE_SLACK = 8.0
# Text starting this far left of a heading's left edge still starts in that heading's column.
COLUMN_SLACK = 6.0


def recognise(pages: list[Page]) -> bool:
    """The title names 'Mission, Country' and the headings are exactly G's or H's."""
    return bool(pages) and _variant(pages[0]) is not None


def parse(pages: list[Page]) -> ReportTables:
    variant = _variant(pages[0]) if pages else None
    if variant is None:
        raise ValueError("page 1: not a layout G/H report (title or headings not found)")
    tables = ReportTables(layout=variant, report_date=title_date(pages[0], first_lines=4))
    mission: str | None = None
    rows_since_total = 0  # rows read since the last mission total: a new block must start clean
    after_row = False  # the line before was a row, so a bare name below it ends that row's name
    finished = False  # the closing line (row count, and in H the grand total) ends the table
    for page in pages:
        lines = page.lines()
        heading = next((i for i, line in enumerate(lines) if _is_heading(line, variant)), None)
        if heading is None:
            raise ValueError(f"page {page.number}: column headings not found")
        columns = {w.text: (w.x0, w.x1) for w in lines[heading].words}
        for line in lines[heading + 1:]:
            if FOOTER.match(line.text):
                continue
            if finished:
                raise ValueError(f"page {page.number}: text after the closing line: {line.text!r}")
            was_after_row, after_row = after_row, False
            figures = [w for w in line.words
                       if is_figure(w.text) and w.x0 > columns["Country"][1]]
            labels = [w for w in line.words if w not in figures]
            counts = _counts(figures, columns, page, line)
            mission_words = [w for w in labels if w.x0 < columns["Country"][0] - COLUMN_SLACK]
            country_words = [w for w in labels if w not in mission_words
                             and w.x0 < _post_edge(columns, variant)]
            post_words = [w for w in labels if w not in mission_words and w not in country_words]
            if mission_words and is_figure(mission_words[0].text):
                # The closing line: the number of rows under 'Mission', then (H only) the
                # grand total. G prints the count alone.
                if len(mission_words) != 1 or country_words or post_words or rows_since_total:
                    raise ValueError(f"page {page.number}: closing line not understood: "
                                     f"{line.text!r}")
                if counts is not None:
                    tables.grand_total = counts
                if figure(mission_words[0].text) != len(tables.lines):
                    raise ValueError(f"page {page.number}: the report counts "
                                     f"{mission_words[0].text} rows, {len(tables.lines)} read")
                finished = True
            elif mission_words:
                if counts is not None or country_words or post_words or len(mission_words) > 1:
                    raise ValueError(f"page {page.number}: mission line not understood: "
                                     f"{line.text!r}")
                if rows_since_total:
                    raise ValueError(f"page {page.number}: mission {mission} has no total "
                                     f"before {line.text!r}")
                mission = mission_words[0].text
            elif country_words and not post_words and counts is None:
                # A long name wraps: its first part is on the row's line, the rest on a line
                # of its own just below, before the next row.
                if not was_after_row:
                    raise ValueError(f"page {page.number}: name with no row: {line.text!r}")
                last = tables.lines[-1]
                tables.lines[-1] = replace(last, country=f"{last.country} {line.text.strip()}")
                after_row = True
            elif country_words:
                country = " ".join(w.text for w in country_words).strip()
                category = category_of(" ".join(w.text for w in post_words))
                if category is None or counts is None:
                    raise ValueError(f"page {page.number}: row not understood: {line.text!r}")
                if mission is None:
                    raise ValueError(f"page {page.number}: row before any mission: {line.text!r}")
                tables.lines.append(ReportLine(mission, country, category, counts, page.number))
                rows_since_total += 1
                after_row = True
            elif counts is not None and not post_words:
                # Figures alone close a mission block: its total.
                if mission is None or mission in tables.mission_totals or not rows_since_total:
                    raise ValueError(f"page {page.number}: total with no mission block: "
                                     f"{line.text!r}")
                tables.mission_totals[mission] = counts
                rows_since_total = 0
            else:
                raise ValueError(f"page {page.number}: line not understood: {line.text!r}")
    if not finished:
        raise ValueError(f"page {pages[-1].number}: no closing row count at the end")
    return tables


def _variant(page: Page) -> str | None:
    lines = page.lines()
    # The title wraps at different words from month to month.
    if TITLE not in " ".join(line.text for line in lines[:3]):
        return None
    for line in lines[:8]:
        for variant in HEADINGS:
            if _is_heading(line, variant):
                return variant
    return None


def _is_heading(line: Line, variant: str) -> bool:
    return tuple(w.text for w in line.words) == HEADINGS[variant]


def _post_edge(columns: dict[str, tuple[float, float]], variant: str) -> float:
    """Where the post label starts: G's 'Post' heading, H's 'Description' heading."""
    name = "Post" if variant == "G" else "Description"
    return columns[name][0] - COLUMN_SLACK


def _counts(figures, columns, page: Page, line: Line) -> Counts | None:
    """Male, female and total by the heading each figure ends under; None for no figures."""
    if not figures:
        return None
    found: dict[str, int] = {}
    for word in figures:
        heading = min(("Male", "Female", "Total"), key=lambda h: abs(columns[h][1] - word.x1))
        if heading in found or abs(columns[heading][1] - word.x1) > FIGURE_SLACK:
            raise ValueError(f"page {page.number}: figure {word.text} not under a heading: "
                             f"{line.text!r}")
        found[heading] = figure(word.text)
    if len(found) != 3:
        raise ValueError(f"page {page.number}: male, female and total expected: {line.text!r}")
    return Counts(found["Male"], found["Female"], found["Total"])

