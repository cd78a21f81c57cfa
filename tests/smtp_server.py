"""A real SMTP server on loopback (aiosmtpd) that keeps every message it receives."""

from __future__ import annotations

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    """What the server received: parsed messages, in the order they came."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(email.message_from_bytes(envelope.content,
                                                      policy=email.policy.default))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    """(inbox, environment for indicators.alerts) with a server listening until the test ends."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    env = {"PKDASH_SMTP_HOST": "127.0.0.1", "PKDASH_SMTP_PORT": str(controller.port),
           "PKDASH_SMTP_FROM": "alerts@pkdash.test",
           "PKDASH_PUBLIC_URL": "https://dash.example.org"}
    try:
        yield inbox, env
    finally:
        controller.stop()


@pytest.fixture
def smtp_with_login():
    """The same server, asking for a login (alerts / secret) before it accepts mail."""
    from aiosmtpd.smtp import AuthResult

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (auth_data.login, auth_data.password) == (b"alerts", b"secret")
        return AuthResult(success=ok)

    inbox = Inbox()
    # Plain-text login without TLS: on loopback, for the test only.
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(),
                            authenticator=authenticator, auth_require_tls=False,
                            auth_required=True)
    controller.start()
    env = {"PKDASH_SMTP_HOST": "127.0.0.1", "PKDASH_SMTP_PORT": str(controller.port),
           "PKDASH_SMTP_FROM": "alerts@pkdash.test", "PKDASH_SMTP_USER": "alerts"}
    try:
        yield inbox, env
    finally:
        controller.stop()
