"""Peers of similar size: the contributing countries whose mean uniformed headcount is closest."""

from __future__ import annotations

import dataclasses

import pandas as pd
from sqlalchemy import Engine

from indicators.compute import compute
from indicators.filters import Filters

PEERS = 5
SIZE_INDICATOR = "uniformed-personnel"


def peers(engine: Engine, iso3: str, filters: Filters | None = None, n: int = PEERS
          ) -> tuple[str, ...]:
    """The `n` countries whose mean uniformed headcount under `filters` (missions, categories,
    period; any country choice is set aside) is closest to `iso3`'s, closest first.

    Countries with nobody deployed are no one's peers. Ties go to the larger country, then to
    the ISO code, so the answer never depends on row order. Empty if `iso3` deployed nobody.
    """
    sizes = headcounts(engine, filters)
    if iso3 not in sizes.index or not sizes[iso3] > 0:
        return ()
    others = sizes.drop(iso3)
    others = others[others > 0]
    ranked = pd.DataFrame({"country": others.index, "size": others.to_numpy(dtype=float)})
    ranked["distance"] = (ranked["size"] - float(sizes[iso3])).abs()
    ranked = ranked.sort_values(["distance", "size", "country"],
                                ascending=[True, False, True], kind="stable")
    return tuple(ranked["country"].head(max(n, 0)))


def headcounts(engine: Engine, filters: Filters | None = None) -> pd.Series:
    """Mean monthly uniformed headcount per country (ISO3 -> persons) for the filters."""
    filters = dataclasses.replace(filters or Filters(), countries=(), gender=None)
    frame = compute(SIZE_INDICATOR, filters, ("country",), engine=engine)
    frame = frame.dropna(subset=["country", "value"])
    return pd.Series(frame["value"].astype(float).to_numpy(), index=frame["country"])


def with_peers(filters: Filters, engine: Engine) -> Filters:
    """A panel hook: one chosen country becomes that country and its peers. With several
    chosen, they are compared with each other; with none, the filters are left alone."""
    if len(filters.countries) != 1:
        return filters
    chosen = filters.countries[0]
    return dataclasses.replace(filters, countries=tuple(sorted(
        (chosen, *peers(engine, chosen, filters)))))
