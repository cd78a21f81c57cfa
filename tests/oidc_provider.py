"""A throw-away OpenID Connect provider on loopback, in its own process: oidc-provider-mock
(Authlib's server components: discovery document, authorization code flow, ID tokens signed
with an RSA key it generates at start). Clients must register; people are set over HTTP.

Run by the tests as `python -m tests.oidc_provider PORT`."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.pg_server import _free_port

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ThrowawayProvider:
    def __init__(self) -> None:
        self.port = _free_port()
        self.process: subprocess.Popen | None = None

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ThrowawayProvider:
        self.process = subprocess.Popen([sys.executable, "-m", "tests.oidc_provider",
                                         str(self.port)], cwd=PROJECT_ROOT,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=1)
                return self
            except requests.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"the OIDC provider did not start on {self.port}") from None
                time.sleep(0.1)

    def register_client(self, redirect_uri: str) -> tuple[str, str]:
        """A client allowed to send people back to `redirect_uri` only: (id, secret)."""
        answer = requests.post(f"{self.issuer}/oauth2/clients",
                               json={"redirect_uris": [redirect_uri]}, timeout=10)
        answer.raise_for_status()
        body = answer.json()
        return body["client_id"], body["client_secret"]

    def set_person(self, sub: str, claims: dict) -> None:
        requests.put(f"{self.issuer}/users/{sub}", json=claims, timeout=10).raise_for_status()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def serve(port: int) -> None:
    import oidc_provider_mock
    from werkzeug.serving import make_server

    app = oidc_provider_mock.app(require_client_registration=True, require_nonce=True)
    make_server("127.0.0.1", port, app, threaded=True).serve_forever()


if __name__ == "__main__":
    serve(int(sys.argv[1]))
