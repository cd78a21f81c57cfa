"""Two data versions that differ by exactly three known changes, made from copies of the real
official files, for tests of "what changed" (indicators, CLI, API, pages, alerts):

- a revised month: version 2's IPI gender file has one number changed (women of one
  contributing country's troops in one mission, in the
  latest month IPI lists each row once);
- a new allegation: version 1's UN table of SEA allegations lacks one row (the second, so
  every later row's number shifts), version 2 is the real table;
- a new month: version 1 has the last three UN monthly reports, version 2 the last four.

The expected changes are written down from the files as they were edited, not read back from
the code under test."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from indicators.build import build
from indicators.config import DataConfig
from indicators.manifest import load_manifest
from indicators.versions import latest_version_id

SOURCES = ("ipi-gender", "un-sea-allegations", "un-dpo-contributions")
REPORTS_IN_V2 = 4  # the newest monthly reports; version 1 has all but the newest
SEA_ROW_REMOVED = 3  # the sheet's row (1 is the header): the second allegation listed


@dataclass(frozen=True)
class ExpectedChanges:
    """What version 2 changed, written down from the edits."""

    # (month, mission, country_iso3, category, field, old, new) of the one revised figure.
    revision: tuple[dt.date, str, str, str, str, str, str]
    # (mission, reported month, nationality ISO3 codes) of the one new allegation.
    new_allegation: tuple[str, dt.date, tuple[str, ...]]
    # The one new month, and its source.
    new_month: tuple[str, dt.date]
    # Months the headline KPIs are read at in version 1 and version 2 (they move with the
    # new month; their values are checked against the reports, not written here).
    kpi_months: tuple[dt.date, dt.date]


@dataclass(frozen=True)
class TwoVersions:
    old_version: int
    new_version: int
    expected: ExpectedChanges
    config_v1: DataConfig  # raw folders, so a test can rebuild with the same files
    config_v2: DataConfig


def make_two_versions(database_url: str, tmp_dir: Path, real_raw_dir: Path,
                      parse_cache_dir: Path | None = None) -> TwoVersions:
    """Build version 1 then version 2 into `database_url` (migrated by the build itself),
    from edited copies of the real files under `tmp_dir`."""
    manifest = {s.slug: s for s in load_manifest()}
    sources = [manifest[slug] for slug in SOURCES]
    cache = parse_cache_dir if parse_cache_dir is not None else \
        DataConfig.from_env().parse_cache_dir
    v1, v2 = tmp_dir / "raw-v1", tmp_dir / "raw-v2"
    ipi = manifest["ipi-gender"].path
    sea = manifest["un-sea-allegations"].path
    series = manifest["un-dpo-contributions"].path
    for raw in (v1, v2):
        (raw / ipi).parent.mkdir(parents=True, exist_ok=True)
        (raw / sea).parent.mkdir(parents=True, exist_ok=True)
        (raw / series).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(real_raw_dir / ipi, v1 / ipi)
    revision = _revise_one_number(real_raw_dir / ipi, v2 / ipi)
    new_allegation = _remove_one_allegation(real_raw_dir / sea, v1 / sea)
    shutil.copyfile(real_raw_dir / sea, v2 / sea)
    reports = sorted(p for p in (real_raw_dir / series).iterdir() if p.suffix == ".pdf")
    newest = reports[-REPORTS_IN_V2:]
    for path in newest[:-1]:
        (v1 / series / path.name).symlink_to(path)
    for path in newest:
        (v2 / series / path.name).symlink_to(path)
    config_v1 = DataConfig(database_url, v1, cache)
    config_v2 = DataConfig(database_url, v2, cache)
    quiet = lambda line: None  # noqa: E731
    for config, edited in ((config_v1, {"un-sea-allegations"}), (config_v2, {"ipi-gender"})):
        report = build(config, log=quiet, sources=sources, new_versions=frozenset(edited))
        assert report.ok, [o.message for o in report.rejected]
    from indicators.db import make_engine
    engine = make_engine(database_url)
    try:
        new_version = latest_version_id(engine)
    finally:
        engine.dispose()
    new_month = _report_month(newest[-1].name)
    expected = ExpectedChanges(revision, new_allegation, ("un-dpo-contributions", new_month),
                               (_report_month(newest[-2].name), new_month))
    return TwoVersions(new_version - 1, new_version, expected, config_v1, config_v2)


def _report_month(name: str) -> dt.date:
    """UN_country_contributions_2025_04.pdf -> 2025-04-01."""
    year, month = name.rsplit(".", 1)[0].split("_")[-2:]
    return dt.date(int(year), int(month), 1)


def _revise_one_number(source: Path, target: Path) -> tuple:
    """Copy IPI's file with one more woman among one country's troops in one mission; return
    the revision as (month, mission, iso3, category, field, old, new)."""
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    women = header.index("Troops_Female")
    # IPI lists some country-mission-months twice (with equal numbers): revise a unique one.
    keys = Counter(_ipi_key(line.split(",")) for line in lines[1:])
    for number in range(len(lines) - 1, 0, -1):  # the latest month that qualifies
        line = lines[number]
        fields = line.rstrip("\r\n").split(",")
        if (len(fields) == len(header) and "all" not in (fields[1], fields[3])
                and keys[_ipi_key(fields)] == 1 and fields[women].isdigit()
                and int(fields[women]) > 0):
            old = int(fields[women])
            fields[women] = str(old + 1)
            lines[number] = ",".join(fields) + line[len(line.rstrip("\r\n")):]
            target.write_text("".join(lines), encoding="utf-8")
            month = dt.date.fromisoformat(fields[0]).replace(day=1)
            return (month, fields[3].strip("'\" "), fields[2].strip("'\" "),
                    "troops", "women", str(old), str(old + 1))
    raise AssertionError("no row to revise in IPI's file")


def _ipi_key(fields: list[str]) -> tuple:
    """Month, country code and mission of a line, without the stray quotes some lines have."""
    return tuple(f.strip("'\" ") for f in (fields[0], *fields[2:4]))


def _remove_one_allegation(source: Path, target: Path) -> tuple:
    """Copy the UN table without one allegation; return (mission, reported month, ISO3s)."""
    book = openpyxl.load_workbook(source)
    sheet = book.worksheets[0]
    row = [cell.value for cell in sheet[SEA_ROW_REMOVED]]
    sheet.delete_rows(SEA_ROW_REMOVED)
    book.save(target)
    month, year = str(row[0]).split("/")
    # The row removed is MINUSCA's of June 2024: military personnel of Cameroon.
    assert (row[1], row[4]) == ("MINUSCA", "Cameroon"), row
    return row[1], dt.date(int(year), int(month), 1), ("CMR",)
