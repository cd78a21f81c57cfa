"""Issue 19: what compute() costs on a cache miss while pages are built, per indicator and cut.

Usage: .venv/bin/python benchmarks/compute_miss.py [--url URL] [--pages missions women]
       [--rounds 5]
Default database: DATABASE_URL, else data/pkdash.sqlite (built by `pkdash build`).
Builds every card of the pages (card.fill_panel, as page_build.py does) for four missions
nobody asked before, the compute cache cleared first, timing each call of
indicators.compute._run (the work of a miss: the query, the frame, the hooks) in CPU time.
Then replays the same calls alone, --rounds times: the median of those is steadier than the
in-page figure, which also carries the garbage collections the page's other objects cause.
Times are per build of the pages (the sum over the four missions, divided by four).
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import indicators.compute as compute_module  # noqa: E402
from dashboard.app import create_app  # noqa: E402
from dashboard.panels.card import fill_panel  # noqa: E402
from dashboard.panels.spec import page_panels, seen_by  # noqa: E402
from dashboard.settings import Settings  # noqa: E402
from indicators.catalogue import CATALOGUE  # noqa: E402
from indicators.config import DataConfig  # noqa: E402
from indicators.viewer import ANONYMOUS  # noqa: E402

MISSIONS = ("MINUSCA", "UNMISS", "MONUSCO", "MINUSMA")


def build_pages(app, pages, mission: str) -> None:
    compute_module.clear_cache()
    with app.server.test_request_context("/_dash-update-component"):
        for page in pages:
            for panel in seen_by(page_panels(page), ANONYMOUS):
                fill_panel({"mission": mission}, {"page": page, "panel": panel.key}, None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("DATABASE_URL")
                        or DataConfig.from_env().database_url)
    parser.add_argument("--pages", nargs="+", default=("missions", "women"))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    app = create_app(Settings(database_url=args.url, raw_dir=Path("/nonexistent-raw")))
    run = compute_module._run
    calls, cpu = [], collections.defaultdict(float)

    def timed_run(indicator, filters, by, engine, countries=None):
        calls.append((indicator, filters, by, engine, countries))
        started = time.process_time()
        try:
            return run(indicator, filters, by, engine, countries)
        finally:
            cpu[(indicator.slug, by)] += time.process_time() - started

    compute_module._run = timed_run
    build_pages(app, args.pages, "UNOCI")  # warm: imports, vocabulary, labels
    calls.clear()
    cpu.clear()
    for mission in MISSIONS:
        build_pages(app, args.pages, mission)
    compute_module._run = run
    share = len(MISSIONS)
    print(f"In the pages' build ({', '.join(args.pages)}), per build, CPU ms:")
    for (slug, by), seconds in sorted(cpu.items(), key=lambda item: -item[1]):
        print(f"{seconds * 1000 / share:7.1f}  {slug} by {', '.join(by) or 'nothing'}")
    print(f"{sum(cpu.values()) * 1000 / share:7.1f}  all {len(calls) // share} misses")
    totals = []
    for _round in range(args.rounds + 1):  # the first warms the statement cache
        started = time.process_time()
        with compute_module.one_data_version():
            for indicator, filters, by, engine, countries in calls:
                run(CATALOGUE[indicator.slug], filters, by, engine, countries)
        totals.append((time.process_time() - started) * 1000 / share)
    print(f"Replayed alone: median {statistics.median(totals[1:]):.1f} ms CPU per build "
          f"(rounds: {', '.join(f'{t:.0f}' for t in totals[1:])})")


if __name__ == "__main__":
    main()
