"""The missions map names every headquarters without two names overlapping, at the real
coordinates (IPI's data_mission.csv), in every year-end month of the file and in the months
the review saw crowded (UNAMID/UNMIS, UNMIL/UNOCI, UNIFIL/UNDOF). The boxes are worked out
here from the figure's own data, the way plotly.js draws them (Natural Earth projection fitted
to the data; text offset from the circle by radius / 0.8 + 1)."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from dashboard.figures.maps import HEADQUARTERS, mission_map
from dashboard.panels.map import map_figure
from indicators.importers import ipi_mission_totals
from indicators.models.facts import MissionMonthTotal

WIDTHS = (560, 700, 900, 1200, 1600)  # the map's plot area, narrow laptop to wide screen
HEIGHT = 382  # 420 less the legend's margin
LETTER = 0.75 * 13  # a capital's width at the theme's 13 px


@pytest.fixture(scope="module")
def ipi(raw_dir):
    parsed = ipi_mission_totals.parse(raw_dir / "ipi_peacekeeping_database" / "data_mission.csv")
    return parsed.missions, pd.DataFrame(parsed.tables[MissionMonthTotal])


def missions_in(ipi, month: dt.date) -> pd.DataFrame:
    places, totals = ipi
    rows = totals[(totals["month"] == month) & (totals["total"].fillna(0) > 0)]
    return pd.DataFrame([{"mission": row.mission, "value": float(row.total),
                          "latitude": places[row.mission]["latitude"],
                          "longitude": places[row.mission]["longitude"]}
                         for row in rows.itertuples()])


def project(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    p2 = phi * phi
    p4 = p2 * p2
    return (lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2
                                                                   - 0.001529 * p4))),
            phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2
                                                     - 0.005916 * p4))))


def name_boxes(trace, width: float) -> dict[str, tuple[float, float, float, float]]:
    """Each shown name's box in pixels, the map fitted to the trace's points."""
    lons, lats = list(trace.lon), list(trace.lat)
    middle = (min(lons) + max(lons)) / 2
    points = [project(lon - middle, lat) for lon, lat in zip(lons, lats, strict=True)]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    scale = min(width / max(max(xs) - min(xs), 1e-9), HEIGHT / max(max(ys) - min(ys), 1e-9))
    positions = trace.textposition
    positions = [positions] * len(lons) if isinstance(positions, str) else list(positions)
    templates = trace.texttemplate
    templates = ([templates] * len(lons) if templates is None or isinstance(templates, str)
                 else list(templates))
    boxes = {}
    for (x, y), text, size, position, template in zip(
            points, trace.text, trace.marker.size, positions, templates, strict=True):
        if template == "":
            continue
        x, y = scale * x, -scale * y
        offset = size / 2 / 0.8 + 1
        wide = LETTER * len(text)
        left = x - offset - wide if "left" in position else (
            x + offset if "right" in position else x - wide / 2)
        top = y - offset - 13 if "top" in position else (
            y + offset if "bottom" in position else y - 6.5)
        boxes[text] = (left, top, left + wide, top + 13)
    return boxes


def overlapping(boxes: dict) -> list[tuple[str, str]]:
    names = sorted(boxes)
    return [(a, b) for i, a in enumerate(names) for b in names[i + 1:]
            if min(boxes[a][2], boxes[b][2]) > max(boxes[a][0], boxes[b][0])
            and min(boxes[a][3], boxes[b][3]) > max(boxes[a][1], boxes[b][1])]


def headquarters(figure):
    return next(trace for trace in figure.data if trace.meta == HEADQUARTERS)


CROWDED = [dt.date(2008, 12, 1), dt.date(2010, 12, 1), dt.date(2011, 5, 1)]


@pytest.mark.parametrize("month", CROWDED, ids=str)
def test_the_crowded_pairs_are_apart(ipi, month):
    frame = missions_in(ipi, month)
    assert {"UNAMID", "UNMIS", "UNMIL", "UNOCI", "UNIFIL", "UNDOF"} <= set(frame["mission"])
    for figure in (mission_map(frame.rename(columns={"mission": "acronym"})),
                   map_figure(frame, pd.DataFrame())):
        for width in WIDTHS:
            boxes = name_boxes(headquarters(figure), width)
            assert {"UNAMID", "UNMIS", "UNMIL", "UNOCI", "UNIFIL", "UNDOF"} <= set(boxes)
            assert overlapping(boxes) == [], f"{month} at {width} px"


def test_no_names_overlap_in_any_year(ipi):
    """Every December of the file, every mission named: none overlaps another; a name is
    left to the hover only where no side of its circle is free."""
    _places, totals = ipi
    hidden = {}
    for month in sorted(m for m in set(totals["month"]) if m.month == 12):
        frame = missions_in(ipi, month)
        trace = headquarters(mission_map(frame.rename(columns={"mission": "acronym"})))
        for width in WIDTHS:
            assert overlapping(name_boxes(trace, width)) == [], f"{month} at {width} px"
        hidden[month] = [text for text, template in zip(trace.text, trace.texttemplate,
                                                        strict=True) if template == ""]
    assert sum(len(names) for names in hidden.values()) <= len(hidden), hidden


def test_french_acronyms_are_laid_out_too(ipi):
    from indicators.i18n import use_locale

    frame = missions_in(ipi, dt.date(2010, 12, 1))
    with use_locale("fr"):
        trace = headquarters(mission_map(frame.rename(columns={"mission": "acronym"})))
    assert {"MINUAD", "MINUS", "FINUL", "FNUOD"} <= set(trace.text)
    for width in WIDTHS:
        assert overlapping(name_boxes(trace, width)) == []
