"""Words and lines of a PDF page, with their positions, read with pypdfium2 (Apache/BSD).

The UN's monthly reports are tables drawn as text: a cell is found by where its words sit on the
page, not by any table structure in the file. Coordinates are in points from the page's top-left
corner, so `top` grows down the page as a reader reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

# Two characters further apart than this (in points) on one line belong to different words,
# even with no space between them: the reports' columns are often closer than a space.
WORD_GAP = 3.0
# Words whose vertical centres differ by less than this share a line.
LINE_TOLERANCE = 3.0


@dataclass(frozen=True)
class Word:
    """A run of non-space characters on one page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int  # 1-based, as a person counts pages

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Line:
    """Words sharing a baseline, left to right."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def middle(self) -> float:
        return sum(w.middle for w in self.words) / len(self.words)

    @property
    def page(self) -> int:
        return self.words[0].page

    def between(self, x0: float, x1: float) -> list[Word]:
        """Words whose centre lies between x0 and x1: one column's cell."""
        return [w for w in self.words if x0 <= w.centre < x1]

    def text_between(self, x0: float, x1: float) -> str:
        return " ".join(w.text for w in self.between(x0, x1))


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]

    def lines(self, tolerance: float = LINE_TOLERANCE) -> list[Line]:
        return group_lines(self.words, tolerance)


def read_pages(path: Path) -> list[Page]:
    """Every page of the PDF as positioned words."""
    document = pdfium.PdfDocument(str(path))
    try:
        return [_read_page(document[index], index + 1) for index in range(len(document))]
    finally:
        document.close()


def _read_page(page, number: int) -> Page:
    width, height = page.get_size()
    textpage = page.get_textpage()
    words: list[Word] = []
    current: list[tuple[str, float, float, float, float]] = []

    def flush():
        if current:
            words.append(Word(
                text="".join(c[0] for c in current),
                x0=min(c[1] for c in current), x1=max(c[2] for c in current),
                top=height - max(c[4] for c in current),
                bottom=height - min(c[3] for c in current),
                page=number,
            ))
            current.clear()

    text = textpage.get_text_range()
    count = textpage.count_chars()
    for index in range(min(count, len(text))):
        char = text[index]
        if char.isspace() or char == "\x00":
            flush()
            continue
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
        if current:
            _, _, last_right, last_bottom, last_top = current[-1]
            same_line = abs((bottom + top) / 2 - (last_bottom + last_top) / 2) < LINE_TOLERANCE
            if not same_line or left - last_right > WORD_GAP or left < current[0][1] - 1:
                flush()
        current.append((char, left, right, bottom, top))
    flush()
    textpage.close()
    page.close()
    return Page(number, width, height, tuple(words))


def group_lines(words: tuple[Word, ...] | list[Word], tolerance: float = LINE_TOLERANCE
                ) -> list[Line]:
    """Words grouped into lines by their vertical centre, top to bottom, left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        if lines and abs(word.middle - _mean_middle(lines[-1])) < tolerance:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [Line(tuple(sorted(line, key=lambda w: w.x0))) for line in lines]


def _mean_middle(words: list[Word]) -> float:
    return sum(w.middle for w in words) / len(words)
