"""Read layout C reports (2021-02 on): mission, country, personnel type rows and printed totals."""

# The table has four columns: Mission, Country, Personnel Type, then Male / Female / Total.
# A mission's name stands alone on a line above its rows; "Total <MISSION>" closes it and
# "Grand Total" closes the report. The country cell spans all of the country's rows and its
# name is drawn vertically centred over them, so a row's country is the label whose span
# covers the row, not the last label seen above it (which gives the wrong country to
# nearly a third of the rows). Each page repeats the label over its own share of the rows,
# except the 2022-09 file (US-letter page), which draws it once, centred over the whole span
# as if the pages were one long sheet, and so shows it on both sides of a page break.

from __future__ import annotations

import datetime as dt
import re
import statistics
from dataclasses import dataclass
from itertools import pairwise

from indicators.importers.un_monthly.pdf_text import Line, Page, Word, group_lines
from indicators.importers.un_monthly.printed import figure, is_figure, slash_date
from indicators.importers.un_monthly.report import Counts, ReportLine, ReportTables, category_of

CODE = "C"

_HEADER = ("Mission", "Country", "Personnel", "Type", "Male", "Female", "Total")
# Two lines of a wrapped country name overlap or touch; two different labels never come
# closer than a row pitch less two line heights (over 5 points even on the smaller page).
_WRAP_GAP = 1.5


def recognise(pages: list[Page]) -> bool:
    """True for the report titled '... by Mission, Country, and Personnel Type' with a
    Mission / Country / Personnel Type / Male / Female / Total header on its first page."""
    if not pages:
        return False
    texts = [line.text for line in pages[0].lines()]
    return ("Contribution of Uniformed Personnel to UN" in texts
            and "by Mission, Country, and Personnel Type" in texts
            and _header_line(pages[0]) is not None)


def parse(pages: list[Page]) -> ReportTables:
    if not recognise(pages):
        raise ValueError("page 1: not a layout C report (title or column header not found)")
    columns = _Columns.from_header(_header_line(pages[0]))
    report_date = _report_date(pages)
    rows, labels, totals, pitch = _read_body(pages, columns)
    tables = ReportTables(layout=CODE, report_date=report_date)
    tables.lines = _assign_countries(rows, labels, tolerance=pitch / 4)
    _check_types_alphabetical(tables.lines, rows)
    for kind, name, counts, page in totals:
        if kind == "grand":
            tables.grand_total = counts  # _read_body allows exactly one, at the end
        elif name in tables.mission_totals:
            raise ValueError(f"page {page}: a second 'Total {name}' line")
        else:
            tables.mission_totals[name] = counts
    return tables


# --- page furniture -------------------------------------------------------------------------

def _header_line(page: Page) -> Line | None:
    for line in page.lines():
        if tuple(w.text for w in line.words) == _HEADER:
            return line
    return None


@dataclass(frozen=True)
class _Columns:
    country_x0: float  # left edge of the Country column
    type_x0: float  # left edge of the Personnel Type column
    male: float  # centres of the three count headings: numbers go to the nearest
    female: float
    total: float

    @classmethod
    def from_header(cls, line: Line) -> _Columns:
        w = line.words
        # Cell text is left-aligned at the heading's left edge; allow a little slack.
        return cls(country_x0=w[1].x0 - 4, type_x0=w[2].x0 - 4,
                   male=w[4].centre, female=w[5].centre, total=w[6].centre)

    def zone(self, word: Word) -> str:
        if word.x0 < self.country_x0:
            return "mission"
        if word.x0 < self.type_x0:
            return "country"
        if is_figure(word.text) and word.x0 > (self.type_x0 + self.male) / 2:
            return min(("male", "female", "total"),
                       key=lambda c: abs(word.centre - getattr(self, c)))
        return "type"


def _report_date(pages: list[Page]) -> dt.date:
    """The 'As of: dd/mm/yyyy' date, which every page prints and must agree on."""
    found: dt.date | None = None
    for page in pages:
        line = _as_of_line(page)
        if line is None:
            raise ValueError(f"page {page.number}: no 'As of:' date line")
        date = slash_date(line.words[-1].text)
        if date is None:
            raise ValueError(f"page {page.number}: unreadable report date {line.text!r}")
        if found is not None and date != found:
            raise ValueError(f"page {page.number}: date {line.text!r} differs from {found}")
        found = date
    assert found is not None
    return found


