"""A briefing deck (16:9 PPTX): title, a slide per chart with messages and numbers, sources.

Each chart's numbers are a native table (beside the chart, or on the next slide) and are in
the speaker notes at full precision.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from dashboard.exports import placement
from dashboard.exports.citing import (
    footer_text,
    headline_footer,
    illustrative_explanation,
    illustrative_group,
    illustrative_mark,
    source_entries,
    title_lines,
)
from dashboard.exports.headline import HeadlineFigure
from dashboard.exports.images import chart_image, draw_charts
from dashboard.exports.placement import Box, ChartPages, chart_pages, column_widths, fit
from dashboard.exports.since_pages import add_briefing_line, add_since_slide, remember_in_pptx
from dashboard.exports.snapshot import Pack
from dashboard.exports.tables import Table, notes_text
from dashboard.i18n.numbers import moment_text
from indicators.i18n import _

Progress = Callable[[int, int, str], None]
INK = RGBColor(0x21, 0x25, 0x29)
MUTED = RGBColor(0x6C, 0x75, 0x7D)
MARK = RGBColor(0xD5, 0x5E, 0x00)
ACCENT = RGBColor(0x00, 0x72, 0xB2)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
# Shape names, so a reader (or a test) can find the parts of a slide.
TITLE, MESSAGES, FOOTER, NUMBERS, MARK_NAME, RESTRICTION = (
    "Title", "Key messages", "Footer", "Numbers", "Illustrative mark", "Restriction")


def pptx_bytes(pack: Pack, progress: Progress | None = None) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(placement.WIDTH), Inches(placement.HEIGHT)
    plans = [chart_pages(snapshot) for snapshot in pack.shown]
    total_slides = (2 + (1 if pack.headline else 0) + (1 if pack.changes else 0)
                    + sum(plan.count for plan in plans))
    draw_charts(pack.snapshots, progress)
    _title_slide(deck, pack)
    if pack.changes is not None:
        add_since_slide(deck, pack, total_slides)
    remember_in_pptx(deck, pack)
    if pack.headline:
        _headline_slide(deck, pack, total_slides)
    for plan in plans:
        _chart_slides(deck, pack, plan, total_slides)
    _sources_slide(deck, pack, total_slides)
    for slide in list(deck.slides)[1:] if pack.restriction else ():  # title: its class
        _text(slide, placement.RESTRICTION, pack.restriction, size=10, bold=True, colour=MARK,
              align=PP_ALIGN.RIGHT, name=RESTRICTION)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _title_slide(deck, pack: Pack) -> None:
    slide = _blank(deck)
    for top in (0.25, placement.HEIGHT - 0.6):
        _text(slide, Box(placement.MARGIN, top, placement.WIDTH - 2 * placement.MARGIN, 0.35),
              _(pack.classification), size=12, bold=True, colour=MARK, align=PP_ALIGN.CENTER,
              name="Classification")
    _text(slide, Box(1.0, 2.0, placement.WIDTH - 2.0, 1.5), pack.title, size=40, bold=True,
          name=TITLE, anchor=MSO_ANCHOR.BOTTOM)
    lines = title_lines(pack)
    _paragraphs(slide, Box(1.0, 3.7, placement.WIDTH - 2.0, 2.6), lines, size=18,
                colour=INK, name="Details")
    add_briefing_line(slide, pack)
    _notes(slide, "\n".join([pack.title, *lines, _("Generated {moment}").format(
        moment=moment_text(pack.generated_at))]))


def _headline_slide(deck, pack: Pack, total_slides: int) -> None:
    """The page's headline figures as its cards show them; illustrative ones set apart."""
    headline = pack.headline
    slide = _blank(deck)
    _heading(slide, _("Headline figures"))
    if headline.period:
        _text(slide, placement.HEADLINE_PERIOD, headline.period, size=12, colour=MUTED,
              name="Period")
    boxes = placement.headline_boxes(len(headline.real), len(headline.illustrative))
    for figure, box in zip(headline.real, boxes.real, strict=True):
        _figure_card(slide, figure, box)
    if boxes.label is not None:
        _mark(slide)
        _text(slide, boxes.label, illustrative_group(), size=13, bold=True, colour=MARK,
              name="Illustrative group")
        for figure, box in zip(headline.illustrative, boxes.illustrative, strict=True):
            _figure_card(slide, figure, box)
    _footer(slide, headline_footer(pack), _slide_number(deck), total_slides)
    _notes(slide, "\n".join([headline.period, *[
        " · ".join(part for part in (f"{figure.title}: {figure.value}", figure.measure,
                                     figure.change, figure.status, figure.note,
                                     illustrative_mark() if figure.illustrative else "")
                   if part) for figure in headline.figures]]))


