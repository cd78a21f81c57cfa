"""Each row's months, which the rows' origins name their reports by, are read from the
indicator's by-month query with only its codes and month selected (indicators.origins):
the same months as the whole query gives, for every indicator fed by the UN's monthly
reports, every cut the pages use and every single dimension and pair, over sampled filters,
on SQLite and PostgreSQL. The rows are generated for the test (illustrative, never shown)."""

from __future__ import annotations

import itertools
import zlib

import pytest
from sqlalchemy import select

from indicators.catalogue import CATALOGUE
from indicators.measures.sql import label
from indicators.origin_months import codes_only, row_key, row_months
from indicators.origins import MONTHLY_SOURCE
from indicators.viewer import ANONYMOUS
from tests.indicators.test_rollups import cuts_of, sample_filters, world  # noqa: F401

# The indicators whose rows' months are read from their own query (indicators.origin_months).
MONTHLY = sorted(slug for slug, indicator in CATALOGUE.items()
                 if MONTHLY_SOURCE in indicator.sources and "month" in indicator.dimensions
                 and not indicator.snapshot and indicator.visibility == "public")


def whole_query_months(engine, indicator, filters, by) -> dict[tuple, list[str]]:
    """Each row's months from the indicator's by-month query as it is (measures and all)."""
    monthly = indicator.query(filters, (*by, "month")).subquery()
    columns = [monthly.c[label(d)] for d in (*by, "month")]
    with engine.connect() as conn:
        rows = conn.execute(select(*columns)).all()
    months: dict[tuple, set[str]] = {}
    for row in rows:
        months.setdefault(row_key(tuple(row[:-1])), set()).add(str(row[-1])[:7])
    return {key: sorted(found) for key, found in months.items()}


def test_there_are_indicators_to_compare():
    assert {"uniformed-personnel", "women-share"} <= set(MONTHLY)


@pytest.mark.parametrize("slug", MONTHLY)
def test_the_codes_alone_give_the_rows_months_the_whole_query_gives(world, slug):  # noqa: F811
    indicator = CATALOGUE[slug]
    checked, rows, wrong = 0, 0, []
    for by, filters in itertools.product(
            [cut for cut in cuts_of(slug) if "month" not in cut and cut],
            sample_filters(10, seed=zlib.crc32(slug.encode()))):
        expected = whole_query_months(world, indicator, filters, by)
        got = row_months(indicator, filters, by, world, ANONYMOUS)
        checked += 1
        rows += len(expected)
        if got != expected:
            wrong.append(f"{slug} by {by} for {filters.to_query()}")
    assert not wrong, f"{len(wrong)} of {checked} differ; first: {wrong[0]}"
    assert rows > checked  # most cuts have rows to compare


def test_only_the_codes_and_month_are_selected():
    indicator = CATALOGUE["women-share"]
    query = codes_only(indicator.query(sample_filters(1, seed=1)[0], ("country", "month")),
                        ("country",))
    assert list(query.selected_columns.keys()) == [label("country"), label("month")]