def _as_of_line(page: Page) -> Line | None:
    for line in page.lines():
        if [w.text for w in line.words[:2]] == ["As", "of:"] and len(line.words) == 3:
            return line
    return None


def _footer_top(page: Page) -> float:
    for line in page.lines():
        if line.text.startswith("Report Generated") or re.search(r"\bPage \d+ of \d+$",
                                                                 line.text):
            return line.top
    return page.height


# --- reading the body -----------------------------------------------------------------------

@dataclass
class _Row:
    """A data row: one personnel type's counts; its country is found later from the labels."""

    mission: str
    label: str  # the personnel type as printed
    category: str
    counts: Counts
    page: int
    middle: float  # vertical centre on its page
    position: float = 0.0  # vertical centre on the continuous sheet (see _place_on_sheet)


@dataclass
class _Label:
    text: str
    page: int
    top: float
    bottom: float
    position: float = 0.0

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def _read_body(pages: list[Page], columns: _Columns):
    rows: list[_Row] = []
    labels: list[_Label] = []
    totals: list[tuple[str, str, Counts, int]] = []
    # Per page, what the page begins and ends with, to join pages into one sheet.
    page_rows: dict[int, list[_Row]] = {}
    page_items: dict[int, list[str]] = {}
    mission: str | None = None
    finished = False
    for page in pages:
        top_limit = max(w.bottom for w in _as_of_line(page).words)
        header = _header_line(page)
        if header is not None:
            top_limit = max(top_limit, max(w.bottom for w in header.words))
        bottom_limit = _footer_top(page)
        body = [w for w in page.words if top_limit < w.middle < bottom_limit]
        country_words = [w for w in body if columns.zone(w) == "country"]
        other_words = [w for w in body if columns.zone(w) != "country"]
        labels += _label_blocks(country_words, page.number)
        items: list[str] = []
        page_rows[page.number] = []
        for line in group_lines(other_words):
            cells: dict[str, list[Word]] = {}
            for word in line.words:
                cells.setdefault(columns.zone(word), []).append(word)
            left = " ".join(w.text for w in cells.get("mission", []))
            kind = " ".join(w.text for w in cells.get("type", []))
            numbers = [cells.get(c, []) for c in ("male", "female", "total")]
            where = f"page {page.number}: {line.text!r}"
            if finished:
                raise ValueError(f"{where}: text after the Grand Total")
            if left and not kind and not any(numbers):
                mission = left  # a mission's name heads its rows
                items.append("mission")
                continue
            if any(len(n) != 1 for n in numbers):
                raise ValueError(f"{where}: expected one Male, Female and Total number")
            counts = Counts(*(figure(n[0].text) for n in numbers))
            if counts.men + counts.women != counts.total:
                raise ValueError(f"{where}: male + female is not the total")
            if left == "Grand Total" and not kind:
                totals.append(("grand", "", counts, page.number))
                finished = True
                items.append("total")
            elif left.startswith("Total ") and not kind:
                name = left[len("Total "):]
                if name != mission:
                    raise ValueError(f"{where}: total for {name} inside mission {mission}")
                totals.append(("mission", name, counts, page.number))
                mission = None
                items.append("total")
            elif kind and not left:
                category = category_of(kind)
                if category is None:
                    raise ValueError(f"{where}: unknown personnel type {kind!r}")
                if mission is None:
                    raise ValueError(f"{where}: a row outside any mission")
                row = _Row(mission, kind, category, counts, page.number, _middle(line.words))
                rows.append(row)
                page_rows[page.number].append(row)
                items.append("row")
            else:
                raise ValueError(f"{where}: not a mission, row or total line")
        page_items[page.number] = items
    if not finished:
        raise ValueError(f"page {len(pages)}: no 'Grand Total' line found")
    pitch = _place_on_sheet(pages, rows, labels, page_rows, page_items)
    return rows, labels, totals, pitch


