"""Figures made from plain dicts without plotly's property-by-property validation, in the form
validation would have given them, so a reader is sent the same JSON byte for byte (issue 19)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from _plotly_utils.basevalidators import copy_to_readonly_numpy_array
from plotly.basedatatypes import BasePlotlyType

SCALARS = frozenset((str, int, float, bool, type(None)))  # what plotly stores as it is given


def plain(value):
    """`value` as plotly's validators would store it: a dict's keys in plotly's (alphabetical)
    order and its None values dropped, tuples as lists, pandas and numpy arrays as read-only
    numpy arrays, numpy scalars as Python ones. The JSON is written in that key order, so an
    order of our own would change the bytes sent. Not done: plotly's turning of numbers into
    text where a property takes text (a name, a label); the figures give those as str."""
    if isinstance(value, dict):
        return {key: plain(value[key]) for key in sorted(value) if value[key] is not None}
    if isinstance(value, (list, tuple)):
        if all(type(item) in SCALARS for item in value):  # hover texts, sizes: most lists
            return list(value)
        return [plain(item) for item in value]
    if isinstance(value, (pd.Series, pd.Index, np.ndarray)):
        return _read_only(value)
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, BasePlotlyType):
        return plain(value.to_plotly_json())
    return value


def _read_only(values):
    """The read-only numpy copy plotly's validators make of an array: numbers directly (the
    validators' general path goes through narwhals, a millisecond each), the rest their way."""
    if isinstance(values.dtype, np.dtype) and values.dtype.kind in "iuf":
        array = np.ascontiguousarray(np.array(values, copy=True))
        array.flags["WRITEABLE"] = False
        return array
    return copy_to_readonly_numpy_array(values)


def unchecked_figure(traces: list[dict], layout: dict) -> go.Figure:
    """A go.Figure of these traces and layout, taken as they are: checking every property costs
    a page tens of milliseconds for figures our own code writes (tests/dashboard compare the
    JSON with a validated figure's). Later assignments to it are not checked either, so they go
    through plain() too."""
    return go.Figure(data=plain(traces), layout=plain(layout), _validate=False)
