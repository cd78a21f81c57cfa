"""Maps: mission headquarters and deployment locations, sized by personnel."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.theme import PALETTE, base_figure
from indicators.i18n import _
from indicators.place_names import mission_acronym

HEADQUARTERS = "headquarters"  # the headquarters trace's meta, to find it in any language


def mission_map(missions: pd.DataFrame, locations: pd.DataFrame | None = None) -> go.Figure:
    """`missions`: acronym, latitude, longitude, value (personnel); `locations`: Geo-PKO sites."""
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
    sizes = [8 + 2.2 * math.sqrt(max(float(v), 0) / 100) if pd.notna(v) else 8
             for v in placed.get("value", pd.Series([None] * len(placed)))]
    figure.add_trace(go.Scattergeo(
        lat=placed["latitude"], lon=placed["longitude"], mode="markers+text",
        name=_("Mission headquarters"), meta=HEADQUARTERS,
        text=[mission_acronym(code) for code in placed["acronym"]], textposition="top center",
        marker={"size": sizes, "color": PALETTE[0], "line": {"color": "white", "width": 1}},
        customdata=placed.get("value"),
        hovertemplate=_("{mission}: {count} uniformed personnel").format(
            mission="%{text}", count="%{customdata:,.0f}") + "<extra></extra>",
    ))
    figure.update_geos(showcountries=True, countrycolor="#ced4da", showland=True,
                       landcolor="#f8f9fa", fitbounds="locations", projection_type="natural earth")
    # Room for the legend (sites and headquarters) above the map, which plotly.js would
    # otherwise make by drawing the map a second time (dashboard/figures/margins.py).
    legend_px = 38 if len(figure.data) > 1 else 0
    figure.update_layout(margin={"l": 0, "r": 0, "t": legend_px, "b": 0})
    return figure
