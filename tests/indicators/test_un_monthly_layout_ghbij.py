"""Layouts G, H (2019-11 to 2020-01), B (2020-02 to 2021-01), I (2019-09, 2024-10) and
J (2023-09), on the real reports.

Expected figures were read by eye from the PDFs (page numbers as a person counts them).
"""

from __future__ import annotations

import datetime as dt

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
    "UN_country_contributions_2019_09.pdf": "I",
    "UN_country_contributions_2019_11.pdf": "G",
    "UN_country_contributions_2019_12.pdf": "H",
    "UN_country_contributions_2020_01.pdf": "H",
    # 2020_06 is not a 2020 report (see test_the_2020_06_file_is_the_2022_06_report)
    **{name: "B" for name in file_names((2020, 2), (2021, 1)) if "2020_06" not in name},
    "UN_country_contributions_2023_09.pdf": "J",
    "UN_country_contributions_2024_10.pdf": "I",
}
# The files that print no grand total (PROVENANCE: 2019-09, 2019-11 and 2024-10).
NO_GRAND_TOTAL = {"UN_country_contributions_2019_09.pdf", "UN_country_contributions_2019_11.pdf",
                  "UN_country_contributions_2024_10.pdf"}


def _only(tables: ReportTables, **wanted) -> ReportLine:
    found = [line for line in tables.lines
             if all(getattr(line, key) == value for key, value in wanted.items())]
    assert len(found) == 1, (wanted, found)
    return found[0]


def test_the_manifest_agrees_on_which_files_are_g_h_b_i_j():
    listed = {name: row["layout"] for name, row in shared_manifest().items()
              if row["layout"] in {"G", "H", "B", "I", "J"}}
    assert listed == LAYOUT_FILES


@pytest.mark.parametrize("file_name", sorted(LAYOUT_FILES))
def test_every_file_adds_up_to_its_printed_totals(file_name):
    tables = report_tables(file_name)
    assert tables.layout == LAYOUT_FILES[file_name]
    assert total_differences(tables) == []
    assert tables.report_date == dt.date.fromisoformat(shared_manifest()[file_name]["report_date"])
    assert (tables.grand_total is None) == (file_name in NO_GRAND_TOTAL)
    if tables.has_gender:
        assert all(line.counts.men + line.counts.women == line.counts.total
                   for line in tables.lines)


@pytest.mark.parametrize("file_name", sorted(name for name, layout in LAYOUT_FILES.items()
                                             if layout in "GHB"))
def test_every_mission_block_prints_its_total(file_name):
    tables = report_tables(file_name)
    assert set(tables.mission_totals) == {line.mission for line in tables.lines}


def test_2019_11_layout_g_rows_and_wrapped_name():
    tables = month_report(2019, 11)
    assert len(tables.lines) == 1015  # the report prints its row count, 1015, at the end
    row = _only(tables, mission="MINURSO", country="Russian Federation",
                category="experts-on-mission")
    assert (row.counts, row.page) == (Counts(12, 2, 14), 1)
    row = _only(tables, mission="BINUH", country="Canada", category="individual-police")
    assert (row.counts, row.page) == (Counts(0, 4, 4), 1)
    # 'United Republic of' on the row's line, 'Tanzania' on a line of its own below it
    row = _only(tables, mission="MINUSCA", country="United Republic of Tanzania",
                category="troops")
    assert (row.counts, row.page) == (Counts(431, 19, 450), 3)


def test_2019_12_layout_h_rows_and_grand_total():
    tables = month_report(2019, 12)
    assert len(tables.lines) == 1017
    assert tables.grand_total == Counts(78021, 5310, 83331)
    assert tables.mission_totals["BINUH"] == Counts(4, 0, 4)
    row = _only(tables, mission="MINURSO", country="Russian Federation",
                category="experts-on-mission")
    assert (row.counts, row.page) == (Counts(11, 2, 13), 1)
    row = _only(tables, mission="MINUSCA", country="United Republic of Tanzania",
                category="troops")
    assert (row.counts, row.page) == (Counts(431, 19, 450), 4)
    assert month_report(2020, 1).grand_total == Counts(77579, 5284, 82863)


def test_2020_02_layout_b_label_above_its_rows_across_a_page_break():
    tables = month_report(2020, 2)
    assert tables.grand_total == Counts(77853, 5415, 83268)
    assert tables.mission_totals["BINUH"] == Counts(8, 2, 10)
    row = _only(tables, mission="MINURSO", country="Bangladesh", category="troops")
    assert (row.counts, row.page) == (Counts(16, 4, 20), 1)
    # "Côte d'Ivoire" is the last line of page 1, its row the first of page 2
    row = _only(tables, mission="MINURSO", country="Côte d'Ivoire",
                category="experts-on-mission")
    assert (row.counts, row.page) == (Counts(0, 2, 2), 2)


@pytest.mark.parametrize("file_name", sorted(name for name, layout in LAYOUT_FILES.items()
                                             if layout == "B"))
def test_layout_b_labels_sit_above_their_rows(file_name):
    """Layout B prints a contributor's name above its rows, not centred over them (as layout C
    does), so each row belongs to the last name above it. Within a contributor the types come
    in alphabetical order (contingent, experts, fpu, police, staff): a row given to the wrong
    name would break the order or repeat a (mission, country, type)."""
    order = ["troops", "experts-on-mission", "formed-police-units", "individual-police",
             "staff-officers"]
    lines = report_tables(file_name).lines
    keys = [(line.mission, line.country, line.category) for line in lines]
    assert len(set(keys)) == len(keys)
    for before, after in zip(lines, lines[1:], strict=False):
        if (before.mission, before.country) == (after.mission, after.country):
            assert order.index(before.category) < order.index(after.category), (before, after)


