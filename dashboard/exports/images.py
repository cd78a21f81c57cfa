"""Static chart images (PNG, SVG) from one warm kaleido browser per process, shared by threads."""

from __future__ import annotations

import atexit
import copy
import json
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import kaleido
import plotly.graph_objects as go

from dashboard.exports.snapshot import ChartSnapshot
from dashboard.figures.theme import base_figure
from indicators.i18n import _

IMAGE_FORMATS = ("png", "svg")
WIDTH, HEIGHT = 1100, 680  # a chart sent on its own
# On a slide the chart box is 8.3 inches wide: drawn 800 px wide with 15 px text, its labels
# read at about 11 points, and three times the pixels keep it sharp on a projector.
SLIDE_WIDTH, SLIDE_HEIGHT, SLIDE_FONT, SLIDE_SCALE = 800, 500, 15, 3
SCALE = {"png": 2, "svg": 1}
MAX_HEIGHT = 1800
TIMEOUT = 60  # seconds for one image before kaleido gives up
PROJECT_ROOT = Path(__file__).resolve().parents[2]
TOPOJSON = PROJECT_ROOT / "assets" / "topojson" / "world_110m.json"
MARK_COLOUR = "#D55E00"

_lock = threading.Lock()  # kaleido's sync server answers one caller at a time
_state: dict = {"running": False, "assets": None}


class ImageError(RuntimeError):
    """A chart could not be drawn as an image."""


def render_images(figures: list[go.Figure], fmt: str = "png", width: int = WIDTH,
                  height: int | None = None, scale: float | None = None,
                  each: Callable[[int], None] | None = None) -> list[bytes]:
    """Each figure as image bytes, in order. `height` None: the figure's own height if it is
    taller than the default (long bar lists), else the default. `each(i)` after each image."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"image format must be one of {IMAGE_FORMATS}")
    images = []
    with _lock:
        _ensure_server()
        for index, figure in enumerate(figures):
            opts = {"format": fmt, "width": width,
                    "height": height or _height(figure, HEIGHT if width == WIDTH else
                                                round(width * HEIGHT / WIDTH)),
                    "scale": scale or SCALE[fmt]}
            images.append(_render(figure, opts))
            if each is not None:
                each(index)
    return images


def figure_image(figure: go.Figure, fmt: str = "png", width: int = WIDTH,
                 height: int | None = None) -> bytes:
    return render_images([figure], fmt, width, height)[0]


def chart_image(snapshot: ChartSnapshot, fmt: str = "png") -> bytes | None:
    """The chart's figure as the slides and PDF place it (no title: the page has it);
    rendered once per snapshot; None for a chart with no data."""
    if snapshot.figure is None:
        return None
    key = ("chart", fmt)
    if key not in snapshot.images:
        figure = go.Figure(snapshot.figure)
        figure.update_layout(font={"size": SLIDE_FONT})
        snapshot.images[key] = render_images(
            [figure], fmt, SLIDE_WIDTH, _height(figure, SLIDE_HEIGHT),
            scale=SLIDE_SCALE if fmt == "png" else 1)[0]
    return snapshot.images[key]


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
    lines = []
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
    """Close the browser (at exit, or to free memory after a batch)."""
    with _lock:
        _stop()


def _ensure_server() -> None:
    if _state["running"]:
        return
    kaleido.start_sync_server(page_generator=_page_generator(), timeout=TIMEOUT,
                              silence_warnings=True)
    _state["running"] = True


def _stop() -> None:
    if _state["running"]:
        kaleido.stop_sync_server(silence_warnings=True)
        _state["running"] = False


def _render(figure: go.Figure, opts: dict) -> bytes:
    try:
        return kaleido.calc_fig_sync(figure, opts=opts)
    except Exception:  # noqa: BLE001 — a dead browser: start a new one and try once more
        _stop()
        _ensure_server()
        try:
            return kaleido.calc_fig_sync(figure, opts=opts)
        except Exception as error:
            raise ImageError(f"kaleido could not draw the chart: {error}") from error


def _page_generator() -> kaleido.PageGenerator:
    """plotly.js from the installed plotly, no MathJax (a CDN address), and the world outlines
    preloaded, so map charts draw offline."""
    if _state["assets"] is None:
        folder = Path(tempfile.mkdtemp(prefix="pkdash-kaleido-"))
        script = folder / "geo-assets.js"
        outlines = json.loads(TOPOJSON.read_text(encoding="utf-8"))
        script.write_text(
            "window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};\n"
            f"window.PlotlyGeoAssets.topojson['world_110m'] = {json.dumps(outlines)};\n",
            encoding="utf-8")
        _state["assets"] = script
    return kaleido.PageGenerator(mathjax=False, others=[str(_state["assets"])])


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


atexit.register(_stop)
