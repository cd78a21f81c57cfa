"""Many readers at once: 50 client threads for 60 s against gunicorn, each request one of the
four doors (a page, a filter-change callback, the API, a CSV download) with a random mission;
optionally PostgreSQL is restarted mid-run. Reports answers by status and door, and latency.

Usage:
  .venv/bin/python benchmarks/load.py [--clients 50] [--seconds 60] [--workers 2]
  .venv/bin/python benchmarks/load.py --engine postgresql --restart-at 20   # PostgreSQL restart

SQLite reads DATABASE_URL (default data/pkdash.sqlite, built by `pkdash build`); with
--engine postgresql the official files are built into a throw-away PostgreSQL 15 first.
Every simulated client comes from 127.0.0.1, so to the export limits they are one client: the
run raises PKDASH_EXPORT_RATE_PER_CLIENT/TOTAL unless --keep-limits (then 429s are expected).
Success: no 5xx other than 503 while the database is down, and no 500 at all.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compute_latency import postgres_copy  # noqa: E402 — the throw-away PostgreSQL build
from page_latency import (  # noqa: E402 — shared gunicorn and callback-capture helpers
    CHROMIUM_ARGS,
    FIRST_ASKED,
    MISSIONS,
    PAGES,
    ROOT,
    capture_panel_requests,
    percentile,
    start_gunicorn,
)

# Panels a planner downloads most, as (page, panel key); checked against the app at start.
DOWNLOADS = (("women", "tracker"), ("missions", "strength"), ("missions", "sea"),
             ("conduct", "by-year"))
API_SLUGS = ("women-share", "uniformed-personnel", "sea-allegations", "fatalities")


def fetch(base: str, path: str, body: bytes | None = None) -> tuple[int, float]:
    """Status and seconds for one request; connection failures count as status 0."""
    request = urllib.request.Request(base + path, data=body, headers={
        "Content-Type": "application/json"} if body else {})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    except OSError:
        status = 0
    return status, time.perf_counter() - started


def callback_body(payload: dict, mission: str) -> bytes:
    """A captured panel callback, asked again for another mission."""
    import json

    body = json.loads(json.dumps(payload))
    for item in body["inputs"]:
        if item.get("id") == "pk-filters":
            item["value"] = {"mission": mission}
    return json.dumps(body).encode()


def known_downloads(base: str) -> list[str]:
    """The download paths of DOWNLOADS that this app serves (404 would skew the run)."""
    paths = [f"/download/{page}/{key}.csv" for page, key in DOWNLOADS]
    kept = [path for path in paths if fetch(base, path)[0] == 200]
    if not kept:
        sys.exit("none of the benchmark's download paths exist: update DOWNLOADS")
    return kept


def one_request(base: str, payloads: list[dict], downloads: list[str],
                rng: random.Random) -> tuple[str, int, float]:
    mission = rng.choice(MISSIONS + FIRST_ASKED)
    door = rng.choice(("page", "callback", "api", "download"))
    if door == "page":
        status, took = fetch(base, f"{rng.choice(PAGES)}?mission={mission}")
    elif door == "callback":
        status, took = fetch(base, "/_dash-update-component",
                             callback_body(rng.choice(payloads), mission))
    elif door == "api":
        status, took = fetch(base, f"/api/v1/indicators/{rng.choice(API_SLUGS)}"
                                   f"?mission={mission}&by=year")
    else:
        status, took = fetch(base, f"{rng.choice(downloads)}?mission={mission}")
    return door, status, took


def run_load(base: str, payloads: list[dict], downloads: list[str], clients: int,
             seconds: float, restart=None, restart_at: float | None = None):
    statuses: dict[str, Counter] = defaultdict(Counter)
    timings: list[float] = []
    lock = threading.Lock()
    stop = threading.Event()

    def client(seed: int) -> None:
        rng = random.Random(seed)
        while not stop.is_set():
            door, status, took = one_request(base, payloads, downloads, rng)
            with lock:
                statuses[door][status] += 1
                if status == 200:
                    timings.append(took)

    threads = [threading.Thread(target=client, args=(seed,)) for seed in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    restart_took = None
    if restart is not None and restart_at is not None:
        time.sleep(restart_at)
        restart_took = restart()
    time.sleep(max(0.0, seconds - (time.monotonic() - started)))
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    return statuses, timings, time.monotonic() - started, restart_took


def report(statuses, timings, elapsed: float, restart_took: float | None) -> int:
    total = sum(sum(counter.values()) for counter in statuses.values())
    print(f"{total} requests in {elapsed:.0f} s ({total / elapsed:.1f}/s)")
    for door, counter in sorted(statuses.items()):
        print(f"  {door:9s} " + ", ".join(f"{code}: {n}" for code, n in sorted(counter.items())))
    if timings:
        print(f"  answered 200: p50 {statistics.median(timings) * 1000:.0f} ms, "
              f"p95 {percentile(timings, 0.95) * 1000:.0f} ms, max {max(timings) * 1000:.0f} ms")
    if restart_took is not None:
        print(f"  PostgreSQL was down for {restart_took:.1f} s (stop, then start)")
    every = Counter()
    for counter in statuses.values():
        every.update(counter)
    errors = sum(n for code, n in every.items() if code == 0 or code >= 500 and code != 503)
    print(f"errors (500s, other 5xx, failed connections): {errors}; 503: {every[503]}; "
          f"429: {every[429]}")
    return 1 if errors else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--restart-at", type=float, default=None,
                        help="seconds into the run to restart PostgreSQL (--engine postgresql)")
    parser.add_argument("--keep-limits", action="store_true",
                        help="keep the export rate limits (all clients share one address)")
    parser.add_argument("--raw", default=os.environ.get("PKDASH_RAW_DIR",
                                                        str(ROOT.parent / "shared/data/raw")))
    args = parser.parse_args()
    server = None
    if args.engine == "postgresql":
        server, url = postgres_copy(Path(args.raw))
        os.environ["DATABASE_URL"] = url
    if not args.keep_limits:
        os.environ["PKDASH_EXPORT_RATE_PER_CLIENT"] = "100000 per minute"
        os.environ["PKDASH_EXPORT_RATE_TOTAL"] = "100000 per minute"
    process, base = start_gunicorn(args.workers)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=CHROMIUM_ARGS)
            payloads = (capture_panel_requests(browser, base, "/missions")
                        + capture_panel_requests(browser, base, "/women"))
            browser.close()
        downloads = known_downloads(base)
        restart = None
        if server is not None and args.restart_at is not None:
            def restart() -> float:
                started = time.monotonic()
                server.pause()
                server.resume()
                return time.monotonic() - started
        print(f"{args.clients} clients for {args.seconds:.0f} s, gunicorn {args.workers} "
              f"workers x 4 threads, {args.engine}, {len(payloads)} callbacks, "
              f"downloads {downloads}")
        statuses, timings, elapsed, restart_took = run_load(
            base, payloads, downloads, args.clients, args.seconds, restart, args.restart_at)
        code = report(statuses, timings, elapsed, restart_took)
    finally:
        process.terminate()
        process.wait(timeout=30)
        if server is not None:
            server.stop()
    sys.exit(code)


if __name__ == "__main__":
    main()
