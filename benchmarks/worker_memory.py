"""Issue 19's worker memory, in one process: what a web worker holds after importing the app and
filling the /missions cards for seven missions, and where that memory is.

Usage: .venv/bin/python benchmarks/worker_memory.py [--url URL] [--scale K] [--top 15]
Default database: DATABASE_URL, else data/pkdash.sqlite (built by `pkdash build`). With --scale K
and a SQLite --url whose file does not exist yet, that file is made first as scale.py makes its
sizes (the real files of PKDASH_RAW_DIR built, then the contributors multiplied K times), and
kept for later runs. It prints the resident memory (VmRSS) after the imports, after create_app,
and after the cards of /missions are filled (4 threads, as a gunicorn worker's, seven missions
after one warm-up mission, as benchmarks/scale.py asks; the compute cache kept, as a
worker's); the heavy libraries loaded; what the compute cache holds; and with --top N
tracemalloc's N largest places still holding Python memory (tracing slows the run and adds its
own overhead to RSS, so the RSS lines of a --top run are not the ones to quote).
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import re
import sys
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Libraries a web worker need not hold to draw pages (exports, the Celery worker, importers,
# migrations); listed when loaded, so an import that brings one back shows here.
HEAVY = ("scipy.stats", "scipy.optimize", "openpyxl", "pptx", "reportlab", "kaleido", "PIL",
         "feedgen", "authlib", "celery", "alembic", "aiosmtpd", "pdfplumber", "pypdfium2",
         "statsmodels", "matplotlib", "lxml", "plotly.express")
MISSIONS = ("UNMISS", "MONUSCO", "MINUSCA", "UNAMID", "MINUSMA", "UNMIL", "MINUSTAH")


def rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


def make_scaled(path: Path, factor: int) -> None:
    """The real files built and multiplied `factor` times into `path` (benchmarks/scale_data)."""
    from benchmarks.scale_data import build_base, multiply, sqlite_copy

    base_url, cleanup = build_base(Path(os.environ.get(
        "PKDASH_RAW_DIR", str(ROOT.parent / "shared/data/raw"))), "sqlite")
    try:
        url = sqlite_copy(base_url, factor)
        multiply(url, factor)
        Path(url.removeprefix("sqlite:///")).replace(path)
    finally:
        cleanup()


def fill_missions(app, mission: str) -> None:
    """Every card of /missions an anonymous reader's browser asks for, 4 at a time. The compute
    cache is not cleared, as in a worker: each mission is a miss, and the frames stay in it."""
    from dashboard.panels.card import fill_panel
    from dashboard.panels.spec import page_panels, seen_by
    from indicators.viewer import ANONYMOUS

    def fill(panel) -> None:
        with app.server.test_request_context("/_dash-update-component"):
            fill_panel({"mission": mission}, {"page": "missions", "panel": panel.key}, None)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(fill, seen_by(page_panels("missions"), ANONYMOUS)))


def cache_report() -> None:
    """What compute()'s in-process frame cache holds (deep bytes of its frames)."""
    from indicators.cache import LruCache, frame_cache

    cache = frame_cache()
    if isinstance(cache, LruCache):
        frames = list(cache.items.values())
        size = sum(int(frame.memory_usage(deep=True).sum()) for frame in frames
                   if hasattr(frame, "memory_usage"))
        print(f"compute cache: {len(frames)} frames, {size / 2**20:.1f} MB (deep)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--scale", type=int, default=0)
    parser.add_argument("--top", type=int, default=0)
    args = parser.parse_args()
    if args.top:
        tracemalloc.start(8)
    print(f"interpreter: {rss_mb():.0f} MB")
    from dashboard.app import create_app
    from dashboard.settings import Settings
    from indicators.config import DataConfig

    url = args.url or DataConfig.from_env().database_url
    if args.scale and url.startswith("sqlite:///") and not Path(url[10:]).exists():
        started = time.perf_counter()
        make_scaled(Path(url[10:]), args.scale)
        print(f"made {url} at {args.scale}x in {time.perf_counter() - started:.0f} s")
    print(f"imports: {rss_mb():.0f} MB")
    app = create_app(dataclasses.replace(Settings.from_env(), database_url=url))
    print(f"create_app: {rss_mb():.0f} MB")
    fill_missions(app, "UNOCI")  # warm: vocabulary, labels, the first figures' imports
    print(f"one mission's cards: {rss_mb():.0f} MB")
    started = time.perf_counter()
    for mission in MISSIONS:
        fill_missions(app, mission)
    gc.collect()
    print(f"seven more missions' cards: {rss_mb():.0f} MB "
          f"({time.perf_counter() - started:.1f} s)")
    loaded = [name for name in HEAVY if name in sys.modules]
    print(f"heavy libraries loaded: {', '.join(loaded) or 'none'}")
    cache_report()
    if args.top:
        snapshot = tracemalloc.take_snapshot()
        traced, peak = tracemalloc.get_traced_memory()
        print(f"tracemalloc: {traced / 2**20:.1f} MB held, peak {peak / 2**20:.1f} MB")
        for stat in snapshot.statistics("traceback")[:args.top]:
            frames = [f"{Path(f.filename).name}:{f.lineno}" for f in stat.traceback
                      if "/site-packages/" not in f.filename][-3:]
            print(f"  {stat.size / 2**20:6.1f} MB {stat.count:7,} blocks  {' < '.join(frames)}")


if __name__ == "__main__":
    main()
