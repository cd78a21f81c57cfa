"""Static chart images (PNG, SVG) from one warm kaleido browser per process, shared by threads."""

from __future__ import annotations

import copy
from collections.abc import Callable

import plotly.graph_objects as go

from dashboard.exports import browser
from dashboard.exports.snapshot import ChartSnapshot
from dashboard.figures.theme import base_figure
from indicators.i18n import _

IMAGE_FORMATS = ("png", "svg")
WIDTH, HEIGHT = 1100, 680  # a chart sent on its own
# On a slide the chart box is 8.3 inches wide: drawn 800 px wide with 15 px text, its labels
# read at about 11 points; twice the pixels (190 dpi) keep it sharp on a projector.
SLIDE_WIDTH, SLIDE_HEIGHT, SLIDE_FONT, SLIDE_SCALE = 800, 500, 15, 2
SCALE = {"png": 2, "svg": 1}
MAX_HEIGHT = 1800
MARK_COLOUR = "#D55E00"


def render_images(figures: list[go.Figure], fmt: str = "png", width: int = WIDTH,
                  height: int | None = None, scale: float | None = None,
                  each: Callable[[int], None] | None = None) -> list[bytes]:
    """Each figure as image bytes, in order. `height` None: the figure's own height if it is
    taller than the default (long bar lists), else the default. `each(i)` after each image."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"image format must be one of {IMAGE_FORMATS}")
    default = HEIGHT if width == WIDTH else round(width * HEIGHT / WIDTH)
    options = [{"format": fmt, "width": width, "height": height or _height(figure, default),
                "scale": scale or SCALE[fmt]} for figure in figures]
    return browser.render(figures, options, each)


def figure_image(figure: go.Figure, fmt: str = "png", width: int = WIDTH,
                 height: int | None = None) -> bytes:
    return render_images([figure], fmt, width, height)[0]


def chart_image(snapshot: ChartSnapshot, fmt: str = "png") -> bytes | None:
    """The chart as the slides and PDF place it (no title: the page has it); drawn once per
    snapshot; None for a chart with no data."""
    chart_images([snapshot], fmt)
    return snapshot.images.get(("chart", fmt))


def chart_images(snapshots: list[ChartSnapshot], fmt: str = "png",
                 each: Callable[[int], None] | None = None) -> None:
    """Draw every snapshot's chart not drawn yet, several at once, keeping each image on its
    snapshot; `each(i)`, in order, once snapshot i has its image (or has none to draw)."""
    key = ("chart", fmt)
    missing = [index for index, snapshot in enumerate(snapshots)
               if snapshot.figure is not None and key not in snapshot.images]
    figures = [_slide_figure(snapshots[index].figure) for index in missing]
    options = [{"format": fmt, "width": SLIDE_WIDTH, "height": _height(figure, SLIDE_HEIGHT),
                "scale": SLIDE_SCALE if fmt == "png" else 1} for figure in figures]
    reported = 0

    def report_through(index: int) -> None:
        nonlocal reported
        while reported <= index:  # charts with nothing to draw are done at once
            if each is not None:
                each(reported)
            reported += 1

    if figures:
        drawn = browser.render(figures, options,
                               lambda position: report_through(missing[position]))
        for index, image in zip(missing, drawn, strict=True):
            snapshots[index].images[key] = image
    report_through(len(snapshots) - 1)


def draw_charts(snapshots: list[ChartSnapshot],
                progress: Callable[[int, int, str], None] | None = None) -> None:
    """Every chart a pack shows, drawn before its pages are laid out (drawing is most of the
    time a pack takes); `progress(done, total, what)` counts the charts as they are done."""
    total = len(snapshots)
    if progress is not None:
        progress(0, total, _("Drawing the charts"))
    chart_images(snapshots, "png", each=None if progress is None else (
        lambda index: progress(index + 1, total, snapshots[index].title)))


def _slide_figure(figure: go.Figure) -> go.Figure:
    """The page's figure with text sized for a slide."""
    sized = go.Figure(figure)
    sized.update_layout(font={"size": SLIDE_FONT})
    return sized


def snapshot_image(snapshot: ChartSnapshot, fmt: str = "png") -> bytes:
    """A chart to send on its own: title, caption with source and as-of, the illustrative mark
    when the data are generated, or the no-data message where there is nothing to draw."""
    return figure_image(snapshot_figure(snapshot), fmt)


def snapshot_figure(snapshot: ChartSnapshot) -> go.Figure:
    """A copy of the page's figure carrying its own title and provenance."""
    if snapshot.figure is None:
        figure = base_figure(height=HEIGHT)
        figure.update_layout(
            xaxis={"visible": False}, yaxis={"visible": False},
            annotations=[{"text": _wrap(snapshot.no_data, 90), "showarrow": False,
                          "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5,
                          "font": {"size": 16}}])
    else:
        figure = go.Figure(copy.deepcopy(snapshot.figure.to_dict()))
    lines = [f"<b>{snapshot.restriction}</b>"] if snapshot.restriction else []
    if snapshot.shows_generated_data:
        lines.append(f"<b style='color:{MARK_COLOUR}'>{_('ILLUSTRATIVE DATA')}</b> — "
                     + _("generated numbers, not real"))
    lines.append(_wrap(snapshot.caption, 150))
    margin = figure.layout.margin
    figure.update_layout(
        title={"text": f"<b>{snapshot.title}</b>", "x": 0.012, "xanchor": "left",
               "subtitle": {"text": "<br>".join(lines), "font": {"size": 11}}},
        margin={"t": 110 + 14 * sum(line.count("<br>") for line in lines),
                "l": margin.l, "r": margin.r, "b": margin.b},
        legend={"y": 1.0, "yanchor": "bottom"},
    )
    return figure


def stop_server() -> None:
    """Close the browser (the tests do, after their last image)."""
    browser.stop()


def _height(figure: go.Figure, default: int) -> int:
    """The default, or the figure's own height where it is taller (a long list of bars)."""
    own = figure.layout.height or 0
    return int(min(MAX_HEIGHT, max(default, own)))


def _wrap(text: str, width: int) -> str:
    """Line breaks for plotly text, which never wraps by itself."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines)

