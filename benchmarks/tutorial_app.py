"""The tutorial-style Dash app issue 19 compares with: one callback, three plotly.express figures.

pandas on a module-level DataFrame read from IPI's full_gender_data.csv (the same file the
project imports). TUTORIAL_SCALE=k (default 1) adds k-1 copies of every row under synthetic
contributor names, as benchmarks/scale_data.py does to the project's facts.
Run: .venv/bin/gunicorn --chdir benchmarks tutorial_app:server
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import plotly.express as px
from dash import Dash, Input, Output, dcc, html

RAW = Path(os.environ.get("PKDASH_RAW_DIR", "/work/shared/data/raw"))
SCALE = int(os.environ.get("TUTORIAL_SCALE", "1"))


def load() -> pd.DataFrame:
    frame = pd.read_csv(RAW / "ipi_peacekeeping_database/full_gender_data.csv")
    for column in ("Contributor", "Contributor_ISO-3", "Mission"):  # the loader's stray quote
        frame[column] = frame[column].astype(str).str.rstrip("'")
    frame = frame[(frame["Contributor"] != "all") & (frame["Mission"] != "all")]
    frame["Date"] = pd.to_datetime(frame["Date"])
    copies = [frame.assign(Contributor=frame["Contributor"] + f" (synthetic {copy})")
              for copy in range(1, SCALE)]
    return pd.concat([frame, *copies], ignore_index=True)


DF = load()
MISSIONS = sorted(DF["Mission"].unique())

app = Dash(__name__)
server = app.server
app.layout = html.Div([
    html.H1("Peacekeeping contributions"),
    dcc.Dropdown(MISSIONS, MISSIONS[0], id="mission"),
    dcc.Graph(id="strength"),
    dcc.Graph(id="contributors"),
    dcc.Graph(id="women"),
])


@app.callback(Output("strength", "figure"), Output("contributors", "figure"),
              Output("women", "figure"), Input("mission", "value"))
def update(mission):
    rows = DF[DF["Mission"] == mission]
    monthly = rows.groupby("Date", as_index=False)[
        ["Troops_Total", "Individual_Police_Total", "Formed_Police_Units_Total",
         "Experts_on_Mission_Total"]].sum()
    strength = px.line(monthly, x="Date", y=list(monthly.columns[1:]),
                       title=f"{mission}: uniformed personnel by category")
    latest = rows[rows["Date"] == rows["Date"].max()]
    top = latest.groupby("Contributor", as_index=False)["Total_Total"].sum().nlargest(
        15, "Total_Total")
    contributors = px.bar(top, x="Total_Total", y="Contributor", orientation="h",
                          title="Top contributing countries")
    gender = rows.groupby("Date", as_index=False)[["Total_Female", "Total_Total"]].sum()
    gender["Women's share"] = gender["Total_Female"] / gender["Total_Total"]
    women = px.line(gender, x="Date", y="Women's share", title="Women's share")
    return strength, contributors, women


if __name__ == "__main__":
    app.run(debug=False)
