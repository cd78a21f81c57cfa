"""Read layout D (2017-05 to 2018-02): country blocks, mission sub-blocks, one row per post."""

from __future__ import annotations

from indicators.importers.un_monthly.pdf_text import Line, Page, Word
from indicators.importers.un_monthly.printed import (
    counts_under_headings,
    full_counts,
    is_figure,
    title_date,
)
from indicators.importers.un_monthly.report import Counts, ReportLine, ReportTables, category_of

CODE = "D"

# The column headings printed at the top of every page, left to right.
HEADINGS = ("Country", "Mission", "POST", "MALE", "FEMALE", "TOTAL")
# A word this close (in points) to a heading's left edge starts in that heading's column.
COLUMN_SLACK = 6.0


def recognise(pages: list[Page]) -> bool:
    """The title says 'by Country, Mission and Post' and the headings are Country/Mission/POST."""
    if not pages:
        return False
    lines = pages[0].lines()
    title = any("Country, Mission and Post" in line.text for line in lines[:4])
    return title and any(_is_heading(line) for line in lines[:6])


def parse(pages: list[Page]) -> ReportTables:
    """Every post row, the country subtotals, the mission-in-country subtotals (2017-06 on)
    and the grand total."""
    if not recognise(pages):
        raise ValueError("page 1: not a layout D report (title or headings not found)")
    tables = ReportTables(layout=CODE, report_date=title_date(pages[0]))
    country: str | None = None
    mission: str | None = None
    finished = False  # the grand total closes the table: nothing may follow it
    for page in pages:
        lines = page.lines()
        heading = next((i for i, line in enumerate(lines) if _is_heading(line)), None)
        if heading is None:
            raise ValueError(f"page {page.number}: column headings not found")
        columns = _columns(lines[heading])
        for line in lines[heading + 1:]:
            if finished:
                raise ValueError(f"page {page.number}: text after the grand total: {line.text!r}")
            words = list(line.words)
            numbers = [w for w in words if is_figure(w.text) and w.x0 > columns["POST"][1]]
            labels = [w for w in words if w not in numbers]
            counts = counts_under_headings(numbers, columns, page, line)
            text = " ".join(w.text for w in labels)
            first = labels[0] if labels else None
            if first is None:
                # 2017-10 prints Cote d'Ivoire's subtotal with no name (page 13): a line of
                # bare figures is the subtotal of the country whose block it closes.
                _set_once(tables.country_totals, _need(country, page, line),
                          full_counts(counts, page, line), page, line)
                continue
            if text.startswith("Grand Total"):
                tables.grand_total = full_counts(counts, page, line)
                finished = True
            elif text.startswith("Total for Country"):
                # 2017-05 only: the country's subtotal in the country column
                _set_once(tables.country_totals, _need(country, page, line),
                          full_counts(counts, page, line), page, line)
            elif _in_column(first, columns, "Country") and is_figure(first.text):
                # "12 Bolivia": the running number, then the country's name
                if counts is not None:
                    raise ValueError(f"page {page.number}: figures on a country line: "
                                     f"{line.text!r}")
                country = " ".join(w.text for w in labels[1:]).strip()
                mission = None
                if not country:
                    raise ValueError(f"page {page.number}: country line with no name: "
                                     f"{line.text!r}")
            elif _in_column(first, columns, "Mission") and counts is None:
                mission = text
                if " " in mission:
                    raise ValueError(f"page {page.number}: mission name with a space: {text!r}")
            elif _in_column(first, columns, "POST") and category_of(text) is not None:
                tables.lines.append(ReportLine(
                    mission=_need(mission, page, line), country=_need(country, page, line),
                    category=category_of(text), counts=full_counts(counts, page, line),
                    page=page.number))
            elif _in_column(first, columns, "POST"):
                # 2017-06 on: the country's subtotal, labelled with its (maybe shortened) name
                name = _need(country, page, line)
                if not name.startswith(text):
                    raise ValueError(f"page {page.number}: subtotal {text!r} inside the block "
                                     f"of {name!r}")
                _set_once(tables.country_totals, name, full_counts(counts, page, line), page, line)
            elif first.x0 > columns["MALE"][1] and counts is not None and counts.men is None:
                # 2017-06 on: the mission's subtotal within the country, total only, labelled
                # with the acronym cut to eight letters (MINUJUSTH -> MINUJUST)
                name = _need(mission, page, line)
                if not name.startswith(text):
                    raise ValueError(f"page {page.number}: subtotal {text!r} inside mission "
                                     f"{name!r}")
                _set_once(tables.country_mission_totals, (_need(country, page, line), name),
                          counts, page, line)
            else:
                raise ValueError(f"page {page.number}: line not understood: {line.text!r}")
    if not finished:
        raise ValueError(f"page {pages[-1].number}: no grand total at the end")
    return tables


def _is_heading(line: Line) -> bool:
    return tuple(w.text for w in line.words) == HEADINGS


def _columns(line: Line) -> dict[str, tuple[float, float]]:
    return {w.text: (w.x0, w.x1) for w in line.words}


def _in_column(word: Word, columns: dict[str, tuple[float, float]], name: str) -> bool:
    """Whether a word starts in the named column (the running number sits left of 'Country')."""
    edges = {"Country": 0.0, "Mission": columns["Mission"][0] - COLUMN_SLACK,
             "POST": columns["POST"][0] - COLUMN_SLACK, "MALE": columns["MALE"][0] - COLUMN_SLACK}
    following = {"Country": "Mission", "Mission": "POST", "POST": "MALE"}[name]
    return edges[name] <= word.x0 < edges[following]




def _set_once(totals: dict, key, counts: Counts, page: Page, line: Line) -> None:
    """A subtotal is printed once per block; a second one means the blocks were misread."""
    if key in totals:
        raise ValueError(f"page {page.number}: a second subtotal for {key!r}: {line.text!r}")
    totals[key] = counts


def _need(value: str | None, page: Page, line: Line) -> str:
    if value is None:
        raise ValueError(f"page {page.number}: row before its country or mission: {line.text!r}")
    return value

