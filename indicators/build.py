"""`pkdash build`: migrate the database, import every official file found, then generate the
illustrative data, all in one transaction. A missing file is reported, never fatal; a rejected
file is reported and leaves its source as it was."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection

from indicators import illustrative
from indicators.config import DataConfig
from indicators.db import make_engine
from indicators.i18n import _, format_number
from indicators.importers.load import ImportOutcome, import_file
from indicators.importers.load_series import import_series
from indicators.manifest import Source, load_manifest
from indicators.migrate import upgrade
from indicators.versions import capture, latest_version_id, record_version


@dataclass
class BuildReport:
    """What a build did with each source, and which sources it could not find."""

    outcomes: list[ImportOutcome] = field(default_factory=list)
    missing: list[Source] = field(default_factory=list)

    @property
    def rejected(self) -> list[ImportOutcome]:
        return [o for o in self.outcomes if o.status == "rejected"]

    @property
    def ok(self) -> bool:
        return not self.rejected


def build(config: DataConfig, log: Callable[[str], None] = print,
          sources: list[Source] | None = None,
          new_versions: frozenset[str] = frozenset()) -> BuildReport:
    """Migrate, then import every source and regenerate the illustrative data in ONE
    transaction: a build that is killed or fails leaves the database exactly as it was, and
    readers see the old data until the new is whole. Each source is a savepoint within it, so a
    rejected file leaves its own source as it was and the others still load. A file must be the
    version data/sources.toml pins, unless its source is in `new_versions` (the operator says
    the publisher released a new one)."""
    engine = make_engine(config.database_url)
    try:
        upgrade(engine)
        with engine.connect() as conn, conn.begin():
            return _import_everything(conn, config, log, sources, new_versions)
    finally:
        engine.dispose()


def _import_everything(conn: Connection, config: DataConfig, log: Callable[[str], None],
                       sources: list[Source] | None, new_versions: frozenset[str]
                       ) -> BuildReport:
    report = BuildReport()
    before = capture(conn)  # what the new version is compared with
    for source in sources if sources is not None else load_manifest():
        path = source.local_path(config.raw_dir)
        if source.is_series:
            if not path.is_dir():
                report.missing.append(source)
                log(_missing(source, path))
                continue
            for outcome in import_series(conn, source, path, config.parse_cache_dir, log):
                report.outcomes.append(outcome)
                if outcome.status == "rejected" or outcome.file_name == path.name:
                    log(describe(outcome))
            continue
        if not path.is_file():
            report.missing.append(source)
            log(_missing(source, path))
            continue
        pinned = None if source.slug in new_versions else source.sha256
        outcome = import_file(conn, source, path, pinned)
        report.outcomes.append(outcome)
        log(describe(outcome))
    generated = illustrative.generate(conn)
    report.outcomes.append(generated)
    log(describe(generated))
    latest = latest_version_id(conn)
    version = record_version(conn, report, before)
    log(_("Data version {version} recorded.").format(version=version) if version != latest
        else _("No source changed: the data are still version {version}.").format(
            version=version))
    if report.missing:
        log("\n" + _("{count} official file(s) missing from {folder}. Run `pkdash fetch` to "
                      "download them (addresses in data/sources.toml), or set PKDASH_RAW_DIR "
                      "to a folder that holds them. Until then the dashboard shows those "
                      "domains as empty, and illustrative data is labelled as such.").format(
                          count=len(report.missing), folder=config.raw_dir))
    return report


def _missing(source: Source, path) -> str:
    return f"  {'missing':<10} {source.slug}: " + _("{path} not found").format(path=path)


def describe(outcome: ImportOutcome) -> str:
    """One line per source for the terminal."""
    if outcome.status in ("loaded", "replaced") and not outcome.rows_read and outcome.message:
        return f"  {outcome.status:<10} {outcome.source}: {outcome.message}"
    if outcome.status in ("loaded", "replaced"):
        # In the CLI's language (dashboard/cli.py); the status words stay codes.
        counts = {"read": format_number(outcome.rows_read),
                  "loaded": format_number(outcome.rows_loaded),
                  "aside": format_number(outcome.rows_set_aside)}
        text = (_("{read} rows read, {loaded} loaded, {aside} set aside")
                if outcome.rows_set_aside else _("{read} rows read, {loaded} loaded"))
        line = f"  {outcome.status:<10} {outcome.source}: " + text.format(**counts)
        for rule, count in (outcome.set_aside or {}).items():
            if count:
                line += f"\n               - {count:,} {rule}"
        return line
    return f"  {outcome.status:<10} {outcome.source}: {outcome.message}"
