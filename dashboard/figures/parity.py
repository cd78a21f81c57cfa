"""The DPO's gender-parity grid: one row per contributing country, one column per UGPS target
group, each cell coloured green (meets the year's target), yellow (some women) or red (none),
with the share and a symbol written in it so colour is never the only carrier."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.theme import (
    NO_TARGET_COLOUR,
    PARITY_COLOURS,
    figure_from,
    hover,
    number_text,
)
from dashboard.figures.uncertainty import ORIGIN, origin_line
from indicators.i18n import N_, _
from indicators.measures.personnel import PARITY_MET, PARITY_NONE, PARITY_SOME
from indicators.targets import UGPS_GROUPS

PARITY_ORDER = (PARITY_MET, PARITY_SOME, PARITY_NONE, None)
PARITY_SYMBOLS = {PARITY_MET: "✓", PARITY_SOME: "•", PARITY_NONE: "✗", None: ""}
PARITY_WORDS = {PARITY_MET: N_("Meets the year's target"), PARITY_SOME: N_("Some women, below "
                "the target"), PARITY_NONE: N_("No women (under 0.1%)"),
                None: N_("No target for the year")}


def largest_contributors(frame: pd.DataFrame, rows: str, top: int) -> list:
    """The `top` row values with the most personnel across the columns, largest first."""
    strength = frame.groupby(rows)["denominator"].sum().sort_values(ascending=False)
    return list(strength.head(top).index)


def parity_grid(frame: pd.DataFrame, rows: str = "country", columns: str = "ugps-group",
                top: int = 20, labels=None) -> go.Figure:
    """The grid for the `top` largest contributors; cells without personnel stay blank."""
    labels = labels or {}
    kept = largest_contributors(frame, rows, top)
    groups = [g for g in UGPS_GROUPS if g in set(frame[columns])]
    # Each cell's row as a plain dict: a pandas .loc per cell cost most of the grid's time.
    cells = {(cell[rows], cell[columns]): cell for cell in frame.to_dict("records")}
    codes, texts, hovers = [], [], []
    for row in kept:
        code_row, text_row, hover_row = [], [], []
        for group in groups:
            if (row, group) not in cells or pd.isna(cells[(row, group)]["value"]):
                code_row.append(None)
                text_row.append("")
                hover_row.append(_("no personnel"))
                continue
            cell = cells[(row, group)]
            parity = cell["parity"] if isinstance(cell["parity"], str) else None
            code_row.append(PARITY_ORDER.index(parity))
            share = _("{number}%").format(number=number_text(cell["value"], "percent"))
            text_row.append(f"{PARITY_SYMBOLS[parity]} {share}".strip())
            said = f"{share} · {_(PARITY_WORDS[parity])}"
            # Where the share came from, as every chart's hover says it (a last line).
            source = origin_line(cell[ORIGIN]) if ORIGIN in frame else ""
            hover_row.append(f"{said}<br>{source}" if source else said)
        codes.append(code_row)
        texts.append(text_row)
        hovers.append(hover_row)
    colours = [PARITY_COLOURS[PARITY_MET], PARITY_COLOURS[PARITY_SOME],
               PARITY_COLOURS[PARITY_NONE], NO_TARGET_COLOUR]
    # Four equal bands over the codes 0..3, one colour each.
    scale = [[bound, colour] for index, colour in enumerate(colours)
             for bound in (index / 4, (index + 1) / 4)]
    traces = [dict(
        type="heatmap", z=codes, zmin=0, zmax=3, colorscale=scale, showscale=False, xgap=2, ygap=2,
        # Long group names wrap at their bracket, so the columns stay narrow.
        x=[str(labels.get(g, g)).replace(" (", "<br>(") for g in groups],
        y=[str(labels.get(r, r)) for r in kept],
        text=texts, texttemplate="%{text}", customdata=hovers,
        hovertemplate=hover("%{y} · %{x}", "%{customdata}"),
    )]
    for parity, colour in zip(PARITY_ORDER, colours, strict=True):  # the legend: one key each
        traces.append(dict(
            type="scatter", x=[None], y=[None], mode="markers", name=f"{PARITY_SYMBOLS[parity]} "
            f"{_(PARITY_WORDS[parity])}".strip(), hoverinfo="skip",
            marker={"symbol": "square", "size": 14, "color": colour,
                    "line": {"width": 1, "color": "#adb5bd"}}))
    return figure_from(traces, {  # made at once (theme.figure_from)
        "showlegend": True, "margin": {"l": 8, "t": 48, "b": 8},
        "legend": {"y": -0.02, "yanchor": "top"},
        "yaxis": {"autorange": "reversed", "rangemode": "normal", "showgrid": False},
        "xaxis": {"side": "top", "showgrid": False}}, height=max(260, 26 * len(kept) + 120))


def parity_sentence(frame: pd.DataFrame, rows: str, columns: str, top: int, names) -> str:
    """How many of the largest contributors meet each group's target, have some women, none."""
    kept = set(largest_contributors(frame, rows, top))
    shown = frame[frame[rows].isin(kept)]
    parts = []
    for group in UGPS_GROUPS:
        cells = shown[(shown[columns] == group) & shown["value"].notna()]
        if cells.empty:
            continue
        name = names.get(columns, {}).get(group, group)
        if cells["parity"].isna().all():
            parts.append(_("{group}: no target for the year").format(group=name))
            continue
        counts = cells["parity"].value_counts()
        parts.append(_("{group}: {met} meet the target, {some} have some women, {none} none")
                     .format(group=name, met=int(counts.get(PARITY_MET, 0)),
                             some=int(counts.get(PARITY_SOME, 0)),
                             none=int(counts.get(PARITY_NONE, 0))))
    return _("The {count} largest contributors against the UGPS targets: {listed}.").format(
        count=len(kept), listed="; ".join(parts))
