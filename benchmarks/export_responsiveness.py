"""Do the pages stay responsive while a briefing pack renders? Under gunicorn, replay the
filter-change callbacks of /women with no export running, then while a 10-chart pack renders
in the background (/export/jobs), and compare.

Usage: .venv/bin/python benchmarks/export_responsiveness.py [--workers 2] [--format pptx]
Reads DATABASE_URL (default: data/pkdash.sqlite, built from the real files by `pkdash build`).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_time import CHARTS  # noqa: E402 — the same ten charts as the pack timing
from page_latency import (  # noqa: E402 — shared gunicorn and callback-replay helpers
    CHROMIUM_ARGS,
    MISSIONS,
    capture_panel_requests,
    percentile,
    replay,
    start_gunicorn,
)


def post_json(url: str, body: dict) -> dict:
    request = urllib.request.Request(url, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.loads(response.read())


def summary(label: str, timings: list[float]) -> str:
    return (f"  {label}: {len(timings)} requests, p50 {statistics.median(timings) * 1000:.0f} "
            f"ms, p95 {percentile(timings, 0.95) * 1000:.0f} ms, max "
            f"{max(timings) * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--format", default="pptx", choices=("pptx", "pdf"))
    parser.add_argument("--baseline", type=int, default=10, help="rounds with no export")
    args = parser.parse_args()
    import os

    os.environ["PKDASH_EXPORT_DIR"] = tempfile.mkdtemp(prefix="pkdash-bench-exports-")
    process, base = start_gunicorn(args.workers)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=CHROMIUM_ARGS)
            payloads = capture_panel_requests(browser, base, "/women")
            browser.close()
        if not payloads:
            sys.exit("no panel callback captured from /women")
        print(f"gunicorn -w {args.workers} --threads 4 at {base}; /women's {len(payloads)} "
              "panel callbacks replayed with another mission each round")
        idle = [replay(base, payload, MISSIONS[r % len(MISSIONS)])
                for r in range(args.baseline) for payload in payloads]
        print(summary("no export running", idle))
        for run in ("first", "second"):
            chart_list = ",".join(f"{page}/{key}" for page, key in CHARTS)
            started = time.perf_counter()
            job = post_json(base + "/export/jobs", {
                "page": "briefing", "format": args.format,
                "query": f"chart={chart_list}&title=Benchmark"})
            busy, state, r = [], job["state"], 0
            while state not in ("done", "failed"):
                busy += [replay(base, payload, MISSIONS[r % len(MISSIONS)])
                         for payload in payloads]
                r += 1
                state = get_json(base + job["status_url"])["state"]
            elapsed = time.perf_counter() - started
            print(f"\n10-chart {args.format} pack, {run} request (each worker starts its own "
                  f"browser on its first pack): {state} in "
                  f"{elapsed:.1f} s, measured from the request to the status saying done")
            print(summary("while it renders", busy))
    finally:
        process.terminate()
        process.wait(timeout=30)


if __name__ == "__main__":
    main()
