"""A contributing country's one-pager: one slide or one PDF page, figures from country_profile."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go
from pptx import Presentation
from pptx.util import Inches, Pt
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph
from sqlalchemy import Engine

from dashboard.exports import placement
from dashboard.exports.citing import source_phrase
from dashboard.exports.images import figure_image
from dashboard.exports.pdf import INK, MUTED, POINTS, pdf_fonts, pdf_markup
from dashboard.exports.slides import INK as PPTX_INK
from dashboard.exports.slides import MUTED as PPTX_MUTED
from dashboard.exports.snapshot import CLASSIFICATION
from dashboard.figures.theme import base_figure
from dashboard.i18n.numbers import moment_text, unit_label
from indicators.access import restriction_mark
from indicators.compute import get_indicator
from indicators.country_profile import CountryProfile, country_profile
from indicators.i18n import N_, _, current_locale, format_month, format_number
from indicators.lookups import labels
from indicators.serialize import ROW_MARK
from indicators.viewer import ANONYMOUS, Viewer

Progress = Callable[[int, int, str], None]
TITLE = N_("{country}: contribution to UN peacekeeping")
# Shape names, so a reader (or a test) can find the parts of the slide.
SHAPES = ("Title", "As of", "Key figures", "Women", "Trend", "Sources", "Restricted")


@dataclass(frozen=True)
class OnePager:
    """The one-pager's text in the current language, and its chart."""

    title: str
    as_of: str
    figures: list[str]
    women: list[str]
    sources: list[str]
    figure: go.Figure | None
    # The viewer's restricted figures for the country, and the mark saying whom they are for
    # ("Restricted: Rwanda delegation"); both empty when none are included.
    restricted: list[str] = dataclasses.field(default_factory=list)
    mark: str = ""


def one_pager(iso3: str, engine: Engine, generated_at: dt.datetime,
              viewer: Viewer = ANONYMOUS) -> OnePager:
    """The words and chart of the one-pager; every number comes from country_profile()."""
    profile = country_profile(iso3, engine, viewer)
    names = labels(engine)
    country = names.get("country", {}).get(iso3, iso3)
    title = _(TITLE).format(country=country)
    restricted = _restricted(profile)
    mark = restriction_mark(viewer, names.get("country")) if restricted else ""
    if profile.month is None:
        return OnePager(title, _("No uniformed personnel recorded for this country."), [], [],
                        _sources(profile, generated_at, mark), None, restricted, mark)
    as_of = _("As of {month}").format(month=format_month(profile.month))
    return OnePager(title, as_of, _figures(profile), _women(profile, names),
                    _sources(profile, generated_at, mark), _trend(profile), restricted, mark)


def _restricted(profile: CountryProfile) -> list[str]:
    if not profile.restricted:
        return []
    lines = []
    for figure in profile.restricted:
        title = get_indicator(figure.slug).title(current_locale())
        number = format_number(figure.value, 0 if figure.unit == "count" else 1)
        value = (_("{number}%").format(number=number) if figure.unit == "percent"
                 else f"{number} {unit_label(figure.unit)}")
        line = (_("{title}, {year}: {value}") if figure.year is not None
                else _("{title}: {value}")).format(title=title, year=figure.year, value=value)
        # Generated figures say so on their own line, wherever the line is copied to.
        lines.append(f"{line} — {_(ROW_MARK)}" if figure.illustrative else line)
    return lines


def _figures(profile: CountryProfile) -> list[str]:
    month = format_month(profile.month)
    lines = [_("Uniformed personnel in {month}: {count}").format(
        month=month, count=format_number(profile.personnel))]
    if profile.change is not None:
        lines.append(_("Change since {month}: {change}").format(
            month=format_month(profile.month.replace(year=profile.month.year - 5)),
            change=("+" if profile.change > 0 else "") + format_number(profile.change)))
    if profile.rank is not None:
        lines.append(_("Rank among {count} contributors of uniformed personnel: {rank}").format(
            count=format_number(profile.contributors), rank=format_number(profile.rank)))
    years = f"{profile.events_from.year}–{profile.events_to.year}"
    lines.append(_("Fatalities among its nationals, {years}: {count}").format(
        years=years, count=format_number(profile.fatalities or 0)))
    allegations = (format_number(profile.allegations) if profile.allegations is not None
                   else profile.allegations_display or _("no data"))
    lines.append(_("Allegations of sexual exploitation and abuse involving its personnel, "
                   "{years}: {count}").format(years=years, count=allegations))
    if profile.allegations is None and profile.allegations_display:
        lines.append(_("Small counts are withheld as the UN publishes them (1 or 2 allegations "
                       "are “fewer than 3”; part years are combined)."))
    return lines


def _women(profile: CountryProfile, names: dict) -> list[str]:
    if not profile.women:
        return []
    groups = names.get("ugps-group", {})
    lines = [_("Women's share in {month}, by UGPS target group:").format(
        month=format_month(profile.month))]
    for row in profile.women:
        share = _("{number}%").format(number=format_number(row.share, 1))
        group = groups.get(row.group, row.group)
        if row.target is None:
            lines.append(_("{group}: {share} (no target this year)").format(
                group=group, share=share))
            continue
        lines.append(_("{group}: {share} against a target of {target}; women needed: "
                       "{needed}").format(
            group=group, share=share,
            target=_("{number}%").format(number=format_number(row.target, 0)),
            needed=format_number(row.women_needed or 0)))
    return lines


