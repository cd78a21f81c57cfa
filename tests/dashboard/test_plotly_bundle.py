"""The vendored plotly.js bundle (assets/plotly-pkdash.min.js, built by tools/plotly-bundle)
draws every trace type the dashboard's code makes, matches the plotly.js version plotly.py
writes figures for, and is what every page loads instead of the full 4.8 MB bundle."""

from __future__ import annotations

import re
from pathlib import Path

import plotly.graph_objects as go
from plotly.basedatatypes import BaseTraceType
from plotly.offline import get_plotlyjs_version

from tests.dashboard.helpers import app_for, url_of

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "assets" / "plotly-pkdash.min.js"


def code_of_the_dashboard() -> str:
    return "\n".join(path.read_text(encoding="utf-8")
                     for path in sorted((ROOT / "dashboard").rglob("*.py")))


def test_the_bundle_registers_every_trace_type_the_dashboard_makes():
    code = code_of_the_dashboard()
    classes = {getattr(go, name) for name in re.findall(r"\bgo\.([A-Z]\w*)\(", code)}
    made = {cls().type for cls in classes if issubclass(cls, BaseTraceType)}
    assert {"bar", "scatter"} <= made  # the scan finds the figures' traces
    registered = set(re.findall(r'moduleType:"trace",name:"(\w+)"',
                                BUNDLE.read_text(encoding="utf-8")))
    assert made <= registered, f"add {sorted(made - registered)} to tools/plotly-bundle/entry.js"
    # plotly.express and figure factories choose trace types the scan above cannot see.
    assert not re.search(r"^\s*(import plotly\.express|from plotly import express|"
                         r"import plotly\.figure_factory)", code, re.MULTILINE)


def test_the_bundle_is_the_plotly_js_version_plotly_py_writes_for():
    version = re.search(r'\.version="([\d.]+)"', BUNDLE.read_text(encoding="utf-8")).group(1)
    assert version == get_plotlyjs_version()


def test_every_page_loads_the_bundle_from_assets(engine):
    html = app_for(url_of(engine)).server.test_client().get("/").get_data(as_text=True)
    assert re.search(r'<script src="/assets/plotly-pkdash\.min\.js\?m=[\d.]+"></script>', html)
    assert "plotly.min.js" not in html  # dcc.Graph finds window.Plotly: no 4.8 MB download
