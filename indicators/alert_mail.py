"""Alert e-mails over SMTP (the standard library's smtplib and email), configured by the
environment; each pending event is claimed before it is sent, so it is sent once."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid

from sqlalchemy import Engine, select, update

from indicators.i18n import _, use_locale
from indicators.models.accounts import Account
from indicators.models.alerts import AlertEvent, AlertSubscription

log = logging.getLogger(__name__)
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
DEFAULT_BASE_URL = "http://127.0.0.1:8050"  # the dev server's address: set PKDASH_PUBLIC_URL


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    sender: str
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    base_url: str = DEFAULT_BASE_URL  # PKDASH_PUBLIC_URL: where the links in e-mails point

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SmtpConfig | None:
        """None when PKDASH_SMTP_HOST is unset: e-mail is off, alerts go to the feeds."""
        host = (env.get("PKDASH_SMTP_HOST") or "").strip()
        if not host:
            return None
        port_text = (env.get("PKDASH_SMTP_PORT") or "").strip() or "25"
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise ValueError(f"PKDASH_SMTP_PORT={port_text!r} is not a port number")
        sender = (env.get("PKDASH_SMTP_FROM") or "").strip()
        if "@" not in sender:
            raise ValueError("PKDASH_SMTP_FROM must be the sender's e-mail address when "
                             "PKDASH_SMTP_HOST is set")
        return cls(host=host, port=int(port_text), sender=sender,
                   user=env.get("PKDASH_SMTP_USER") or None,
                   password=env.get("PKDASH_SMTP_PASSWORD") or None,
                   starttls=(env.get("PKDASH_SMTP_STARTTLS") or "").strip().lower()
                   in TRUE_WORDS,
                   base_url=(env.get("PKDASH_PUBLIC_URL") or DEFAULT_BASE_URL).rstrip("/"))


def message_for(event, to: str, locale: str, config: SmtpConfig) -> EmailMessage:
    message = EmailMessage()
    with use_locale(locale):
        message["Subject"] = _("Dashboard alert: {title}").format(title=event.title)
        lines = [event.title, "", event.body, "",
                 _("See it on the dashboard: {link}").format(link=config.base_url + event.link),
                 "", _("You receive this because you subscribed on {page}. Remove the "
                       "subscription there to stop it.").format(page=config.base_url + "/alerts")]
    message["From"] = config.sender
    message["To"] = to
    # One id per event: a resent e-mail would be recognised by mail clients as the same one.
    message["Message-ID"] = make_msgid(idstring=f"pkdash-alert-{event.id}")
    message.set_content("\n".join(line for line in lines if line is not None))
    return message


def deliver(engine: Engine, config: SmtpConfig | None) -> int:
    """Send every pending event's e-mail; the number sent. Without SMTP, mark them 'off'."""
    with engine.begin() as conn:
        pending = conn.execute(select(AlertEvent, Account.email.label("to"),
                                      AlertSubscription.locale)
                               .join(Account, Account.id == AlertEvent.account_id)
                               .join(AlertSubscription,
                                     AlertSubscription.id == AlertEvent.subscription_id)
                               .where(AlertEvent.email == "pending")
                               .order_by(AlertEvent.id)).all()
        if config is None:
            if pending:
                log.info("e-mail is off (PKDASH_SMTP_HOST is not set): %d alert(s) are in "
                         "the feeds only", len(pending))
                conn.execute(update(AlertEvent).where(
                    AlertEvent.id.in_([row.id for row in pending]),
                    AlertEvent.email == "pending").values(email="off"))
            return 0
    if not pending:
        return 0
    sent = 0
    try:
        with smtplib.SMTP(config.host, config.port, timeout=30) as smtp:
            if config.starttls:
                smtp.starttls()
            if config.user:
                smtp.login(config.user, config.password or "")
            for row in pending:
                sent += _send_one(engine, smtp, row, config)
    except (smtplib.SMTPException, OSError) as error:  # the server: down, or refusing us
        log.warning("alerts: e-mail server %s:%s: %s; %d e-mail(s) sent, the others wait "
                    "for the next check", config.host, config.port, error, sent)
    return sent


def _send_one(engine: Engine, smtp: smtplib.SMTP, row, config: SmtpConfig) -> int:
    """Send one event's e-mail if no other check has claimed it; 1 when sent."""
    if not _claim(engine, row.id):
        return 0
    try:
        smtp.send_message(message_for(row, row.to, row.locale, config))
    except smtplib.SMTPRecipientsRefused as refused:  # will not work next time either
        _mark(engine, row.id, "failed", str(refused))
        return 0
    except (smtplib.SMTPException, OSError) as error:
        _mark(engine, row.id, "pending", str(error))  # tried again at the next check
        raise
    _mark(engine, row.id, "sent", "")
    return 1


def _claim(engine: Engine, event_id: int) -> bool:
    with engine.begin() as conn:
        return conn.execute(update(AlertEvent).where(
            AlertEvent.id == event_id, AlertEvent.email == "pending"
        ).values(email="sending")).rowcount == 1


def _mark(engine: Engine, event_id: int, state: str, error: str) -> None:
    with engine.begin() as conn:
        conn.execute(update(AlertEvent).where(AlertEvent.id == event_id)
                     .values(email=state, email_error=error[:2000]))
