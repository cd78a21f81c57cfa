"""Measure `pkdash build` from every raw file into a fresh database: wall time and peak memory.

Usage: .venv/bin/python benchmarks/build_time.py [--raw DIR] [--engine sqlite|postgresql] [--runs N]
Each run builds into a new, empty database (a SQLite file in a temporary folder, or a new
database on a throw-away PostgreSQL server started for the benchmark) with an empty PDF parse
cache, from a copy of the raw folder (symbolic links) that lacks the newest monthly UN report:
  cold       every file read, every PDF parsed (target: 90 s on 2 cores)
  unchanged  the same build again: nothing changed (target: 10 s)
  new month  the newest monthly report added to the folder, then built (target: 5 s)
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


MONTHLY = Path("un_dpo_contributions_monthly") / "pdf"


def raw_copy(raw_dir: Path, scratch: Path) -> tuple[Path, Path]:
    """A raw folder of links to `raw_dir`'s files, without the newest monthly report; returns
    the folder and the newest report, to add later."""
    copy = scratch / "raw"
    reports = sorted((raw_dir / MONTHLY).glob("*.pdf"))
    newest = reports[-1]
    for entry in raw_dir.iterdir():
        if entry.name != MONTHLY.parts[0]:
            (copy / entry.name).parent.mkdir(parents=True, exist_ok=True)
            (copy / entry.name).symlink_to(entry)
    (copy / MONTHLY).mkdir(parents=True)
    for report in reports[:-1]:
        (copy / MONTHLY / report.name).symlink_to(report)
    return copy, newest


def timed_build(env: dict) -> tuple[float, float, int]:
    # A child process per build, so its peak resident memory is its own (RUSAGE_SELF).
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


def one_run(raw_dir: str, new_database) -> dict[str, tuple[float, float, int]]:
    with tempfile.TemporaryDirectory() as scratch:
        raw, newest = raw_copy(Path(raw_dir), Path(scratch))
        env = {**os.environ, "PKDASH_RAW_DIR": str(raw), "DATABASE_URL": new_database(scratch),
               "PKDASH_PARSE_CACHE": f"{scratch}/parse-cache"}
        results = {"cold": timed_build(env), "unchanged": timed_build(env)}
        (raw / MONTHLY / newest.name).symlink_to(newest)
        results["new month"] = timed_build(env)
        return results


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
    for index, run in enumerate(results, 1):
        for step, (wall, inner, rss) in run.items():
            print(f"  run {index} {step:<9}: {wall:6.2f} s wall (process start included), "
                  f"{inner:6.2f} s in build, peak RSS {rss / 1024:6.1f} MiB")
    targets = {"cold": 90, "unchanged": 10, "new month": 5}
    for step, target in targets.items():
        walls = sorted(run[step][0] for run in results)
        print(f"{step}: median wall {walls[len(walls) // 2]:.2f} s (target {target} s)")
    print(f"peak RSS max {max(r[2] for run in results for r in run.values()) / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
