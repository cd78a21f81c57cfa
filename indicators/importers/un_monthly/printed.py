"""How the reports print a figure and a date: the small readers every layout shares."""

from __future__ import annotations

import datetime as dt
import re

from indicators.importers.un_monthly.pdf_text import Line, Page, Word
from indicators.importers.un_monthly.report import Counts

# A head count: digits, with or without thousands separators (both appear in one file).
FIGURE = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")
# The report date as most layouts print it: dd/mm/yyyy.
SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def is_figure(text: str) -> bool:
    return FIGURE.match(text) is not None


def figure(text: str) -> int:
    """The number a printed figure stands for ("1,514" -> 1514)."""
    return int(text.replace(",", ""))


def slash_date(text: str) -> dt.date | None:
    """The date a dd/mm/yyyy word stands for, or None when the word is not one."""
    match = SLASH_DATE.match(text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    return dt.date(year, month, day)


def title_date(page: Page, first_lines: int | None = None) -> dt.date:
    """The first dd/mm/yyyy word on the page (or in its first lines): the title's date."""
    lines = page.lines()
    for line in lines if first_lines is None else lines[:first_lines]:
        for word in line.words:
            found = slash_date(word.text)
            if found:
                return found
    raise ValueError(f"page {page.number}: no report date (dd/mm/yyyy) in the title")


def trailing_figures(words: list[Word]) -> list[Word]:
    """The run of figures ending a line."""
    count = 0
    for word in reversed(words):
        if not is_figure(word.text):
            break
        count += 1
    return words[len(words) - count:]


def cells_by_right_edge(figures: list[Word], right_edges: tuple[float, ...], where: str,
                        text: str) -> tuple[int | None, ...]:
    """One value per column (None where its cell is blank), each figure placed in the first
    column whose right edge it does not pass: figures are right-aligned in their cells."""
    cells: list[int | None] = [None] * len(right_edges)
    for word in figures:
        column = next((i for i, edge in enumerate(right_edges) if word.x1 <= edge), None)
        if column is None or cells[column] is not None:
            raise ValueError(f"{where}: figure {word.text!r} out of its column in {text!r}")
        cells[column] = figure(word.text)
    return tuple(cells)


def counts_under_headings(numbers: list[Word], columns, page: Page, line: Line) -> Counts | None:
    """The figures of a line by the heading each sits under; None when the line has none.

    The figures are right-aligned under their headings, so each belongs to the heading whose
    right edge is nearest (in layout D the grand total's female figure sticks out a few points
    to the right).
    """
    if not numbers:
        return None
    found: dict[str, int] = {}
    for word in numbers:
        heading = min(("MALE", "FEMALE", "TOTAL"), key=lambda h: abs(columns[h][1] - word.x1))
        if heading in found:
            raise ValueError(f"page {page.number}: two figures under {heading}: {line.text!r}")
        found[heading] = figure(word.text)
    if "TOTAL" not in found:
        raise ValueError(f"page {page.number}: no total on the line: {line.text!r}")
    return Counts(found.get("MALE"), found.get("FEMALE"), found["TOTAL"])


def full_counts(counts: Counts | None, page: Page, line: Line) -> Counts:
    """Counts with all three figures; a row or total missing one cannot be trusted."""
    if counts is None or counts.men is None or counts.women is None:
        raise ValueError(f"page {page.number}: male, female and total expected: {line.text!r}")
    return counts
