"""`pkdash refresh`: the scheduled fetch → build, in this process, for a host without a
broker (run it from cron); two refreshes on one host never overlap."""

from __future__ import annotations

import fcntl
import os
import sys
from pathlib import Path

from indicators.config import DataConfig
from indicators.i18n import N_, _

# Beside the official files: every refresh on a host that writes into this folder takes it,
# whatever the database engine (a PostgreSQL database has no file to put a lock beside).
LOCK_NAME = ".pkdash-refresh.lock"


class FolderLock:
    """An exclusive flock(2) on a file: held by one process at a time on this host, and freed
    by the kernel if that process dies, so a killed refresh leaves no stale lock behind (the
    Celery path's Redis lock needs a timeout for that)."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def acquire(self, blocking: bool = True) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        # The file stays: removing it would let a second process lock a new file while a
        # third still waits on the old one.
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def refresh_lock(config: DataConfig) -> FolderLock:
    return FolderLock(config.raw_dir / LOCK_NAME)


def add_refresh_parser(commands, common) -> None:
    commands.add_parser(
        "refresh", parents=[common],
        help=_("fetch the official files, then build if any is new (for cron)"),
        description=_("The scheduled refresh of the Celery beat, in this process: fetch every "
                      "official file, build only when one is new, then run the alert checks. "
                      "A refresh that finds another running on this host does nothing."))


def run_refresh(config: DataConfig, sources=None, log=print):
    """The refresh under this host's lock; also what a test calls with a small raw folder."""
    from dashboard.worker import refresh_then_check

    return refresh_then_check(config, refresh_lock(config), sources, log=log)


def refresh(_args) -> int:
    """0 when the data are up to date (built, nothing new, or another refresh is doing it);
    1 when a download failed or a file was rejected, so cron's mail says so."""
    config = DataConfig.from_env()
    report = run_refresh(config)
    if report.state == "busy":
        print(_("pkdash refresh: another refresh is running on this host; this one did "
                "nothing"), file=sys.stderr)
        return 0
    from indicators.fetch import summarize

    print(summarize(report.fetched))
    print(_(STATES[report.state]))
    failed = [o for o in report.fetched if not o.ok]
    return 1 if failed or report.state == "rejected" else 0


STATES = {
    "unchanged": N_("Nothing new was downloaded: no build."),
    "built": N_("New files were downloaded and built."),
    "rejected": N_("New files were downloaded; the build rejected some, and left their "
                   "sources as they were."),
}
