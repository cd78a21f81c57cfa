"""Alerts on SQLite and PostgreSQL, against a real SMTP server: each change of a ChangeSet gives
one event, one e-mail and one feed entry however often the checks run; KPI alerts are computed
as the subscriber, so a delegation is alerted on its own rows only."""

from __future__ import annotations

import datetime as dt
import socket
import xml.etree.ElementTree as ET

import pytest
from sqlalchemy import func, insert, select, update

from indicators import accounts
from indicators.alert_checks import check_all
from indicators.alert_feed import atom_feed
from indicators.alert_mail import SmtpConfig, deliver
from indicators.alert_subscriptions import (
    SubscriptionError,
    account_for_feed,
    add_subscription,
    feed_token,
    list_subscriptions,
    remove_subscription,
    renew_feed_token,
)
from indicators.change_set import ChangeSet, DataVersionInfo, NewAllegations, NewMonths, Revision
from indicators.models.alerts import AlertEvent, AlertSubscription
from indicators.models.illustrative import UnitEvaluation
from tests.dashboard.helpers import insert_version
from tests.indicators.test_measures_performance import evaluation
from tests.indicators.test_tiers import FEB, world  # noqa: F401 - the fixture
from tests.smtp_server import smtp_server, smtp_with_login  # noqa: F401 - the fixtures

ATOM = "{http://www.w3.org/2005/Atom}"
APR, MAY = dt.date(2025, 4, 1), dt.date(2025, 5, 1)


def version(number: int) -> DataVersionInfo:
    return DataVersionInfo(number, dt.datetime(2025, 6, number, tzinfo=dt.UTC), {})


def revision(n: int) -> Revision:
    return Revision(key=f"revised:personnel:2025-03:MINUSCA:RWA:Troops:total:{n}",
                    domain="personnel", source="un-dpo-contributions", kind="revised",
                    what=f"MINUSCA, Rwanda, Troops, March 2025 ({n})", old="100", new="110",
                    old_version=1, new_version=2, month=dt.date(2025, 3, 1))


def v1_to_v2() -> ChangeSet:
    """Two new months of one source, two revised figures of it, new allegations in MINUSCA
    (naming Rwandan personnel) and in UNMISS, and new months of a source nobody follows."""
    return ChangeSet(
        since=version(1), until=version(2),
        new_months=[NewMonths("new-months:un-dpo-contributions:2025-05",
                              "un-dpo-contributions", (APR, MAY)),
                    NewMonths("new-months:un-fatalities:2025-05", "un-fatalities", (MAY,))],
        revisions=[revision(1), revision(2)],
        new_allegations=[NewAllegations("allegations:MINUSCA:v2", "MINUSCA", 2, ("RWA",), (MAY,)),
                         NewAllegations("allegations:UNMISS:v2", "UNMISS", 1, ("GHA",), (MAY,))])


def asked(changesets: dict):
    """changes_for as indicators.alerts passes it, answering from hand-made ChangeSets and
    counting the calls (one per version pair, however many subscriptions)."""
    calls = []

    def changes_for(old, new):
        calls.append((old, new))
        return changesets[(old, new)]

    return changes_for, calls


def feed_entries(engine, account_id) -> list[ET.Element]:
    root = ET.fromstring(atom_feed(engine, account_id, "https://dash.example.org/alerts/feed/x",
                                   "https://dash.example.org"))
    return root.findall(f"{ATOM}entry")


