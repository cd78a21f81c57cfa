"""`pkdash query` in-process on a small hand-written database: JSON, CSV, table, and errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from sqlalchemy import Engine, insert

from dashboard.cli import main
from indicators.measures.personnel_rows import refresh_personnel
from indicators.models.dimensions import Country, Mission, Month
from indicators.models.facts import Deployment

DEC, JAN = dt.date(2013, 12, 1), dt.date(2014, 1, 1)
# (month, country, mission, category, women, men, total). Hand-computed from these rows:
#   women-share MINUSCA = (10+5+20+12) / (100+200+50+100) = 47/450 = 10.444…%
#   women-share MONUSCO = (30+40) / (300+400) = 70/700 = 10%
#   headcount MINUSCA = 450 person-months / 2 report months = 225; MONUSCO 700/2 = 350
#   MINUSCA by month: Dec 35/350 women = 10%, 350 people; Jan 12/100 = 12%, 100 people
SMALL_WORLD = (
    (DEC, "RWA", "MINUSCA", "troops", 10, 90, 100),
    (DEC, "BGD", "MINUSCA", "troops", 5, 195, 200),
    (DEC, "RWA", "MINUSCA", "individual-police", 20, 30, 50),
    (DEC, "BGD", "MONUSCO", "troops", 30, 270, 300),
    (JAN, "RWA", "MINUSCA", "troops", 12, 88, 100),
    (JAN, "BGD", "MONUSCO", "troops", 40, 360, 400),
)


def insert_small_world(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(insert(Mission), [{"acronym": "MINUSCA", "name": "MINUSCA"},
                                       {"acronym": "MONUSCO", "name": "MONUSCO"}])
        conn.execute(insert(Country), [
            {"iso3": "RWA", "name": "Rwanda", "historic": False},
            {"iso3": "BGD", "name": "Bangladesh", "historic": False},
        ])
        conn.execute(insert(Month), [{"month": m, "year": m.year, "month_number": m.month}
                                     for m in (DEC, JAN)])
        conn.execute(insert(Deployment), [
            {"month": month, "country_iso3": country, "mission": mission, "category": category,
             "women": women, "men": men, "total": total}
            for month, country, mission, category, women, men, total in SMALL_WORLD
        ])
        refresh_personnel(conn)  # the series the measures read, as every import rewrites it


@pytest.fixture
def small_db(engine, monkeypatch):
    insert_small_world(engine)
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    return engine


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["query", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_gives_the_payload_shape_and_hand_computed_values(small_db, capsys):
    code, out, err = run(capsys, "women-share", "--by", "mission", "--format", "json")
    assert code == 0, err
    payload = json.loads(out)
    assert list(payload) == ["indicator", "unit", "illustrative", "filters", "ignored_filters",
                             "rows"]
    assert payload["indicator"] == "women-share"
    assert payload["unit"] == "percent"
    assert payload["illustrative"] is False
    assert payload["filters"] == {}
    assert payload["ignored_filters"] == []
    rows = {row["mission"]: row for row in payload["rows"]}
    assert set(rows) == {"MINUSCA", "MONUSCO"}
    assert list(rows["MINUSCA"])[:4] == ["mission", "numerator", "denominator", "value"]
    assert (rows["MINUSCA"]["numerator"], rows["MINUSCA"]["denominator"]) == (47, 450)
    assert rows["MINUSCA"]["value"] == pytest.approx(47 / 450 * 100)
    assert rows["MONUSCO"]["value"] == pytest.approx(10.0)
    assert rows["MONUSCO"]["target"] is None  # no UGPS target for 2013-14: null, not NaN


def test_json_applies_filters_and_reports_those_that_do_not_apply(small_db, capsys):
    code, out, err = run(capsys, "women-share", "--mission", "minusca", "--from", "2013-12",
                         "--to", "2014-01", "--by", "month", "--gender", "women",
                         "--format", "json")
    assert code == 0, err
    payload = json.loads(out)
    assert payload["filters"] == {"mission": "MINUSCA", "from": "2013-12", "to": "2014-01",
                                  "gender": "women"}
    assert payload["ignored_filters"] == ["gender"]
    assert [(r["month"], r["value"]) for r in payload["rows"]] == [
        ("2013-12", pytest.approx(10.0)), ("2014-01", pytest.approx(12.0))]


def test_headcount_is_the_mean_of_months_with_repeated_and_comma_separated_codes(small_db,
                                                                                  capsys):
    code, out, _ = run(capsys, "uniformed-personnel", "--mission", "MINUSCA,MONUSCO",
                       "--country", "RWA", "BGD", "--by", "mission", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert payload["filters"]["mission"] == "MINUSCA,MONUSCO"
    assert payload["filters"]["country"] == "BGD,RWA"
    assert {r["mission"]: r["value"] for r in payload["rows"]} == {"MINUSCA": 225,
                                                                   "MONUSCO": 350}


def test_csv_has_a_header_and_reads_back(small_db, capsys):
    code, out, _ = run(capsys, "women-share", "--by", "mission", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    header = out.splitlines()[0].split(",")
    assert header[:6] == ["mission", "numerator", "denominator", "value", "unit",
                          "illustrative"]
    assert "women_needed" in header
    minusca = next(r for r in rows if r["mission"] == "MINUSCA")
    assert float(minusca["numerator"]) == 47
    assert float(minusca["value"]) == pytest.approx(47 / 450 * 100)
    assert minusca["unit"] == "percent"
    assert minusca["illustrative"] == "false"
    assert minusca["target"] == ""  # missing is an empty cell, not "nan" or "<NA>"


def test_table_has_a_header_line_and_aligned_rows(small_db, capsys):
    code, out, _ = run(capsys, "women-share", "--mission", "MINUSCA", "--by", "month")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == ("Women as a share of uniformed personnel (percent) — MINUSCA")
    assert "ILLUSTRATIVE" not in out
    table = [line for line in lines[1:] if line.strip()]
    assert table[0].split()[:4] == ["month", "numerator", "denominator", "value"]
    assert table[1].split()[:4] == ["2013-12", "35", "350", "10"]
    assert table[2].split()[:4] == ["2014-01", "12", "100", "12"]
    assert len({len(line) for line in table}) == 1  # columns line up


def test_table_marks_illustrative_indicators(small_db, capsys):
    from indicators.catalogue import CATALOGUE

    illustrative = [i for i in CATALOGUE.values() if i.illustrative]
    if not illustrative:
        pytest.skip("no illustrative indicator in the catalogue yet")
    code, out, err = run(capsys, illustrative[0].slug)
    assert code == 0, err
    assert "ILLUSTRATIVE DATA" in out.splitlines()[1]


@pytest.mark.parametrize(("args", "named"), [
    (("women-share", "--mission", "XYZ"), "--mission 'XYZ'"),
    (("women-share", "--from", "2013-13"), "--from '2013-13'"),
    (("women-share", "--from", "Dec 2013"), "--from 'Dec 2013'"),
    (("women-share", "--from", "2014-01", "--to", "2013-12"), "--to '2013-12'"),
    (("women-share", "--by", "gender"), "--by 'gender'"),
    (("women-share", "--category", "generals"), "--category 'generals'"),
    (("no-such-indicator",), "INDICATOR 'no-such-indicator'"),
])
def test_bad_input_exits_2_naming_the_parameter(small_db, capsys, args, named):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert named in err
    assert "Traceback" not in err


def test_every_problem_is_reported_at_once(small_db, capsys):
    code, _, err = run(capsys, "women-share", "--mission", "XYZ", "--from", "13-2013",
                       "--by", "nope")
    assert code == 2
    assert all(name in err for name in ("--mission", "--from", "--by"))


def test_list_names_every_indicator(small_db, capsys):
    from indicators.catalogue import CATALOGUE

    code, out, _ = run(capsys, "--list")
    assert code == 0
    listed = {line.split()[0] for line in out.splitlines() if not line.startswith(" ")}
    assert listed == set(CATALOGUE)
    code, out, _ = run(capsys, "--list", "--format", "json")
    assert [entry["slug"] for entry in json.loads(out)] == list(CATALOGUE)


def test_missing_sqlite_file_is_a_message_not_a_new_empty_database(tmp_path, monkeypatch,
                                                                    capsys):
    target = tmp_path / "absent.sqlite"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{target}")
    code, _, err = run(capsys, "women-share")
    assert code == 1
    assert "pkdash build" in err
    assert not target.exists()
