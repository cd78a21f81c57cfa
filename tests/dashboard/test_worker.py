"""The Celery app's configuration: the beat schedule read from the environment, and the
refresh task's lock in the broker's Redis, so two refreshes never overlap."""

from __future__ import annotations

import pytest
import redis
from celery.schedules import crontab

from dashboard.worker import (
    REFRESH_LOCK,
    REFRESH_TASK,
    app,
    beat_schedule,
    make_celery,
    refresh_with_lock,
)


def test_the_refresh_runs_every_night_unless_told_otherwise():
    assert beat_schedule({})["refresh"] == {"task": REFRESH_TASK,
                                            "schedule": crontab(minute="30", hour="2")}
    every_six_hours = beat_schedule({"PKDASH_REFRESH_CRON": "0 */6 * * 1-5"})["refresh"]
    assert every_six_hours["schedule"] == crontab(minute="0", hour="*/6", day_of_week="1-5")
    assert "refresh" not in beat_schedule({"PKDASH_REFRESH_CRON": "off"})


@pytest.mark.parametrize("value", ["daily", "0 2 * *", "61 2 * * *", "0 25 * * *"])
def test_a_bad_schedule_stops_the_start_naming_the_variable(value):
    with pytest.raises(ValueError, match="PKDASH_REFRESH_CRON"):
        beat_schedule({"PKDASH_REFRESH_CRON": value})


def test_the_app_takes_its_broker_from_the_environment_and_knows_its_tasks():
    celery = make_celery({"PKDASH_BROKER_URL": "redis://127.0.0.1:1/3"})
    assert celery.conf.broker_url == "redis://127.0.0.1:1/3"
    assert celery.conf.task_acks_late and celery.conf.worker_prefetch_multiplier == 1
    assert {"pkdash.render_export", "pkdash.refresh"} <= set(app.tasks)


def test_a_refresh_while_another_holds_the_lock_does_nothing(redis_server, tmp_path):
    env = {"PKDASH_BROKER_URL": redis_server.url, "PKDASH_RAW_DIR": str(tmp_path / "raw"),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"}
    client = redis.Redis.from_url(redis_server.url)
    other = client.lock(REFRESH_LOCK, timeout=60)
    assert other.acquire(blocking=False)
    try:
        assert "another refresh is running" in refresh_with_lock(env, sources=[])
        assert not (tmp_path / "db.sqlite").exists()
    finally:
        other.release()
    # Free again: this one runs (nothing to fetch: nothing to build), and lets go after.
    assert refresh_with_lock(env, sources=[]).endswith("refresh: unchanged")
    assert client.get(REFRESH_LOCK) is None