def _sources(profile: CountryProfile, generated_at: dt.datetime, mark: str) -> list[str]:
    return [*[source_phrase(source) for source in profile.sources],
            _("Generated {moment}").format(moment=moment_text(generated_at)),
            mark or _(CLASSIFICATION)]


def _trend(profile: CountryProfile) -> go.Figure:
    figure = base_figure(300)
    years = [str(year) for year in profile.trend["year"]]
    if years and profile.month.month < 12:  # the last year so far: its mean is of fewer months
        years[-1] = _("{year} (to {month})").format(year=years[-1],
                                                    month=format_month(profile.month))
    figure.add_bar(x=years,
                   y=[float(value) for value in profile.trend["value"]], marker_color="#0072B2")
    figure.update_layout(
        title=_("Uniformed personnel, mean per month, per year"), showlegend=False,
        xaxis={"type": "category"},  # else "2020" reads as a date and the last label is lost
        margin={"l": 50, "r": 10, "t": 40, "b": 30})
    return figure


def profile_bytes(iso3: str, fmt: str, engine: Engine, progress: Progress | None = None,
                  viewer: Viewer = ANONYMOUS) -> bytes:
    """The one-pager for `iso3` as a PPTX (one slide) or a PDF (one page), with the country's
    restricted figures when `viewer` may see them."""
    page = one_pager(iso3, engine, dt.datetime.now(dt.UTC), viewer)
    image = figure_image(page.figure, "png", 700, 300) if page.figure is not None else None
    if progress is not None:
        progress(1, 1, page.title)
    if fmt == "pptx":
        return _pptx(page, image)
    if fmt == "pdf":
        return _pdf(page, image)
    raise ValueError(f"a profile is pptx or pdf, not {fmt!r}")


def _pptx(page: OnePager, image: bytes | None) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(placement.WIDTH), Inches(placement.HEIGHT)
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    half = placement.WIDTH / 2
    parts = (("Title", (0.4, 0.25, placement.WIDTH - 0.8, 0.6), [page.title], 26, True),
             ("As of", (0.4, 0.85, placement.WIDTH - 0.8, 0.35), [page.as_of], 13, False),
             ("Key figures", (0.4, 1.3, half - 0.5, 2.9), page.figures, 12, False),
             ("Women", (0.4, 4.25, half - 0.5, 1.9), page.women, 11, False),
             ("Sources", (0.4, 6.25, placement.WIDTH - 0.8, 1.1), page.sources, 8, False))
    if page.restricted:  # under the chart, headed by whom the figures are for
        parts += (("Restricted", (half, 4.25, half - 0.4, 1.9), [page.mark, *page.restricted],
                   11, False),)
    for name, (left, top, width, height), lines, size, bold in parts:
        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        box.name = name
        frame = box.text_frame
        frame.word_wrap = True
        for index, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = line
            run.font.size, run.font.bold = Pt(size), bold
            run.font.color.rgb = PPTX_MUTED if name in ("As of", "Sources") else PPTX_INK
    if image is not None:
        picture = slide.shapes.add_picture(io.BytesIO(image), Inches(half), Inches(1.4),
                                           width=Inches(half - 0.4))
        picture.name = "Trend"
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _pdf(page: OnePager, image: bytes | None) -> bytes:
    width, height = placement.WIDTH * POINTS, placement.HEIGHT * POINTS
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height))
    canvas.setTitle(page.title)
    regular, bold = pdf_fonts()
    half = width / 2

    def block(lines: list[str], left: float, top: float, box_width: float, size: float,
              font: str = regular, colour=INK) -> float:
        """Draw the lines as paragraphs from `top` down; the y below them."""
        style = ParagraphStyle("p", fontName=font, fontSize=size, leading=size * 1.3,
                               textColor=colour, spaceAfter=size * 0.4)
        for line in lines:
            paragraph = Paragraph(pdf_markup(line), style)
            _w, used = paragraph.wrap(box_width, height)
            paragraph.drawOn(canvas, left, top - used)
            top -= used + style.spaceAfter
        return top

    margin = 0.4 * POINTS
    top = block([page.title], margin, height - margin, width - 2 * margin, 24, bold)
    top = block([page.as_of], margin, top, width - 2 * margin, 12, colour=MUTED)
    below = block(page.figures, margin, top - 6, half - 1.2 * margin, 11)
    block(page.women, margin, below - 6, half - 1.2 * margin, 10)
    if image is not None:
        reader = ImageReader(io.BytesIO(image))
        pixels_w, pixels_h = reader.getSize()
        shown = half - margin
        canvas.drawImage(reader, half, top - 6 - shown * pixels_h / pixels_w, shown,
                         shown * pixels_h / pixels_w)
    if page.restricted:  # under the chart, headed by whom the figures are for
        below_mark = block([page.mark], half, height - 4.25 * POINTS, half - margin, 10, bold)
        block(page.restricted, half, below_mark, half - margin, 10)
    block(page.sources, margin, 1.25 * POINTS, width - 2 * margin, 7, colour=MUTED)
    canvas.showPage()
    canvas.save()
    return out.getvalue()