def test_each_change_gives_one_event_one_email_one_feed_entry(world, smtp_server):  # noqa: F811
    inbox, env = smtp_server
    amina = accounts.add_account(world, "amina@gov.rw", "member-state", ["RWA"], "Amina K")
    follows = [
        add_subscription(world, amina, "source", subject="un-dpo-contributions",
                         view_path="/countries", seen_version=1),
        add_subscription(world, amina, "allegations", mission="MINUSCA", view_path="/conduct",
                         seen_version=1),
        add_subscription(world, amina, "allegations", nationality="rwa", view_path="/conduct",
                         seen_version=1, locale="fr"),
    ]
    changes_for, calls = asked({(1, 2): v1_to_v2()})
    config = SmtpConfig.from_env(env)
    # Source: two new months (one NewMonths) and the revisions (one alert); MINUSCA; Rwanda.
    assert check_all(world, 2, changes_for) == 4
    assert calls == [(1, 2)]
    assert deliver(world, config) == 4
    # Again: nothing new; and again as a check that started before the first one moved the
    # subscriptions on (the database's unique key keeps the change from being recorded twice).
    assert check_all(world, 2, changes_for) == 0
    with world.begin() as conn:
        conn.execute(update(AlertSubscription).values(last_version=1))
    assert check_all(world, 2, changes_for) == 0
    assert deliver(world, config) == 0
    with world.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(AlertEvent)) == 4
    assert len(inbox.messages) == 4
    assert {m["To"] for m in inbox.messages} == {"amina@gov.rw"}
    subjects = sorted(m["Subject"] for m in inbox.messages)
    assert "Dashboard alert: MINUSCA: 2 new allegation(s)" in subjects
    assert any("un-dpo-contributions: new data for Apr 2025, May 2025" in s for s in subjects)
    assert any("2 figure(s) revised" in s for s in subjects)
    french = next(m for m in inbox.messages if "Rwanda" in m["Subject"] or "RWA" in m["Subject"])
    assert french["Subject"].startswith("Alerte du tableau de bord")
    body = french.get_content()
    # The link opens the view "since" the version the subscriber last saw.
    assert "https://dash.example.org/conduct?country=RWA&since=v1" in body
    # Nationality alerts tell no count (the disclosure rule withholds small ones).
    assert "2" not in french["Subject"]
    entries = feed_entries(world, amina.id)
    assert len(entries) == 4
    links = sorted(e.find(f"{ATOM}link").get("href") for e in entries)
    assert links == sorted([
        "https://dash.example.org/countries?since=v1",
        "https://dash.example.org/countries?since=v1",
        "https://dash.example.org/conduct?mission=MINUSCA&since=v1",
        "https://dash.example.org/conduct?country=RWA&since=v1"])
    assert {s.last_version for s in list_subscriptions(world, amina.id)} == {2}
    assert len(follows) == 3


def test_without_smtp_alerts_go_to_the_feed_only(world, caplog):  # noqa: F811
    amina = accounts.add_account(world, "amina@gov.rw", "member-state", ["RWA"], "Amina K")
    add_subscription(world, amina, "allegations", mission="MINUSCA", view_path="/conduct",
                     seen_version=1)
    assert check_all(world, 2, asked({(1, 2): v1_to_v2()})[0]) == 1
    with caplog.at_level("INFO"):
        assert deliver(world, SmtpConfig.from_env({})) == 0
    assert "e-mail is off" in caplog.text
    with world.connect() as conn:
        assert conn.scalars(select(AlertEvent.email)).all() == ["off"]
    assert len(feed_entries(world, amina.id)) == 1


