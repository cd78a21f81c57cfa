"""How a fact's value is written into the history of facts (fact_change): one text form, so an
old and a new value compare equal exactly when readers would call them the same."""

from __future__ import annotations

import pandas as pd


def stored_text(value) -> str | None:
    """Text; whole numbers without '.0' (pandas turns integer columns with gaps into floats);
    None for a missing value."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
