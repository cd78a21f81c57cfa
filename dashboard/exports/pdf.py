"""A briefing PDF drawn with reportlab: 16:9 pages that mirror the slides, page for page."""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image as PILImage
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from dashboard.exports import citing, placement
from dashboard.exports.images import chart_image, draw_charts
from dashboard.exports.placement import Box, ChartPages, chart_pages, column_widths, fit
from dashboard.exports.since_pages import draw_briefing_line, draw_since_page, remember_in_pdf
from dashboard.exports.snapshot import Pack
from dashboard.exports.tables import Table as NumbersTable
from indicators.i18n import _

Progress = Callable[[int, int, str], None]
POINTS = 72  # per inch
INK = colors.HexColor("#212529")
MUTED = colors.HexColor("#6c757d")
MARK = colors.HexColor("#D55E00")
RULE = colors.HexColor("#dee2e6")
FAINT_MARK = colors.HexColor("#FDF0E6")
# Fonts with every character our text uses (accents, narrow no-break spaces, arrows); the
# PDF's built-in Helvetica lacks some. Debian's fonts-dejavu-core or fonts-liberation.
FONT_CANDIDATES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
)


def pdf_bytes(pack: Pack, progress: Progress | None = None) -> bytes:
    # Binary streams: reportlab's pure-Python ASCII85 encoder was most of the time a pack
    # took, and the file is smaller without it.
    rl_config.useA85 = 0
    regular, bold = pdf_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(placement.WIDTH * POINTS, placement.HEIGHT * POINTS),
                    pageCompression=1)
    canvas.setTitle(pack.title)
    canvas.setSubject(_(pack.classification))
    canvas.setCreator("pkdash")
    page = _Page(canvas, regular, bold, pack)
    plans = [chart_pages(snapshot) for snapshot in pack.shown]
    page.total = (2 + (1 if pack.headline else 0) + (1 if pack.changes else 0)
                  + sum(plan.count for plan in plans))
    remember_in_pdf(canvas, pack)
    draw_charts(pack.snapshots, progress)
    page.title_page()
    if pack.changes is not None:
        draw_since_page(page, MUTED)
    if pack.headline:
        page.headline_page()
    for plan in plans:
        page.chart_pages(plan)
    page.sources_page()
    canvas.save()
    return buffer.getvalue()


