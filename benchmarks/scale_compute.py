"""compute() on a cache miss at 1x/10x/100x data, per /missions panel, from the rollups and
forced onto the base table: the compute half of benchmarks/scale.py, without the web workers.

Usage: .venv/bin/python benchmarks/scale_compute.py [--sizes 1,10] [--engine sqlite|postgresql]
                                                    [--repeat 3] [--keep]
Same copies as scale.py (benchmarks/scale_data.py). Target (issue 19): p95 <= 20 ms at 1x and
<= 50 ms at 100x, on both engines.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.page_latency import percentile  # noqa: E402
from benchmarks.scale import compute_misses_by_panel  # noqa: E402
from benchmarks.scale_data import (  # noqa: E402
    build_base,
    multiply,
    postgres_database_copy,
    sqlite_copy,
)
from indicators.filters import Filters  # noqa: E402
from indicators.rollup_choice import base_table_only, choose  # noqa: E402


def report(label: str, measured: tuple[dict, list[float]]) -> None:
    timings, cpu = measured
    every = [t for values in timings.values() for t in values]
    print(f"  {label}: {len(every)} calls, p50 {percentile(every, 0.5) * 1000:,.1f} ms, "
          f"p95 {percentile(every, 0.95) * 1000:,.1f} ms; this process's CPU p50 "
          f"{percentile(cpu, 0.5) * 1000:,.1f} ms, p95 {percentile(cpu, 0.95) * 1000:,.1f} ms; "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    for (slug, by), values in timings.items():
        table = (choose(Filters(missions=("UNMISS",)), by).__tablename__
                 if slug in ("uniformed-personnel", "women-share") else "-")
        print(f"    {slug} by {','.join(by)} [{table}]: p50 "
              f"{percentile(values, 0.5) * 1000:,.1f} ms, p95 "
              f"{percentile(values, 0.95) * 1000:,.1f} ms", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10")
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-base", action="store_true", help="skip the base-table run")
    parser.add_argument("--raw", default=os.environ.get("PKDASH_RAW_DIR",
                                                        str(ROOT.parent / "shared/data/raw")))
    args = parser.parse_args()
    os.environ.setdefault("PKDASH_RAW_DIR", args.raw)
    started = time.perf_counter()
    base_url, cleanup = build_base(Path(args.raw), args.engine)
    print(f"built the real files into a throw-away {args.engine} database in "
          f"{time.perf_counter() - started:.0f} s", flush=True)
    try:
        for factor in (int(size) for size in args.sizes.split(",")):
            made = time.perf_counter()
            url = (sqlite_copy(base_url, factor) if args.engine == "sqlite"
                   else postgres_database_copy(base_url, factor))
            counts = multiply(url, factor)
            print(f"\n{factor}x copy made in {time.perf_counter() - made:.0f} s: "
                  + ", ".join(f"{table} {n:,}" for table, n in counts.items()), flush=True)
            report("rollups", compute_misses_by_panel(url, args.repeat))
            if not args.no_base:
                with base_table_only():
                    report("base table (rollups off)", compute_misses_by_panel(url, args.repeat))
            if args.engine == "sqlite":
                Path(url.removeprefix("sqlite:///")).unlink()
    finally:
        cleanup()


if __name__ == "__main__":
    main()
