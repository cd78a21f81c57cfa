"""Alert subscriptions of an account: made (checked against the account's tier and the data),
listed, removed; and the account's secret feed address, made, renewed and looked up."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs

from sqlalchemy import Engine, delete, insert, select, update

from indicators.access import NotPermitted, check
from indicators.accounts import AccountError, AccountInfo, as_utc, checked_countries, now
from indicators.catalogue import CATALOGUE
from indicators.filters import Filters
from indicators.i18n import _, normalise
from indicators.kpi import KPIS, time_grain
from indicators.manifest import load_manifest
from indicators.models.accounts import Account
from indicators.models.alerts import AlertFeed, AlertSubscription
from indicators.versions import latest_version_id
from indicators.vocabulary import load_vocabulary

KINDS = ("source", "kpi", "allegations")
FEED_TOKEN_BYTES = 32  # 256 random bits: the address is the only key a feed reader has


class SubscriptionError(ValueError):
    """A subscription that cannot be made as asked; the message says why, in the reader's
    language."""


@dataclass(frozen=True)
class Subscription:
    id: int
    account_id: int
    kind: str
    subject: str
    mission: str
    nationality: str
    filters: str
    threshold: float | None
    view_path: str
    locale: str
    created: dt.datetime
    last_version: int | None
    last_value: float | None
    last_side: str | None

    @property
    def indicator_slug(self) -> str:
        """The indicator a KPI subscription reads (a KPI key names one)."""
        spec = KPIS.get(self.subject)
        return spec.indicator if spec is not None else self.subject

    def parsed_filters(self, engine: Engine) -> Filters:
        query = {name: values[0] for name, values in parse_qs(self.filters).items()}
        return Filters.from_query(query, load_vocabulary(engine))[0]


def source_slugs() -> tuple[str, ...]:
    return tuple(source.slug for source in load_manifest())


def kpi_subjects() -> tuple[str, ...]:
    """What a KPI alert may watch: the headline figures, then every indicator with a time axis."""
    others = sorted(slug for slug, indicator in CATALOGUE.items()
                    if slug not in KPIS and _has_time(indicator))
    return (*KPIS, *others)


def _has_time(indicator) -> bool:
    try:
        time_grain(indicator)
    except ValueError:
        return False
    return True


def add_subscription(engine: Engine, account: AccountInfo, kind: str, *, subject: str = "",
                     mission: str = "", nationality: str = "", filters: str = "",
                     threshold: float | None = None, view_path: str = "/",
                     locale: str = "en", seen_version: int | None = None) -> Subscription:
    """Check what is asked against the catalogue, the data and the account's tier, then keep
    it. It starts from `seen_version` (the data version in the database; the latest when not
    given): only later changes are alerted."""
    values = {"kind": kind, "subject": subject.strip(), "mission": mission.strip().upper(),
              "nationality": nationality.strip().upper(), "filters": "", "threshold": None}
    if kind == "source":
        if values["subject"] not in source_slugs():
            raise SubscriptionError(_("{source!r} is not a source of this dashboard").format(
                source=subject))
    elif kind == "kpi":
        values.update(_checked_kpi(engine, account, values["subject"], filters, threshold))
    elif kind == "allegations":
        values.update(_checked_allegations(engine, values["mission"], values["nationality"]))
    else:
        raise SubscriptionError(_("{kind!r}: not one of {kinds}").format(
            kind=kind, kinds=", ".join(KINDS)))
    with engine.begin() as conn:
        new_id = conn.execute(insert(AlertSubscription).values(
            account_id=account.id, view_path=view_path or "/",
            locale=normalise(locale) or "en", created=now(), **values
        ).returning(AlertSubscription.id)).scalar_one()
    from indicators.alert_checks import baseline  # it imports this module

    baseline(engine, new_id, latest_version_id(engine) if seen_version is None else seen_version)
    return get_subscription(engine, new_id)


def _checked_kpi(engine: Engine, account: AccountInfo, subject: str, filters: str,
                 threshold: float | None) -> dict:
    spec = KPIS.get(subject)
    indicator = CATALOGUE.get(spec.indicator if spec else subject)
    if indicator is not None:
        try:  # a person is never alerted on a figure their tier does not see
            check(indicator, account.viewer)
        except NotPermitted as refused:
            raise SubscriptionError(str(refused)) from None
    if indicator is None or not _has_time(indicator):
        raise SubscriptionError(_("{subject!r} is not a headline figure or an indicator with "
                                  "a time axis").format(subject=subject))
    query = {name: values[0] for name, values in parse_qs(filters or "").items()}
    parsed, problems = Filters.from_query(query, load_vocabulary(engine))
    if problems:
        raise SubscriptionError("; ".join(str(problem) for problem in problems))
    if threshold is None and not indicator.has_target:
        raise SubscriptionError(_("{indicator} has no target: give a threshold").format(
            indicator=indicator.slug))
    encoded = "&".join(f"{name}={value}" for name, value in parsed.to_query().items())
    return {"filters": encoded, "threshold": threshold}


def _checked_allegations(engine: Engine, mission: str, nationality: str) -> dict:
    if bool(mission) == bool(nationality):
        raise SubscriptionError(_("choose a mission or a nationality"))
    if mission and mission not in load_vocabulary(engine).missions:
        raise SubscriptionError(_("no mission with this acronym") + f": {mission}")
    if nationality:
        try:
            checked_countries([nationality])
        except AccountError as wrong:
            raise SubscriptionError(str(wrong)) from None
    return {}


def _info(row) -> Subscription:
    return Subscription(
        id=row.id, account_id=row.account_id, kind=row.kind, subject=row.subject,
        mission=row.mission, nationality=row.nationality, filters=row.filters,
        threshold=row.threshold, view_path=row.view_path, locale=row.locale,
        created=as_utc(row.created), last_version=row.last_version,
        last_value=row.last_value, last_side=row.last_side)


def get_subscription(engine: Engine, subscription_id: int) -> Subscription:
    with engine.connect() as conn:
        row = conn.execute(select(AlertSubscription).where(
            AlertSubscription.id == subscription_id)).one()
    return _info(row)


def list_subscriptions(engine: Engine, account_id: int | None = None) -> list[Subscription]:
    """An account's subscriptions (every active account's, without one), oldest first."""
    query = select(AlertSubscription).join(Account, Account.id == AlertSubscription.account_id)
    if account_id is None:
        query = query.where(Account.active.is_(True))
    else:
        query = query.where(AlertSubscription.account_id == account_id)
    with engine.connect() as conn:
        return [_info(row) for row in conn.execute(query.order_by(AlertSubscription.id))]


def remove_subscription(engine: Engine, account_id: int, subscription_id: int) -> bool:
    """Remove one of the account's own subscriptions (its alerts go with it)."""
    from indicators.models.alerts import AlertEvent

    with engine.begin() as conn:
        owned = conn.execute(select(AlertSubscription.id).where(
            AlertSubscription.id == subscription_id,
            AlertSubscription.account_id == account_id)).first()
        if owned is None:
            return False
        # Explicitly: SQLite enforces no ON DELETE CASCADE without its foreign-keys pragma.
        conn.execute(delete(AlertEvent).where(AlertEvent.subscription_id == subscription_id))
        conn.execute(delete(AlertSubscription).where(AlertSubscription.id == subscription_id))
    return True


def feed_token(engine: Engine, account_id: int) -> str:
    """The account's feed token, made on first asking."""
    with engine.begin() as conn:
        token = conn.scalar(select(AlertFeed.token).where(AlertFeed.account_id == account_id))
        if token is None:
            token = secrets.token_urlsafe(FEED_TOKEN_BYTES)
            conn.execute(insert(AlertFeed).values(account_id=account_id, token=token,
                                                  created=now()))
    return token


def renew_feed_token(engine: Engine, account_id: int) -> str:
    """A new address; the old one stops working at once (a leaked address is revoked so)."""
    feed_token(engine, account_id)
    token = secrets.token_urlsafe(FEED_TOKEN_BYTES)
    with engine.begin() as conn:
        conn.execute(update(AlertFeed).where(AlertFeed.account_id == account_id)
                     .values(token=token, created=now()))
    return token


def account_for_feed(engine: Engine, token: str) -> int | None:
    """The active account whose feed this token opens, or None."""
    if not token:
        return None
    with engine.connect() as conn:
        return conn.scalar(select(AlertFeed.account_id).join(
            Account, Account.id == AlertFeed.account_id).where(
            AlertFeed.token == token, Account.active.is_(True)))
