"""Measure compute() latency for every catalogue indicator: cold, cache hits and misses, SQL.

Usage: .venv/bin/python benchmarks/compute_latency.py [--url URL | --engine postgresql]
                                      [--mission ACR] [--cold N] [--warm N] [--detail]
Default database: DATABASE_URL, else data/pkdash.sqlite. With --engine postgresql the official
files in PKDASH_RAW_DIR are built into a throw-away PostgreSQL server first.
Targets: p95 under 20 ms warm, under 100 ms cold.

cold  a new engine (empty pool, empty SQLAlchemy statement cache) and a cleared compute cache
      before every call: what the first request after a deploy or a data reload pays
hit   compute() again with the same arguments on a warm engine: the cache answers
miss  compute() on a warm engine with the compute cache cleared first: a new filter combination
run   indicators.compute._run, no cache and no data-version check: the query path itself
sql   the indicator's SELECT executed and fetched, without pandas: the database's share
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from indicators import compute as compute_module
from indicators.catalogue import CATALOGUE
from indicators.compute import QueryError, clear_cache, compute
from indicators.config import DataConfig
from indicators.db import make_engine
from indicators.filters import Filters
from indicators.indicator import Indicator

ROOT = Path(__file__).resolve().parent.parent

MODES = ("cold", "hit", "miss", "run", "sql")
TARGETS_MS = {"cold": 100.0, "hit": 20.0, "miss": 20.0}


def calls_for(indicator: Indicator, mission: str) -> list[tuple[str, Filters, tuple[str, ...]]]:
    """The representative calls: everything; by mission; by year; one mission by month."""
    calls = [("all", Filters(), ())]
    for dimension in ("mission", "year"):
        if dimension in indicator.dimensions:
            calls.append((f"by {dimension}", Filters(), (dimension,)))
    grain = next((d for d in ("month", "year") if d in indicator.dimensions), None)
    calls.append((f"{mission} by {grain or 'nothing'}", Filters(missions=(mission,)),
                  (grain,) if grain else ()))
    return calls


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def measure(url: str, indicator: Indicator, filters: Filters, by: tuple[str, ...],
            cold_runs: int, warm_runs: int) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {mode: [] for mode in MODES}
    for _ in range(cold_runs):
        engine = make_engine(url)
        clear_cache()
        samples["cold"].append(timed(lambda e=engine: compute(indicator, filters, by, engine=e)))
        engine.dispose()
    engine = make_engine(url)
    try:
        compute(indicator, filters, by, engine=engine)  # warm the pool and statement cache
        for _ in range(warm_runs):
            samples["hit"].append(timed(lambda: compute(indicator, filters, by, engine=engine)))
        for _ in range(warm_runs):
            clear_cache()
            samples["miss"].append(timed(lambda: compute(indicator, filters, by,
                                                         engine=engine)))
        for _ in range(warm_runs):
            samples["run"].append(timed(lambda: compute_module._run(indicator, filters, by,
                                                                    engine)))
        statement = indicator.query(filters, by)

        def sql_only():
            with engine.connect() as conn:
                conn.execute(statement).fetchall()

        for _ in range(warm_runs):
            samples["sql"].append(timed(sql_only))
    finally:
        engine.dispose()
    return samples


def p(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def postgres_copy(raw_dir: Path):
    """Start a throw-away server and build the official files into it; returns (server, url)."""
    from indicators.build import build

    sys.path.insert(0, str(ROOT))  # tests/ is not installed; the throw-away server lives there
    from tests.pg_server import ThrowawayPostgres

    server = ThrowawayPostgres().start()
    report = build(DataConfig(server.url, raw_dir), log=lambda _line: None)
    if not report.ok:
        server.stop()
        sys.exit("build into PostgreSQL failed")
    return server, server.url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=None, help="SQLAlchemy URL of a built database")
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--raw", default=os.environ.get("PKDASH_RAW_DIR",
                                                        str(ROOT.parent / "shared/data/raw")))
    parser.add_argument("--mission", default="MONUSCO")
    parser.add_argument("--cold", type=int, default=5, help="cold calls per query")
    parser.add_argument("--warm", type=int, default=20, help="warm calls per query and mode")
    parser.add_argument("--detail", action="store_true", help="also print each query's line")
    args = parser.parse_args()
    server = None
    if args.engine == "postgresql" and args.url is None:
        server, url = postgres_copy(Path(args.raw))
    else:
        url = args.url or DataConfig.from_env().database_url
    try:
        run(url, args)
    finally:
        if server is not None:
            server.stop()


def run(url: str, args) -> None:
    print(f"compute() latency on {make_engine(url).url!r}; {args.cold} cold and {args.warm} warm "
          f"calls per query; milliseconds, p50/p95")
    header = f"{'indicator':<27}{'calls':>6}" + "".join(f"{m + ' p50/p95':>17}" for m in MODES)
    print(header)
    print("-" * len(header))
    overall: dict[str, list[float]] = {mode: [] for mode in MODES}
    worst: dict[str, tuple[float, str]] = {mode: (0.0, "") for mode in MODES}
    for slug, indicator in CATALOGUE.items():
        merged: dict[str, list[float]] = {mode: [] for mode in MODES}
        count = 0
        if args.detail:
            print(slug)
        for name, filters, by in calls_for(indicator, args.mission):
            try:
                samples = measure(url, indicator, filters, by, args.cold, args.warm)
            except QueryError as error:
                print(f"  skipped {slug} {name}: {error}")
                continue
            count += 1
            if args.detail:
                cells = "".join(f"{p(samples[m], 50):>8.1f}/{p(samples[m], 95):<8.1f}"
                                for m in MODES)
                print(f"  {name:<31} {cells}")
            for mode, values in samples.items():
                merged[mode].extend(values)
                overall[mode].extend(values)
                if p(values, 95) > worst[mode][0]:
                    worst[mode] = (p(values, 95), f"{slug} {name}")
        cells = "".join(f"{p(merged[m], 50):>8.1f}/{p(merged[m], 95):<8.1f}" for m in MODES)
        print(f"{slug:<27}{count:>6} {cells}")
    print("-" * len(header))
    cells = "".join(f"{p(overall[m], 50):>8.1f}/{p(overall[m], 95):<8.1f}" for m in MODES)
    print(f"{'overall':<33} {cells}")
    print()
    for mode, target in TARGETS_MS.items():
        p95 = p(overall[mode], 95)
        verdict = "meets" if p95 < target else "MISSES"
        print(f"{mode:<5} p95 {p95:6.1f} ms {verdict} the {target:.0f} ms target; slowest query "
              f"p95 {worst[mode][0]:.1f} ms ({worst[mode][1]})")


if __name__ == "__main__":
    main()
