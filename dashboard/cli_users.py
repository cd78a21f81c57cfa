"""`pkdash users ...` (accounts and API tokens) and `pkdash audit`: the command line acts as the
Secretariat on the local database."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from indicators.config import DataConfig
from indicators.i18n import _
from indicators.viewer import TIERS


def add_users_parsers(commands, common) -> None:
    users = commands.add_parser("users", parents=[common],
                                help=_("create accounts and API tokens (as the Secretariat)"))
    actions = users.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", parents=[common], help=_("create an account"))
    add.add_argument("email", metavar="EMAIL")
    add.add_argument("--tier", required=True, choices=TIERS)
    add.add_argument("--country", nargs="+", action="extend", default=[], metavar="ISO3",
                     help=_("for a member-state account: the delegation's country, ISO 3166 "
                            "alpha-3 (more than one allowed)"))
    add.add_argument("--name", default="", help=_("the name shown in the footer"))
    add.add_argument("--password-stdin", action="store_true",
                     help=_("read the password from the first line of standard input; "
                            "without it the account signs in through the identity provider "
                            "only"))
    actions.add_parser("list", parents=[common], help=_("list the accounts and their tokens"))
    token = actions.add_parser("token", parents=[common],
                               help=_("make an API token for an account (shown once)"))
    token.add_argument("email", metavar="EMAIL")
    token.add_argument("--label", default="", help=_("what the token is for"))
    revoke = actions.add_parser("revoke-token", parents=[common],
                                help=_("revoke an API token by its number"))
    revoke.add_argument("token_id", metavar="ID", type=int)
    audit = commands.add_parser("audit", parents=[common],
                                help=_("read the audit log (sign-ins, exports, downloads)"))
    audit.add_argument("--since", metavar="YYYY-MM-DD", type=_since,
                       help=_("only entries from this day (UTC) on"))
    audit.add_argument("--event", help=_("only this kind of entry, e.g. failed-sign-in"))


def _since(value: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a day (YYYY-MM-DD) or a time (YYYY-MM-DDTHH:MM)").format(
                value=value)) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _engine():
    from indicators.db import make_engine
    from indicators.migrate import upgrade

    engine = make_engine(DataConfig.from_env().database_url)
    upgrade(engine)  # accounts may be made before the first build; upgrading is idempotent
    return engine


def users(args) -> int:
    from indicators.accounts import AccountError

    try:
        return USER_ACTIONS[args.action](args, _engine())
    except AccountError as error:
        print(f"pkdash users {args.action}: {error}", file=sys.stderr)
        return 2


def _add(args, engine) -> int:
    from indicators.accounts import add_account

    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            print(_("pkdash users add: the first line of standard input is empty"),
                  file=sys.stderr)
            return 2
    account = add_account(engine, args.email, args.tier, args.country, args.name, password)
    print(_("Added {email}: {tier} {countries}").format(
        email=account.email, tier=account.tier, countries=" ".join(account.countries)).rstrip())
    return 0


def _list(_args, engine) -> int:
    from indicators.accounts import list_accounts, list_tokens

    for account in list_accounts(engine):
        state = "" if account.active else _("(switched off)")
        sign_in = _("password") if account.has_password else _("provider only")
        print(f"{account.email:<32} {account.tier:<13} {' '.join(account.countries):<12} "
              f"{sign_in:<14} {account.display_name} {state}".rstrip())
    tokens = list_tokens(engine)
    if tokens:
        print("\n" + _("API tokens:"))
    for token in tokens:
        used = token.last_used.strftime("%Y-%m-%d %H:%M") if token.last_used else _("never")
        state = (_("revoked {day}").format(day=token.revoked.strftime("%Y-%m-%d"))
                 if token.revoked else _("live"))
        print(f"{token.id:>5}  {token.account_email:<32} {token.label:<20} "
              + _("last used {when}").format(when=used) + f"  {state}")
    return 0


def _token(args, engine) -> int:
    from indicators.accounts import issue_token

    token_id, token = issue_token(engine, args.email, args.label)
    print(_("Token {id} for {email}. It is shown only this once; keep it secret:").format(
        id=token_id, email=args.email.strip().lower()), file=sys.stderr)
    print(token)
    return 0


def _revoke(args, engine) -> int:
    from indicators.accounts import revoke_token

    if not revoke_token(engine, args.token_id):
        print(_("pkdash users revoke-token: no live token {id}").format(id=args.token_id),
              file=sys.stderr)
        return 1
    print(_("Revoked token {id}").format(id=args.token_id))
    return 0


def audit(args) -> int:
    from indicators.audit import read_entries

    for row in read_entries(_engine(), since=args.since, event=args.event):
        print("\t".join([row.at.strftime("%Y-%m-%dT%H:%M:%SZ"), row.event, row.who or "-",
                         row.what or "-", row.filters or "-", row.ip or "-"]))
    return 0


USER_ACTIONS = {"add": _add, "list": _list, "token": _token, "revoke-token": _revoke}
