"""The web app's settings, read once from the environment into one typed, frozen object."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
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
        )

    @property
    def data(self) -> DataConfig:
        return DataConfig(database_url=self.database_url, raw_dir=self.raw_dir)
