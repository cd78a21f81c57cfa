"""Static images from the warm kaleido browser (Debian's Chromium): PNG size and signature,
SVG that parses, maps drawn offline, a chart sent on its own, and callers on two threads."""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ElementTree

import plotly.graph_objects as go
import pytest

from dashboard.exports.images import chart_image, figure_image, render_images, snapshot_image
from dashboard.exports.placement import image_size
from dashboard.exports.snapshot import panel_snapshot
from tests.exports.conftest import AFTER_SEA_TABLE, YEAR_2024

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def bars() -> go.Figure:
    return go.Figure(go.Bar(x=["MINUSCA", "MONUSCO"], y=[14.2, 9.8]))


def test_png_has_the_signature_and_twice_the_asked_size():
    png = figure_image(bars(), "png", width=600, height=400)
    assert png.startswith(PNG_SIGNATURE)
    assert image_size(png) == (1200, 800)


def test_svg_parses_as_xml_with_an_svg_root():
    svg = figure_image(bars(), "svg", width=600, height=400)
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg")
    assert root.get("width") == "600" and root.get("height") == "400"
    assert "MONUSCO" in svg.decode("utf-8")


def test_a_batch_keeps_its_order():
    figures = [go.Figure(go.Bar(x=["a"], y=[1]), layout={"height": 300}),
               go.Figure(go.Bar(x=["a"], y=[1]), layout={"height": 900})]
    first, second = render_images(figures, "png", width=500)
    assert image_size(first)[1] < image_size(second)[1]  # a tall figure keeps its height


def test_two_threads_share_the_browser():
    results, errors = {}, []

    def draw(name: str) -> None:
        try:
            results[name] = figure_image(bars(), "png", width=400, height=300)
        except Exception as error:  # noqa: BLE001 — reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=draw, args=(name,)) for name in ("a", "b", "c")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    assert all(png.startswith(PNG_SIGNATURE) for png in results.values()) and len(results) == 3


@pytest.mark.realdata
def test_the_missions_map_draws_offline(real_engine):
    snapshot = panel_snapshot("overview", "mission-map", YEAR_2024, real_engine)
    png = chart_image(snapshot, "png")
    assert png.startswith(PNG_SIGNATURE)
    assert chart_image(snapshot, "png") is png  # drawn once per snapshot
    svg = chart_image(snapshot, "svg").decode("utf-8")
    assert "geo" in svg and "MONUSCO" in svg


@pytest.mark.realdata
def test_a_chart_sent_alone_carries_title_source_and_mark(real_engine):
    snapshot = panel_snapshot("performance", "training-by-year", YEAR_2024, real_engine)
    svg = snapshot_image(snapshot, "svg").decode("utf-8")
    assert snapshot.title in svg
    assert "ILLUSTRATIVE DATA" in svg
    assert "Illustrative (generated) data" in svg  # the caption's source
    # The SEA table of allegations ends in July 2024: nothing to draw after it.
    empty = panel_snapshot("conduct", "by-year", AFTER_SEA_TABLE, real_engine)
    png = snapshot_image(empty, "png")
    assert png.startswith(PNG_SIGNATURE)
    assert "No data for Aug 2024" in snapshot_image(empty, "svg").decode("utf-8")
