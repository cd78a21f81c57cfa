"""The UGPS tracker's period: the latest month with a gender split, as the DPO's monthly
target achievers report reads it, unless the person chose a period."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import Engine

from indicators.compute import compute, get_indicator
from indicators.filters import Filters


def latest_gender_month(filters: Filters, engine: Engine) -> dt.date | None:
    """The last month with women's share for these filters (any period), or None."""
    unbounded = dataclasses.replace(filters, period_from=None, period_to=None)
    frame = compute(get_indicator("women-share"), unbounded, ("month",), engine=engine)
    months = frame.dropna(subset=["value"])["month"]
    if months.empty:
        return None
    last = months.max()
    return dt.date(int(last[:4]), int(last[5:7]), 1)


def tracker_filters(filters: Filters, engine: Engine) -> Filters:
    """The filters a tracker panel reads: one month, compared with that year's target.

    No period chosen: the latest month with a gender split. Only an end month: that month.
    A chosen period is kept as it is; its target is known only when it lies in one year.
    """
    if filters.period_from is not None:
        return filters
    month = filters.period_to or latest_gender_month(filters, engine)
    if month is None:
        return filters
    return dataclasses.replace(filters, period_from=month, period_to=month)
