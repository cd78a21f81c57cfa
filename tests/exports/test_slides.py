"""The briefing deck on the real files, read back with python-pptx: slide order and size, the
screen's numbers in the native tables and the speaker notes, footers, the illustrative mark,
the no-data slide and the sources slide."""

from __future__ import annotations

import datetime as dt

import pytest
from pptx.util import Inches

from dashboard.exports.citing import source_phrase
from indicators.compute import compute
from tests.exports import direct
from tests.exports.conftest import PACK_CHARTS, YEAR_2024
from tests.exports.readers import (
    deck,
    marked,
    notes,
    notes_numbers,
    number,
    shape_named,
    slide_text,
    table_rows,
)

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def slides(rendered):
    return list(deck(rendered["files"]["pptx"]).slides)


@pytest.fixture(scope="module")
def by_title(slides) -> dict[str, list]:
    """Each chart's slides (its own, then its table's), by chart title."""
    found: dict[str, list] = {}
    for slide in slides[1:-1]:
        title = shape_named(slide, "Title").text_frame.text
        found.setdefault(title.removesuffix(": the numbers"), []).append(slide)
    return found


def test_deck_is_16_9_with_title_charts_tables_and_sources(rendered, slides, real_pack,
                                                           real_engine):
    presentation = deck(rendered["files"]["pptx"])
    assert (presentation.slide_width, presentation.slide_height) == (Inches(13.333),
                                                                     Inches(7.5))
    # Title + 6 chart slides (the seventh chart has no data: named on the title slide, no
    # slide of its own) + table slides for the 22 missions, the 123 countries and the 24
    # months (the other tables fit beside their chart) + sources.
    assert len(slides) == 1 + 6 + 3 + 1
    # Every country named in the 2024 UN reports, counted from their rows.
    assert len(real_pack.snapshots[2].frame) == direct.countries_reported(real_engine, 2024) == 123
    assert [title for title in _titles(slides[1:-1])] == [
        real_pack.snapshots[0].title,
        real_pack.snapshots[1].title, f"{real_pack.snapshots[1].title}: the numbers",
        real_pack.snapshots[2].title, f"{real_pack.snapshots[2].title}: the numbers",
        real_pack.snapshots[3].title, f"{real_pack.snapshots[3].title}: the numbers",
        real_pack.snapshots[4].title, real_pack.snapshots[6].title,
    ]
    assert shape_named(slides[-1], "Title").text_frame.text == "Sources"


def test_title_slide_names_title_filters_date_and_classification(slides):
    text = slide_text(slides[0])
    assert "Women in peacekeeping, 2024" in text
    assert "Fifth Committee preparation" in text
    assert f"Filters: {YEAR_2024.describe()}" in text
    assert "Filters: Jan 2024 – Dec 2024" in text
    assert "Date: 4 Mar 2026" in text
    assert text.count("UNCLASSIFIED — for briefing use") == 2


def test_table_numbers_are_the_query_layers(by_title, real_pack, real_engine):
    snapshot = real_pack.snapshots[1]  # women's share by mission
    expected = compute("women-share", YEAR_2024, ("mission",), engine=real_engine)
    values = dict(zip(expected["mission"], expected["value"].astype(float), strict=True))
    chart, numbers = by_title[snapshot.title]
    assert not table_rows(chart)
    header, *rows = table_rows(numbers)
    assert header == ["Mission", "Value (%)"]
    assert len(values) == 22 and len(rows) == 15
    assert "First 15 of 22 rows (latest and largest first); full numbers in the XLSX." in (
        slide_text(numbers))
    assert [row[0] for row in rows] == sorted(values, key=values.get, reverse=True)[:15]
    # The same shares summed straight from the UN monthly reports' rows.
    reported = direct.women_share_by_mission(real_engine, 2024)
    assert set(reported) == set(values)
    for mission, shown in rows:
        assert number(shown) == round(values[mission], 1) == round(reported[mission], 1)
    assert rows[0] == ["UNOWAS", "52.4"]  # 11 women of 21 person-months in 2024


def test_speaker_notes_carry_every_row_at_full_precision(by_title, real_pack, real_engine):
    snapshot = real_pack.snapshots[3]  # uniformed women and men, month by month
    expected = compute("uniformed-personnel", YEAR_2024, ("month", "gender"),
                       engine=real_engine)
    rows = notes_numbers(by_title[snapshot.title][0])
    assert len(rows) == len(expected) == 24
    assert list(rows[0]) == [c for c in expected.columns if c not in ("unit", "illustrative")]
    found = {(row["month"], row["gender"]): number(row["value"]) for row in rows}
    for month, gender, value in expected[["month", "gender", "value"]].itertuples(
            index=False):
        assert found[(month, gender)] == pytest.approx(float(value), abs=5e-5)
    assert rows[0]["month"] == "2024-12"  # latest first
    # December 2024 as printed on that month's UN report: 6,247 women, 54,954 men.
    assert direct.printed_totals(real_engine, dt.date(2024, 12, 1)) == (6247, 54954)
    assert (found[("2024-12", "women")], found[("2024-12", "men")]) == (6247, 54954)
    for message in snapshot.messages:
        assert message in notes(by_title[snapshot.title][0])


