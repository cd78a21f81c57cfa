"""The missions map: uniformed personnel by mission placed at each headquarters, with the
Geo-PKO deployment locations; its table and text alternative say the same."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from sqlalchemy import Engine

from dashboard.figures.maps import HEADQUARTERS, mission_map
from indicators.filters import Filters
from indicators.i18n import N_, _, format_number
from indicators.lookups import deployment_sites, mission_places
from indicators.place_names import mission_acronym

SITES_SOURCE = "geo-pko-locations"
LABELLED = 12  # missions named on the map, largest first
COLUMN_TITLES = {"latitude": N_("HQ latitude"), "longitude": N_("HQ longitude"),
                 "locations": N_("Geo-PKO locations"), "locations_year": N_("Geo-PKO year")}


def with_places(frame: pd.DataFrame, filters: Filters, engine: Engine) -> pd.DataFrame:
    """`frame` (an indicator by mission) with each mission's name, headquarters coordinates
    and number of Geo-PKO deployment locations in the latest Geo-PKO year of the period."""
    places = (mission_places(engine)[["acronym", "name", "latitude", "longitude"]]
              .rename(columns={"acronym": "mission", "name": "mission_name"}))
    merged = frame.merge(places, on="mission", how="left")
    sites = deployment_sites(engine, filters)
    counts = sites.groupby("mission").size() if not sites.empty else pd.Series(dtype=int)
    merged["locations"] = pd.array(merged["mission"].map(counts), dtype="Int64")
    merged["locations_year"] = pd.array(
        [int(sites["year"].max()) if not sites.empty and pd.notna(n) else None
         for n in merged["locations"]], dtype="Int64")
    # The name reads best beside the code, as the table shows other dimensions' names.
    names = merged.pop("mission_name")
    merged.insert(merged.columns.get_loc("mission") + 1, "mission_name", names)
    merged.attrs = frame.attrs
    return merged


def map_figure(frame: pd.DataFrame, sites: pd.DataFrame, labelled: int = LABELLED
               ) -> go.Figure:
    missions = frame.rename(columns={"mission": "acronym"})
    figure = mission_map(missions, sites)
    # Neighbouring headquarters (Middle East, West Africa) overlap: name only the largest
    # missions on the map; hovering still names every one.
    placed = missions.dropna(subset=["latitude", "longitude"])
    largest = set(placed.nlargest(labelled, "value")["acronym"]) if len(placed) else set()
    figure.update_traces(
        texttemplate=[shown if code in largest else "" for code, shown in  # laid out: maps.py
                      zip(placed["acronym"], figure.data[-1].texttemplate, strict=True)],
        selector={"meta": HEADQUARTERS})
    return figure


def map_summary(frame: pd.DataFrame, sites: pd.DataFrame, lead: str) -> str:
    """The text alternative: the largest missions (`lead`), then what the map places."""
    placed = frame.dropna(subset=["latitude", "longitude"])
    parts = [lead, _("The map places {placed} of {missions} at their headquarters.").format(
        placed=format_number(len(placed)), missions=_missions(len(frame)))]
    if len(placed) < len(frame):
        missing = ", ".join(sorted(mission_acronym(code) for code in
                                   set(frame["mission"]) - set(placed["mission"])))
        parts.append(_("No headquarters coordinates for {missions}; see the table.").format(
            missions=missing))
    if sites.empty:
        parts.append(_("Geo-PKO records no deployment locations for these filters."))
    else:
        parts.append(_("Geo-PKO records {count} deployment locations in {year} for "
                       "{missions}.").format(count=format_number(len(sites)),
                                             year=int(sites["year"].max()),
                                             missions=_missions(sites["mission"].nunique())))
    return " ".join(parts)


def _missions(count: int) -> str:
    words = _("{count} mission") if count == 1 else _("{count} missions")
    return words.format(count=format_number(count))
