"""A throw-away PostgreSQL cluster on loopback for the test session: started, then removed."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def _pg_bin_dir() -> Path | None:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayPostgres:
    """initdb + pg_ctl start in a temporary directory; `url` is ready once `start()` returns."""

    def __init__(self) -> None:
        self.bin_dir = _pg_bin_dir()
        self.port = _free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="pkdash-pg-"))
        self.data_dir = self.dir / "data"
        # PostgreSQL refuses to run as root: run it as the `postgres` user when we are root.
        self.run_as = "postgres" if os.geteuid() == 0 else None
        self.running = False

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.run_as:
            command = ["su", self.run_as, "-s", "/bin/sh", "-c",
                       " ".join(f"'{part}'" for part in command)]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> ThrowawayPostgres:
        if self.bin_dir is None:
            raise RuntimeError("PostgreSQL server binaries not found: apt-get install postgresql")
        if self.run_as:
            pw = pwd.getpwnam(self.run_as)
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        self._run("initdb", "-D", str(self.data_dir), "-U", "postgres", "--auth=trust",
                  "--no-sync", "-E", "UTF8")
        return self.resume()

    def resume(self) -> ThrowawayPostgres:
        """Start the server again on the same port and data (also the first start)."""
        options = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        self._run("pg_ctl", "-D", str(self.data_dir), "-o", options, "-l",
                  str(self.dir / "server.log"), "-w", "start")
        self.running = True
        return self

    def pause(self) -> None:
        """Stop the server as a restart does (open connections are cut), keeping its data."""
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop")
        self.running = False

    def stop(self) -> None:
        try:
            if self.running:  # a test may have paused it
                self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
