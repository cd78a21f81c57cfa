"""Time a 10-chart briefing pack as PPTX and as PDF: cold (a new process, its first pack:
Chromium starts, compute cache empty) and warm (a second pack in the same process: new
snapshots, warm browser and compute cache).

Usage: .venv/bin/python benchmarks/export_time.py [--runs 3] [--from 2012-01 --to 2013-12]
Reads DATABASE_URL (default: data/pkdash.sqlite, built from the real files by `pkdash build`).
Target: a warm pack under 6 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Ten charts from six pages, a mix of lines, bars, splits, a pipeline, the map and generated
# data: what a briefing on a mission area might hold.
CHARTS = (
    ("women", "share-by-category"), ("women", "share-by-mission"),
    ("women", "share-by-country"), ("women", "women-by-month"),
    ("safety", "by-incident-type"), ("safety", "malicious-rate-by-mission"),
    ("overview", "mission-map"), ("performance", "training-by-year"),
    ("partnerships", "status-count"), ("protection", "alerts-by-month"),
)


def child(fmt: str, query: dict[str, str]) -> dict:
    """One process: import and app set-up, then the same pack twice; seconds for each part."""
    started = time.perf_counter()
    import datetime as dt

    from dashboard.app import create_app
    from dashboard.exports.images import draw_charts
    from dashboard.exports.render import render_pack
    from dashboard.exports.snapshot import Pack, panel_snapshot
    from dashboard.settings import Settings
    from indicators.db import make_engine
    from indicators.filters import Filters
    from indicators.vocabulary import load_vocabulary

    url = os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'data' / 'pkdash.sqlite'}")
    create_app(Settings(database_url=url, raw_dir=ROOT / "data" / "raw"))  # registers pages
    engine = make_engine(url)
    filters, problems = Filters.from_query(query, load_vocabulary(engine))
    if problems:
        sys.exit(f"bad filters: {problems}")
    result = {"setup": time.perf_counter() - started}
    for label in ("cold", "warm"):
        begin = time.perf_counter()
        snapshots = [panel_snapshot(page, key, filters, engine) for page, key in CHARTS]
        built = time.perf_counter()
        pack = Pack("Benchmark pack", filters, snapshots, dt.datetime.now(dt.UTC))
        draw_charts(pack.snapshots)  # what render_pack does first; timed apart
        drawn = time.perf_counter()
        content = render_pack(pack, fmt)
        done = time.perf_counter()
        result[label] = {"snapshots": built - begin, "images": drawn - built,
                         "file": done - drawn, "total": done - begin, "bytes": len(content)}
    return result


def run_child(fmt: str, query: dict[str, str]) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", fmt, "--query", json.dumps(query)],
        cwd=ROOT, env=os.environ.copy(), capture_output=True, text=True, check=False)
    if output.returncode != 0:
        sys.exit(f"the {fmt} run failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--from", dest="start", default="")
    parser.add_argument("--to", dest="end", default="")
    parser.add_argument("--child", choices=("pptx", "pdf"))
    parser.add_argument("--query", default="{}")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, json.loads(args.query))))
        return
    query = {k: v for k, v in (("from", args.start), ("to", args.end)) if v}
    print(f"{len(CHARTS)} charts, filters {query or 'none'}, {args.runs} runs per format")
    for fmt in ("pptx", "pdf"):
        runs = [run_child(fmt, query) for _ in range(args.runs)]
        for label in ("cold", "warm"):
            totals = [run[label]["total"] for run in runs]
            parts = {part: statistics.median(run[label][part] for run in runs)
                     for part in ("snapshots", "images", "file")}
            print(f"{fmt:4} {label}: median {statistics.median(totals):5.2f} s "
                  f"(runs: {', '.join(f'{t:.2f}' for t in totals)}; "
                  + ", ".join(f"{part} {seconds:.2f} s" for part, seconds in parts.items())
                  + f"; {runs[0][label]['bytes'] / 1e6:.1f} MB)")
        setup = statistics.median(run["setup"] for run in runs)
        print(f"{fmt:4} process set-up (imports, app, before the first pack): {setup:.2f} s")


if __name__ == "__main__":
    main()
