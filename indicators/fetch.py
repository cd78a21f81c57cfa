"""Download the official files named in the manifest into the raw folder, checksum first."""

from __future__ import annotations

import hashlib
import http.client
import os
import tempfile
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from indicators.i18n import _
from indicators.importers.load import sha256_of
from indicators.manifest import Source

MANIFEST_NAME = "data/sources.toml"
USER_AGENT = "pkdash-fetch/0.1"
CHUNK = 1 << 16

# Each status a source can end in; "downloaded" and "present" are the only good ones.
GOOD_STATUSES = ("downloaded", "present")


@dataclass(frozen=True)
class FetchOutcome:
    """What happened to one source: downloaded, present, checksum-mismatch, incomplete,
    http-error, offline or error, with a sentence a person can act on."""

    slug: str
    status: str
    path: Path
    url: str
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status in GOOD_STATUSES


class _Incomplete(Exception):
    """The server closed the connection before sending the whole body."""


def offline_message(host: str, raw_dir: Path) -> str:
    return (f"offline: could not reach {host}; the files are listed in {MANIFEST_NAME} — "
            f"download them by hand into {raw_dir}")


def fetch(sources: Iterable[Source], raw_dir: Path, *, timeout: float = 20,
          log: Callable[[str], object] = print) -> list[FetchOutcome]:
    """Make sure every source's file is in `raw_dir` with the manifest checksum.

    A file that already matches is left alone. A download is written to a temporary file next
    to its destination and only replaces it once its checksum is right, so a bad download
    never leaves or overwrites anything. After the first connection failure nothing more is
    tried: one clear "offline" line beats twenty timeouts.
    """
    raw_dir = Path(raw_dir)
    outcomes: list[FetchOutcome] = []
    unreachable: str | None = None
    # A series (one file a month) is fetched file by file, each with its own checksum.
    for source in [single for entry in sources for single in entry.downloads()]:
        dest = source.local_path(raw_dir)
        if dest.is_file() and sha256_of(dest) == source.sha256:
            outcomes.append(FetchOutcome(source.slug, "present", dest, source.url,
                                         "already here with the right checksum"))
            log(f"{source.slug}: present")
            continue
        if unreachable is not None:
            outcomes.append(FetchOutcome(source.slug, "offline", dest, source.url,
                                         f"not tried: {unreachable} was unreachable"))
            continue
        outcome = _download(source, dest, timeout, log)
        outcomes.append(outcome)
        if outcome.status == "offline":
            unreachable = urlsplit(source.url).hostname or source.url
            log(offline_message(unreachable, raw_dir))
        elif not outcome.ok:
            log(f"{source.slug}: {outcome.status}: {outcome.message}")
    return outcomes


def _download(source: Source, dest: Path, timeout: float,
              log: Callable[[str], object]) -> FetchOutcome:
    def outcome(status: str, message: str = "") -> FetchOutcome:
        return FetchOutcome(source.slug, status, dest, source.url, message)

    log(f"{source.slug}: downloading {source.url}")
    request = urllib.request.Request(source.url, headers={"User-Agent": USER_AGENT})
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as error:
        # The host answered, so we are online: report it for this source and carry on.
        return outcome("http-error", f"HTTP {error.code} {error.reason} for {source.url}")
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        # URLError wraps refused connections and DNS failures; a connect timeout can also
        # arrive bare as TimeoutError (an OSError).
        reason = getattr(error, "reason", error)
        return outcome("offline", f"could not connect to {source.url}: {reason}")

    dest.parent.mkdir(parents=True, exist_ok=True)
    # Same folder as the destination, so os.replace is an atomic rename on one filesystem.
    handle = tempfile.NamedTemporaryFile(dir=dest.parent, prefix=f".{dest.name}.",
                                         suffix=".part", delete=False)
    tmp = Path(handle.name)
    try:
        with response, handle:
            got = _copy(response, handle)
            handle.flush()
            os.fsync(handle.fileno())
        if got != source.sha256:
            return outcome("checksum-mismatch",
                           f"{source.url}: expected sha256 {source.sha256}, got {got}")
        os.chmod(tmp, 0o644)  # NamedTemporaryFile makes 0600; the raw files are not secret
        os.replace(tmp, dest)
    except _Incomplete as error:
        return outcome("incomplete", f"{source.url}: {error}")
    except (OSError, http.client.HTTPException) as error:
        return outcome("error", f"{source.url}: download failed: {error}")
    finally:
        tmp.unlink(missing_ok=True)
    log(f"{source.slug}: downloaded to {dest}")
    return outcome("downloaded", f"saved {dest}")


def _copy(response: http.client.HTTPResponse, handle) -> str:
    """Stream the body into `handle`; return its sha256. Raise _Incomplete when cut short."""
    digest = hashlib.sha256()
    received = 0
    while block := response.read(CHUNK):
        digest.update(block)
        handle.write(block)
        received += len(block)
    # http.client returns b"" at a premature end of a chunked read instead of raising, so
    # compare against Content-Length ourselves.
    expected = response.headers.get("Content-Length")
    if expected is not None and expected.isdigit() and received < int(expected):
        raise _Incomplete(f"connection closed after {received} of {expected} bytes")
    return digest.hexdigest()


def summarize(outcomes: list[FetchOutcome]) -> str:
    """A few lines for the CLI: one per source that needs attention, then the totals."""
    lines = [f"  {o.slug}: {o.status}: {o.message}" for o in outcomes
             if not o.ok and o.status != "offline"]
    # Offline is one cause for many files: name them on one line rather than repeat it.
    offline = [o.slug for o in outcomes if o.status == "offline"]
    if offline:
        lines.append("  " + _("not downloaded (offline): {sources}").format(
            sources=", ".join(offline)))
    counts = Counter(o.status for o in outcomes)
    totals = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
    good = sum(o.ok for o in outcomes)
    lines.append(_("fetch: {ready} of {count} files ready ({totals})").format(
        ready=good, count=len(outcomes), totals=totals or _("no sources")))
    return "\n".join(lines)
