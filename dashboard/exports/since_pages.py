"""A pack's "Since your briefing of …" slide (PPTX), page (PDF) and sheet (XLSX), the same
items as the page's "What changed" panel; and the data version and address a pack was made
from, written into each file's document properties."""

from __future__ import annotations

import math

from openpyxl.styles import Alignment, Font
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from dashboard.exports import placement
from dashboard.exports.citing import since_this_pack
from dashboard.exports.placement import Box
from dashboard.exports.snapshot import Pack
from dashboard.i18n.change_words import (
    change_sections,
    narrowed_words,
    no_changes_words,
    since_heading,
    span_words,
)
from indicators.i18n import _

SHEET = "What changed"  # the sheet's name stays English, like "About": scripts find it
SLIDE_LINES = 16  # more changes than this are counted on the slide, listed on the sheet
BODY_SIZE = 12  # points, on the slide and the PDF page
CHARACTER_WIDTH = 0.55  # an average character's width, in ems (DejaVu Sans is wide)
BODY = Box(placement.MARGIN, 1.6, placement.WIDTH - 2 * placement.MARGIN, 5.0)
SPAN = Box(placement.MARGIN, 1.1, placement.WIDTH - 2 * placement.MARGIN, 0.45)
INK, MUTED = RGBColor(0x21, 0x25, 0x29), RGBColor(0x6C, 0x75, 0x7D)
# The title page's line to the saved briefing: its own line under the top classification,
# above the title, where nothing else is drawn (the details below may fill their box).
BRIEFING_LINE = Box(1.0, 0.85, placement.WIDTH - 2.0, 0.4)


def heading(pack: Pack) -> str:
    return since_heading(pack.since_kind, pack.changes.since, pack.since_day)


def body_lines(pack: Pack, limit: int | None = SLIDE_LINES) -> list[tuple[str, bool]]:
    """(text, is a section title) in order; past `limit` items, one line counts the rest."""
    sections = change_sections(pack.changes, pack.country_names)
    if not sections:
        return [(no_changes_words(), False)]
    lines: list[tuple[str, bool]] = []
    shown = total = 0
    for section in sections:
        for index, line in enumerate(section.lines):
            total += 1
            if limit is not None and shown >= limit:
                continue
            if index == 0:
                lines.append((section.title, True))
            lines.append(("• " + line.text, False))
            shown += 1
    if total > shown:
        lines.append((_("… and {count} more changes: the workbook's “What changed” sheet "
                        "and the page list them all.").format(count=total - shown), False))
    if pack.changes_hidden:
        lines.append((narrowed_words(pack.changes_hidden), False))
    return lines


def fitted_lines(pack: Pack, size: float) -> list[tuple[str, bool]]:
    """As many changes as fit the slide's body at `size` points (estimated from the
    characters per line, on the safe side), the rest counted on the last line."""
    per_line = BODY.width * 72 / (size * CHARACTER_WIDTH)
    for limit in range(SLIDE_LINES, 0, -1):
        lines = body_lines(pack, limit)
        rows = sum(math.ceil(max(1, len(text)) / per_line) for text, _title in lines)
        if rows * size * 1.25 + len(lines) * 6 <= BODY.height * 72:
            return lines
    return body_lines(pack, 1)


def made_from(pack: Pack) -> str:
    """What the file says it was made from: the data version and the address."""
    parts = [_("data version v{id}").format(id=pack.data_version)] if pack.data_version else []
    if pack.link:
        parts.append(pack.link)
    if pack.briefing_link:
        parts.append(since_this_pack(pack))
    return " · ".join(parts)


# PowerPoint.
def add_since_slide(deck, pack: Pack, total: int) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    _textbox(slide, placement.TITLE, [(heading(pack), True)], 24, name="Title")
    _textbox(slide, SPAN, [(span_words(pack.changes), False)], 12, name="Span", colour=MUTED)
    _textbox(slide, BODY, fitted_lines(pack, BODY_SIZE), BODY_SIZE, name="Changes")
    _textbox(slide, placement.PAGE_NUMBER, [(f"{len(deck.slides)} / {total}", False)], 10,
             name="Page number", colour=MUTED)
    slide.notes_slide.notes_text_frame.text = "\n".join(
        [heading(pack), span_words(pack.changes)] + [text for text, _title in
                                                     body_lines(pack, limit=None)])


def add_briefing_line(slide, pack: Pack) -> None:
    """On the title slide: "What changed since this pack: <its saved briefing's address>"."""
    if pack.briefing_link:
        _textbox(slide, BRIEFING_LINE, [(since_this_pack(pack), False)], 12,
                 name="Saved briefing", colour=MUTED)


def remember_in_pptx(deck, pack: Pack) -> None:
    properties = deck.core_properties
    if pack.data_version:
        properties.version = f"v{pack.data_version}"
    properties.identifier = pack.link[:255]
    properties.comments = made_from(pack)


def _textbox(slide, box: Box, lines: list[tuple[str, bool]], size: float, name: str,
             colour=INK) -> None:
    shape = slide.shapes.add_textbox(Inches(box.left), Inches(box.top), Inches(box.width),
                                     Inches(box.height))
    shape.name = name
    frame = shape.text_frame
    frame.word_wrap = True
    for index, (text, bold) in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.space_before = Pt(6 if bold and index else 0)
        run = paragraph.add_run()
        run.text = text
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, colour


# PDF: `page` is dashboard.exports.pdf's page drawer (begin, heading, text, paragraphs, end).
def draw_since_page(page, muted) -> None:
    pack = page.pack
    page.begin()
    page.heading(heading(pack))
    page.text(SPAN, span_words(pack.changes), 11, colour=muted)
    top = BODY.top
    for text, bold in fitted_lines(pack, BODY_SIZE):
        used = page.paragraphs(Box(BODY.left, top, BODY.width, BODY.height), [text],
                               BODY_SIZE, bold=bold)
        top += used / 72
    page.page_number()
    page.end()


def draw_briefing_line(page, muted) -> None:
    """On the PDF's first page, as on the title slide."""
    if page.pack.briefing_link:
        page.text(BRIEFING_LINE, since_this_pack(page.pack), 12, colour=muted)


def remember_in_pdf(canvas, pack: Pack) -> None:
    canvas.setKeywords(made_from(pack))


# Excel.
def add_since_sheet(book, pack: Pack) -> None:
    """First sheet: the heading, the versions compared, then one row per change with its
    section and its stable key (so two workbooks can be compared row by row)."""
    sheet = book.create_sheet(SHEET, 0)
    sheet.append([heading(pack)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([span_words(pack.changes)])
    if pack.briefing_link:
        sheet.append([since_this_pack(pack)])
    sheet.append([])
    sheet.append([_("Kind of change"), _("Change"), _("Key")])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sections = change_sections(pack.changes, pack.country_names)
    for section in sections:
        for line in section.lines:
            sheet.append([section.title, line.text, line.key])
            sheet.cell(row=sheet.max_row, column=2).alignment = Alignment(wrap_text=True)
    if not sections:
        sheet.append(["", no_changes_words(), ""])
    if pack.changes_hidden:
        sheet.append(["", narrowed_words(pack.changes_hidden), ""])
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 100
    sheet.column_dimensions["C"].width = 40


def remember_in_workbook(book, pack: Pack) -> None:
    if pack.data_version:
        book.properties.version = f"v{pack.data_version}"
    book.properties.identifier = pack.link[:255] or None
    book.properties.description = made_from(pack)
