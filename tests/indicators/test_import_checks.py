"""Bad versions of real files are refused whole and change nothing, on SQLite and PostgreSQL:
a file that is not the pinned version (unless the operator says it is a new one), and, as a new
version, one cut at a line boundary, header-only, doubled, or missing a month."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from indicators.build import build
from indicators.config import DataConfig
from indicators.importers.checks import check_parsed
from indicators.importers.load import import_file
from indicators.manifest import source_by_slug
from tests.files import snapshot

pytestmark = pytest.mark.realdata

TOTALS = "ipi-mission-totals"  # data_mission.csv: 5,330 rows, 1990-11 to 2017-03
SEA = "un-sea-allegations"


def raw_copy(raw_dir, tmp_path):
    """A raw folder of links to the official files, in which a test may replace one."""
    copy = tmp_path / "raw"
    for path in raw_dir.rglob("*"):
        if path.is_file():
            target = copy / path.relative_to(raw_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(path)
    return copy


def replace_lines(raw, source_slug: str, keep) -> None:
    """Rewrite a CSV source's file in `raw` with the lines `keep(lines)` returns."""
    path = raw / source_by_slug(source_slug).path
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.unlink()
    path.write_text("".join(keep(lines)), encoding="utf-8")


def build_totals(url: str, raw, new_versions=frozenset()):
    sources = [source_by_slug("un-pko-missions"), source_by_slug(TOTALS)]
    report = build(DataConfig(url, raw), log=lambda _line: None, sources=sources,
                   new_versions=new_versions)
    return next(o for o in report.outcomes if o.source == TOTALS)


@pytest.fixture
def loaded(engine, raw_dir, tmp_path):
    """The real mission totals loaded; a raw folder to spoil; the database's URL."""
    url = engine.url.render_as_string(hide_password=False)
    raw = raw_copy(raw_dir, tmp_path)
    assert build_totals(url, raw).status == "loaded"
    return url, raw


def test_a_file_other_than_the_pinned_one_is_refused(engine, loaded):
    url, raw = loaded
    before = snapshot(engine)
    replace_lines(raw, TOTALS, lambda lines: lines[:2665])  # `head -n 2665`
    outcome = build_totals(url, raw)
    assert outcome.status == "rejected"
    assert "is not the version data/sources.toml pins" in outcome.message
    assert f"pkdash build --new-version {TOTALS}" in outcome.message
    assert snapshot(engine) == before


@pytest.mark.parametrize(("spoil", "reason"), [
    (lambda lines: lines[:2665], "2,664 rows to load where the loaded version has 5,330"),
    (lambda lines: lines[:1], "no rows to load"),
    # The last month (2017-03) dropped: 0.4% fewer rows, within the row tolerance, but a
    # month gone.
    (lambda lines: [line for line in lines if not line.startswith("2017-03-31")],
     "1 months of the loaded version are missing (2017-03-01)"),
])
def test_a_new_version_that_loses_records_is_refused(engine, loaded, spoil, reason):
    url, raw = loaded
    before = snapshot(engine)
    replace_lines(raw, TOTALS, spoil)
    outcome = build_totals(url, raw, new_versions=frozenset({TOTALS}))
    assert outcome.status == "rejected"
    assert reason in outcome.message
    assert outcome.message.startswith("data_mission.csv")
    assert snapshot(engine) == before


def test_a_new_version_within_the_tolerances_is_loaded(engine, loaded):
    url, raw = loaded
    # A revision: one month's figures changed, nothing lost.
    replace_lines(raw, TOTALS, lambda lines: [
        line.replace(",11,423,NA,NA,423", ",11,424,NA,NA,424") for line in lines])
    assert build_totals(url, raw, new_versions=frozenset({TOTALS})).status == "replaced"


def test_a_doubled_file_is_refused(engine, raw_dir, tmp_path):
    """The SEA table with every row twice (753 -> 1,506): refused, first load or new version."""
    source = source_by_slug(SEA)
    original = raw_dir / source.path
    doubled = tmp_path / original.name
    shutil.copy(original, doubled)
    book = openpyxl.load_workbook(doubled)
    sheet = book.active
    rows = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
    for row in rows:
        sheet.append(row)
    book.save(doubled)
    assert import_file(engine, source, original).status == "loaded"
    before = snapshot(engine)
    outcome = import_file(engine, source, doubled)
    assert outcome.status == "rejected"
    assert "rows repeat another row exactly" in outcome.message
    assert snapshot(engine) == before


def test_the_real_files_pass_the_checks_as_they_are(engine, raw_dir):
    """The SEA table repeats 7 of its 753 rows (alike in every field): within the tolerance."""
    from indicators.importers import importer_for

    source = source_by_slug(SEA)
    importer = importer_for(source.importer)
    parsed = importer.parse(raw_dir / source.path)
    with engine.connect() as conn:
        check_parsed(conn, "table.xlsx", importer.OWNS, parsed, None)


def test_the_build_command_names_an_unknown_source_for_new_version(capsys):
    from dashboard.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["build", "--new-version", "no-such-source"])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "--new-version: invalid choice: 'no-such-source'" in error and "ipi-gender" in error
