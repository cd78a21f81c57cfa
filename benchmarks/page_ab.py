"""Compare two running versions of the dashboard page by page, interleaved, so that the
machine's changing pace falls on both alike (see benchmarks/README.md, pages).

Usage: start each version's gunicorn (e.g. an old commit in a `git worktree`), then
       .venv/bin/python benchmarks/page_ab.py http://127.0.0.1:8767 http://127.0.0.1:8765
       [--loads 3] [--pages /conduct /missions] [--workers 2]
Each page is loaded from each version in turn, in a fresh tab, and timed as
page_latency.py does (first screen, whole page, by the page's clock).
"""

from __future__ import annotations

import argparse
import statistics

from page_latency import (
    CHROMIUM_ARGS,
    PAGES,
    build_on_every_worker,
    capture_page_request,
    new_page,
    percentile,
    read_to_the_end,
    wait_until_drawn,
)
from playwright.sync_api import sync_playwright


def load(browser, base: str, path: str) -> tuple[float, float | None]:
    page = new_page(browser)
    page.goto(base + path, wait_until="commit")
    first = wait_until_drawn(page, viewport=True)
    whole = read_to_the_end(page, scroll=False)
    page.close()
    return first, whole


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bases", nargs=2, help="the two versions' base URLs")
    parser.add_argument("--loads", type=int, default=3, help="loads per page and version")
    parser.add_argument("--pages", nargs="+", default=PAGES, metavar="PATH",
                        help="only these pages (default: every page)")
    parser.add_argument("--workers", type=int, default=2,
                        help="gunicorn workers each version runs (the Procfile's default: 2)")
    args = parser.parse_args()
    results: dict[str, list[tuple[str, float, float | None]]] = {b: [] for b in args.bases}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        for base in args.bases:  # every worker has read the database and built each page
            for path in args.pages:
                build_on_every_worker(base, capture_page_request(browser, base, path),
                                      args.workers)
        for _ in range(args.loads):
            for path in args.pages:
                for base in args.bases:
                    results[base].append((path, *load(browser, base, path)))
        browser.close()
    for base, loads in results.items():
        first = [f for _, f, _ in loads]
        whole = [w for _, _, w in loads if w is not None]
        print(f"{base}: first screen p50 {statistics.median(first):.2f} s, p95 "
              f"{percentile(first, 0.95):.2f} s · whole page p50 {statistics.median(whole):.2f}"
              f" s, p95 {percentile(whole, 0.95):.2f} s")
        for path in args.pages:
            drawn = [w for p, _, w in loads if p == path and w is not None]
            if drawn:
                print(f"  {path:<14} whole page median {statistics.median(drawn):.2f} s")


if __name__ == "__main__":
    main()
