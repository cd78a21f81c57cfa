"""The missions map as Chromium draws it: no two headquarters names overlap, at the real
coordinates of the months the review saw crowded, from a narrow laptop to a wide screen."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from plotly.offline import get_plotlyjs

from dashboard.exports.browser import TOPOJSON
from dashboard.panels.map import map_figure
from tests.dashboard.test_map_labels import ipi, missions_in  # noqa: F401 — the fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

# Every name plotly.js wrote on the map, with its box on the screen.
_NAMES = """() => [...document.querySelectorAll('.geo .scatterlayer text')]
  .filter(text => text.textContent)
  .map(text => { const b = text.getBoundingClientRect();
                 return {name: text.textContent, box: [b.left, b.top, b.right, b.bottom]}; })"""


def page_html(figure) -> str:
    """The figure alone, with plotly.js and the world's outlines inline (no network)."""
    outlines = TOPOJSON.read_text(encoding="utf-8")
    return ("<html><head><meta charset='utf-8'><script>window.PlotlyGeoAssets = "
            f"{{topojson: {{world_110m: {outlines}}}}};</script><script>{get_plotlyjs()}"
            "</script></head><body>"
            + figure.to_html(include_plotlyjs=False, full_html=False) + "</body></html>")


@pytest.mark.parametrize("width", [700, 1000, 1400])
@pytest.mark.parametrize("month", [dt.date(2010, 12, 1), dt.date(2011, 5, 1)], ids=str)
def test_no_two_names_overlap_in_the_browser(browser, ipi, month, width):  # noqa: F811
    figure = map_figure(missions_in(ipi, month), pd.DataFrame())
    figure.update_layout(width=width)
    context = browser.new_context(viewport={"width": width + 40, "height": 700})
    page = context.new_page()
    try:
        page.set_content(page_html(figure))
        page.wait_for_selector(".geo .scatterlayer text", timeout=15000)
        names = page.evaluate(_NAMES)
    finally:
        context.close()
    shown = {entry["name"] for entry in names}
    assert {"UNAMID", "UNMIS", "UNMIL", "UNOCI", "UNIFIL", "UNDOF"} <= shown
    clashes = [(a["name"], b["name"]) for i, a in enumerate(names) for b in names[i + 1:]
               if min(a["box"][2], b["box"][2]) > max(a["box"][0], b["box"][0])
               and min(a["box"][3], b["box"][3]) > max(a["box"][1], b["box"][1])]
    assert clashes == []
