"""Importing into a real database (SQLite and PostgreSQL): idempotent, replacing, all-or-nothing."""

from __future__ import annotations

import dataclasses
import json

import pytest
from sqlalchemy import func, select

from indicators.importers import ipi_gender, un_fatalities
from indicators.importers.load import import_file
from indicators.manifest import source_by_slug
from indicators.models.dimensions import Country, Mission, Month
from indicators.models.facts import Contribution, Deployment, Fatality
from indicators.models.provenance import ImportLog, SourceVersion
from tests.files import snapshot, write_csv
from tests.indicators.test_import_traps import fatality_row, gender_row


def gender_source(path):
    return dataclasses.replace(source_by_slug("ipi-gender"), path=path.name)


def count(engine, model):
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def first_version(tmp_path):
    return write_csv(tmp_path / "v1.csv", ipi_gender.HEADER, [
        gender_row("2013-12-31", "all", "all", "all", troops=("90", "10", "100")),
        gender_row("2013-12-31", "Ghana", "GHA", "UNMIL", troops=("90", "10", "100")),
        gender_row("2013-12-31", "Nepal", "NPL", "UNMISS", troops=("NA", "NA", "NA")),
    ])


def test_load_then_same_file_again_changes_nothing(engine, tmp_path):
    path = first_version(tmp_path)
    outcome = import_file(engine, gender_source(path), path)
    assert (outcome.status, outcome.rows_read, outcome.rows_loaded) == ("loaded", 3, 2)
    assert count(engine, Contribution) == 2 and count(engine, Deployment) == 1
    with engine.connect() as conn:
        log = conn.execute(select(ImportLog)).one()
        version = conn.execute(select(SourceVersion)).one()
        ghana = conn.execute(select(Country).where(Country.iso3 == "GHA")).one()
    assert log.rows_read == log.rows_loaded + log.rows_set_aside
    assert json.loads(log.set_aside_detail) == {ipi_gender.RULE_AGGREGATE: 1,
                                                ipi_gender.RULE_DUPLICATE: 0}
    assert version.rows_loaded == 2 and version.illustrative is False
    assert (ghana.name, ghana.m49) == ("Ghana", 288)

    before = snapshot(engine)
    again = import_file(engine, gender_source(path), path)
    assert again.status == "unchanged"
    assert snapshot(engine) == before


def test_new_version_replaces_the_source_rows(engine, tmp_path):
    old = first_version(tmp_path)
    import_file(engine, gender_source(old), old)
    # The publisher's revision: December's figures corrected, January added; nothing lost
    # (a new version that loses months or rows is refused: test_import_checks.py).
    new = write_csv(tmp_path / "v1.csv", ipi_gender.HEADER, [
        gender_row("2013-12-31", "Ghana", "GHA", "UNMIL", troops=("88", "12", "100")),
        gender_row("2013-12-31", "Nepal", "NPL", "UNMISS", troops=("NA", "NA", "NA")),
        gender_row("2014-01-31", "Ghana", "GHA", "UNMIL", troops=("80", "20", "100")),
    ])
    outcome = import_file(engine, gender_source(new), new)
    assert outcome.status == "replaced"
    with engine.connect() as conn:
        rows = conn.execute(select(Deployment.month, Deployment.women)
                            .order_by(Deployment.month)).all()
        statuses = conn.execute(select(ImportLog.status).order_by(ImportLog.id)).scalars().all()
        versions = conn.execute(select(func.count()).select_from(SourceVersion)).scalar_one()
    assert [(m.isoformat(), w) for m, w in rows] == [("2013-12-01", 12), ("2014-01-01", 20)]
    assert statuses == ["loaded", "replaced"]
    assert versions == 1


BAD_GENDER_LINES = {
    "wrong type": lambda r: r.__setitem__(13, "ninety"),
    "missing value": lambda r: r.__setitem__(0, ""),
    "unknown code": lambda r: r.__setitem__(2, "QQQ"),
    "truncated": lambda r: r.__delitem__(slice(5, None)),
}


@pytest.mark.parametrize("kind", [*BAD_GENDER_LINES, "wrong header"])
def test_rejected_file_leaves_the_database_exactly_as_before(engine, tmp_path, kind):
    good = first_version(tmp_path)
    import_file(engine, gender_source(good), good)
    before = snapshot(engine)

    bad_line = gender_row("2014-02-28", "Ghana", "GHA", "UNMIL", troops=("9", "1", "10"))
    header = list(ipi_gender.HEADER)
    if kind == "wrong header":
        header[1] = "Country"
    else:
        BAD_GENDER_LINES[kind](bad_line)
    lines = [gender_row("2014-02-28", "Togo", "TGO", "MINUSMA", troops=("9", "1", "10")),
             bad_line]
    bad = write_csv(tmp_path / "v1.csv", header, lines)

    outcome = import_file(engine, gender_source(bad), bad)
    assert outcome.status == "rejected"
    assert outcome.message.startswith("v1.csv, row ")
    assert snapshot(engine) == before  # not even the valid first line, nor its country


def test_rejection_inside_the_database_rolls_back(engine, tmp_path):
    """A constraint only the database sees (a record longer than the column) undoes it all."""
    source = dataclasses.replace(source_by_slug("un-fatalities"), path="f.csv")
    path = write_csv(tmp_path / "f.csv", un_fatalities.HEADER, [
        fatality_row(),
        fatality_row(id="2", casualty_id="X" * 300),
    ])
    before = snapshot(engine)
    outcome = import_file(engine, source, path)
    if engine.dialect.name == "sqlite":
        # SQLite does not enforce VARCHAR lengths; the row is stored as given.
        assert outcome.status == "loaded"
        assert count(engine, Fatality) == 2
    else:
        assert outcome.status == "rejected"
        assert "database refused" in outcome.message
        assert snapshot(engine) == before


def test_dimensions_are_shared_and_the_un_list_describes_missions(engine, tmp_path):
    path = first_version(tmp_path)
    import_file(engine, gender_source(path), path)
    with engine.connect() as conn:
        unmil = conn.execute(select(Mission).where(Mission.acronym == "UNMIL")).one()
        months = conn.execute(select(Month.month)).scalars().all()
    assert unmil.is_peacekeeping is False and unmil.described_by == "ipi-gender"
    assert [m.isoformat() for m in months] == ["2013-12-01"]
