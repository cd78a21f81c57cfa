"""`pkdash alerts check` (find and send alerts: also run after each `pkdash build`) and
`pkdash alerts list` (every subscription, for the Secretariat at the command line)."""

from __future__ import annotations

import os
import sys

from indicators.config import DataConfig
from indicators.i18n import _


def add_alerts_parser(commands, common) -> None:
    alerts = commands.add_parser("alerts", parents=[common],
                                 help=_("check subscriptions against the latest data and send "
                                        "the alerts"))
    actions = alerts.add_subparsers(dest="action", required=True)
    actions.add_parser("check", parents=[common],
                       help=_("record one alert per change since each subscription's last "
                              "check, then e-mail them (PKDASH_SMTP_HOST)"))
    actions.add_parser("list", parents=[common], help=_("list every subscription"))


def alerts(args) -> int:
    from indicators.db import make_engine
    from indicators.migrate import upgrade

    engine = make_engine(DataConfig.from_env().database_url)
    upgrade(engine)
    try:
        return check_now(engine) if args.action == "check" else _list(engine)
    finally:
        engine.dispose()


def check_now(engine) -> int:
    """Run the checks and say what happened; used by `pkdash build` too."""
    from indicators.alert_mail import SmtpConfig
    from indicators.alerts import run_checks

    try:
        config = SmtpConfig.from_env(os.environ)
    except ValueError as wrong:  # before any check: a half-set server would lose e-mails
        print(f"pkdash alerts: {wrong}", file=sys.stderr)
        return 2
    created = run_checks(engine)
    print(_("Alerts: {count} new").format(count=created))
    if config is None:
        print(_("E-mail is off (PKDASH_SMTP_HOST is not set): alerts go to the feeds only."),
              file=sys.stderr)
    return 0


def _list(engine) -> int:
    from indicators.accounts import list_accounts
    from indicators.alert_subscriptions import list_subscriptions

    emails = {account.id: account.email for account in list_accounts(engine)}
    for sub in list_subscriptions(engine):
        what = sub.subject or sub.mission or sub.nationality
        extra = " ".join(part for part in (sub.filters, "" if sub.threshold is None
                                           else f"threshold={sub.threshold:g}") if part)
        print(f"{sub.id:>5}  {emails.get(sub.account_id, '?'):<32} {sub.kind:<12} {what:<24} "
              f"v{sub.last_version or '-'}  {extra}".rstrip())
    return 0