def _figure_card(slide, figure: HeadlineFigure, box: Box) -> None:
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Inches(box.left),
                                   Inches(box.top), Inches(box.width), Inches(box.height))
    shape.name = "Illustrative headline figure" if figure.illustrative else "Headline figure"
    shape.adjustments[0] = 0.05
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor(0xFD, 0xF0, 0xE6) if figure.illustrative else WHITE
    shape.line.color.rgb = MARK if figure.illustrative else RGBColor(0xDE, 0xE2, 0xE6)
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    lines = [(illustrative_mark(), 10, True, MARK)] if figure.illustrative else []
    lines += [(figure.title, 14, True, INK), (figure.value, 28, True, INK),
              (figure.measure, 11, False, MUTED), (figure.change, 11, False, INK),
              (figure.status, 11, True, INK), (figure.note, 9, False, MUTED)]
    first = True
    for text, size, bold, colour in lines:
        if not text:
            continue
        paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        _run(paragraph, text, size=size, bold=bold, colour=colour)


def _chart_slides(deck, pack: Pack, plan: ChartPages, total_slides: int) -> None:
    snapshot = plan.snapshot
    slide = _blank(deck)
    _heading(slide, snapshot.title)
    footer = footer_text(snapshot, pack.generated_at)
    if snapshot.shows_generated_data:
        _mark(slide)
    image = chart_image(snapshot, "png")
    box = fit(image, placement.CHART)
    slide.shapes.add_picture(io.BytesIO(image), Inches(box.left), Inches(box.top),
                             Inches(box.width), Inches(box.height)).name = "Chart"
    _paragraphs(slide, plan.messages_box, snapshot.messages, size=plan.messages_size(15),
                bullet=True, name=MESSAGES)
    if plan.table_beside:
        _table(slide, plan.table, placement.SIDE_TABLE, size=11)
    _footer(slide, footer, _slide_number(deck), total_slides)
    _notes(slide, notes_text(snapshot))
    if plan.table is None or plan.table_beside:
        return
    slide = _blank(deck)
    _heading(slide, _("{title}: the numbers").format(title=snapshot.title))
    if snapshot.shows_generated_data:
        _mark(slide)
    _table(slide, plan.table, placement.TABLE, size=12)
    if plan.table.note:
        _text(slide, placement.TABLE_NOTE, plan.table.note, size=11, colour=MUTED,
              name="Table note")
    _footer(slide, footer, _slide_number(deck), total_slides)
    _notes(slide, plan.table.note or _("All rows are shown."))


def _sources_slide(deck, pack: Pack, total_slides: int) -> None:
    slide = _blank(deck)
    _heading(slide, _("Sources"))
    entries = source_entries(pack)
    size = 13 if len(entries) <= 4 else 10
    box = Box(placement.MARGIN, 1.3, placement.WIDTH - 2 * placement.MARGIN, 5.3)
    frame = _textbox(slide, box, name="Sources").text_frame
    first = True
    for entry in entries:
        for text, bold in ((entry.title, True), (entry.citation, False),
                           (entry.as_of, False), (entry.licence, False),
                           (entry.address, False)):
            if not text:
                continue
            paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
            first = False
            _run(paragraph, text, size=size, bold=bold, colour=INK if bold else MUTED)
            paragraph.space_before = Pt(8 if bold else 0)
    if first:
        _run(frame.paragraphs[0], _("No sources: the pack has no charts."), size=size)
    closing = [_("Numbers computed by pkdash from these sources; each chart's numbers are in "
                 "the XLSX export.")]
    if pack.illustrative:
        closing.append(illustrative_explanation())
    _paragraphs(slide, placement.CLOSING, closing, size=10, colour=MUTED, name=FOOTER)
    _text(slide, placement.PAGE_NUMBER, f"{_slide_number(deck)} / {total_slides}", size=10,
          colour=MUTED, align=PP_ALIGN.RIGHT, name="Page number")
    _notes(slide, "\n\n".join("\n".join(part for part in (e.title, e.citation, e.as_of,
                                                         e.licence, e.address) if part)
                              for e in entries))


