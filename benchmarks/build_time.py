"""Measure `pkdash build` from every raw file into a fresh database: wall time and peak memory.

Usage: .venv/bin/python benchmarks/build_time.py [--raw DIR] [--engine sqlite|postgresql] [--runs N]
Each run builds into a new, empty database: a SQLite file in a temporary folder, or a new
database on a throw-away PostgreSQL server started for the benchmark. Target: under 60 s.
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


def one_run(raw_dir: str, new_database) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory() as scratch:
        url = new_database(scratch)
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


def new_database(scratch: str, server) -> str:
    if server is None:
        return f"sqlite:///{scratch}/bench.sqlite"
    import uuid

    import psycopg

    name = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"host=127.0.0.1 port={server.port} user=postgres dbname=postgres",
                         autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://postgres@127.0.0.1:{server.port}/{name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", default=os.environ.get("PKDASH_RAW_DIR",
                                                        str(ROOT.parent / "shared/data/raw")))
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"pkdash build from {args.raw} into a new {args.engine} database, {args.runs} runs")
    server = None
    if args.engine == "postgresql":
        sys.path.insert(0, str(ROOT))
        from tests.pg_server import ThrowawayPostgres

        server = ThrowawayPostgres().start()
    try:
        results = [one_run(args.raw, lambda scratch: new_database(scratch, server))
                   for _ in range(args.runs)]
    finally:
        if server:
            server.stop()
    for index, (wall, inner, rss) in enumerate(results, 1):
        print(f"  run {index}: {wall:6.2f} s wall (process start included), {inner:6.2f} s in "
              f"build, peak RSS {rss / 1024:6.1f} MiB")
    walls = sorted(r[0] for r in results)
    print(f"median wall {walls[len(walls) // 2]:.2f} s; target under 60 s; "
          f"peak RSS max {max(r[2] for r in results) / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
