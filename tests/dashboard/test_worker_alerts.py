"""The alert checks on Celery's schedule (PKDASH_ALERTS_CRON), and the scheduled task's body
run for real: a pending alert held back by a server that was down is e-mailed once."""

from __future__ import annotations

import pytest
from celery.schedules import crontab

from dashboard.worker import ALERTS_TASK, app, beat_schedule, check_alerts_now
from indicators import accounts
from indicators.alert_checks import check_all
from indicators.alert_subscriptions import add_subscription
from tests.dashboard.helpers import url_of
from tests.indicators.test_alerts import asked, v1_to_v2
from tests.indicators.test_tiers import world  # noqa: F401 - the fixture
from tests.smtp_server import smtp_server  # noqa: F401 - the fixture


def test_the_alert_checks_run_every_hour_unless_told_otherwise():
    assert beat_schedule({})["alert-checks"] == {"task": ALERTS_TASK,
                                                 "schedule": crontab(minute="15")}
    assert beat_schedule({"PKDASH_ALERTS_CRON": "*/10 * * * *"})["alert-checks"][
        "schedule"] == crontab(minute="*/10")
    assert "alert-checks" not in beat_schedule({"PKDASH_ALERTS_CRON": "off"})
    with pytest.raises(ValueError, match="PKDASH_ALERTS_CRON"):
        beat_schedule({"PKDASH_ALERTS_CRON": "hourly"})
    assert ALERTS_TASK in app.tasks


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_the_scheduled_task_sends_what_is_pending_once(world, smtp_server,  # noqa: F811
                                                        monkeypatch):
    inbox, env = smtp_server
    amina = accounts.add_account(world, "amina@gov.rw", "member-state", ["RWA"], "Amina K")
    add_subscription(world, amina, "allegations", mission="MINUSCA", seen_version=1)
    assert check_all(world, 2, asked({(1, 2): v1_to_v2()})[0]) == 1  # found, not yet sent
    monkeypatch.setenv("DATABASE_URL", url_of(world))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    # No data version in this database: nothing to compare, but what is pending goes out.
    assert check_alerts_now() == 0
    assert check_alerts_now() == 0
    assert [m["Subject"] for m in inbox.messages] == [
        "Dashboard alert: MINUSCA: 2 new allegation(s)"]
