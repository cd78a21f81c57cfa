"""What recording a data version adds to `pkdash build`, on the real files.

Usage: .venv/bin/python benchmarks/version_cost.py DATABASE_URL [--raw DIR] [--new-version SLUG]
Builds once into DATABASE_URL and prints the build's wall time and, within it, the time spent
reading the facts before the imports (capture) and recording the version (record_version:
sources, months, KPIs, and the differences when a source changed). Run it three times: into
an empty database (the baseline version), again with the same files (no source changed), and
with a raw folder holding an edited copy of one file (--new-version its slug)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import indicators.build as build_module  # noqa: E402
import indicators.versions as versions  # noqa: E402
from indicators.config import DataConfig  # noqa: E402

TIMINGS = {"capture": 0.0, "record": 0.0}


def timed(name, function):
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            TIMINGS[name] += time.perf_counter() - started
    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--raw", type=Path, default=DataConfig.from_env().raw_dir)
    parser.add_argument("--new-version", action="append", default=[])
    args = parser.parse_args()
    # Wrapped where build() looks them up, so the build itself runs unchanged.
    build_module.capture = timed("capture", versions.capture)
    build_module.record_version = timed("record", versions.record_version)
    started = time.perf_counter()
    report = build_module.build(DataConfig(args.url, args.raw, DataConfig.from_env()
                                           .parse_cache_dir), log=lambda line: None,
                                new_versions=frozenset(args.new_version))
    total = time.perf_counter() - started
    print(f"build {total:.2f} s; capture {TIMINGS['capture']:.2f} s; "
          f"record_version {TIMINGS['record']:.2f} s; ok {report.ok}")


if __name__ == "__main__":
    main()