def test_2021_01_layout_b_subtotals_on_the_label_lines():
    tables = month_report(2021, 1)
    assert tables.grand_total == Counts(76169, 5763, 81932)
    assert tables.mission_totals["BINUH"] == Counts(10, 3, 13)
    assert tables.mission_totals["MINUSCA"] == Counts(12600, 904, 13504)
    assert tables.country_mission_totals[("Bangladesh", "MINURSO")] == Counts(18, 9, 27)
    row = _only(tables, mission="MINURSO", country="Bangladesh", category="troops")
    assert (row.counts, row.page) == (Counts(13, 7, 20), 1)
    assert len(tables.country_mission_totals) == len(
        {(line.country, line.mission) for line in tables.lines})


def test_2020_08_gender_split_is_read_as_printed_and_totals_reconcile():
    """The UN's August 2020 file prints male = 0 and female = total on 43 troop rows of 100 or
    more (trap 5). They are read as printed; the totals still add up."""
    tables = month_report(2020, 8)
    assert total_differences(tables) == []
    assert tables.grand_total == Counts(40637, 41183, 81820)
    wrong = [line for line in tables.lines if line.category == "troops"
             and line.counts.men == 0 and line.counts.women == line.counts.total >= 100]
    assert len(wrong) == 43
    row = _only(tables, mission="MINUSCA", country="Cameroon", category="troops")
    assert (row.counts, row.page) == (Counts(0, 748, 748), 5)
    # 'United States of' / 'America' printed on two lines above the row
    row = _only(tables, mission="BINUH", country="United States of America",
                category="individual-police")
    assert (row.counts, row.page) == (Counts(2, 0, 2), 1)
    # the month before prints a believable split
    assert sum(line.counts.women for line in month_report(2020, 7).lines
               if line.category == "troops") == 3445


def test_2019_09_layout_i_truncated_names_kept_as_printed():
    tables = month_report(2019, 9)
    assert (tables.grand_total, tables.mission_totals, tables.country_totals) == (None, {}, {})
    countries = {line.country for line in tables.lines}
    assert {"Russian", "Dominican", "North", "Republic of"} <= countries
    assert not {"Russian Federation", "Dominican Republic", "North Macedonia"} & countries
    # 'Republic of' (Korea or Moldova, resolved elsewhere): 10 rows
    assert sum(line.country == "Republic of" for line in tables.lines) == 10
    row = _only(tables, mission="MINUJUSTH", country="Republic of",
                category="individual-police")
    assert (row.counts, row.page) == (Counts(0, 2, 2), 1)
    row = _only(tables, mission="MINURSO", country="Russian", category="experts-on-mission")
    assert (row.counts, row.page) == (Counts(13, 2, 15), 1)


def test_2024_10_layout_i_name_centred_over_its_row():
    """2024-10 wraps a long name into two lines centred on the row's own line, one above and
    one below it; each part goes to the nearest row."""
    tables = month_report(2024, 10)
    assert tables.grand_total is None
    row = _only(tables, mission="MINUSCA", country="United Republic of Tanzania",
                category="troops")
    assert (row.counts, row.page) == (Counts(448, 62, 510), 5)
    row = _only(tables, mission="MINUSCA", country="United Republic of Tanzania",
                category="staff-officers")
    assert (row.counts, row.page) == (Counts(2, 5, 7), 5)
    row = _only(tables, mission="MINUSCA", country="Turkiye", category="individual-police")
    assert (row.counts, row.page) == (Counts(2, 2, 4), 5)
    row = _only(tables, mission="BINUH", country="United States of America",
                category="individual-police")
    assert (row.counts, row.page) == (Counts(1, 0, 1), 1)


def test_2023_09_layout_j_has_no_gender_and_no_mission():
    tables = month_report(2023, 9)
    assert (tables.has_missions, tables.has_gender) == (False, False)
    assert all(line.mission is None for line in tables.lines)
    assert all(line.counts.men is None and line.counts.women is None for line in tables.lines)
    assert tables.grand_total == Counts(None, None, 72631)
    assert len(tables.country_totals) == 122
    assert tables.country_totals["Bangladesh"] == Counts(None, None, 6956)
    bangladesh = {line.category: (line.counts.total, line.page) for line in tables.lines
                  if line.country == "Bangladesh"}
    assert bangladesh == {"experts-on-mission": (56, 1), "formed-police-units": (333, 1),
                          "individual-police": (37, 1), "staff-officers": (152, 1),
                          "troops": (6378, 1)}
    # a wrapped name ('United Republic of' / 'Tanzania'); empty (0) cells are not rows
    assert tables.country_totals["United Republic of Tanzania"] == Counts(None, None, 1533)
    tanzania = {line.category: line.counts.total for line in tables.lines
                if line.country == "United Republic of Tanzania"}
    assert tanzania == {"experts-on-mission": 6, "individual-police": 28,
                        "staff-officers": 35, "troops": 1464}
    # the grand total line's figure for each type
    by_type: dict[str, int] = {}
    for line in tables.lines:
        by_type[line.category] = by_type.get(line.category, 0) + line.counts.total
    assert by_type == {"experts-on-mission": 1190, "formed-police-units": 5276,
                       "individual-police": 1889, "staff-officers": 2018, "troops": 62258}


def test_the_2020_06_file_is_the_2022_06_report():
    """`UN_country_contributions_2020_06.pdf` is byte-identical to the 2022-06 file (trap 1): it
    is read as layout C, dated 30/06/2022, and none of G, H, B, I, J claims it."""
    tables = report_tables("UN_country_contributions_2020_06.pdf")
    assert tables.layout == "C"
    assert tables.report_date == dt.date(2022, 6, 30)
