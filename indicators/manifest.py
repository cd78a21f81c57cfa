"""The manifest of official sources (data/sources.toml), read into typed records."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

from indicators.config import MANIFEST_PATH

REQUIRED_FIELDS = (
    "slug", "title", "publisher", "landing_page", "url", "path", "sha256", "as_of",
    "importer", "citation", "licence",
)


@dataclass(frozen=True)
class Source:
    """One official file: where it is published, how to check it, how to cite it."""

    slug: str
    title: str
    publisher: str
    landing_page: str
    url: str
    path: str  # relative to the raw folder
    sha256: str
    as_of: dt.date
    importer: str
    citation: str
    licence: str

    def local_path(self, raw_dir: Path) -> Path:
        return raw_dir / self.path


def load_manifest(path: Path = MANIFEST_PATH) -> list[Source]:
    """Read the manifest, in the order sources must be imported (missions list first)."""
    with open(path, "rb") as handle:
        document = tomllib.load(handle)
    sources = []
    for index, entry in enumerate(document.get("source", []), start=1):
        missing = [name for name in REQUIRED_FIELDS if not entry.get(name)]
        if missing:
            raise ValueError(f"{path}: source #{index} lacks {', '.join(missing)}")
        fields = {name: entry[name] for name in REQUIRED_FIELDS}
        as_of = fields["as_of"]
        fields["as_of"] = as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(as_of)
        sources.append(Source(**fields))
    return sources


def source_by_slug(slug: str, path: Path = MANIFEST_PATH) -> Source:
    for source in load_manifest(path):
        if source.slug == slug:
            return source
    raise KeyError(f"no source named {slug!r} in {path}")
