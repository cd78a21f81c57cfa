"""Layouts D (2017-05 to 2018-02), E (2018-03 to 2019-08) and F (2019-10), on the real reports.

Expected figures were read by eye from the PDFs (page numbers as a person counts them).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from indicators.importers.un_monthly.report import Counts, ReportLine, ReportTables
from indicators.importers.un_monthly.totals import total_differences
from tests.indicators.un_monthly_support import (
    file_names,
    month_report,
    report_tables,
    shared_manifest,
)

pytestmark = pytest.mark.realdata


LAYOUT_FILES = {
    **{name: "D" for name in file_names((2017, 5), (2018, 2))},
    **{name: "E" for name in file_names((2018, 3), (2019, 8))},
    "UN_country_contributions_2019_10.pdf": "F",
}


def _only(tables: ReportTables, **wanted) -> ReportLine:
    found = [line for line in tables.lines
             if all(getattr(line, key) == value for key, value in wanted.items())]
    assert len(found) == 1, (wanted, found)
    return found[0]


def test_the_manifest_agrees_on_which_files_are_d_e_f():
    manifest = shared_manifest()
    listed = {name: row["layout"] for name, row in manifest.items() if row["layout"] in "DEF"}
    assert listed == LAYOUT_FILES


@pytest.mark.parametrize("file_name", sorted(LAYOUT_FILES))
def test_every_file_adds_up_to_its_printed_totals(file_name):
    tables = report_tables(file_name)
    row = shared_manifest()[file_name]
    assert tables.layout == LAYOUT_FILES[file_name]
    assert total_differences(tables) == []
    # all three layouts print a grand total and a subtotal for every country
    assert tables.grand_total is not None
    assert set(tables.country_totals) == {line.country for line in tables.lines}
    expected_date = None if tables.layout == "F" else dt.date.fromisoformat(row["report_date"])
    assert tables.report_date == expected_date
    assert all(line.counts.men + line.counts.women == line.counts.total for line in tables.lines)


@pytest.mark.parametrize("file_name", sorted(LAYOUT_FILES))
def test_staff_officers_are_a_category_from_2017_05(file_name):
    assert any(line.category == "staff-officers" for line in report_tables(file_name).lines)


def test_2017_05_first_month_with_staff_officers():
    tables = month_report(2017, 5)
    row = _only(tables, country="Argentina", mission="MINUSTAH", category="staff-officers")
    assert (row.counts, row.page) == (Counts(6, 0, 6), 1)


def test_2017_05_has_total_for_country_lines_and_no_mission_subtotals():
    tables = month_report(2017, 5)
    assert tables.country_totals["Algeria"] == Counts(5, 0, 5)
    assert tables.country_mission_totals == {}
    assert tables.grand_total == Counts(92_520, 4_097, 96_617)
    # '1,514' has a thousands separator, its total '1518' has none
    row = _only(tables, country="Bangladesh", mission="MINUSMA", category="troops")
    assert (row.counts, row.page) == (Counts(1_514, 4, 1_518), 2)


@pytest.mark.parametrize("file_name", file_names((2017, 6), (2018, 2)))
def test_from_2017_06_each_mission_block_has_a_total_only_subtotal(file_name):
    tables = report_tables(file_name)
    pairs = {(line.country, line.mission) for line in tables.lines}
    assert set(tables.country_mission_totals) == pairs
    assert all(c.men is None and c.women is None for c in tables.country_mission_totals.values())


def test_2017_10_country_subtotal_printed_without_a_name():
    # page 13: Cote d'Ivoire's subtotal line carries figures only
    tables = month_report(2017, 10)
    assert tables.country_totals["Côte d'Ivoire"] == Counts(203, 7, 210)
    row = _only(tables, country="Algeria", mission="MONUSCO", category="experts-on-mission")
    assert (row.counts, row.page) == (Counts(4, 0, 4), 1)
    assert tables.country_mission_totals[("Algeria", "MONUSCO")] == Counts(None, None, 4)


def test_2017_12_truncated_mission_subtotal_label_is_kept_under_the_full_acronym():
    # the subtotal is labelled 'MINUJUST', the block 'MINUJUSTH'
    tables = month_report(2017, 12)
    row = _only(tables, country="Argentina", mission="MINUJUSTH", category="individual-police")
    assert (row.counts, row.page) == (Counts(5, 1, 6), 1)
    assert tables.country_mission_totals[("Argentina", "MINUJUSTH")] == Counts(None, None, 6)
    assert not any(mission == "MINUJUST" for _, mission in tables.country_mission_totals)


@pytest.mark.parametrize("file_name", file_names((2018, 3), (2019, 8)))
def test_layout_e_has_no_mission(file_name):
    tables = report_tables(file_name)
    assert tables.has_missions is False
    assert tables.lines and all(line.mission is None for line in tables.lines)
    assert tables.mission_totals == {} and tables.country_mission_totals == {}


def test_2018_03_figures_printed_above_their_post_label():
    tables = month_report(2018, 3)
    # page 1: '210 15 225' sits 3 points above 'Contingent Troops'
    row = _only(tables, country="Argentina", category="troops")
    assert (row.counts, row.page) == (Counts(210, 15, 225), 1)
    row = _only(tables, country="Bangladesh", category="formed-police-units")
    assert (row.counts, row.page) == (Counts(663, 73, 736), 1)
    row = _only(tables, country="Brazil", category="troops")
    assert (row.counts, row.page) == (Counts(221, 0, 221), 2)
    assert tables.country_totals["Bangladesh"] == Counts(6_853, 154, 7_007)
    assert tables.grand_total == Counts(86_723, 4_335, 91_058)


def test_2019_10_prints_no_report_date():
    assert month_report(2019, 10).report_date is None


def test_2019_10_male_female_pairs_become_one_row_per_type():
    tables = month_report(2019, 10)
    # page 2: Bangladesh has two MINUSMA lines (police types on one, military on the other)
    row = _only(tables, country="Bangladesh", mission="MINUSMA", category="formed-police-units")
    assert (row.counts, row.page) == (Counts(237, 43, 280), 2)
    row = _only(tables, country="Bangladesh", mission="MINUSMA", category="troops")
    assert (row.counts, row.page) == (Counts(1_250, 10, 1_260), 2)
    # types with 0 men and 0 women are not rows
    assert all(line.counts.total > 0 for line in tables.lines)
    assert tables.grand_total == Counts(79_698, 5_270, 84_968)


def test_2019_10_rows_match_the_printed_country_total_type_by_type():
    # page 1, 'Total by Country' for Argentina: UNMEM 6/0, Troops 211/23, UNPOL 18/9,
    # FPU 0/0, MSO 8/3
    tables = month_report(2019, 10)
    by_type: dict[str, Counts] = defaultdict(lambda: Counts(0, 0, 0))
    for line in tables.lines:
        if line.country == "Argentina":
            by_type[line.category] = by_type[line.category] + line.counts
    assert dict(by_type) == {
        "experts-on-mission": Counts(6, 0, 6),
        "troops": Counts(211, 23, 234),
        "individual-police": Counts(18, 9, 27),
        "staff-officers": Counts(8, 3, 11),
    }


def test_2019_10_wrapped_country_names_are_joined():
    tables = month_report(2019, 10)
    row = _only(tables, country="Iran (Islamic Republic of)")  # two lines on page 19
    assert (row.mission, row.category, row.counts, row.page) == (
        "UNAMID", "experts-on-mission", Counts(1, 0, 1), 19)
    # name on the foot of page 39, its rows from page 40
    row = _only(tables, country="United Republic of Tanzania", mission="MINUSCA",
                category="troops")
    assert (row.counts, row.page) == (Counts(402, 33, 435), 40)
    assert "The former Yugoslav Republic of Macedonia" in tables.country_totals
