"""The manifest of official sources (data/sources.toml), read into typed records.

A source is one file, or a series of files in one folder (`files` names a list of the known
ones, each with its own address and checksum; files not yet listed are still read).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from indicators.config import MANIFEST_PATH

REQUIRED_FIELDS = (
    "slug", "title", "publisher", "landing_page", "url", "path", "sha256", "as_of",
    "importer", "citation", "licence",
)
# A series has no single file: each known file carries its own address and checksum.
SERIES_OPTIONAL = ("sha256",)


@dataclass(frozen=True)
class KnownFile:
    """One published file of a series: its name in the folder, address, checksum and month."""

    name: str
    url: str
    sha256: str
    month: str  # YYYY-MM, the month printed inside the file


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
    files: tuple[KnownFile, ...] = ()  # a series' known files; empty for a single file

    @property
    def is_series(self) -> bool:
        return bool(self.files)

    def downloads(self) -> list[Source]:
        """One single-file source per file to download (a series' known files, or itself).

        A series' files are named `<slug>/<file name>`, so what `pkdash fetch` says about each
        of them tells which file it means.
        """
        if not self.is_series:
            return [self]
        return [replace(self, slug=f"{self.slug}/{f.name}", url=f.url, sha256=f.sha256,
                        path=f"{self.path}/{f.name}", files=()) for f in self.files]

    def local_path(self, raw_dir: Path) -> Path:
        return raw_dir / self.path


def load_manifest(path: Path = MANIFEST_PATH) -> list[Source]:
    """Read the manifest, in the order sources must be imported (missions list first)."""
    with open(path, "rb") as handle:
        document = tomllib.load(handle)
    sources = []
    for index, entry in enumerate(document.get("source", []), start=1):
        files = _known_files(path.parent / entry["files"]) if entry.get("files") else ()
        required = [name for name in REQUIRED_FIELDS
                    if not (files and name in SERIES_OPTIONAL)]
        missing = [name for name in required if not entry.get(name)]
        if missing:
            raise ValueError(f"{path}: source #{index} lacks {', '.join(missing)}")
        fields = {name: entry.get(name, "") for name in REQUIRED_FIELDS}
        fields["files"] = files
        as_of = fields["as_of"]
        fields["as_of"] = as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(as_of)
        sources.append(Source(**fields))
    return sources


def _known_files(path: Path) -> tuple[KnownFile, ...]:
    with open(path, "rb") as handle:
        document = tomllib.load(handle)
    return tuple(KnownFile(f["name"], f["url"], f["sha256"], f["month"])
                 for f in document.get("file", []))


def source_by_slug(slug: str, path: Path = MANIFEST_PATH) -> Source:
    for source in load_manifest(path):
        if source.slug == slug:
            return source
    raise KeyError(f"no source named {slug!r} in {path}")
