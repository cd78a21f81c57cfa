"""Measure `pkdash build` from every raw file into a fresh database: wall time and peak memory.

Usage: .venv/bin/python benchmarks/build_time.py [--raw DIR] [--database-url URL] [--runs N]
Default database: a new SQLite file in a temporary folder (target: under 60 s).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_run(raw_dir: str, database_url: str | None) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory() as scratch:
        url = database_url or f"sqlite:///{scratch}/bench.sqlite"
        env = {**os.environ, "PKDASH_RAW_DIR": raw_dir, "DATABASE_URL": url}
        # A child process per run, so its peak resident memory is its own (RUSAGE_CHILDREN).
        command = [sys.executable, "-c",
                   "import resource, sys, time\n"
                   "from dashboard.cli import main\n"
                   "start = time.perf_counter()\n"
                   "code = main(['build'])\n"
                   "print('ELAPSED', time.perf_counter() - start, file=sys.stderr)\n"
                   "print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
                   " file=sys.stderr)\n"
                   "sys.exit(code)\n"]
        started = time.perf_counter()
        finished = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - started
        if finished.returncode != 0:
            sys.exit(f"build failed:\n{finished.stdout}\n{finished.stderr}")
        fields = dict(line.split(" ", 1) for line in finished.stderr.splitlines()
                      if line.startswith(("ELAPSED", "MAXRSS")))
        return wall, float(fields["ELAPSED"]), int(fields["MAXRSS"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", default=os.environ.get("PKDASH_RAW_DIR",
                                                        str(ROOT.parent / "shared/data/raw")))
    parser.add_argument("--database-url", default=None,
                        help="an empty database to build into (default: new SQLite file)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"pkdash build from {args.raw} into "
          f"{args.database_url or 'a fresh SQLite file'}, {args.runs} runs")
    results = [one_run(args.raw, args.database_url) for _ in range(args.runs)]
    for index, (wall, inner, rss) in enumerate(results, 1):
        print(f"  run {index}: {wall:6.2f} s wall (process start included), {inner:6.2f} s in "
              f"build, peak RSS {rss / 1024:6.1f} MiB")
    walls = sorted(r[0] for r in results)
    print(f"median wall {walls[len(walls) // 2]:.2f} s; target under 60 s; "
          f"peak RSS max {max(r[2] for r in results) / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
