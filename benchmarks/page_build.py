"""Issue 19's cheaper page build, in one process: what the panel callbacks of a page cost on a
cache miss (every card an anonymous reader's browser asks for when the filters change), and
where the time goes.

Usage: .venv/bin/python benchmarks/page_build.py [--url URL] [--pages missions women]
       [--rounds 3] [--profile 25]
Default database: DATABASE_URL, else data/pkdash.sqlite (built by `pkdash build`).
Each round sends every card of the page through the shared callback's body (card.fill_panel,
hidden cards included, as the browser asks for them all) for a mission nobody asked before,
the compute cache cleared first. Times are CPU time of this process (SQLite runs in it), the
median of the rounds. --profile N prints cProfile's N costliest functions (cumulative) of one
more round.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.app import create_app  # noqa: E402
from dashboard.panels.card import fill_panel  # noqa: E402
from dashboard.panels.spec import page_panels, seen_by  # noqa: E402
from dashboard.settings import Settings  # noqa: E402
from indicators.compute import clear_cache  # noqa: E402
from indicators.config import DataConfig  # noqa: E402
from indicators.viewer import ANONYMOUS  # noqa: E402

# Missions asked in turn, one per round (a cache miss each, as benchmarks/scale.py does).
MISSIONS = ("UNMISS", "MONUSCO", "MINUSCA", "UNAMID", "MINUSMA", "UNMIL", "MINUSTAH")


def cards(page: str) -> tuple:
    """The page's cards an anonymous reader's browser asks the callback for."""
    return seen_by(page_panels(page), ANONYMOUS)


def page_seconds(app, page: str, mission: str) -> float:
    """Every card of the page filled for one mission, from a cold compute cache."""
    clear_cache()
    query = {"mission": mission}
    started = time.process_time()
    with app.server.test_request_context("/_dash-update-component"):
        for panel in cards(page):
            fill_panel(query, {"page": page, "panel": panel.key}, None)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("DATABASE_URL")
                        or DataConfig.from_env().database_url)
    parser.add_argument("--pages", nargs="+", default=("missions", "women"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0)
    args = parser.parse_args()
    app = create_app(Settings(database_url=args.url, raw_dir=Path("/nonexistent-raw")))
    for page in args.pages:
        page_seconds(app, page, "UNOCI")  # warm: imports, vocabulary, labels
        times = [page_seconds(app, page, MISSIONS[n % len(MISSIONS)])
                 for n in range(args.rounds)]
        median = statistics.median(times) * 1000
        print(f"{page:<10} {len(cards(page))} cards: median {median:,.0f} ms CPU"
              f" (rounds: {', '.join(f'{t * 1000:,.0f}' for t in times)})", flush=True)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            page_seconds(app, page, MISSIONS[args.rounds % len(MISSIONS)])
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
