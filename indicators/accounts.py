"""Accounts and API tokens: create, find, check a password or a token, revoke; and the Viewer
each account is."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

import pycountry
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, insert, select, update

from indicators.i18n import _
from indicators.models.accounts import Account, ApiToken
from indicators.viewer import TIERS, Viewer

# Argon2id with argon2-cffi's defaults (RFC 9106's low-memory profile): a current algorithm,
# and check_needs_rehash() tells when the defaults have moved on.
_HASHER = PasswordHasher()
TOKEN_PREFIX = "pkd_"  # so a leaked token is recognisable in logs and secret scanners
# Hashed with a single SHA-256: the token carries 256 random bits, so a slow hash would add
# nothing but a slower API call.
TOKEN_BYTES = 32
# A dummy hash verified when the address is unknown, so a failed sign-in takes as long
# whether or not the account exists (no account enumeration by timing).
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


class AccountError(ValueError):
    """An account that cannot be made as asked (unknown tier or country, address taken)."""


@dataclass(frozen=True)
class AccountInfo:
    """An account as the app reads it: never the password hash."""

    id: int
    email: str
    display_name: str
    tier: str
    countries: tuple[str, ...]
    active: bool
    created: dt.datetime
    has_password: bool

    @property
    def viewer(self) -> Viewer:
        return Viewer(tier=self.tier, countries=frozenset(self.countries),
                      name=self.display_name or self.email)


@dataclass(frozen=True)
class TokenInfo:
    id: int
    account_email: str
    label: str
    created: dt.datetime
    last_used: dt.datetime | None
    revoked: dt.datetime | None


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives back naive datetimes: they were written in UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def password_matches(stored: str | None, password: str) -> bool:
    try:
        return _HASHER.verify(stored or _DUMMY_HASH, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def checked_countries(codes: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """ISO 3166 alpha-3 codes, upper-case and known, in the order given, once each."""
    result: list[str] = []
    for code in codes:
        upper = code.strip().upper()
        if pycountry.countries.get(alpha_3=upper) is None or len(upper) != 3:
            raise AccountError(_("{code!r} is not an ISO 3166 alpha-3 country code")
                               .format(code=code))
        if upper not in result:
            result.append(upper)
    return tuple(result)


def add_account(engine: Engine, email: str, tier: str, countries: list[str] | tuple = (),
                display_name: str = "", password: str | None = None) -> AccountInfo:
    email = email.strip().lower()
    if "@" not in email:
        raise AccountError(_("{email!r} is not an e-mail address").format(email=email))
    if tier not in TIERS:
        raise AccountError(_("tier {tier!r}: not one of {tiers}").format(
            tier=tier, tiers=", ".join(TIERS)))
    codes = checked_countries(countries)
    if tier == "member-state" and not codes:
        raise AccountError(_("a member-state account needs at least one --country"))
    if tier != "member-state" and codes:
        raise AccountError(_("only a member-state account is bound to countries"))
    with engine.begin() as conn:
        if conn.execute(select(Account.id).where(Account.email == email)).first():
            raise AccountError(_("an account for {email} exists already").format(email=email))
        conn.execute(insert(Account).values(
            email=email, display_name=display_name.strip() or email, tier=tier,
            countries=" ".join(codes), active=True, created=now(),
            password_hash=hash_password(password) if password else None))
    found = find_account(engine, email=email)
    assert found is not None
    return found


def set_claims(engine: Engine, account_id: int, tier: str, countries: tuple[str, ...],
               display_name: str) -> None:
    """Bring an account in step with what the identity provider says of it at sign-in."""
    with engine.begin() as conn:
        conn.execute(update(Account).where(Account.id == account_id).values(
            tier=tier, countries=" ".join(checked_countries(countries)),
            display_name=display_name))


def _info(row) -> AccountInfo:
    return AccountInfo(id=row.id, email=row.email, display_name=row.display_name, tier=row.tier,
                       countries=tuple(row.countries.split()), active=row.active,
                       created=as_utc(row.created), has_password=row.password_hash is not None)


def find_account(engine: Engine, *, email: str | None = None,
                 account_id: int | None = None) -> AccountInfo | None:
    query = select(Account)
    if email is not None:
        query = query.where(Account.email == email.strip().lower())
    elif account_id is not None:
        query = query.where(Account.id == account_id)
    else:
        raise TypeError("find_account needs an email or an account_id")
    with engine.connect() as conn:
        row = conn.execute(query).first()
    return _info(row) if row is not None else None


def list_accounts(engine: Engine) -> list[AccountInfo]:
    with engine.connect() as conn:
        return [_info(row) for row in conn.execute(select(Account).order_by(Account.email))]


def check_password(engine: Engine, email: str, password: str) -> AccountInfo | None:
    """The active account whose password this is, or None (the same time either way)."""
    with engine.begin() as conn:
        row = conn.execute(select(Account).where(
            Account.email == email.strip().lower())).first()
        stored = row.password_hash if row is not None and row.active else None
        if not password_matches(stored, password):
            return None
        if _HASHER.check_needs_rehash(stored):
            conn.execute(update(Account).where(Account.id == row.id)
                         .values(password_hash=hash_password(password)))
    return _info(row)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(engine: Engine, email: str, label: str = "") -> tuple[int, str]:
    """A new token for the account: (its id, the token). The token is not kept anywhere."""
    account = find_account(engine, email=email)
    if account is None:
        raise AccountError(_("no account for {email}").format(email=email))
    token = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    with engine.begin() as conn:
        token_id = conn.execute(insert(ApiToken).values(
            account_id=account.id, token_hash=token_digest(token), label=label,
            created=now()).returning(ApiToken.id)).scalar_one()
    return token_id, token


def revoke_token(engine: Engine, token_id: int) -> bool:
    """Revoke a token by id; False when there is no such token or it was revoked already."""
    with engine.begin() as conn:
        done = conn.execute(update(ApiToken).where(ApiToken.id == token_id,
                                                   ApiToken.revoked.is_(None))
                            .values(revoked=now()))
    return done.rowcount == 1


def account_for_token(engine: Engine, token: str) -> AccountInfo | None:
    """The active account a live token belongs to (its use noted), or None."""
    with engine.connect() as conn:
        row = conn.execute(select(ApiToken.id.label("token_id"), Account).join(
            Account, Account.id == ApiToken.account_id).where(
            ApiToken.token_hash == token_digest(token), ApiToken.revoked.is_(None),
            Account.active.is_(True))).first()
    if row is None:
        return None
    # Its own transaction, opened by the write: on SQLite (WAL) a transaction that read
    # first cannot write once another connection (an export job keeping its pack) has
    # committed since, and fails at once with "database is locked" instead of waiting.
    with engine.begin() as conn:
        conn.execute(update(ApiToken).where(ApiToken.id == row.token_id)
                     .values(last_used=now()))
    return _info(row)


def list_tokens(engine: Engine) -> list[TokenInfo]:
    with engine.connect() as conn:
        rows = conn.execute(select(ApiToken, Account.email).join(
            Account, Account.id == ApiToken.account_id).order_by(ApiToken.id)).all()
    return [TokenInfo(id=row.id, account_email=row.email, label=row.label,
                      created=as_utc(row.created), last_used=as_utc(row.last_used),
                      revoked=as_utc(row.revoked)) for row in rows]
