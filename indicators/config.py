"""Where the database and the raw official files live, read once from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_DATABASE_URL = f"sqlite:///{DATA_DIR / 'pkdash.sqlite'}"
DEFAULT_RAW_DIR = DATA_DIR / "raw"
# Parsed PDF reports, kept by checksum so a rebuild does not read them again (git-ignored).
DEFAULT_PARSE_CACHE = DATA_DIR / "cache"
MANIFEST_PATH = DATA_DIR / "sources.toml"


@dataclass(frozen=True)
class DataConfig:
    """The two locations every domain command needs."""

    database_url: str
    raw_dir: Path
    parse_cache_dir: Path | None = DEFAULT_PARSE_CACHE

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> DataConfig:
        env = os.environ if environ is None else environ
        return cls(
            database_url=env.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            raw_dir=Path(env.get("PKDASH_RAW_DIR") or DEFAULT_RAW_DIR).expanduser(),
            parse_cache_dir=Path(env.get("PKDASH_PARSE_CACHE") or DEFAULT_PARSE_CACHE
                                 ).expanduser(),
        )
