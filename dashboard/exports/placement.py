"""Where things go on a 16:9 page (inches), the same for slides and PDF, and which pages."""

from __future__ import annotations

import struct
from dataclasses import dataclass

from dashboard.exports.snapshot import ChartSnapshot
from dashboard.exports.tables import Table, readable_table

WIDTH, HEIGHT = 13.333, 7.5  # 16:9, PowerPoint's widescreen size
MARGIN = 0.45


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    width: float
    height: float


TITLE = Box(MARGIN, 0.3, 9.9, 0.85)
MARK = Box(10.55, 0.32, 2.35, 0.45)
# A restricted pack's "Restricted: Rwanda delegation", above the title of every page.
RESTRICTION = Box(MARGIN, 0.02, WIDTH - 2 * MARGIN, 0.28)
CHART = Box(MARGIN, 1.3, 8.3, 5.2)
MESSAGES = Box(9.0, 1.3, 3.9, 5.2)  # the column beside the chart
MESSAGES_ABOVE_TABLE = Box(9.0, 1.3, 3.9, 2.9)
SIDE_TABLE = Box(9.0, 4.3, 3.9, 2.2)
TABLE = Box(MARGIN, 1.3, WIDTH - 2 * MARGIN, 5.0)
TABLE_NOTE = Box(MARGIN, 6.35, WIDTH - 2 * MARGIN, 0.3)
FOOTER = Box(MARGIN, 6.75, WIDTH - 2 * MARGIN - 0.9, 0.6)
CLOSING = Box(MARGIN, 6.55, WIDTH - 2 * MARGIN - 0.9, 0.6)  # the sources page's last lines
PAGE_NUMBER = Box(WIDTH - MARGIN - 0.8, 6.75, 0.8, 0.3)
SIDE_TABLE_ROWS = 5  # a table this short, and narrow, fits beside the chart
SIDE_TABLE_COLUMNS = 3


@dataclass
class ChartPages:
    """A chart's page, and its table: beside the chart when short, else on the next page."""

    snapshot: ChartSnapshot
    table: Table | None
    table_beside: bool

    @property
    def messages_box(self) -> Box:
        return layout_messages(self.table_beside)

    def messages_size(self, base: float) -> float:
        """The messages' font size: `base`, smaller for long messages in a short box (about
        40 characters a line at 15 points in a 3.9-inch column)."""
        box = self.messages_box
        characters = sum(len(message) + 20 for message in self.snapshot.messages)
        for size in (base, base - 2, base - 3, base - 4):
            per_line = 40 * 15 / size * box.width / 3.9
            lines = box.height * 72 / (size * 1.25 + size * 0.5 / len(self.snapshot.messages
                                                                    or [1]))
            if characters / per_line <= lines * 0.9:
                return size
        return base - 4

    @property
    def count(self) -> int:
        return 1 + (1 if self.table is not None and not self.table_beside else 0)


def layout_messages(table_beside: bool) -> Box:
    return MESSAGES_ABOVE_TABLE if table_beside else MESSAGES


def chart_pages(snapshot: ChartSnapshot) -> ChartPages:
    if not snapshot.has_data:
        return ChartPages(snapshot, None, False)
    table = readable_table(snapshot)
    beside = (table.total <= SIDE_TABLE_ROWS and len(table.header) <= SIDE_TABLE_COLUMNS)
    return ChartPages(snapshot, table, beside)


def column_widths(table: Table, box: Box, inches_per_character: float = 0.1) -> list[float]:
    """Column widths in inches, by the longest text in each column; a narrow table stays
    narrow rather than stretching its few columns across the page."""
    lengths = [max([len(table.header[c])] + [len(row[c]) for row in table.rows]) + 2
               for c in range(len(table.header))]
    total = min(box.width, max(4.0, sum(lengths) * inches_per_character))
    return [total * length / sum(lengths) for length in lengths]


def fit(image: bytes, box: Box) -> Box:
    """The largest box of the image's proportions inside `box`, centred at its top."""
    width, height = image_size(image)
    scale = min(box.width / width, box.height / height)
    fitted_width, fitted_height = width * scale, height * scale
    return Box(box.left + (box.width - fitted_width) / 2, box.top, fitted_width, fitted_height)


def image_size(png: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels, from its header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG image")
    return struct.unpack(">II", png[16:24])


HEADLINE_PERIOD = Box(MARGIN, 1.15, WIDTH - 2 * MARGIN, 0.65)
HEADLINE_GAP = 0.2


@dataclass(frozen=True)
class HeadlineBoxes:
    """The headline page: the real figures' cards in a row, then, apart and under their own
    label, the illustrative figures' cards, so a generated number never sits among them."""

    real: list[Box]
    label: Box | None
    illustrative: list[Box]


def headline_boxes(real: int, illustrative: int) -> HeadlineBoxes:
    """Cards of one width for both groups (as many a row as the larger group has)."""
    across = max(real, illustrative, 3)
    width = (WIDTH - 2 * MARGIN - HEADLINE_GAP * (across - 1)) / across

    def row(count: int, top: float, height: float) -> list[Box]:
        return [Box(MARGIN + index * (width + HEADLINE_GAP), top, width, height)
                for index in range(count)]

    if not illustrative:
        return HeadlineBoxes(row(real, 1.9, 3.6), None, [])
    real_height = 2.2 if real else 0.0
    label_top = 1.8 + real_height + (0.1 if real else 0.0)
    return HeadlineBoxes(row(real, 1.8, real_height),
                         Box(MARGIN, label_top, WIDTH - 2 * MARGIN, 0.35),
                         row(illustrative, label_top + 0.4, 6.6 - label_top - 0.4))