# Building blocks.
def _blank(deck):
    return deck.slides.add_slide(deck.slide_layouts[6])  # the blank layout


def _slide_number(deck) -> int:
    return len(deck.slides)


def _heading(slide, text: str) -> None:
    _text(slide, placement.TITLE, text, size=24, bold=True, name=TITLE, anchor=MSO_ANCHOR.TOP)


def _mark(slide) -> None:
    box = placement.MARK
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Inches(box.left),
                                   Inches(box.top), Inches(box.width), Inches(box.height))
    shape.name = MARK_NAME
    shape.fill.solid()
    shape.fill.fore_color.rgb = MARK
    shape.line.fill.background()
    frame = shape.text_frame
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.CENTER
    _run(paragraph, illustrative_mark(), size=14, bold=True, colour=WHITE)


def _footer(slide, text: str, number: int, total: int) -> None:
    _text(slide, placement.FOOTER, text, size=9, colour=MUTED, name=FOOTER)
    _text(slide, placement.PAGE_NUMBER, f"{number} / {total}", size=10, colour=MUTED,
          align=PP_ALIGN.RIGHT, name="Page number")


def _table(slide, table: Table, box: Box, size: int) -> None:
    rows, columns = len(table.rows) + 1, len(table.header)
    row_height = Inches(0.22 + size / 100)
    shape = slide.shapes.add_table(rows, columns, Inches(box.left), Inches(box.top),
                                   Inches(sum(column_widths(table, box, size / 115))),
                                   row_height * rows)
    shape.name = NUMBERS
    grid = shape.table
    widths = column_widths(table, box, inches_per_character=size / 115)
    for index, width in enumerate(widths):
        grid.columns[index].width = Inches(width)
    for index in range(rows):
        grid.rows[index].height = row_height
    for column, text in enumerate(table.header):
        _cell(grid.cell(0, column), text, size, bold=True, right=column >= table.labels)
    for row_index, row in enumerate(table.rows, start=1):
        for column, text in enumerate(row):
            _cell(grid.cell(row_index, column), text, size, right=column >= table.labels)


def _cell(cell, text: str, size: int, bold: bool = False, right: bool = False) -> None:
    cell.text = ""
    paragraph = cell.text_frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.RIGHT if right else PP_ALIGN.LEFT
    _run(paragraph, text, size=size, bold=bold)
    cell.margin_top = cell.margin_bottom = Inches(0.02)


def _notes(slide, text: str) -> None:
    slide.notes_slide.notes_text_frame.text = text


def _textbox(slide, box: Box, name: str):
    shape = slide.shapes.add_textbox(Inches(box.left), Inches(box.top), Inches(box.width),
                                     Inches(box.height))
    shape.name = name
    shape.text_frame.word_wrap = True
    return shape


def _text(slide, box: Box, text: str, size: int, bold: bool = False, colour=INK,
          align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP, name: str = "Text") -> None:
    frame = _textbox(slide, box, name).text_frame
    frame.vertical_anchor = anchor
    paragraph = frame.paragraphs[0]
    paragraph.alignment = align
    _run(paragraph, text, size=size, bold=bold, colour=colour)


def _paragraphs(slide, box: Box, lines: list[str], size: float, colour=INK, bullet=False,
                name: str = "Text") -> None:
    frame = _textbox(slide, box, name).text_frame
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(8)
        _run(paragraph, f"• {line}" if bullet else line, size=size, colour=colour)


def _run(paragraph, text: str, size: float, bold: bool = False, colour=INK) -> None:
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = colour
