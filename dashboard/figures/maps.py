"""Maps: mission headquarters and deployment locations, sized by personnel."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.map_labels import place_labels
from dashboard.figures.theme import PALETTE, base_figure
from dashboard.figures.uncertainty import ORIGIN, origin_line
from indicators.i18n import _
from indicators.place_names import mission_acronym

HEADQUARTERS = "headquarters"  # the headquarters trace's meta, to find it in any language


def mission_map(missions: pd.DataFrame, locations: pd.DataFrame | None = None) -> go.Figure:
    """`missions`: acronym, latitude, longitude, value (personnel) and, optionally, each row's
    provenance (ORIGIN); `locations`: Geo-PKO sites."""
    figure = base_figure(height=420)
    if locations is not None and not locations.empty:
        figure.add_trace(go.Scattergeo(
            lat=locations["latitude"], lon=locations["longitude"], mode="markers",
            name=_("Deployment locations (Geo-PKO)"),
            marker={"size": 4, "color": PALETTE[1], "opacity": 0.6, "symbol": "diamond"},
            text=locations["mission"].map(mission_acronym) + " · "
            + locations["location"].astype(str),
            hovertemplate="%{text}<extra></extra>",
        ))
    placed = missions.dropna(subset=["latitude", "longitude"])
    values = placed.get("value", pd.Series([None] * len(placed), index=placed.index))
    sizes = [8 + 2.2 * math.sqrt(max(float(v), 0) / 100) if pd.notna(v) else 8
             for v in values]
    names = [mission_acronym(code) for code in placed["acronym"]]
    positions = _label_positions(placed, locations, names, sizes, values)
    figure.add_trace(go.Scattergeo(
        lat=placed["latitude"], lon=placed["longitude"], mode="markers+text",
        name=_("Mission headquarters"), meta=HEADQUARTERS,
        text=names, textposition=[position or "top center" for position in positions],
        texttemplate=["%{text}" if position else "" for position in positions],
        marker={"size": sizes, "color": PALETTE[0], "line": {"color": "white", "width": 1}},
        # Each headquarters' personnel, and where that number came from (a hover line).
        customdata=[(None if pd.isna(v) else float(v), line)
                    for v, line in zip(values, _origin_lines(placed), strict=True)],
        hovertemplate=_("{mission}: {count} uniformed personnel").format(
            mission="%{text}", count="%{customdata[0]:,.0f}") + "%{customdata[1]}"
        + "<extra></extra>",
    ))
    figure.update_geos(showcountries=True, countrycolor="#ced4da", showland=True,
                       landcolor="#f8f9fa", fitbounds="locations", projection_type="natural earth")
    # Room for the legend (sites and headquarters) above the map, which plotly.js would
    # otherwise make by drawing the map a second time (dashboard/figures/margins.py).
    legend_px = 38 if len(figure.data) > 1 else 0
    figure.update_layout(margin={"l": 0, "r": 0, "t": legend_px, "b": 0})
    return figure


def _origin_lines(placed: pd.DataFrame) -> list[str]:
    """Per headquarters, the hover's source line (with its line break), or nothing."""
    if ORIGIN not in placed:
        return [""] * len(placed)
    return [f"<br>{line}" if (line := origin_line(origin)) else ""
            for origin in placed[ORIGIN]]


def _label_positions(placed: pd.DataFrame, locations: pd.DataFrame | None, names: list[str],
                     sizes: list[float], values: pd.Series) -> list[str | None]:
    """Each headquarters' text position, the largest missions placed first; None where no
    side is free (the name is then given by the hover only)."""
    if placed.empty:
        return []
    fit_lons, fit_lats = list(placed["longitude"]), list(placed["latitude"])
    if locations is not None and not locations.empty:
        fit_lons += list(locations["longitude"])
        fit_lats += list(locations["latitude"])
    numbers = [float(v) if pd.notna(v) else -1.0 for v in values]
    order = sorted(range(len(names)), key=lambda i: (-numbers[i], names[i]))
    return place_labels([float(v) for v in placed["longitude"]],
                        [float(v) for v in placed["latitude"]], names, sizes,
                        [float(v) for v in fit_lons], [float(v) for v in fit_lats], order)