def _label_blocks(words: list[Word], page: int) -> list[_Label]:
    """Country labels on a page, the lines of a wrapped name joined into one label."""
    blocks: list[_Label] = []
    for line in group_lines(words):
        top = min(w.top for w in line.words)
        bottom = max(w.bottom for w in line.words)
        if blocks and top - blocks[-1].bottom < _WRAP_GAP:
            blocks[-1].text += " " + line.text
            blocks[-1].bottom = max(blocks[-1].bottom, bottom)
        else:
            blocks.append(_Label(line.text, page, top, bottom))
    for block in blocks:
        block.text = block.text.strip()
    return blocks


def _middle(words) -> float:
    return (min(w.top for w in words) + max(w.bottom for w in words)) / 2




# --- countries ------------------------------------------------------------------------------

def _place_on_sheet(pages, rows, labels, page_rows, page_items) -> float:
    """Give rows and labels a position on one continuous sheet: where a page break falls
    between two rows of a mission, the next page's first row sits one row pitch below the
    last row of the page before. A label drawn across the break (2022-09) then lands at the
    same place from both pages, and is kept once. Returns the row pitch."""
    steps = [b.middle - a.middle for a, b in pairwise(rows) if a.page == b.page]
    if not steps:
        raise ValueError("page 1: no table rows found")
    pitch = statistics.median(steps)
    offset = 0.0
    offsets: dict[int, float] = {}
    previous: Page | None = None
    for page in pages:
        if previous is not None:
            before, after = page_items[previous.number], page_items[page.number]
            if (before and after and before[-1] == "row" and after[0] == "row"):
                offset += page_rows[previous.number][-1].middle + pitch \
                    - page_rows[page.number][0].middle
            else:
                offset += previous.height * 2  # no row continues: keep pages well apart
        offsets[page.number] = offset
        previous = page
    for row in rows:
        row.position = row.middle + offsets[row.page]
    for label in labels:
        label.position = label.middle + offsets[label.page]
    labels.sort(key=lambda label: label.position)
    unique: list[_Label] = []
    for label in labels:
        if unique and unique[-1].text == label.text \
                and abs(unique[-1].position - label.position) < pitch / 4:
            continue  # the same label, seen from the other side of a page break
        unique.append(label)
    labels[:] = unique
    return pitch


def _assign_countries(rows: list[_Row], labels: list[_Label], tolerance: float
                      ) -> list[ReportLine]:
    """Each label covers the run of rows whose first and last rows it is centred between.
    Labels are taken in order; each run starts at the first row not yet covered. A quarter
    of the row pitch as tolerance keeps the runs of n and n+1 rows (half a pitch apart) apart."""
    lines: list[ReportLine] = []
    first = 0
    for label in labels:
        if first >= len(rows):
            raise ValueError(f"page {label.page}: country label {label.text!r} has no rows")
        best, best_gap = None, tolerance
        for last in range(first, len(rows)):
            centre = (rows[first].position + rows[last].position) / 2
            if centre > label.position + tolerance:
                break
            gap = abs(centre - label.position)
            if gap < best_gap:
                best, best_gap = last, gap
        if best is None:
            raise ValueError(f"page {label.page}: country label {label.text!r} is not centred "
                             f"on the rows from {rows[first].label!r} (page {rows[first].page})")
        run = rows[first:best + 1]
        if len({row.mission for row in run}) != 1:
            raise ValueError(f"page {label.page}: country label {label.text!r} spans missions")
        for row in run:
            lines.append(ReportLine(row.mission, label.text, row.category, row.counts,
                                    row.page))
        first = best + 1
    if first < len(rows):
        row = rows[first]
        raise ValueError(f"page {row.page}: row {row.label!r} in {row.mission} has no "
                         "country label")
    return lines


def _check_types_alphabetical(lines: list[ReportLine], rows: list[_Row]) -> None:
    """Within a country the report lists personnel types alphabetically (a type sorting
    before the previous one starts a new country); a label read wrong breaks the order.
    A country split by a page break comes back as two labels and continues the order."""
    seen: dict[tuple[str, str], str] = {}
    for line, row in zip(lines, rows, strict=True):
        key = (line.mission, line.country)
        if key in seen and row.label <= seen[key]:
            raise ValueError(f"page {line.page}: {row.label!r} after {seen[key]!r} for "
                             f"{line.country} in {line.mission}: types out of order")
        seen[key] = row.label
