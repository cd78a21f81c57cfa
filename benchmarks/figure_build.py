"""Issue 19's figures alone: the CPU a page's cards spend in build_view's figure steps
(make_figure, with_milestones, reserve_margins) on a cache miss, per page.

Usage: .venv/bin/python benchmarks/figure_build.py [--url URL] [--pages missions women]
Default database: DATABASE_URL, else data/pkdash.sqlite (built by `pkdash build`).
Each page is built as benchmarks/page_build.py builds it, once per mission of its list, twice
over; the figure steps are timed by wrapping them where build_view calls them (this process's
CPU time; the milestones' SQL query is included). Prints the median and each round.
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
sys.path.insert(0, str(ROOT / "benchmarks"))

import page_build  # noqa: E402

from dashboard.panels import view  # noqa: E402
from indicators.config import DataConfig  # noqa: E402

SPENT = [0.0]


def timed(function):
    """`function`, its CPU time added to SPENT."""
    def wrapper(*args, **kwargs):
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            SPENT[0] += time.process_time() - started
    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("DATABASE_URL")
                        or DataConfig.from_env().database_url)
    parser.add_argument("--pages", nargs="+", default=["missions", "women"])
    args = parser.parse_args()
    for name in ("make_figure", "with_milestones", "reserve_margins"):
        setattr(view, name, timed(getattr(view, name)))
    app = page_build.create_app(page_build.Settings(database_url=args.url,
                                                    raw_dir=Path("/nonexistent-raw")))
    for page in args.pages:
        page_build.page_seconds(app, page, page_build.MISSIONS[-1])  # imports, first queries
        rounds = []
        for mission in page_build.MISSIONS * 2:
            SPENT[0] = 0.0
            page_build.page_seconds(app, page, mission)
            rounds.append(SPENT[0] * 1000)
        print(f"{page:10s} figures: median {statistics.median(rounds):.0f} ms CPU "
              f"(rounds: {', '.join(f'{r:.0f}' for r in rounds)})")


if __name__ == "__main__":
    main()
