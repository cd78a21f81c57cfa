"""Layouts A (Jan 2015 – Apr 2017) and A2 (Nov 2016) of the UN monthly reports, real files."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

import pytest

from indicators.importers.un_monthly import layout_a, layout_a2
from indicators.importers.un_monthly.pdf_text import read_pages
from indicators.importers.un_monthly.report import ZERO, Counts
from indicators.importers.un_monthly.totals import total_differences
from tests.indicators.un_monthly_support import report_folder, report_tables, shared_manifest

pytestmark = pytest.mark.realdata

FOUR_TYPES = {"troops", "experts-on-mission", "individual-police", "formed-police-units"}


def manifest_rows(*layouts):
    return [row for row in shared_manifest().values() if row["layout"] in layouts]


def rows_for(tables, country, mission, category=None):
    return [(line.counts, line.page) for line in tables.lines
            if line.country == country and line.mission == mission
            and (category is None or line.category == category)]


def test_every_layout_a_file_adds_up_to_its_printed_totals():
    rows = manifest_rows("A", "A2")
    assert len(rows) == 28  # 27 layout A files (3 byte-duplicates among them) and one A2
    for row in rows:
        tables = report_tables(row["file"])
        assert tables.layout == row["layout"], row["file"]
        assert str(tables.report_date) == row["report_date"], row["file"]
        assert total_differences(tables) == [], row["file"]
        assert 850 <= len(tables.lines) <= 2_500, row["file"]
        assert {line.category for line in tables.lines} <= FOUR_TYPES, row["file"]


def test_layout_a_rows_add_up_to_the_sum_of_country_totals():
    for row in manifest_rows("A"):
        tables = report_tables(row["file"])
        assert tables.grand_total is None and tables.mission_totals == {}  # none printed
        summed = sum((line.counts for line in tables.lines), ZERO)
        assert summed.total == sum(c.total for c in tables.country_totals.values()), row["file"]
        assert {line.country for line in tables.lines} <= set(tables.country_totals), row["file"]


def test_a_row_read_with_its_page_and_subtotals():
    # 31-Jan-15, page 1: Argentina, MINUSTAH, Contingent Troop 529 / 37 / 566; MINUSTAH 587;
    # Argentina 880 (subtotals print a total only).
    tables = report_tables("UN_country_contributions_2015_01.pdf")
    assert tables.report_date == dt.date(2015, 1, 31)
    assert rows_for(tables, "Argentina", "MINUSTAH", "troops") == [(Counts(529, 37, 566), 1)]
    assert tables.country_mission_totals[("Argentina", "MINUSTAH")] == Counts(None, None, 587)
    assert tables.country_totals["Argentina"] == Counts(None, None, 880)
    assert len(tables.lines) == 955


def test_a_mission_block_split_over_a_page_break():
    # 2015-01: Congo's MINUSCA rows start at the foot of page 9 and go on at the top of page 10,
    # where the mission is printed again; the subtotal 999 covers both pages.
    tables = report_tables("UN_country_contributions_2015_01.pdf")
    assert rows_for(tables, "Congo", "MINUSCA") == [
        (Counts(4, 0, 4), 9), (Counts(140, 0, 140), 10), (Counts(852, 3, 855), 10)]
    assert tables.country_mission_totals[("Congo", "MINUSCA")] == Counts(None, None, 999)


def test_the_2015_03_file_is_the_april_2015_report():
    march = report_tables("UN_country_contributions_2015_03.pdf")
    april = report_tables("UN_country_contributions_2015_04.pdf")
    assert march.report_date == april.report_date == dt.date(2015, 4, 30)
    assert march.lines == april.lines
    for name in ("UN_country_contributions_2016_03.pdf", "UN_country_contributions_2017_03.pdf"):
        assert report_tables(name).report_date.month == 4


def test_no_staff_officers_before_2017_05():
    for row in manifest_rows("A", "A2"):
        categories = {line.category for line in report_tables(row["file"]).lines}
        assert "staff-officers" not in categories, row["file"]
    # Every other type does occur in each file.
    assert {line.category for line in report_tables(
        "UN_country_contributions_2017_04.pdf").lines} == FOUR_TYPES


def test_2016_11_keeps_truncated_names_as_printed():
    tables = report_tables("UN_country_contributions_2016_11.pdf")
    countries = {line.country for line in tables.lines}
    assert {"United States of Americ", "The former Yugoslav Re",
            "United Republic of Tanz"} <= countries
    assert "United States of America" not in countries
    # The USA's MINUSMA heading is the last line of page 119; its rows are on page 120.
    assert rows_for(tables, "United States of Americ", "MINUSMA", "troops") == [
        (Counts(8, 0, 8), 120)]
    assert tables.country_mission_totals[("United States of Americ", "MINUSMA")] \
        == Counts(8, 0, 8)
    # The former Yugoslav Re: heading at the foot of page 109, UNIFIL on page 110.
    assert rows_for(tables, "The former Yugoslav Re", "UNIFIL", "troops") == [
        (Counts(1, 0, 1), 110)]


def test_2016_11_lists_every_type_and_keeps_zero_rows():
    tables = report_tables("UN_country_contributions_2016_11.pdf")
    assert tables.layout == "A2"
    assert tables.report_date == dt.date(2016, 11, 30)  # printed `by End of November, 2016`
    # Page 1: Algeria, MONUSCO: Experts on Mission 5 / 0 / 5 and three types at 0 / 0 / 0.
    assert {line.category: (line.counts, line.page) for line in tables.lines
            if (line.country, line.mission) == ("Algeria", "MONUSCO")} == {
        "experts-on-mission": (Counts(5, 0, 5), 1), "troops": (Counts(0, 0, 0), 1),
        "individual-police": (Counts(0, 0, 0), 1), "formed-police-units": (Counts(0, 0, 0), 1)}
    assert tables.country_mission_totals[("Algeria", "MONUSCO")] == Counts(5, 0, 5)
    blocks = Counter((line.country, line.mission) for line in tables.lines)
    assert len(blocks) == len(tables.country_mission_totals) == 621
    assert set(blocks.values()) == {4}
    assert len(tables.lines) == 2_484
    assert sum(line.counts.total == 0 for line in tables.lines) == 1_503
    # A grand total (total only) and no country totals are printed.
    assert tables.grand_total == Counts(None, None, 100_851)
    assert tables.country_totals == {}


def test_2015_05_prints_zero_rows_twice_for_minustah_police():
    # Page 1: Argentina, MINUSTAH: `Individual Police 14 2 16` then `Individual Police 0 0 0`.
    # Both are kept as printed: 51 MINUSTAH (country, type) pairs appear twice, once at zero, so
    # whoever keys rows by mission, country and type must add them, not overwrite.
    tables = report_tables("UN_country_contributions_2015_05.pdf")
    assert rows_for(tables, "Argentina", "MINUSTAH", "individual-police") == [
        (Counts(14, 2, 16), 1), (Counts(0, 0, 0), 1)]
    keys = Counter((line.mission, line.country, line.category) for line in tables.lines)
    twice = [key for key, count in keys.items() if count > 1]
    assert len(twice) == 51 and {mission for mission, _, _ in twice} == {"MINUSTAH"}
    # MINUSTAH's rows add up to 5,408 (IPI's mission file says 5,075 for this month).
    assert sum(line.counts.total for line in tables.lines if line.mission == "MINUSTAH") == 5_408


def test_2015_02_blank_lines_are_not_rows():
    # Page 1: Argentina, MINURSO prints `Individual Police 0 1 1`, then `Individual Police 0`
    # twice and `Experts on Mission 0` with no total: empty records, not rows.
    tables = report_tables("UN_country_contributions_2015_02.pdf")
    assert rows_for(tables, "Argentina", "MINURSO") == [
        (Counts(0, 1, 1), 1), (Counts(3, 0, 3), 1)]
    # Djibouti's MINURSO block holds only such a line and an empty subtotal: nothing is read.
    assert rows_for(tables, "Djibouti", "MINURSO") == []
    assert ("Djibouti", "MINURSO") not in tables.country_mission_totals
    assert len(tables.lines) == 961


def damaged(file_name, page_number, old, new):
    """The file's pages with one printed word changed, as a damaged file would read."""
    pages = read_pages(report_folder() / file_name)
    page = pages[page_number - 1]
    words = tuple(replace(w, text=new) if w.text == old else w for w in page.words)
    assert words != page.words
    pages[page_number - 1] = replace(page, words=words)
    return pages


def test_a_figure_that_does_not_parse_names_its_page():
    pages = damaged("UN_country_contributions_2015_01.pdf", 2, "1,580", "1,58O")
    with pytest.raises(ValueError, match=r"page 2: figure '1,58O' does not parse"):
        layout_a.parse(pages)
    pages = damaged("UN_country_contributions_2016_11.pdf", 3, "Formed", "Formal")
    with pytest.raises(ValueError, match=r"page 3: unknown personnel type 'Formal Police Units'"):
        layout_a2.parse(pages)
    pages = damaged("UN_country_contributions_2016_11.pdf", 5, "1,072", "1.072")
    with pytest.raises(ValueError, match=r"page 5: figure .1.072. does not parse"):
        layout_a2.parse(pages)


def test_a_report_without_rows_is_refused():
    pages = read_pages(report_folder() / "UN_country_contributions_2015_01.pdf")
    first = pages[0]
    title_only = replace(first, words=tuple(w for w in first.words if w.top < 165))
    assert layout_a.recognise([title_only])
    with pytest.raises(ValueError, match="no rows"):
        layout_a.parse([title_only])
