"""Read layout B (2020-02 to 2021-01): mission blocks, contributor labels, one row per post."""

from __future__ import annotations

import re

from indicators.importers.un_monthly.pdf_text import Line, Page, Word
from indicators.importers.un_monthly.printed import figure, is_figure, title_date
from indicators.importers.un_monthly.report import Counts, ReportLine, ReportTables, category_of

CODE = "B"

# The column headings printed at the top of every page, left to right.
HEADINGS = ("Mission", "Contributor", "Description", "Male", "Female", "Total")
TITLE = "Summary of Contribution to UN Peacekeeping by Mission, Country"
FOOTER = re.compile(r"^Page \d+ of \d+$")
# Figures sit under Male/Female/Total but are centred in some months and right-aligned in
# others, and large ones start left of the 'Male' heading: a figure is any number starting
# at most this many points left of 'Male'. (Names and labels all end well before.)
FIGURE_SLACK = 15.0
# A line's first word tells its kind: the mission acronym starts under 'Mission', the
# contributor's name a little right of it (under 'Contributor', indented by up to 10 points),
# the personnel type under 'Description' (2021-01 starts it 24 points left of the heading).
MISSION_EDGE = 20.0  # a label starting this far left of 'Contributor' is a mission
DESCRIPTION_EDGE = 30.0  # a label starting this far left of 'Description' is a contributor


def recognise(pages: list[Page]) -> bool:
    """The title names 'Mission, Country' and the headings include 'Contributor'."""
    if not pages:
        return False
    lines = pages[0].lines()
    # The title wraps at different words from month to month.
    if TITLE not in " ".join(line.text for line in lines[:4]):
        return False
    return any(_is_heading(line) for line in lines[:8])


def parse(pages: list[Page]) -> ReportTables:
    """Two variants. 2020-02 to 2020-12: a contributor's name on a line of its own above its
    rows, each mission's total on an unlabelled line after its rows, and the grand total on a
    second unlabelled line at the end. 2021-01: the mission's total on the mission's line, the
    contributor's subtotal within the mission on the contributor's line, and a 'Grand Total'.
    In both the labels sit above their rows (not centred over them), so a row belongs to the
    last label above it, even across a page break."""
    if not recognise(pages):
        raise ValueError("page 1: not a layout B report (title or headings not found)")
    tables = ReportTables(layout=CODE, report_date=title_date(pages[0], first_lines=4))
    mission: str | None = None
    country: str | None = None
    previous = None  # the kind of the line before: "mission", "country", "row", "total"
    finished = False
    for page in pages:
        lines = page.lines()
        heading = next((i for i, line in enumerate(lines) if _is_heading(line)), None)
        if heading is None:
            raise ValueError(f"page {page.number}: column headings not found")
        columns = {w.text: (w.x0, w.x1) for w in lines[heading].words}
        for line in lines[heading + 1:]:
            if FOOTER.match(line.text):
                continue
            if finished:
                raise ValueError(f"page {page.number}: text after the grand total: {line.text!r}")
            figures = [w for w in line.words if is_figure(w.text)
                       and w.x0 > columns["Male"][0] - FIGURE_SLACK]
            labels = [w for w in line.words if w not in figures]
            counts = _counts(figures, columns, page, line)
            text = " ".join(w.text for w in labels)
            kind = _kind(labels, columns)
            if kind == "grand":
                tables.grand_total = _need(counts, page, line)
                finished = True
            elif kind is None:
                # Figures alone (2020): after a block's rows, the mission's total; right after
                # that total, the grand total.
                counts = _need(counts, page, line)
                if previous == "row" and mission not in tables.mission_totals:
                    tables.mission_totals[_name(mission, page, line)] = counts
                    kind = "total"
                elif previous == "total":
                    tables.grand_total = counts
                    finished = True
                else:
                    raise ValueError(f"page {page.number}: figures out of place: {line.text!r}")
            elif kind == "mission":
                if " " in text or (previous == "row" and counts is None):
                    # 2020: a block must end with its total before the next mission starts
                    raise ValueError(f"page {page.number}: mission line not understood: "
                                     f"{line.text!r}")
                mission, country = text, None
                if counts is not None:
                    tables.mission_totals[mission] = counts
            elif kind == "country" and previous == "country" and counts is None:
                # A long name wraps onto a second line ('United States of' / 'America').
                old = _name(country, page, line)
                country = f"{old} {text}"
                if (old, mission) in tables.country_mission_totals:
                    tables.country_mission_totals[(country, mission)] = \
                        tables.country_mission_totals.pop((old, mission))
            elif kind == "country":
                if mission is None:
                    raise ValueError(f"page {page.number}: contributor before any mission: "
                                     f"{line.text!r}")
                country = text
                if counts is not None:
                    key = (country, mission)
                    if key in tables.country_mission_totals:
                        raise ValueError(f"page {page.number}: {country} twice in {mission}")
                    tables.country_mission_totals[key] = counts
            else:
                category = category_of(text)
                if category is None:
                    raise ValueError(f"page {page.number}: unknown personnel type: "
                                     f"{line.text!r}")
                tables.lines.append(ReportLine(
                    _name(mission, page, line), _name(country, page, line), category,
                    _need(counts, page, line), page.number))
            previous = kind
    if not finished:
        raise ValueError(f"page {pages[-1].number}: no grand total at the end")
    return tables


def _is_heading(line: Line) -> bool:
    return tuple(w.text for w in line.words) == HEADINGS


def _kind(labels: list[Word], columns: dict[str, tuple[float, float]]) -> str | None:
    """What a line is by where its first word starts; None for a line of figures alone."""
    if not labels:
        return None
    if " ".join(w.text for w in labels) == "Grand Total":
        return "grand"
    first = labels[0].x0
    if first < columns["Contributor"][0] - MISSION_EDGE:
        return "mission"
    if first < columns["Description"][0] - DESCRIPTION_EDGE:
        return "country"
    return "row"


def _counts(figures: list[Word], columns, page: Page, line: Line) -> Counts | None:
    """Male, female and total, left to right; each must lie nearer its own heading than the
    others. None when the line has no figures."""
    if not figures:
        return None
    headings = ("Male", "Female", "Total")
    centres = [(columns[h][0] + columns[h][1]) / 2 for h in headings]
    placed = [min(range(3), key=lambda i: abs(centres[i] - w.centre)) for w in figures]
    if placed != [0, 1, 2]:
        raise ValueError(f"page {page.number}: male, female and total expected: {line.text!r}")
    men, women, total = (figure(w.text) for w in figures)
    return Counts(men, women, total)


def _need(counts: Counts | None, page: Page, line: Line) -> Counts:
    if counts is None:
        raise ValueError(f"page {page.number}: figures expected: {line.text!r}")
    return counts


def _name(value: str | None, page: Page, line: Line) -> str:
    if value is None:
        raise ValueError(f"page {page.number}: row before its mission or contributor: "
                         f"{line.text!r}")
    return value