def test_a_delegations_kpi_alert_is_computed_on_its_own_rows(world, smtp_server):  # noqa: F811
    """France's units score 40, everyone's 70. A French unit scoring 100 is added: France's
    own figure becomes 70 (crossing 50), everyone's 76. Rwanda's own 70 does not move, so its
    line at 75 is not crossed, though the Secretariat's figure crosses it."""
    inbox, env = smtp_server
    france = accounts.add_account(world, "paul@gouv.fr", "member-state", ["FRA"], "Paul")
    rwanda = accounts.add_account(world, "amina@gov.rw", "member-state", ["RWA"], "Amina")
    seen = add_subscription(world, france, "kpi", subject="unit-evaluation-score",
                            threshold=50, view_path="/performance", seen_version=1)
    assert (seen.last_value, seen.last_side) == (pytest.approx(40.0), "below")
    add_subscription(world, rwanda, "kpi", subject="unit-evaluation-score", threshold=75,
                     view_path="/performance", seen_version=1)
    with world.begin() as conn:
        conn.execute(insert(UnitEvaluation), [
            evaluation(5, FEB, "FRA", "MINUSCA", "troops", (100,) * 5)])
    insert_version(world, source="illustrative-performance",
                   loaded_at=dt.datetime(2025, 6, 2, tzinfo=dt.UTC))  # what a build does
    empty = ChangeSet(since=version(1), until=version(2))
    assert check_all(world, 2, asked({(1, 2): empty})[0]) == 1
    deliver(world, SmtpConfig.from_env(env))
    [message] = inbox.messages
    assert message["To"] == "paul@gouv.fr"
    assert "rose to 70, at or above 50" in message["Subject"]
    assert "76" not in message.get_content()
    assert "It was 40 at the previous data version." in message.get_content()
    # Rwanda's subscription moved on without an alert; its value is still its own rows'.
    by_account = {s.account_id: s for s in list_subscriptions(world)}
    assert by_account[rwanda.id].last_value == pytest.approx(70.0)
    assert by_account[rwanda.id].last_side == "below"
    entries = feed_entries(world, france.id)
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == [
        "https://dash.example.org/performance?since=v1"]


def test_public_user_cannot_subscribe_to_a_restricted_indicator(world):  # noqa: F811
    reader = accounts.add_account(world, "reader@example.org", "public", [], "Reader")
    with pytest.raises(SubscriptionError, match="unit-evaluation-score is restricted"):
        add_subscription(world, reader, "kpi", subject="unit-evaluation-score", threshold=50,
                         seen_version=1)
    rwanda = accounts.add_account(world, "amina@gov.rw", "member-state", ["RWA"], "Amina")
    with pytest.raises(SubscriptionError, match="capability-gaps-open is restricted"):
        add_subscription(world, rwanda, "kpi", subject="capability-gaps-open", threshold=1,
                         seen_version=1)
    assert list_subscriptions(world) == []


def test_a_tier_taken_away_stops_the_kpi_alert_and_hides_its_entries(world):  # noqa: F811
    france = accounts.add_account(world, "paul@gouv.fr", "member-state", ["FRA"], "Paul")
    add_subscription(world, france, "kpi", subject="unit-evaluation-score", threshold=50,
                     seen_version=1)
    with world.begin() as conn:
        conn.execute(insert(UnitEvaluation), [
            evaluation(5, FEB, "FRA", "MINUSCA", "troops", (100,) * 5)])
    insert_version(world, source="illustrative-performance",
                   loaded_at=dt.datetime(2025, 6, 2, tzinfo=dt.UTC))
    with world.begin() as conn:  # the delegation's figure is now an entry of its feed
        conn.execute(insert(AlertEvent).values(
            subscription_id=list_subscriptions(world)[0].id, account_id=france.id,
            change_key="kpi:earlier", created=accounts.now(), old_version=0, new_version=1,
            title="Unit evaluation score rose to 55", body="", link="/performance",
            visibility="member-state", email="sent", email_error=""))
    accounts.set_claims(world, france.id, "public", (), "Paul")
    empty = ChangeSet(since=version(1), until=version(2))
    assert check_all(world, 2, asked({(1, 2): empty})[0]) == 0
    assert feed_entries(world, france.id) == []


def test_subscriptions_are_checked_and_removed_by_their_owner_only(world):  # noqa: F811
    amina = accounts.add_account(world, "amina@gov.rw", "member-state", ["RWA"], "Amina")
    other = accounts.add_account(world, "paul@gouv.fr", "member-state", ["FRA"], "Paul")
    for wrong, message in (
            ({"kind": "source", "subject": "no-such-source"}, "not a source"),
            ({"kind": "allegations", "mission": "NOPE"}, "no mission"),
            ({"kind": "allegations"}, "a mission or a nationality"),
            ({"kind": "allegations", "nationality": "XXX"}, "ISO 3166"),
            ({"kind": "kpi", "subject": "women-share", "filters": "mission=NOPE",
              "threshold": 10}, "mission='NOPE'"),
            ({"kind": "kpi", "subject": "uniformed-personnel"}, "no target"),
            ({"kind": "weather"}, "not one of")):
        with pytest.raises(SubscriptionError, match=message):
            add_subscription(world, amina, seen_version=1, **wrong)
    mine = add_subscription(world, amina, "allegations", mission="UNMISS", seen_version=1)
    assert not remove_subscription(world, other.id, mine.id)
    assert remove_subscription(world, amina.id, mine.id)
    assert list_subscriptions(world, amina.id) == []


