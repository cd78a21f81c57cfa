"""Real Chromium on the real data: the overview, the UGPS tracker, a country and a mission show
the newest months of the UN's monthly reports (2025), with targets and gaps. Each expected
figure is worked out here by plain SQL on the report rows, not through the indicators."""

from __future__ import annotations

import datetime as dt
import math
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import text

from indicators.db import make_engine
from tests.browser.conftest import PageProblems
from tests.browser.test_filters import TIMEOUT_MS, part, wait_for_panels

pytestmark = [
    pytest.mark.browser,
    pytest.mark.realdata,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

MONTHS = {name: number for number, name in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)}
# The UGPS troop targets: 8% in 2021 (published) and 15% in 2028; 2025 lies on the straight
# line between them, 4/7 of the way: 12%.
TROOP_TARGET_2025 = 8 + (15 - 8) * 4 / 7


@pytest.fixture(scope="module")
def reports(real_database):
    engine = make_engine(real_database)
    yield engine
    engine.dispose()


def scalar(engine, sql: str, **params):
    with engine.connect() as conn:
        return conn.execute(text(sql), params).scalar_one()


def month_of(label: str) -> dt.date:
    name, year = label.split()
    return dt.date(int(year), MONTHS[name], 1)


def number(shown: str) -> float:
    return float(shown.replace(",", "").rstrip("%"))


def group_women(engine, month_from: str, month_to: str, **where) -> tuple[int, int]:
    """(women, total) summed over report rows of the months with a gender split."""
    conditions = " ".join(f"AND r.{column} = :{column}" for column in where)
    with engine.connect() as conn:
        women, total = conn.execute(text(
            "SELECT SUM(r.women), SUM(r.total) FROM report_deployment r "
            "JOIN monthly_report m ON m.month = r.month "
            "WHERE m.has_gender AND r.women IS NOT NULL "
            f"AND r.month BETWEEN :month_from AND :month_to {conditions}"),
            {"month_from": month_from, "month_to": month_to, **where}).one()
    return int(women), int(total)


def test_the_overview_shows_the_latest_common_twelve_months(page, real_server, reports):
    problems = PageProblems(page)
    page.goto(real_server + "/")
    wait_for_panels(page)
    sentence = page.locator(".pk-kpi-period")
    expect(sentence).to_contain_text("Real figures:", timeout=TIMEOUT_MS)
    found = re.search(r"Real figures: (\w{3} \d{4}) – (\w{3} \d{4})", sentence.inner_text())
    first, last = month_of(found[1]), month_of(found[2])
    assert last.year >= 2025 and (last.year - first.year) * 12 + last.month - first.month == 11
    # The newest report is no older than the period's end, and at most six months newer.
    newest = dt.date.fromisoformat(str(scalar(reports, "SELECT MAX(month) FROM monthly_report")))
    assert 0 <= (newest.year - last.year) * 12 + newest.month - last.month <= 6
    # Personnel: the mean over those 12 months of each report's total.
    months = scalar(reports, "SELECT COUNT(*) FROM monthly_report WHERE month BETWEEN :a AND :b",
                    a=first.isoformat(), b=last.isoformat())
    people = scalar(reports, "SELECT SUM(total) FROM report_deployment "
                             "WHERE month BETWEEN :a AND :b", a=first.isoformat(),
                    b=last.isoformat())
    card = page.locator("section[aria-labelledby='pk-overview-kpi-uniformed-personnel-title']")
    expect(card.locator(".pk-kpi-value")).to_have_text(f"{round(people / months):,}")
    expect(card).to_contain_text(f"{found[1]} – {found[2]}")
    # A card whose data run past the common period says how far.
    expect(card.locator(".pk-kpi-row-note")).to_contain_text(
        f"Data run to {newest:%b %Y}")
    # The map reads the same period: its caption says so.
    expect(part(page, "caption", "mission-map", page_name="overview")).to_contain_text(
        f"{found[1]} – {found[2]}")
    assert problems.errors == []


def test_the_ugps_tracker_shows_the_newest_month_against_its_target(page, real_server, reports):
    newest = dt.date.fromisoformat(str(scalar(
        reports, "SELECT MAX(month) FROM monthly_report WHERE has_gender")))
    assert newest.year >= 2025
    women, total = group_women(reports, newest.isoformat(), newest.isoformat(),
                               category="troops")
    share = 100 * women / total
    needed = math.ceil(TROOP_TARGET_2025 / 100 * total - women)
    assert share < TROOP_TARGET_2025 and needed > 0  # the troops' gap the tracker must show
    page.goto(real_server + "/women")
    wait_for_panels(page)
    expect(part(page, "caption", "tracker")).to_contain_text(f"{newest:%b %Y}")
    summary = part(page, "summary", "tracker")
    expect(summary).to_contain_text(
        f"Military contingents {share:.1f}% (target {TROOP_TARGET_2025:.1f}%: {needed:,} more "
        "women needed (estimated target))")
    # The contributors' grid: each of the largest contributors coloured against the targets.
    grid = part(page, "summary", "parity-by-country")
    expect(grid).to_contain_text("The 20 largest contributors against the UGPS targets: "
                                 "Military contingents:")
    card = page.locator(".pk-panel").filter(has=part(page, "summary", "parity-by-country"))
    card.scroll_into_view_if_needed()
    expect(card.locator(".js-plotly-plot .heatmaplayer")).to_be_attached(timeout=TIMEOUT_MS)


def newest_month(reports) -> dt.date:
    return dt.date.fromisoformat(str(scalar(
        reports, "SELECT MAX(month) FROM monthly_report WHERE has_missions")))


def year_words(reports, year: int) -> str:
    """How a summary names the year: whole, or its months covered so far ("Jan–Apr 2025")."""
    newest = newest_month(reports)
    if newest.year > year or newest.month == 12:
        return str(year)
    return f"Jan–{newest:%b} {year}" if newest.month > 1 else f"Jan {year}"


def test_a_country_shows_2025_against_the_targets(page, real_server, reports):
    page.goto(real_server + "/countries?country=RWA")
    wait_for_panels(page)
    women, total = group_women(reports, "2025-01-01", "2025-12-01", category="troops",
                               country_iso3="RWA")
    summary = part(page, "summary", "women-share", page_name="countries")
    expect(summary).to_contain_text(f"in {year_words(reports, 2025)}:")
    expect(summary).to_contain_text(f"Military contingents {100 * women / total:.1f}%")
    legend = page.locator(".pk-panel").filter(has=summary).locator(".legendtext")
    expect(legend.filter(has_text="Target (Military contingents)")).to_have_count(1)


def test_a_mission_shows_its_newest_month(page, real_server, reports):
    newest = newest_month(reports)
    troops = scalar(reports, "SELECT SUM(total) FROM report_deployment WHERE month = :m AND "
                             "mission = 'MONUSCO' AND category = 'troops'", m=newest.isoformat())
    page.goto(real_server + "/missions?mission=MONUSCO")
    wait_for_panels(page)
    strength = part(page, "summary", "strength", page_name="missions")
    expect(strength).to_contain_text(f"in {newest:%B %Y}: Troops {troops:,}")
    women = part(page, "summary", "women-share", page_name="missions")
    expect(women).to_contain_text(f"in {year_words(reports, 2025)}:")
