"""The "since" parameter and the "What changed" panel: words in English and French from a
hand-made ChangeSet, narrowing by the page's filters, and the panel over two real data
versions on SQLite and PostgreSQL, through the app's own callback endpoint."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dashboard.panels.changes import changes_panel
from indicators.briefings import save_briefing
from indicators.change_scope import narrow
from indicators.db import make_engine
from indicators.filters import CATEGORY_WORDS, Filters
from indicators.i18n import use_locale
from indicators.lookups import labels
from indicators.viewer import ANONYMOUS
from tests.dashboard.callback_bodies import ENDPOINT, body_for, find_callback
from tests.dashboard.helpers import app_for, text_of
from tests.since_data import hand_made_changes, two_versions_fixture  # noqa: F401


def test_panel_says_each_change_in_english():
    text = text_of(changes_panel("briefing", hand_made_changes(), day=dt.date(2025, 6, 30)))
    assert "Since your briefing of 30 June 2025" in text
    assert "Changes from data version v3 (30 June 2025) to data version v4 (2 August 2025)" \
        in text
    assert "Jun 2025, Jul 2025" in text  # the new months of the monthly reports
    # A revised figure: old → new, who revised it, and in which versions and files.
    assert ("UNMISS, RWA, troops, 2025-03: total: 120 → 118, revised by IPI Peacekeeping "
            "Database") in text
    assert ("data version v3 → v4; its file gender_2025_05.csv (as of 31 May 2025) → "
            "gender_2025_07.csv (as of 31 Jul 2025)") in text
    assert "MINUSCA, BGD, troops, 2025-03: total: 40 withdrawn by" in text
    assert "Women's share, Military contingents: 7.9% → 8.4% — reached its target of 8.0%" \
        in text
    assert "MINUSCA: 2 new allegations (reported Jul 2025; personnel of CMR)" in text


def test_panel_says_each_change_in_french():
    with use_locale("fr"):
        text = text_of(changes_panel("briefing", hand_made_changes(), day=dt.date(2025, 6, 30),
                                     country_names={"CMR": "Cameroun"}))
    assert "Depuis votre note d'information du 30 juin 2025" in text
    assert "Nouveaux mois de données" in text
    assert "120 → 118, révisé par" in text
    # Babel's French: a narrow no-break space before the percent sign.
    assert ("Part des femmes, Contingents militaires : 7,9\u202f% → 8,4\u202f% — a atteint "
            "sa cible de 8,0\u202f%") in text
    assert "MINUSCA : 2 nouvelles allégations (signalée(s) en juil. 2025" in text
    assert "personnel de : Cameroun" in text


def test_a_date_and_a_version_are_said_as_such():
    changes = hand_made_changes()
    assert "Since 1 July 2025" in text_of(changes_panel("date", changes, day=dt.date(2025, 7, 1)))
    assert "Since data version v3 (30 June 2025)" in text_of(changes_panel("version", changes))


def test_mission_and_country_filters_narrow_revisions_and_allegations_only():
    changes = hand_made_changes()
    narrowed, hidden = narrow(changes, Filters(missions=("UNMISS",)))
    assert [r.mission for r in narrowed.revisions] == ["UNMISS"]
    assert narrowed.new_allegations == [] and hidden == 2
    # A source's new months and the headline KPIs concern every mission: kept.
    assert narrowed.new_months == changes.new_months and narrowed.kpi_moves == changes.kpi_moves
    text = text_of(changes_panel("version", narrowed, hidden=hidden))
    assert "2 changes for other missions or countries are not listed" in text
    by_country, hidden = narrow(changes, Filters(countries=("CMR",)))
    assert by_country.revisions == [] and len(by_country.new_allegations) == 1 and hidden == 2
    assert narrow(changes, Filters())[1] == 0


def _panel(client, app, search: str, query: dict | None = None) -> dict:
    """What the since callback answers for an address, as the browser would ask it."""
    dependencies = client.get("/_dash-dependencies").get_json()
    callback = find_callback(dependencies, "pk-since-panel")
    body = body_for(callback, [search, None, query], [[]])
    response = client.post(ENDPOINT, data=json.dumps(body),
                           content_type="application/json")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["response"]


def test_since_a_version_lists_exactly_the_changes_between_the_versions(two_versions):
    url, versions = two_versions
    app = app_for(url)
    client = app.server.test_client()
    answer = _panel(client, app, f"?since=v{versions.old_version}")
    panel = json.dumps(answer["pk-since-panel"]["children"], ensure_ascii=False)
    month, mission, iso3, category, _field, old, new = versions.expected.revision
    assert f"Since data version v{versions.old_version}" in panel
    # Said from the revision's fields: the country's name, the category's and month's words.
    engine = make_engine(url)
    country = labels(engine)["country"][iso3]
    engine.dispose()
    assert (f"{mission}, {country}, {_category(category)}, {month:%b %Y}: women: {old} → {new}"
            in panel)
    assert "MINUSCA: 1 new allegation (reported Jun 2024; personnel of Cameroon)" in panel
    assert "monthly reports" in panel and "Apr 2025" in panel
    assert answer["pk-since-notice"]["is_open"] is False
    # The mission filter: MINUSCA's allegation stays, the other mission's revision is left
    # out, and the panel says so.
    answer = _panel(client, app, f"?since=v{versions.old_version}&mission=MINUSCA",
                    {"mission": ["MINUSCA"]})
    panel = json.dumps(answer["pk-since-panel"]["children"], ensure_ascii=False)
    assert "1 new allegation" in panel and f"{old} → {new}" not in panel
    assert "1 change for other missions or countries is not listed" in panel


@pytest.mark.parametrize(("value", "reason"), [
    ("yesterday", "is not a date (YYYY-MM-DD), an ISO timestamp or a data version"),
    ("v99", "there is no data version v99"),
    ("1999-01-01", "is before the first data version"),
    ("briefing-77", "no saved briefing by this address that you may open"),
    ("briefing-AAAAAAAAAAAAAAAA", "no saved briefing by this address that you may open"),
])
def test_a_bad_since_is_reported_in_the_notice_area_never_a_500(two_versions, value, reason):
    url, _versions = two_versions
    app = app_for(url)
    answer = _panel(app.server.test_client(), app, f"?since={value}&mission=MINUSCA")
    notice = json.dumps(answer["pk-since-notice"]["children"], ensure_ascii=False)
    assert f"since={value}" in notice and reason in notice
    assert answer["pk-since-notice"]["is_open"] is True
    assert answer["pk-since-panel"]["children"] == []
    assert answer["pk-url"]["search"] == "?mission=MINUSCA"  # dropped, like a bad filter


def test_since_a_saved_briefing_offers_the_old_and_the_new_numbers(two_versions):
    url, versions = two_versions
    engine = make_engine(url)
    token = save_briefing(
        engine, page="women", fmt="xlsx", locale="en", title="Women, for the C-34",
        address="/export/women.xlsx?lang=en", page_address="http://localhost/women",
        query="", filename="women.xlsx", media_type="application/x", content=b"old pack",
        data_version=versions.old_version, viewer=ANONYMOUS, restricted=False,
        made_at=dt.datetime(2025, 6, 30, 10, tzinfo=dt.UTC))
    engine.dispose()
    app = app_for(url)
    client = app.server.test_client()
    answer = _panel(client, app, f"?since=briefing-{token}")
    panel = json.dumps(answer["pk-since-panel"]["children"], ensure_ascii=False)
    assert "Since your briefing of 30 June 2025" in panel
    assert f"/briefings/{token}/file" in panel and f'"/briefings/{token}"' in panel
    assert "1 new allegation" in panel
    assert client.get(f"/briefings/{token}/file").get_data() == b"old pack"
    # The briefing's own page: what it was, what changed since, both sets of numbers.
    from dashboard.pages.saved_briefing import layout

    with app.server.test_request_context(f"/briefings/{token}"):
        page = text_of(layout(token=token))
    assert "Women, for the C-34" in page
    assert f"Made on 30 June 2025 as XLSX from data version v{versions.old_version}" in page
    assert "Since your briefing of 30 June 2025" in page and "1 new allegation" in page
    assert "The briefing as made (old numbers)" in page
    assert "The same pack with today's data" in page and "This view now" in page


def _category(slug: str) -> str:
    return CATEGORY_WORDS.get(slug, slug)


def _structured():
    """The hand-made changes, their revisions carrying the fields indicators now fill."""
    from dataclasses import replace

    changes = hand_made_changes()
    changes.revisions = [replace(r, category="troops", field="total") for r in changes.revisions]
    changes.revisions.append(replace(changes.revisions[0], key="revised:allegation:x:result:v4",
                                     domain="allegation", category=None, field="result",
                                     country_iso3="CMR", mission="MINUSCA",
                                     what="MINUSCA, CMR, 2025-03: result", old="1200",
                                     new="Substantiated"))
    return changes


def test_revised_figures_are_said_in_english_from_their_fields():
    text = text_of(changes_panel("briefing", _structured(), day=dt.date(2025, 6, 30),
                                 country_names={"RWA": "Rwanda", "BGD": "Bangladesh",
                                                "CMR": "Cameroon"}))
    assert "UNMISS, Rwanda, troops, Mar 2025: total: 120 → 118, revised by" in text
    assert "MINUSCA, Bangladesh, troops, Mar 2025: total: 40 withdrawn by" in text
    assert "allegation, MINUSCA, Cameroon, Mar 2025: outcome: 1,200 → Substantiated" in text


def test_revised_figures_are_said_in_french_from_their_fields():
    with use_locale("fr"):
        text = text_of(changes_panel("briefing", _structured(), day=dt.date(2025, 6, 30),
                                     country_names={"RWA": "Rwanda", "BGD": "Bangladesh",
                                                    "CMR": "Cameroun"}))
    # No English code is left: the mission's French acronym, the category and month in French.
    assert "MINUSS, Rwanda, troupes, mars 2025 : total : 120 → 118, révisé par" in text
    assert "MINUSCA, Bangladesh, troupes, mars 2025 : total : 40 retiré" in text
    assert "allégation, MINUSCA, Cameroun, mars 2025 : issue : 1\u202f200 → Substantiated" \
        in text
    assert "troops" not in text and "2025-03" not in text and "RWA" not in text
