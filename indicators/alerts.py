"""Alerts (issue 17): `run_checks(engine)` finds what changed for every subscription since the
data version it last saw, records one event per change and sends the pending e-mails. Called
after each `pkdash build`, by `pkdash alerts check`, and on the Celery beat schedule."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

from sqlalchemy import Engine

from indicators.alert_checks import check_all
from indicators.alert_mail import SmtpConfig, deliver
from indicators.alert_subscriptions import list_subscriptions
from indicators.changes import changes_between
from indicators.versions import latest_version_id

log = logging.getLogger(__name__)


def run_checks(engine: Engine, env: Mapping[str, str] | None = None) -> int:
    """Check every subscription against the latest data version, then deliver; the number of
    new alerts. Running it again finds nothing new: each change is recorded once."""
    config = SmtpConfig.from_env(os.environ if env is None else env)
    created = 0
    if not list_subscriptions(engine):  # nothing to compare (a build with no subscribers)
        latest = None
    elif (latest := latest_version_id(engine)) is None:
        log.info("alerts: no data version yet (run pkdash build)")
    else:
        created = check_all(engine, latest,
                            lambda old, new: changes_between(engine, old, new))
    sent = deliver(engine, config)
    log.info("alerts: %d new, %d e-mail(s) sent%s", created, sent,
             "" if config else " (e-mail is off: PKDASH_SMTP_HOST is not set)")
    return created