def test_a_short_table_sits_beside_its_chart(by_title, real_pack, real_engine):
    snapshot = real_pack.snapshots[0]  # interim actions on SEA allegations, 2024: four rows
    expected = compute("sea-actions", YEAR_2024, ("action", "actor", "stage"),
                       engine=real_engine)
    expected = expected[expected["stage"] == "interim"]
    (slide,) = by_title[snapshot.title]
    header, *rows = table_rows(slide)
    assert header == ["Action", "Taken by", "Value (allegations)"]
    shown = {(row[0], row[1]): number(row[2]) for row in rows}
    assert len(rows) == len(expected) == 4
    for action, actor, value in expected[["action", "actor", "value"]].itertuples(index=False):
        assert shown[(action, snapshot.names["actor"][actor])] == float(value)
    # Counted straight from the allegations' actions: all four were taken by the UN, and 56
    # allegations were still pending an interim action.
    counted = direct.sea_actions(real_engine, 2024, "interim")
    assert {(action, snapshot.names["actor"][actor]): count
            for (action, actor), count in counted.items()} == shown
    assert rows[0] == ["Pending", "United Nations", "56"]
    assert shape_named(slide, "Chart") is not None


def test_each_chart_slide_has_its_picture_messages_and_footer(by_title, real_pack):
    for (_page, _key, filters), snapshot in zip(PACK_CHARTS, real_pack.snapshots, strict=True):
        if not snapshot.has_data:
            continue  # no slide of its own (see below)
        slide = by_title[snapshot.title][0]
        footer = shape_named(slide, "Footer").text_frame.text
        assert f"Filters: {filters.describe()}" in footer
        for source in snapshot.sources:
            assert source_phrase(source) in footer
        assert "Generated 4 Mar 2026 09:30 UTC" in footer
        assert shape_named(slide, "Chart").image.content_type == "image/png"
        messages = shape_named(slide, "Key messages").text_frame.text
        # Two or three messages; one where the chart has one value (training, 2024).
        assert (2 if len(snapshot.frame) > 1 else 1) <= len(snapshot.messages) <= 3
        for message in snapshot.messages:
            assert message in messages


def test_footer_says_source_and_as_of_in_words(by_title, real_pack):
    footer = shape_named(by_title[real_pack.snapshots[1].title][0], "Footer").text_frame.text
    # 2024 comes from the UN monthly reports, the last of them for April 2025.
    assert ("Source: UN monthly reports: uniformed personnel contributions by mission, "
            "country, personnel type and gender, as of 30 Apr 2025") in footer


def test_illustrative_mark_is_on_exactly_the_slides_with_generated_data(slides, by_title,
                                                                       real_pack):
    generated = {id(slide) for snapshot in real_pack.snapshots
                 if snapshot.shows_generated_data for slide in by_title[snapshot.title]}
    assert len(generated) == 2  # training coverage, partnerships by status
    for slide in slides:
        assert marked(slide) == (id(slide) in generated), _titles([slide])


def test_a_chart_with_no_data_is_named_on_the_title_slide_not_given_one(
        slides, by_title, real_pack, real_engine):
    snapshot = real_pack.snapshots[5]  # allegations per year, Aug-Dec 2024: source ends Jul
    assert not snapshot.has_data
    assert "No data for Aug 2024 – Dec 2024" in snapshot.no_data
    assert direct.sea_months(real_engine) == ("2015-01", "2024-07")
    assert snapshot.title not in by_title
    assert not any("No data for" in slide_text(slide) for slide in slides[1:])
    assert f"Left out, with no data for these filters: {snapshot.title}." in slide_text(
        slides[0])


def test_sources_slide_cites_every_source_with_as_of_and_address(slides, real_pack):
    text = slide_text(slides[-1])
    for source in real_pack.sources:
        assert source.title in text and source.citation in text
    assert "As of 30 Apr 2025" in text  # the UN monthly reports: April 2025 is the last
    assert "As of 31 Jul 2024" in text  # the SEA table of allegations
    assert "https://peacekeeping.un.org/en/troop-and-police-contributors" in text
    assert "https://conduct.unmissions.org/table-of-allegations" in text
    assert "Generated data covering" in text
    assert not marked(slides[-1])


def test_progress_counts_the_charts(rendered, real_pack):
    calls = rendered["progress"]["pptx"]
    total = len(real_pack.snapshots)
    assert [(done, of) for done, of, _what in calls] == [(n, total) for n in range(total + 1)]
    assert calls[-1][2] == real_pack.snapshots[-1].title


def _titles(slides) -> list[str]:
    return [shape_named(slide, "Title").text_frame.text for slide in slides]
