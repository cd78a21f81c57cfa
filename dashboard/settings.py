"""The web app's settings, read once from the environment into one typed, frozen object."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from indicators.config import DataConfig

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})
DEFAULT_HOST = "127.0.0.1"  # loopback unless told otherwise: a dev server is not for the world
DEFAULT_PORT = 8050


def parse_bool(name: str, value: str | None, default: bool = False) -> bool:
    """"false", "0", "no" are false: bool("false") is True, which is how debug leaks to prod."""
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"{name}={value!r} is not a yes/no value; use one of true/false, 1/0, yes/no")


def parse_port(name: str, value: str | None, default: int) -> int:
    if value is None or not value.strip():
        return default
    try:
        port = int(value)
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a port number") from None
    if not 0 < port < 65536:
        raise ValueError(f"{name}={value!r} is outside 1–65535")
    return port


def parse_count(name: str, value: str | None, default: int) -> int:
    """A positive whole number (a size in bytes, a count of charts or jobs)."""
    if value is None or not value.strip():
        return default
    try:
        count = int(value.strip().replace("_", ""))
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a whole number") from None
    if count < 1:
        raise ValueError(f"{name}={value!r} must be at least 1")
    return count


def parse_rate(name: str, value: str | None, default: str) -> str:
    """A rate such as "10 per minute" or "100/hour", in Flask-Limiter's notation."""
    from limits import parse_many

    rate = (value or "").strip() or default
    try:
        parse_many(rate)
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a rate such as '10 per minute'") from None
    return rate


@dataclass(frozen=True)
class ExportLimits:
    """How much the export doors accept, so one client (or all of them) cannot tie up every
    worker, its memory or the disk. Each comes from the environment variable named beside it."""

    request_bytes: int = 2 * 1024 * 1024  # PKDASH_MAX_REQUEST_BYTES, any request body
    per_client: str = "30 per minute"  # PKDASH_EXPORT_RATE_PER_CLIENT, per address
    in_all: str = "120 per minute"  # PKDASH_EXPORT_RATE_TOTAL, all clients together
    charts: int = 40  # PKDASH_EXPORT_MAX_CHARTS, in one briefing pack
    queued: int = 8  # PKDASH_EXPORT_MAX_QUEUED, jobs waiting or running on the host
    folder_bytes: int = 1024 * 1024 * 1024  # PKDASH_EXPORT_MAX_BYTES, the export folder
    # Saved briefings' files (issue 17): older or beyond the budget, the bytes are dropped.
    briefing_days: int = 365  # PKDASH_BRIEFINGS_KEEP_DAYS
    briefing_bytes: int = 2 * 1024 * 1024 * 1024  # PKDASH_BRIEFINGS_KEEP_BYTES, all files

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ExportLimits:
        default = cls()
        values = {}
        for field_name, (variable, parse) in EXPORT_LIMIT_VARIABLES.items():
            values[field_name] = parse(variable, env.get(variable), getattr(default, field_name))
        return cls(**values)


# Each limit's environment variable and how it is read: one table, so a name is written once.
EXPORT_LIMIT_VARIABLES = {
    "request_bytes": ("PKDASH_MAX_REQUEST_BYTES", parse_count),
    "per_client": ("PKDASH_EXPORT_RATE_PER_CLIENT", parse_rate),
    "in_all": ("PKDASH_EXPORT_RATE_TOTAL", parse_rate),
    "charts": ("PKDASH_EXPORT_MAX_CHARTS", parse_count),
    "queued": ("PKDASH_EXPORT_MAX_QUEUED", parse_count),
    "folder_bytes": ("PKDASH_EXPORT_MAX_BYTES", parse_count),
    "briefing_days": ("PKDASH_BRIEFINGS_KEEP_DAYS", parse_count),
    "briefing_bytes": ("PKDASH_BRIEFINGS_KEEP_BYTES", parse_count),
}


def parse_hours(name: str, value: str | None, default: float) -> float:
    if value is None or not value.strip():
        return default
    try:
        hours = float(value)
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a number of hours") from None
    if not hours > 0:
        raise ValueError(f"{name}={value!r} must be more than 0")
    return hours


