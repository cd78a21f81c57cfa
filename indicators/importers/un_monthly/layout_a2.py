"""Read layout A2 (the Nov 2016 report only): numbered countries, all four types per mission."""

# What the pages look like (127 portrait pages):
#
#   Summary of Contributions to Peackeeping by Country and Mission Detail           (first page)
#   Police,UN Military Experts on Mission and Troops by End of November, 2016       (first page)
#   Country  Mission  Male  Female  Total                                            (every page)
#   1  Algeria                               <- numbered country heading
#        MONUSCO                             <- mission heading, alone on its line
#        Experts on Mission    5  0  5       <- all four types, zeros included
#        Contingent Troops     0  0  0
#        Ind Police            0  0  0
#        Formed Police Units   0  0  0
#        Total for Mission     5  0  5       <- the country's subtotal in the mission, with gender
#   ...
#   Grand Total                 100,851      <- total only; no country totals are printed
#
# Country names are cut to the cell's width (`United States of Americ`, `The former Yugoslav Re`)
# and are kept as printed: names are resolved elsewhere. A mission heading can be the last line of
# a page with its rows on the next, and a mission's rows can run on over a page break.

from __future__ import annotations

import calendar
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

CODE = "A2"

# Column edges in points from the left, read off the header `Country Mission Male Female Total`:
# the country's number ends at ~35 and its name starts at ~43; missions, types and `Total for
# Mission` start at ~154. Figures are right-aligned: Male ends at ~329-332, Female at ~437-440,
# Total at ~549-552. A figure belongs to the first column whose right edge it ends by.
NAME_LEFT = 40.0
MISSION_LEFT = 140.0
COLUMN_RIGHT_EDGES = (380.0, 490.0, 570.0)
# Labels (`Formed Police Units`, the longest) end by ~235; the Male figures start after ~290.
FIGURES_LEFT = 280.0

_TITLE = re.compile(r"^Summary of Contributions to Pea\w+ by Country and Mission Detail$")
_DATE = re.compile(r"by End of ([A-Z][a-z]+),? (\d{4})$")
_HEADER = "Country Mission Male Female Total"
_MISSION_TOTAL = "Total for Mission"
_GRAND_TOTAL = "Grand Total"


def recognise(pages: list[Page]) -> bool:
    """True for the Nov 2016 layout: its title (spelt `Peackeeping`), date line and header."""
    if not pages:
        return False
    texts = [_squeeze(line.text) for line in pages[0].lines()[:6]]
    return (any(_TITLE.match(text) for text in texts)
            and any(_DATE.search(text) for text in texts)
            and _HEADER in texts)


def parse(pages: list[Page]) -> ReportTables:
    tables = ReportTables(layout=CODE, report_date=_report_date(pages))
    country: str | None = None
    number = 0  # the printed number of the current country: they run 1, 2, 3 ...
    mission: str | None = None  # the open mission (None once its `Total for Mission` is read)
    types_read: set[str] = set()  # types read for the open mission
    missions_read: set[str] = set()  # missions of the current country
    for page in pages:
        page_top = True
        for line in page.lines():
            text = _squeeze(line.text)
            if text == _HEADER or (page.number == 1 and (_TITLE.match(text)
                                                         or _DATE.search(text))):
                continue
            where = f"page {page.number}"
            was_page_top, page_top = page_top, False
            if tables.grand_total is not None:
                raise ValueError(f"{where}: text after the grand total: {text!r}")
            words = list(line.words)
            figures = trailing_figures(words)
            label_words = words[:len(words) - len(figures)]
            label = " ".join(w.text for w in label_words)
            if label_words and label_words[0].x0 < NAME_LEFT:
                if label == _GRAND_TOTAL and len(figures) == 1:
                    _close_country(mission, country, where)
                    tables.grand_total = Counts(None, None, figure(figures[0].text))
                    continue
                # `12 Bosnia and Herzegovina`: the number sits left of the name column.
                first = label_words[0]
                if figures or not is_figure(first.text) or len(label_words) < 2 \
                        or label_words[1].x0 < NAME_LEFT:
                    raise ValueError(f"{where}: cannot read line {text!r}")
                _close_country(mission, country, where)
                if int(first.text) != number + 1:
                    raise ValueError(f"{where}: country number {first.text} after {number}: "
                                     f"{text!r}")
                number = int(first.text)
                country = " ".join(w.text for w in label_words[1:]).strip()
                mission, missions_read = None, set()
                continue
            if country is None or not label_words or label_words[0].x0 < MISSION_LEFT:
                raise ValueError(f"{where}: cannot read line {text!r}")
            if not figures:
                # A mission heading. The first line of a page repeating the open mission would
                # continue it; none has been seen, but it would not be a new block.
                if label == mission and was_page_top:
                    continue
                if mission is not None:
                    raise ValueError(f"{where}: mission {mission} has no total before {text!r}")
                if len(label_words) != 1 or label in missions_read:
                    raise ValueError(f"{where}: unexpected mission heading {text!r}")
                mission, types_read = label, set()
                missions_read.add(mission)
                continue
            for word in label_words:
                if word.x0 >= FIGURES_LEFT:
                    raise ValueError(f"{where}: figure {word.text!r} does not parse in {text!r}")
            if mission is None:
                raise ValueError(f"{where}: figures outside any mission: {text!r}")
            men, women, total = cells_by_right_edge(figures, COLUMN_RIGHT_EDGES, where, text)
            if men is None or women is None or total is None:
                raise ValueError(f"{where}: blank figure in {text!r}")
            counts = Counts(men, women, total)
            if label == _MISSION_TOTAL:
                if not types_read:
                    raise ValueError(f"{where}: mission {mission} has no rows: {text!r}")
                tables.country_mission_totals[(country, mission)] = counts
                mission = None
                continue
            category = category_of(label)
            if category is None:
                raise ValueError(f"{where}: unknown personnel type {label!r} in {text!r}")
            if category in types_read:
                raise ValueError(f"{where}: {category} twice for {country!r} in {mission}: "
                                 f"{text!r}")
            types_read.add(category)
            # Zero rows are kept: this report lists every type, and a zero is what it printed.
            tables.lines.append(ReportLine(mission, country, category, counts, page.number))
    if tables.grand_total is None:
        raise ValueError(f"page {pages[-1].number if pages else 0}: no grand total found")
    if not tables.lines:
        raise ValueError(f"page 1: no rows read ({len(pages)} pages)")
    return tables


def _close_country(mission: str | None, country: str | None, where: str) -> None:
    if mission is not None:
        raise ValueError(f"{where}: {country!r} in {mission} has no `Total for Mission`")


def _report_date(pages: list[Page]) -> dt.date:
    # The report prints only the month (`by End of November, 2016`): its last day is the date.
    for line in pages[0].lines()[:6] if pages else []:
        found = _DATE.search(_squeeze(line.text))
        if found:
            month = dt.datetime.strptime(found.group(1), "%B").month
            year = int(found.group(2))
            return dt.date(year, month, calendar.monthrange(year, month)[1])
    raise ValueError("page 1: no 'by End of <month>, <year>' date found")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()





