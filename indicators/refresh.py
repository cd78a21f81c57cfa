"""The scheduled refresh: fetch the official files, then build from them, never two at once;
a fetch that fails leaves the files and the database as they were."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from indicators.build import BuildReport, build
from indicators.config import DataConfig
from indicators.fetch import FetchOutcome, fetch, summarize
from indicators.manifest import Source, load_manifest


class Lock(Protocol):
    """What a refresh holds while it runs: a Redis lock shared by every worker (redis-py's
    Lock), or a threading.Lock in one process."""

    def acquire(self, blocking: bool = ...) -> bool: ...

    def release(self) -> None: ...


@dataclass
class RefreshReport:
    """busy (another refresh holds the lock), unchanged (nothing new was downloaded: no
    build), built, or rejected (the build refused a file and left its source as it was)."""

    state: str
    fetched: list[FetchOutcome] = field(default_factory=list)
    build: BuildReport | None = None

    @property
    def summary(self) -> str:
        if self.state == "busy":
            return "refresh: another refresh is running; this one did nothing"
        lines = [summarize(self.fetched)] if self.fetched else []
        lines.append(f"refresh: {self.state}")
        return "\n".join(lines)


def refresh(config: DataConfig, lock: Lock, sources: list[Source] | None = None,
            log: Callable[[str], object] = print) -> RefreshReport:
    """Fetch, and build only when something new arrived.

    fetch() keeps a download only once its checksum is right, and build() is one
    transaction, so neither a failed download nor a rejected file changes what readers see.
    A refresh that finds the lock taken returns at once: the one running will do the work.
    """
    if not lock.acquire(blocking=False):
        return RefreshReport("busy")
    try:
        sources = load_manifest() if sources is None else sources
        fetched = fetch(sources, config.raw_dir, log=log)
        if not any(outcome.status == "downloaded" for outcome in fetched):
            return RefreshReport("unchanged", fetched)
        report = build(config, log=log, sources=sources)
        return RefreshReport("built" if report.ok else "rejected", fetched, report)
    finally:
        lock.release()
