"""The Celery app (`celery -A dashboard.worker worker` / `beat`): export packs, and the
scheduled fetch → build refresh, on workers that every web host reaches through the broker."""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache

from celery import Celery
from celery.schedules import crontab

from dashboard.exports.jobs import RENDER_TASK

BROKER_VARIABLE = "PKDASH_BROKER_URL"
REFRESH_TASK = "pkdash.refresh"
REFRESH_CRON_VARIABLE = "PKDASH_REFRESH_CRON"
DEFAULT_REFRESH_CRON = "30 2 * * *"  # every night at 02:30 UTC, when nobody briefs
OFF_WORDS = ("off", "never", "none")
ALERTS_TASK = "pkdash.check_alerts"
ALERTS_CRON_VARIABLE = "PKDASH_ALERTS_CRON"
# Every hour at :15: the checks after each build find the changes; this one sends the e-mails
# an unreachable SMTP server held back, and catches a build made on a host without a worker.
DEFAULT_ALERTS_CRON = "15 * * * *"
REFRESH_LOCK = "pkdash:refresh"
# A refresh that dies without releasing the lock frees it after this long: longer than the
# slowest build, shorter than the day between two scheduled refreshes.
REFRESH_LOCK_SECONDS = 6 * 3600


def parse_cron(name: str, value: str | None, default: str) -> crontab | None:
    """Five crontab fields ("30 2 * * *": minute hour day-of-month month day-of-week), in
    UTC, or "off"; a mistake stops the start and names the variable."""
    text = (value or "").strip() or default
    if text.lower() in OFF_WORDS:
        return None
    fields = text.split()
    if len(fields) != 5:
        raise ValueError(f"{name}={value!r}: expected five crontab fields such as "
                         f"'{default}', or 'off'")
    minute, hour, day_of_month, month, day_of_week = fields
    try:
        return crontab(minute=minute, hour=hour, day_of_month=day_of_month,
                       month_of_year=month, day_of_week=day_of_week)
    except ValueError as error:
        raise ValueError(f"{name}={value!r}: {error}") from None


def beat_schedule(env: Mapping[str, str]) -> dict:
    """What `celery beat` sends, and when."""
    schedule = {}
    refresh = parse_cron(REFRESH_CRON_VARIABLE, env.get(REFRESH_CRON_VARIABLE),
                         DEFAULT_REFRESH_CRON)
    if refresh is not None:
        schedule["refresh"] = {"task": REFRESH_TASK, "schedule": refresh}
    alerts = parse_cron(ALERTS_CRON_VARIABLE, env.get(ALERTS_CRON_VARIABLE),
                        DEFAULT_ALERTS_CRON)
    if alerts is not None:
        schedule["alert-checks"] = {"task": ALERTS_TASK, "schedule": alerts}
    return schedule


def make_celery(env: Mapping[str, str]) -> Celery:
    celery = Celery("pkdash", broker=env.get(BROKER_VARIABLE) or None)
    celery.conf.update(
        # State lives in the database (export_job), not in a result backend.
        task_ignore_result=True,
        # A pack is minutes of CPU on 2 cores: take one task at a time, and acknowledge it
        # once done, so a worker that dies mid-pack leaves the task for another.
        task_acks_late=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        timezone="UTC",
        beat_schedule=beat_schedule(env),
    )
    return celery


app = make_celery(os.environ)


@cache
def _dash_app():
    """This process's app: registers the pages and charts a pack is built from, opens the
    engine and the job store (the database, as the web hosts with a broker do)."""
    from dashboard.app import create_app
    from dashboard.settings import Settings

    return create_app(Settings.from_env())


@app.task(name=RENDER_TASK)
def render_export(job_id: str) -> None:
    """Render a pack a web host queued: as the viewer who asked, into the database."""
    from dashboard.exports.pack_job import read_described
    from dashboard.exports.routes import JOBS_KEY
    from dashboard.web.context import ENGINE_KEY

    server = _dash_app().server
    engine = server.config[ENGINE_KEY]
    with server.app_context():
        server.config[JOBS_KEY].run_stored(job_id, lambda text: read_described(text, engine))


@app.task(name=REFRESH_TASK)
def refresh_data() -> str:
    """Fetch → build, holding a lock in the broker's Redis so two never overlap."""
    return refresh_with_lock(os.environ)


def refresh_with_lock(env: Mapping[str, str], sources=None) -> str:
    """The refresh task's body: also what a test calls with a small raw folder."""
    import redis

    from indicators.config import DataConfig

    client = redis.Redis.from_url(env[BROKER_VARIABLE])
    lock = client.lock(REFRESH_LOCK, timeout=REFRESH_LOCK_SECONDS)
    return refresh_then_check(DataConfig.from_env(dict(env)), lock, sources).summary


def refresh_then_check(config, lock, sources=None, log=print):
    """Fetch → build under `lock`, then the alert checks when a build ran: the one body of
    the Celery task and of `pkdash refresh` (dashboard/cli_refresh.py)."""
    from indicators.db import make_engine
    from indicators.refresh import refresh

    report = refresh(config, lock, sources, log=log)
    if report.state in ("built", "rejected"):
        engine = make_engine(config.database_url)
        try:
            check_alerts(engine)
        finally:
            engine.dispose()
    return report


def check_alerts(engine) -> int:
    """The alert checks after each build (issue 17): one alert per change, e-mailed once."""
    from indicators.alerts import run_checks

    return run_checks(engine)


@app.task(name=ALERTS_TASK)
def check_alerts_now() -> int:
    """The scheduled alert checks (PKDASH_ALERTS_CRON); the number of new alerts."""
    from indicators.config import DataConfig
    from indicators.db import make_engine

    engine = make_engine(DataConfig.from_env().database_url)
    try:
        return check_alerts(engine)
    finally:
        engine.dispose()
