"""One warm kaleido Chromium per process, drawing figures on two tabs for any thread.

Started on first use (or by warm_up()), restarted if it dies, closed at exit.

kaleido's own sync server (`kaleido.start_sync_server`) draws one figure at a time and hands
results back through a shared queue that two threads could mix up; so this module runs
kaleido's async API on an event loop of its own and gives each caller a future.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

import kaleido
import plotly.graph_objects as go

from dashboard.exports.priority import lower_child_processes

TABS = 2  # two figures drawn at once: the machine has two cores
TIMEOUT = 60  # seconds kaleido allows one figure
START_TIMEOUT = 60
PROJECT_ROOT = Path(__file__).resolve().parents[2]
TOPOJSON = PROJECT_ROOT / "assets" / "topojson" / "world_110m.json"

_lock = threading.Lock()  # guards starting, replacing and stopping the browser
_state: dict = {"browser": None, "assets": None}


class ImageError(RuntimeError):
    """A figure could not be drawn as an image."""


def render(figures: list[go.Figure], options: list[dict],
           each: Callable[[int], None] | None = None) -> list[bytes]:
    """Each figure drawn with its kaleido options (format, width, height, scale), in order;
    all are queued at once and drawn on the free tabs. `each(i)` once figure i is done."""
    browser = _running()
    futures = [browser.submit(figure, opts) for figure, opts in zip(figures, options,
                                                                    strict=True)]
    results = []
    for index, future in enumerate(futures):
        try:
            results.append(future.result(timeout=TIMEOUT + 30))
        except Exception as error:  # noqa: BLE001 — a dead or stuck browser: retry once
            results.append(_retry(browser, figures[index], options[index], error))
        if each is not None:
            each(index)
    return results


def warm_up() -> None:
    """Start the browser in the background (when the app starts, say), so the first export
    does not wait the few seconds Chromium takes; a failure here is left to that export."""

    def start() -> None:
        try:
            _running()
        except Exception:  # noqa: BLE001, S110 — the first render reports it properly
            pass

    threading.Thread(target=start, name="pkdash-kaleido-warm-up", daemon=True).start()


def stop() -> None:
    """Close the browser (at exit; or to free its memory after a batch)."""
    with _lock:
        browser, _state["browser"] = _state["browser"], None
    if browser is not None:
        browser.close()


class _Browser:
    """kaleido's Chromium driven from an event loop in a daemon thread."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="pkdash-kaleido",
                                       daemon=True)
        self.thread.start()
        try:
            self.kaleido = asyncio.run_coroutine_threadsafe(
                self._open(), self.loop).result(timeout=START_TIMEOUT)
        except BaseException:
            self._stop_loop()
            raise
        # Drawing charts must not slow the pages served by this process's other threads.
        lower_child_processes()

    @staticmethod
    async def _open() -> kaleido.Kaleido:
        browser = kaleido.Kaleido(n=TABS, timeout=TIMEOUT, page_generator=_page_generator())
        return await browser.__aenter__()

    def submit(self, figure: go.Figure, opts: dict) -> Future:
        return asyncio.run_coroutine_threadsafe(self.kaleido.calc_fig(figure, opts=opts),
                                                self.loop)

    def close(self) -> None:
        try:
            asyncio.run_coroutine_threadsafe(self.kaleido.__aexit__(None, None, None),
                                             self.loop).result(timeout=30)
        except Exception:  # noqa: BLE001, S110 — a dead browser has nothing left to close
            pass
        finally:
            self._stop_loop()

    def _stop_loop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


def _running() -> _Browser:
    with _lock:
        if _state["browser"] is None:
            _state["browser"] = _Browser()
        return _state["browser"]


def _retry(failed: _Browser, figure: go.Figure, opts: dict, error: Exception) -> bytes:
    with _lock:
        if _state["browser"] is failed:  # no other thread has replaced it yet
            _state["browser"] = None
            failed.close()
    try:
        return _running().submit(figure, opts).result(timeout=TIMEOUT + 30)
    except Exception as again:
        raise ImageError(f"kaleido could not draw the chart: {again} (first: {error})"
                         ) from again


def _page_generator() -> kaleido.PageGenerator:
    """plotly.js from the installed plotly, no MathJax (a CDN address), and the world outlines
    preloaded, so maps draw offline (plotly.js would fetch them from a CDN)."""
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


atexit.register(stop)
