"""Measure the dashboard under gunicorn: a filter change (the callback requests a page makes)
and the time to a fully drawn page in headless Chromium.

Usage: .venv/bin/python benchmarks/page_latency.py [--workers 2] [--rounds 20]
Reads DATABASE_URL (default: data/pkdash.sqlite, built from the real files by `pkdash build`).
Targets: filter change p95 < 100 ms, page drawn < 1.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("/", "/missions", "/countries", "/women", "/conduct", "/safety", "/performance",
         "/partnerships", "/protection", "/indicators")
MISSIONS = ("UNMISS", "MONUSCO", "MINUSCA", "UNIFIL", "UNAMID", "MINUSMA", "UNMIL", "UNOCI")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "dashboard.wsgi:server", "--bind",
         f"127.0.0.1:{port}", "--workers", str(workers), "--threads", "4", "--timeout", "120"],
        cwd=ROOT, env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/_dash-layout", timeout=2)
            return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("gunicorn did not start")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


DRAWN = """() => {
  // The page is drawn when its heading is there and every panel and KPI card is filled.
  if (!document.querySelector('main h1')) return false;
  const captions = [...document.querySelectorAll('.pk-panel p.small.text-muted.mb-2')];
  return captions.every(p => p.textContent.length > 0)
    && ![...document.querySelectorAll('.pk-kpi-body')].some(b => !b.textContent);
}"""


def wait_until_drawn(page) -> None:
    page.wait_for_selector(".pk-panel, .pk-kpi, main table", state="attached", timeout=30_000)
    page.wait_for_function(DRAWN, timeout=30_000)


def capture_panel_requests(browser, base: str, path: str) -> list[dict]:
    """The panel callback payloads one page load sends (to replay with other filters)."""
    page = browser.new_page()
    payloads = []
    page.on("request", lambda r: payloads.append(json.loads(r.post_data))
            if r.url.startswith(base + "/_dash-update-component")
            and "pk-figure" in (r.post_data or "") else None)
    page.goto(base + path)
    wait_until_drawn(page)
    page.close()
    return payloads


def replay(base: str, payload: dict, mission: str) -> float:
    body = json.loads(json.dumps(payload))
    for item in body["inputs"]:
        if item.get("id") == "pk-filters":
            item["value"] = {"mission": mission}
    request = urllib.request.Request(base + "/_dash-update-component",
                                     data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        assert response.status == 200
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    process, base = start_gunicorn(args.workers)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=CHROMIUM_ARGS)
            print(f"gunicorn -w {args.workers} --threads 4 at {base}; {args.rounds} rounds")
            print("\nFilter change: every panel callback of /women replayed with another "
                  "mission (one request per panel, as the browser sends them)")
            payloads = capture_panel_requests(browser, base, "/women")
            timings = [replay(base, payload, MISSIONS[r % len(MISSIONS)])
                       for r in range(args.rounds) for payload in payloads]
            print(f"  {len(timings)} requests: p50 {statistics.median(timings) * 1000:.0f} ms, "
                  f"p95 {percentile(timings, 0.95) * 1000:.0f} ms (target p95 < 100 ms)")

            print("\nPage drawn (navigation to every panel filled), 3 loads per page:")
            drawn_all = []
            for path in PAGES:
                drawn = []
                for _ in range(3):
                    page = browser.new_page()
                    started = time.perf_counter()
                    page.goto(base + path)
                    wait_until_drawn(page)
                    drawn.append(time.perf_counter() - started)
                    page.close()
                drawn_all += drawn
                print(f"  {path:<14} median {statistics.median(drawn):.2f} s, "
                      f"max {max(drawn):.2f} s")
            print(f"  all pages: p50 {statistics.median(drawn_all):.2f} s, p95 "
                  f"{percentile(drawn_all, 0.95):.2f} s (target < 1.5 s)")
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=30)


if __name__ == "__main__":
    main()