def test_the_feed_address_is_secret_and_renewable(world):  # noqa: F811
    amina = accounts.add_account(world, "amina@gov.rw", "member-state", ["RWA"], "Amina")
    first = feed_token(world, amina.id)
    assert feed_token(world, amina.id) == first and len(first) >= 40
    assert account_for_feed(world, first) == amina.id
    second = renew_feed_token(world, amina.id)
    assert second != first
    assert account_for_feed(world, first) is None
    assert account_for_feed(world, second) == amina.id
    assert account_for_feed(world, "") is None


@pytest.mark.parametrize("engine_name", ["sqlite"])
# Plain-text login without TLS is what aiosmtpd warns of: on loopback, in a test, it is fine.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_an_email_waits_while_the_server_is_down_then_goes_once(world, smtp_with_login,  # noqa: F811
                                                                 caplog):
    inbox, env = smtp_with_login
    amina = accounts.add_account(world, "amina@gov.rw", "member-state", ["RWA"], "Amina K")
    add_subscription(world, amina, "allegations", mission="MINUSCA", seen_version=1)
    assert check_all(world, 2, asked({(1, 2): v1_to_v2()})[0]) == 1
    with socket.socket() as unused:  # a port nothing listens on: the server is down
        unused.bind(("127.0.0.1", 0))
        down = SmtpConfig.from_env({**env, "PKDASH_SMTP_PORT": str(unused.getsockname()[1]),
                                    "PKDASH_SMTP_PASSWORD": "secret"})
        assert deliver(world, down) == 0
    assert "e-mail server 127.0.0.1" in caplog.text
    with world.connect() as conn:
        assert conn.scalars(select(AlertEvent.email)).all() == ["pending"]
    right = SmtpConfig.from_env({**env, "PKDASH_SMTP_PASSWORD": "secret"})
    assert deliver(world, right) == 1
    assert deliver(world, right) == 0
    assert len(inbox.messages) == 1


def test_target_words_follow_the_indicators_direction():
    """Lower is better: falling below the target is reaching it."""
    from indicators.alert_matching import for_kpi
    from indicators.alert_subscriptions import Subscription

    def sub(side, threshold=None):
        return Subscription(7, 1, "kpi", "x", "", "", "", threshold, "/p", "en",
                            dt.datetime(2025, 1, 1, tzinfo=dt.UTC), 1, 3.0, side)

    side, found = for_kpi(sub("above"), "Rate", 1.5, 2.0, False, 1, 2, "public")
    assert side == "below" and found.title == "Rate reached its target: 1.50 (target 2)"
    assert found.change_key == "kpi:7:v1-v2" and found.link == "/p?since=v1"
    _, found = for_kpi(sub("above"), "Share", 1.5, 2.0, True, 1, 2, "public")
    assert found.title == "Share is no longer at its target: 1.50 (target 2)"
    _, found = for_kpi(sub("below", 2.0), "Share", 2.0, 2.0, True, 1, 2, "public")
    assert found.title == "Share rose to 2, at or above 2"
    assert for_kpi(sub("below"), "Share", 1.0, 2.0, True, 1, 2, "public") == ("below", None)
    assert for_kpi(sub(None), "Share", 3.0, 2.0, True, 1, 2, "public") == ("above", None)
    assert for_kpi(sub("below"), "Share", None, 2.0, True, 1, 2, "public") == (None, None)