class _Page:
    """Draws pages in order on one canvas, with the same boxes as the slides."""

    def __init__(self, canvas: Canvas, regular: str, bold: str, pack: Pack):
        self.canvas, self.regular, self.bold, self.pack = canvas, regular, bold, pack
        self.number, self.total = 0, 0

    def title_page(self) -> None:
        pack = self.pack
        self.begin()
        for top in (0.25, placement.HEIGHT - 0.6):
            self.text(Box(placement.MARGIN, top, placement.WIDTH - 2 * placement.MARGIN, 0.35),
                      _(pack.classification), 12, bold=True, colour=MARK, align=TA_CENTER)
        self.text(Box(1.0, 2.0, placement.WIDTH - 2.0, 1.5), pack.title, 36, bold=True,
                  bottom=True)
        lines = citing.title_lines(pack)
        self.paragraphs(Box(1.0, 3.7, placement.WIDTH - 2.0, 2.6), lines, 16)
        draw_briefing_line(self, MUTED)
        self.end()

    def headline_page(self) -> None:
        """The headline figures as the page's cards show them; illustrative ones apart."""
        headline = self.pack.headline
        self.begin()
        self.heading(_("Headline figures"))
        if headline.period:
            self.text(placement.HEADLINE_PERIOD, headline.period, 11, colour=MUTED)
        boxes = placement.headline_boxes(len(headline.real), len(headline.illustrative))
        for figure, box in zip(headline.real, boxes.real, strict=True):
            self.figure_card(figure, box)
        if boxes.label is not None:
            self.mark()
            self.text(boxes.label, citing.illustrative_group(), 12, bold=True, colour=MARK)
            for figure, box in zip(headline.illustrative, boxes.illustrative, strict=True):
                self.figure_card(figure, box)
        self.footer(citing.headline_footer(self.pack))
        self.end()

    def figure_card(self, figure, box: Box) -> None:
        x, y = self.position(box)
        self.canvas.setFillColor(FAINT_MARK if figure.illustrative else colors.white)
        self.canvas.setStrokeColor(MARK if figure.illustrative else RULE)
        self.canvas.roundRect(x, y, box.width * POINTS, box.height * POINTS, 6, stroke=1,
                              fill=1)
        inner = Box(box.left + 0.1, box.top + 0.1, box.width - 0.2, box.height - 0.2)
        top = inner.top
        lines = [(citing.illustrative_mark(), 9, True, MARK)] if figure.illustrative else []
        lines += [(figure.title, 13, True, INK), (figure.value, 24, True, INK),
                  (figure.measure, 10, False, MUTED), (figure.change, 10, False, INK),
                  (figure.status, 10, True, INK), (figure.note, 8, False, MUTED)]
        for text, size, bold, colour in lines:
            if text:
                top += self.paragraphs(Box(inner.left, top, inner.width, inner.height),
                                       [text], size, bold=bold, colour=colour) / POINTS

    def chart_pages(self, plan: ChartPages) -> None:
        snapshot = plan.snapshot
        footer = citing.footer_text(snapshot, self.pack.generated_at)
        self.begin()
        self.heading(snapshot.title)
        if snapshot.shows_generated_data:
            self.mark()
        image = chart_image(snapshot, "png")
        box = fit(image, placement.CHART)
        x, y = self.position(box)
        # Decoded to RGB here: reportlab would split off an alpha channel the chart has no
        # use for (the charts are drawn on white), which doubles the work.
        with PILImage.open(io.BytesIO(image)) as picture:
            reader = ImageReader(picture.convert("RGB"))
        self.canvas.drawImage(reader, x, y, box.width * POINTS, box.height * POINTS)
        self.paragraphs(plan.messages_box, [f"• {m}" for m in snapshot.messages],
                        plan.messages_size(13))
        if plan.table_beside:
            self.table(plan.table, placement.SIDE_TABLE, 10)
        self.footer(footer)
        self.end()
        if plan.table is None or plan.table_beside:
            return
        self.begin()
        self.heading(_("{title}: the numbers").format(title=snapshot.title))
        if snapshot.shows_generated_data:
            self.mark()
        self.table(plan.table, placement.TABLE, 11)
        if plan.table.note:
            self.text(placement.TABLE_NOTE, plan.table.note, 10, colour=MUTED)
        self.footer(footer)
        self.end()

    def sources_page(self) -> None:
        self.begin()
        self.heading(_("Sources"))
        entries = citing.source_entries(self.pack)
        size = 11 if len(entries) <= 4 else 8.5
        flowables = []
        for entry in entries:
            parts = [f"<b>{pdf_markup(entry.title)}</b>"]
            parts += [pdf_markup(text) for text in (entry.citation, entry.as_of, entry.licence,
                                                 entry.address) if text]
            flowables.append("<br/>".join(parts))
        if not flowables:
            flowables.append(pdf_markup(_("No sources: the pack has no charts.")))
        top = 1.3
        for markup in flowables:
            paragraph = Paragraph(markup, self.style(size, leading=size * 1.3))
            _width, height = paragraph.wrap((placement.WIDTH - 2 * placement.MARGIN) * POINTS,
                                           placement.HEIGHT * POINTS)
            paragraph.drawOn(self.canvas, placement.MARGIN * POINTS,
                             (placement.HEIGHT - top) * POINTS - height)
            top += height / POINTS + 0.15
        closing = [_("Numbers computed by pkdash from these sources; each chart's numbers are "
                     "in the XLSX export.")]
        if self.pack.illustrative:
            closing.append(citing.illustrative_explanation())
        self.paragraphs(placement.CLOSING, closing, 9, colour=MUTED)
        self.page_number()
        self.end()

    # Parts of a page.
    def begin(self) -> None:
        self.number += 1

    def end(self) -> None:
        if self.pack.restriction and self.number > 1:  # the title page has it as its class
            self.text(placement.RESTRICTION, self.pack.restriction, 9, True, MARK, TA_RIGHT)
        self.canvas.showPage()

    def heading(self, text: str) -> None:
        self.text(placement.TITLE, text, 22, bold=True)

    def mark(self) -> None:
        box = placement.MARK
        x, y = self.position(box)
        self.canvas.setFillColor(MARK)
        self.canvas.roundRect(x, y, box.width * POINTS, box.height * POINTS, 6, stroke=0,
                              fill=1)
        self.canvas.setFillColor(colors.white)
        self.canvas.setFont(self.bold, 13)
        self.canvas.drawCentredString(x + box.width * POINTS / 2,
                                      y + box.height * POINTS / 2 - 4.5,
                                      citing.illustrative_mark())

    def footer(self, text: str) -> None:
        self.text(placement.FOOTER, text, 8, colour=MUTED)
        self.page_number()

    def page_number(self) -> None:
        self.text(placement.PAGE_NUMBER, f"{self.number} / {self.total}", 9, colour=MUTED,
                  align=TA_RIGHT)

    def table(self, table: NumbersTable, box: Box, size: float) -> None:
        cell = self.style(size, leading=size * 1.2)
        header = self.style(size, leading=size * 1.2, bold=True)
        right = self.style(size, leading=size * 1.2, align=TA_RIGHT)
        right_header = self.style(size, leading=size * 1.2, bold=True, align=TA_RIGHT)
        data = [[Paragraph(pdf_markup(text), right_header if i >= table.labels else header)
                 for i, text in enumerate(table.header)]]
        data += [[Paragraph(pdf_markup(text), right if i >= table.labels else cell)
                  for i, text in enumerate(row)] for row in table.rows]
        widths = [width * POINTS for width in column_widths(table, box, size / 115)]
        grid = Table(data, colWidths=widths, repeatRows=1)
        grid.setStyle(TableStyle([
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]))
        width, height = grid.wrap(box.width * POINTS, box.height * POINTS)
        grid.drawOn(self.canvas, box.left * POINTS, (placement.HEIGHT - box.top) * POINTS - height)
        del width

    def text(self, box: Box, text: str, size: float, bold: bool = False, colour=INK,
             align=0, bottom: bool = False) -> None:
        self.paragraphs(box, [text], size, bold=bold, colour=colour, align=align,
                        bottom=bottom)

    def paragraphs(self, box: Box, lines: list[str], size: float, bold: bool = False,
                   colour=INK, align=0, bottom: bool = False) -> float:
        """Draws the lines from the box's top (or on its bottom); the height used, in points."""
        style = self.style(size, leading=size * 1.25, bold=bold, colour=colour, align=align,
                           space_after=size * 0.5)
        top = (placement.HEIGHT - box.top) * POINTS
        drawn = []
        for line in lines:
            paragraph = Paragraph(pdf_markup(line), style)
            paragraph.wrap(box.width * POINTS, box.height * POINTS)
            drawn.append(paragraph)
        if bottom:  # a title sits on the bottom of its box, as on the slide
            used = sum(p.height + style.spaceAfter for p in drawn)
            top = (placement.HEIGHT - box.top - box.height) * POINTS + used
        for paragraph in drawn:
            top -= paragraph.height
            paragraph.drawOn(self.canvas, box.left * POINTS, top)
            top -= style.spaceAfter
        return sum(p.height + style.spaceAfter for p in drawn)

    def position(self, box: Box) -> tuple[float, float]:
        """A box's lower-left corner in PDF points (the PDF's origin is bottom left)."""
        return box.left * POINTS, (placement.HEIGHT - box.top - box.height) * POINTS

    def style(self, size: float, leading: float, bold: bool = False, colour=INK, align=0,
              space_after: float = 0) -> ParagraphStyle:
        return ParagraphStyle("pk", fontName=self.bold if bold else self.regular,
                              fontSize=size, leading=leading, textColor=colour,
                              alignment=align, spaceAfter=space_after)


@lru_cache(maxsize=1)
def pdf_fonts() -> tuple[str, str]:
    """(regular, bold) font names: a Unicode TrueType pair if installed, else Helvetica."""
    for regular, bold in FONT_CANDIDATES:
        if Path(regular).is_file() and Path(bold).is_file():
            pdfmetrics.registerFont(TTFont("PkSans", regular))
            pdfmetrics.registerFont(TTFont("PkSans-Bold", bold))
            pdfmetrics.registerFontFamily("PkSans", normal="PkSans", bold="PkSans-Bold")
            return "PkSans", "PkSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def pdf_markup(text: str) -> str:
    """Text for a reportlab Paragraph: escaped, and the narrow no-break space (French
    thousands and "10,2 %") made a no-break space, which reportlab never breaks a line at."""
    return escape(text).replace("\u202f", "\u00a0")


