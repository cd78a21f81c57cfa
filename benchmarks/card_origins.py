"""Measure what naming each row's file and page (the Table tab's Source column and the hover's
"Source:" line) adds to building a page's cards: build_view() with and without origins.

Usage: .venv/bin/python benchmarks/card_origins.py [--url URL] [--rounds 3] [--pages ...]
       [--warm]
Default database: DATABASE_URL, else data/pkdash.sqlite (built by `pkdash build`).
Each card is built with the compute cache cleared first (what a first reader of an address
pays; later readers get the page from the page cache), alternating with and without origins;
with --warm, from the caches a first build filled (a card drawn again by the callback when
the filters come back).
Times are this process's CPU time (SQLite runs in it), the median of the rounds: on a machine
shared with other work, wall-clock times vary more than the difference measured.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.app import create_app  # noqa: E402
from dashboard.panels.spec import visible_panels  # noqa: E402
from dashboard.panels.view import build_view  # noqa: E402
from dashboard.settings import Settings  # noqa: E402
from indicators.compute import clear_cache  # noqa: E402
from indicators.config import DataConfig  # noqa: E402
from indicators.db import make_engine  # noqa: E402
from indicators.filters import Filters  # noqa: E402
from indicators.viewer import ANONYMOUS  # noqa: E402

PAGES = ("overview", "missions", "countries", "women", "conduct", "safety", "performance",
         "partnerships", "protection")
VIEWS = {"all": Filters(), "MINUSCA": Filters(missions=("MINUSCA",)),
         "RWA": Filters(countries=("RWA",))}


def page_seconds(page: str, filters: Filters, engine, origins: bool, warm: bool) -> float:
    """Every card the page shows for these filters, each from a cold compute cache (or from
    the caches a first build filled, if `warm`)."""
    total = 0.0
    for panel in visible_panels(page, filters, ANONYMOUS):  # the cards a reader is sent
        if warm:
            build_view(panel, filters, engine, origins=origins)
        else:
            clear_cache()
        start = time.process_time()
        build_view(panel, filters, engine, origins=origins)
        total += time.process_time() - start
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("DATABASE_URL")
                        or DataConfig.from_env().database_url)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", nargs="+", default=PAGES, choices=PAGES)
    parser.add_argument("--warm", action="store_true")
    args = parser.parse_args()
    app = create_app(Settings(database_url=args.url, raw_dir=Path("/nonexistent-raw")))
    engine = make_engine(args.url)
    print(f"{'page':<14}{'filters':<9}{'without':>10}{'with':>10}{'extra':>10}{'extra %':>9}")
    totals = [0.0, 0.0]
    with app.server.app_context():
        for page in args.pages:
            for name, filters in VIEWS.items():
                times = {False: [], True: []}
                for _round in range(args.rounds):
                    for origins in (False, True):
                        times[origins].append(page_seconds(page, filters, engine, origins,
                                                           args.warm))
                without, with_ = (statistics.median(times[o]) for o in (False, True))
                totals[0] += without
                totals[1] += with_
                print(f"{page:<14}{name:<9}{without * 1000:>8.0f}ms{with_ * 1000:>8.0f}ms"
                      f"{(with_ - without) * 1000:>8.0f}ms"
                      f"{(with_ / without - 1) * 100 if without else 0:>8.0f}%")
    print(f"{'all pages':<23}{totals[0] * 1000:>8.0f}ms{totals[1] * 1000:>8.0f}ms"
          f"{(totals[1] - totals[0]) * 1000:>8.0f}ms"
          f"{(totals[1] / totals[0] - 1) * 100:>8.0f}%")


if __name__ == "__main__":
    main()
