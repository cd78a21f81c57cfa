"""Finding alerts: each subscription's changes between the data version it last saw and the
latest, recorded as events (at most one per change, the database sees to it)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import Engine, select, update
from sqlalchemy.dialects import postgresql, sqlite

from indicators.accounts import find_account, now
from indicators.alert_matching import Found, for_allegations, for_kpi, for_source, side_of
from indicators.alert_subscriptions import Subscription, get_subscription, list_subscriptions
from indicators.catalogue import CATALOGUE
from indicators.change_set import ChangeSet
from indicators.i18n import _, use_locale
from indicators.kpi import kpi
from indicators.models.alerts import AlertEvent, AlertSubscription

log = logging.getLogger(__name__)
ChangesFor = Callable[[int, int], ChangeSet]


def kpi_now(engine: Engine, sub: Subscription, viewer) -> tuple[str, float | None,
                                                                 float | None]:
    """The KPI's title, value and line (threshold or target), computed AS the subscriber: a
    delegation's figure is its own rows' (indicators.access), never the Secretariat's."""
    filters = sub.parsed_filters(engine)
    with use_locale(sub.locale):
        figure = kpi(sub.subject, filters, engine, viewer=viewer)
        title = _(figure.title)
        if filters.to_query():  # which cut of the figure: "Women's share (MINUSCA)"
            title = f"{title} ({filters.describe()})"
    line = sub.threshold if sub.threshold is not None else figure.target
    return title, figure.value, line


def baseline(engine: Engine, subscription_id: int, version: int | None) -> None:
    """Mark a subscription as having seen `version`, the data in the database now (and, for a
    KPI, note its value now), so that only later changes are alerted."""
    sub = get_subscription(engine, subscription_id)
    values: dict = {"last_version": version}
    if sub.kind == "kpi":
        account = find_account(engine, account_id=sub.account_id)
        _title, value, line = kpi_now(engine, sub, account.viewer)
        values.update(last_value=value, last_side=side_of(value, line))
    with engine.begin() as conn:
        conn.execute(update(AlertSubscription).where(AlertSubscription.id == sub.id)
                     .values(**values))


def check_all(engine: Engine, latest: int, changes_for: ChangesFor) -> int:
    """Compare every active account's subscriptions with version `latest`; the number of new
    events. A ChangeSet is read once per (old, new) pair, however many subscriptions share it."""
    changesets: dict[tuple[int, int], ChangeSet] = {}
    created = 0
    for sub in list_subscriptions(engine):
        if sub.last_version == latest:
            continue
        if sub.last_version is None:  # made before any version: nothing to compare with
            baseline(engine, sub.id, latest)
            continue
        pair = (sub.last_version, latest)
        if pair not in changesets:
            changesets[pair] = changes_for(*pair)
        try:
            created += _check_one(engine, sub, changesets[pair])
        except Exception:  # one broken subscription must not hold back everyone's alerts
            log.exception("alert subscription %s could not be checked; it is retried at "
                          "the next check", sub.id)
    return created


def _check_one(engine: Engine, sub: Subscription, changes: ChangeSet) -> int:
    old, new = changes.since.id, changes.until.id
    state: dict = {"last_version": new}
    if sub.kind == "source":
        found = for_source(sub, changes)
    elif sub.kind == "allegations":
        found = for_allegations(sub, changes)
    else:
        account = find_account(engine, account_id=sub.account_id)
        indicator = CATALOGUE[sub.indicator_slug]
        if not account.viewer.may_see(indicator.visibility):
            # The account's tier changed since it subscribed: no figure, not even a crossing.
            log.warning("alert %s: %s may no longer see %s; skipped", sub.id, account.email,
                        indicator.slug)
            found = []
        else:
            title, value, line = kpi_now(engine, sub, account.viewer)
            side, crossing = for_kpi(sub, title, value, line, indicator.higher_is_better,
                                     old, new, indicator.visibility)
            found = [crossing] if crossing else []
            state.update(last_value=value, last_side=side)
    created = 0
    with engine.begin() as conn:
        for item in found:
            created += _record(conn, sub, item, old, new)
        # Only from the version it was at: a check running beside this one moves it once.
        conn.execute(update(AlertSubscription).where(
            AlertSubscription.id == sub.id, AlertSubscription.last_version == sub.last_version
        ).values(**state))
    return created


def _record(conn, sub: Subscription, item: Found, old: int, new: int) -> int:
    """Insert the event unless this subscription has it already (1 if inserted)."""
    dialect = {"postgresql": postgresql, "sqlite": sqlite}[conn.dialect.name]
    statement = dialect.insert(AlertEvent).values(
        subscription_id=sub.id, account_id=sub.account_id, change_key=item.change_key,
        created=now(), old_version=old, new_version=new, title=item.title[:300],
        body=item.body, link=item.link[:500], visibility=item.visibility, email="pending",
        email_error="",
    ).on_conflict_do_nothing(index_elements=["subscription_id", "change_key"])
    # RETURNING, not rowcount: psycopg reports -1 for an INSERT ... ON CONFLICT.
    return 0 if conn.execute(statement.returning(AlertEvent.id)).first() is None else 1


def events_of(engine: Engine, account_id: int, limit: int = 100) -> list:
    """An account's latest alerts, newest first."""
    with engine.connect() as conn:
        return conn.execute(select(AlertEvent).where(AlertEvent.account_id == account_id)
                            .order_by(AlertEvent.id.desc()).limit(limit)).all()