@dataclass(frozen=True)
class AuthSettings:
    """Sign-in: how long a session lasts, how often an address may try, and the identity
    provider (OpenID Connect) when one is configured."""

    session_hours: float = 8.0  # PKDASH_SESSION_HOURS: a working day, then sign in again
    signin_rate: str = "10 per minute"  # PKDASH_SIGNIN_RATE, sign-in attempts per address
    oidc_issuer: str | None = None  # PKDASH_OIDC_ISSUER, e.g. https://login.example.org
    oidc_client_id: str | None = None  # PKDASH_OIDC_CLIENT_ID
    oidc_client_secret: str | None = None  # PKDASH_OIDC_CLIENT_SECRET
    # Claims that carry the tier and the ISO3 countries; without them, a person signing in
    # through the provider must already have an account with the same e-mail address.
    oidc_tier_claim: str | None = None  # PKDASH_OIDC_TIER_CLAIM
    oidc_countries_claim: str | None = None  # PKDASH_OIDC_COUNTRIES_CLAIM
    oidc_label: str = ""  # PKDASH_OIDC_LABEL, the provider's name on the sign-in button

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> AuthSettings:
        default = cls()
        issuer = (env.get("PKDASH_OIDC_ISSUER") or "").strip().rstrip("/") or None
        client_id = env.get("PKDASH_OIDC_CLIENT_ID") or None
        if bool(issuer) != bool(client_id):
            raise ValueError("PKDASH_OIDC_ISSUER and PKDASH_OIDC_CLIENT_ID go together: "
                             "set both, or neither")
        return cls(
            session_hours=parse_hours("PKDASH_SESSION_HOURS", env.get("PKDASH_SESSION_HOURS"),
                                      default.session_hours),
            signin_rate=parse_rate("PKDASH_SIGNIN_RATE", env.get("PKDASH_SIGNIN_RATE"),
                                   default.signin_rate),
            oidc_issuer=issuer,
            oidc_client_id=client_id,
            oidc_client_secret=env.get("PKDASH_OIDC_CLIENT_SECRET") or None,
            oidc_tier_claim=env.get("PKDASH_OIDC_TIER_CLAIM") or None,
            oidc_countries_claim=env.get("PKDASH_OIDC_COUNTRIES_CLAIM") or None,
            oidc_label=env.get("PKDASH_OIDC_LABEL") or "",
        )


def parse_hops(name: str, value: str | None) -> int:
    """A count of proxies: 0 (trust none of them), 1, 2..."""
    if value is None or not value.strip():
        return 0
    if not value.strip().isdigit():
        raise ValueError(f"{name}={value!r} is not a count (0, 1, 2...)")
    return int(value)


@dataclass(frozen=True)
class Settings:
    """Everything the app reads from its environment; tests build one by hand."""

    database_url: str
    raw_dir: Path
    debug: bool = False
    cache_url: str | None = None  # e.g. redis://… once several workers share a cache
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    secret_key: str | None = None
    # Where background exports keep their progress and files; workers on one host share it.
    export_dir: Path = Path(tempfile.gettempdir()) / "pkdash-exports"
    limits: ExportLimits = field(default_factory=ExportLimits)
    # How many proxies in front set X-Forwarded-For/-Proto/-Host (0: trust none of them).
    proxy_hops: int = 0
    secure_cookies: bool = False  # cookies Secure even when the request itself looks like HTTP
    auth: AuthSettings = field(default_factory=AuthSettings)
    # A Celery broker (redis://…): exports then run on Celery workers and live in the database,
    # so any host can report on them and serve them. Without it, a thread and export_dir.
    broker_url: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        data = DataConfig.from_env(dict(env))
        return cls(
            database_url=data.database_url,
            raw_dir=data.raw_dir,
            debug=parse_bool("DEBUG", env.get("DEBUG")),
            cache_url=env.get("PKDASH_CACHE_URL") or None,
            host=env.get("HOST") or DEFAULT_HOST,
            port=parse_port("PORT", env.get("PORT"), DEFAULT_PORT),
            secret_key=env.get("SECRET_KEY") or None,
            export_dir=Path(env.get("PKDASH_EXPORT_DIR")
                            or Path(tempfile.gettempdir()) / "pkdash-exports"),
            limits=ExportLimits.from_env(env),
            proxy_hops=parse_hops("PKDASH_PROXY_HOPS", env.get("PKDASH_PROXY_HOPS")),
            secure_cookies=parse_bool("PKDASH_SECURE_COOKIES", env.get("PKDASH_SECURE_COOKIES")),
            auth=AuthSettings.from_env(env),
            broker_url=env.get("PKDASH_BROKER_URL") or None,
        )

    @property
    def data(self) -> DataConfig:
        return DataConfig(database_url=self.database_url, raw_dir=self.raw_dir)
