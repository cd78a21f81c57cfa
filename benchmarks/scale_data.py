"""A k-times copy of the contribution facts: synthetic contributors on real missions and months."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from sqlalchemy import make_url, text

from indicators.config import DataConfig
from indicators.db import make_engine
from indicators.measures.personnel_rows import refresh_personnel

ROOT = Path(__file__).resolve().parent.parent
# Real ISO3 codes are three capital letters: lower case and digits can never meet one.
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
# Fact tables keyed by contributing country (the personnel series is rebuilt from the first two).
FACT_TABLES = {
    "deployment": "month, country_iso3, mission, category, women, men, total",
    "report_deployment": "month, mission, country_iso3, category, women, men, total, page",
    "contribution": "month, country_iso3, mission, published_total",
}


def synthetic_code(number: int) -> str:
    """The number-th synthetic contributor code, three characters of digits and lower case."""
    return "".join(ALPHABET[number // 36 ** p % 36] for p in (2, 1, 0))


def build_base(raw_dir: Path, engine_name: str):
    """Build the real files into a new database; returns (url, cleanup)."""
    from indicators.build import build

    if engine_name == "postgresql":
        sys.path.insert(0, str(ROOT))
        from benchmarks.compute_latency import postgres_copy

        server, url = postgres_copy(raw_dir)
        return url, server.stop
    folder = Path(tempfile.mkdtemp(prefix="pkdash-scale-"))
    url = f"sqlite:///{folder / 'base.sqlite'}"
    if not build(DataConfig(url, raw_dir), log=lambda _line: None).ok:
        sys.exit("pkdash build of the real files failed")
    return url, lambda: shutil.rmtree(folder, ignore_errors=True)


def sqlite_copy(base_url: str, factor: int) -> str:
    """A copy of a built SQLite file beside it, for one size."""
    source = Path(base_url.removeprefix("sqlite:///"))
    target = source.with_name(f"x{factor}.sqlite")
    engine = make_engine(base_url)
    with engine.connect() as conn:  # fold the write-ahead log in before copying the file
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    shutil.copyfile(source, target)
    return f"sqlite:///{target}"


def postgres_database_copy(base_url: str, factor: int) -> str:
    """A copy of the built PostgreSQL database on the same server (CREATE DATABASE ... TEMPLATE)."""
    name = f"pkdash_x{factor}"
    base = make_url(base_url)
    make_engine(base_url).dispose()  # a template must have no other connection
    admin = make_engine(base.set(database="template1").render_as_string(hide_password=False))
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        conn.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE {base.database}")
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def multiply(url: str, factor: int) -> dict[str, int]:
    """Add factor-1 synthetic copies of every contributing country's fact rows, then rebuild the
    personnel series with the project's own refresh_personnel; returns the row counts after."""
    engine = make_engine(url)
    with engine.begin() as conn:
        countries = [row[0] for row in conn.execute(text(
            "SELECT DISTINCT country_iso3 FROM deployment UNION "
            "SELECT DISTINCT country_iso3 FROM report_deployment ORDER BY 1"))]
        conn.exec_driver_sql("CREATE TEMPORARY TABLE synthetic_map "
                             "(real_iso3 VARCHAR(3), code VARCHAR(3), copy INTEGER)")
        rows = [{"real": real, "code": synthetic_code(copy * len(countries) + index),
                 "copy": copy}
                for copy in range(1, factor) for index, real in enumerate(countries)]
        if rows:
            conn.execute(text("INSERT INTO synthetic_map VALUES (:real, :code, :copy)"), rows)
            conn.execute(text(
                "INSERT INTO country (iso3, m49, name, historic) "
                "SELECT m.code, NULL, c.name || ' (synthetic ' || m.copy || ')', c.historic "
                "FROM synthetic_map m JOIN country c ON c.iso3 = m.real_iso3"))
            for table, columns in FACT_TABLES.items():
                chosen = columns.replace("country_iso3", "m.code")
                chosen = ", ".join(part if part == "m.code" else f"f.{part}"
                                   for part in chosen.split(", "))
                conn.execute(text(
                    f"INSERT INTO {table} ({columns}) SELECT {chosen} FROM {table} f "
                    "JOIN synthetic_map m ON m.real_iso3 = f.country_iso3"))
            refresh_personnel(conn)
        conn.exec_driver_sql("DROP TABLE synthetic_map")
        counts = {table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                  for table in (*FACT_TABLES, "personnel_fact")}
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE")  # as a database that grew would be, for the planner
    engine.dispose()
    return counts
