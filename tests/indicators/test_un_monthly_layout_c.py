"""Layout C (2021-02 to 2025-04, and the file named 2020_06), on the real reports.

Expected figures were read by eye from the PDFs (page numbers as a person counts them).
The trap of this layout: a country's name is drawn vertically centred over its rows, so a
row belongs to the label whose span covers it, not to the last label seen above it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter

import pytest

from indicators.importers.un_monthly import layout_c
from indicators.importers.un_monthly.pdf_text import read_pages
from indicators.importers.un_monthly.report import Counts, ReportLine, ReportTables
from indicators.importers.un_monthly.totals import total_differences
from tests.indicators.un_monthly_support import (
    file_names,
    month_report,
    report_folder,
    report_tables,
    shared_manifest,
)

pytestmark = pytest.mark.realdata


# 2022-07 has no file; 2023-09 is layout J and 2024-10 layout I; the file named 2020_06 is
# the 30/06/2022 report.
LAYOUT_C_FILES = sorted(
    {*file_names((2021, 2), (2025, 4)), "UN_country_contributions_2020_06.pdf"}
    - {"UN_country_contributions_2022_07.pdf", "UN_country_contributions_2023_09.pdf",
       "UN_country_contributions_2024_10.pdf"})

# The order the report lists a country's personnel types in (alphabetical by printed label).
TYPE_ORDER = ["experts-on-mission", "formed-police-units", "individual-police",
              "staff-officers", "troops"]


def _rows(tables: ReportTables, mission: str, country: str) -> list[ReportLine]:
    return [line for line in tables.lines
            if line.mission == mission and line.country == country]


def _summary(lines: list[ReportLine]) -> list[tuple[str, Counts, int]]:
    return [(line.category, line.counts, line.page) for line in lines]


def test_the_manifest_agrees_on_which_files_are_layout_c():
    listed = sorted(name for name, row in shared_manifest().items() if row["layout"] == "C")
    assert listed == LAYOUT_C_FILES


@pytest.mark.parametrize("file_name", LAYOUT_C_FILES)
def test_every_file_adds_up_to_its_printed_totals(file_name):
    tables = report_tables(file_name)
    assert tables.layout == "C"
    assert total_differences(tables) == []
    assert tables.report_date == dt.date.fromisoformat(shared_manifest()[file_name]["report_date"])
    # a grand total and a total for every mission are printed; country subtotals are not
    assert tables.grand_total is not None
    assert set(tables.mission_totals) == {line.mission for line in tables.lines}
    assert tables.country_totals == {} and tables.country_mission_totals == {}
    assert all(line.counts.men + line.counts.women == line.counts.total for line in tables.lines)


@pytest.mark.parametrize("file_name", LAYOUT_C_FILES)
def test_types_are_alphabetical_and_unique_within_each_country(file_name):
    tables = report_tables(file_name)
    by_country: dict[tuple[str, str], list[str]] = {}
    for line in tables.lines:
        by_country.setdefault((line.mission, line.country), []).append(line.category)
    for key, categories in by_country.items():
        positions = [TYPE_ORDER.index(category) for category in categories]
        assert positions == sorted(set(positions)), (key, categories)


def test_the_file_named_2020_06_is_the_june_2022_report():
    misnamed = report_tables("UN_country_contributions_2020_06.pdf")
    assert misnamed.report_date == dt.date(2022, 6, 30)
    assert misnamed.lines == month_report(2022, 6).lines
    assert misnamed.grand_total == Counts(68929, 5963, 74892)


def test_as_of_date_and_printed_totals_2024_09():
    tables = month_report(2024, 9)
    assert tables.report_date == dt.date(2024, 9, 30)  # "As of: 30/09/2024"
    assert tables.grand_total == Counts(55431, 6111, 61542)
    assert tables.mission_totals["BINUH"] == Counts(15, 4, 19)
    assert tables.mission_totals["MINURSO"] == Counts(166, 57, 223)
    assert tables.mission_totals["UNVMC"] == Counts(129, 49, 178)
    assert len(tables.lines) == 877


def test_a_label_centred_between_its_middle_rows():
    # 2024-09 page 3, MINUSCA: "Bangladesh" is drawn between its 2nd and 3rd of 4 rows, level
    # with no row. Argentina's one row (Staff Officer) sits above; "the last label seen"
    # would give Bangladesh's first two rows to Argentina.
    tables = month_report(2024, 9)
    assert _summary(_rows(tables, "MINUSCA", "Argentina")) == [
        ("staff-officers", Counts(2, 0, 2), 3)]
    assert _summary(_rows(tables, "MINUSCA", "Bangladesh")) == [
        ("experts-on-mission", Counts(13, 0, 13), 3),
        ("individual-police", Counts(4, 0, 4), 3),
        ("staff-officers", Counts(24, 12, 36), 3),
        ("troops", Counts(1262, 109, 1371), 3),
    ]


def test_a_label_level_with_the_middle_of_five_rows():
    # 2024-09 page 3, MINUSCA: "Cameroon" shares the line of its 3rd row (Individual Police);
    # its first row (Experts on Mission 2) lies two lines above the label.
    rows = _rows(month_report(2024, 9), "MINUSCA", "Cameroon")
    assert [line.category for line in rows] == TYPE_ORDER
    assert (rows[0].counts, rows[0].page) == (Counts(2, 0, 2), 3)
    assert rows[2].counts == Counts(12, 10, 22)
    assert (rows[-1].counts, rows[-1].page) == (Counts(709, 40, 749), 3)


def test_a_country_split_by_a_page_break_is_labelled_on_both_pages():
    # 2024-09: Ghana in MINURSO ends page 1 and begins page 2, its name printed on each.
    assert _summary(_rows(month_report(2024, 9), "MINURSO", "Ghana")) == [
        ("experts-on-mission", Counts(6, 1, 7), 1),
        ("staff-officers", Counts(3, 4, 7), 2),
    ]


def test_2022_09_draws_one_label_across_a_page_break():
    # The US-letter 2022-09 file centres the label over the whole span as if the pages were
    # one sheet: half-way between the last row of one page and the first of the next.
    tables = month_report(2022, 9)
    assert _summary(_rows(tables, "MINUSMA", "Luxembourg")) == [
        ("staff-officers", Counts(0, 0, 0), 6),
        ("troops", Counts(2, 0, 2), 7),
    ]
    assert _summary(_rows(tables, "UNMISS", "Canada")) == [
        ("experts-on-mission", Counts(0, 1, 1), 17),
        ("staff-officers", Counts(7, 1, 8), 18),
    ]
    # Cambodia's rows just above Canada's on page 17 stay Cambodia's
    assert _summary(_rows(tables, "UNMISS", "Cambodia"))[-2:] == [
        ("staff-officers", Counts(7, 3, 10), 17),
        ("troops", Counts(36, 34, 70), 17),
    ]


def test_a_wrapped_country_name_is_joined():
    # 2022-10 page 3: "Democratic Republic of the" / "Congo" on two lines over one row.
    rows = _rows(month_report(2022, 10), "MINUSCA", "Democratic Republic of the Congo")
    assert _summary(rows) == [("staff-officers", Counts(0, 0, 0), 3)]


def test_no_key_is_read_twice():
    for file_name in LAYOUT_C_FILES:
        keys = Counter((line.mission, line.country, line.category)
                       for line in report_tables(file_name).lines)
        assert [key for key, count in keys.items() if count > 1] == [], file_name


@pytest.mark.parametrize("file_name", [
    "UN_country_contributions_2021_01.pdf",  # layout B
    "UN_country_contributions_2023_09.pdf",  # layout J
    "UN_country_contributions_2024_10.pdf",  # layout I
])
def test_other_layouts_are_not_claimed(file_name):
    assert not layout_c.recognise(read_pages(report_folder() / file_name))


def test_a_missing_label_is_an_error_naming_the_page():
    pages = read_pages(report_folder() / "UN_country_contributions_2024_09.pdf")
    page = pages[2]
    without = dataclasses.replace(
        page, words=tuple(w for w in page.words if w.text != "Bangladesh"))
    with pytest.raises(ValueError, match=r"^page 3: "):
        layout_c.parse([*pages[:2], without, *pages[3:]])
