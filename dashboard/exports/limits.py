"""The export doors' limits: requests per client and in all (Flask-Limiter, counted in the
shared Redis when PKDASH_CACHE_URL names one), the largest request body, and the 413/429
answers that name the limit and say when to try again."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, jsonify, request
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import RequestEntityTooLarge

from dashboard.settings import ExportLimits
from indicators.i18n import _

LIMITER_KEY = "PKDASH_LIMITER"
# The doors that start work: a pack, or one chart's file. Job status and files stay free:
# a page polls its job twice a second.
LIMITED_VIEWS = ("exports.export_now", "exports.start_job", "downloads.download")
ALL_CLIENTS = "all"  # the key of the limit shared by every client


def storage_uri(cache_url: str | None) -> str:
    """Where the counts live: the shared Redis, so every worker counts the same requests."""
    if not cache_url:
        return "memory://"
    scheme = urlsplit(cache_url).scheme
    return "redis+unix://" + cache_url[len("unix://"):] if scheme == "unix" else cache_url


def install_limits(server: Flask, limits: ExportLimits, cache_url: str | None) -> Limiter:
    """Limit the doors in LIMITED_VIEWS (registered before this is called) and every body."""
    server.config["MAX_CONTENT_LENGTH"] = limits.request_bytes
    # No rate-limit headers on every answer: Flask-Limiter would overwrite the Retry-After of a
    # 503 (database restarting) with its window's reset. too_many() sets its own Retry-After.
    limiter = Limiter(get_remote_address, app=server, storage_uri=storage_uri(cache_url),
                      headers_enabled=False, strategy="fixed-window")
    # Shared limits: a client's packs and downloads count together, whichever door they used.
    per_client = limiter.shared_limit(limits.per_client, scope="exports-per-client",
                                      error_message=lambda: _(
        "Too many exports from this address: at most {rate} (PKDASH_EXPORT_RATE_PER_CLIENT)"
    ).format(rate=limits.per_client))
    in_all = limiter.shared_limit(
        limits.in_all, scope="exports-in-all", key_func=lambda: ALL_CLIENTS,
        error_message=lambda: _(
            "Too many exports from all clients together: at most {rate} "
            "(PKDASH_EXPORT_RATE_TOTAL)").format(rate=limits.in_all))
    for endpoint in LIMITED_VIEWS:
        server.view_functions[endpoint] = in_all(per_client(server.view_functions[endpoint]))
    server.config[LIMITER_KEY] = limiter
    server.register_error_handler(RateLimitExceeded, too_many)
    server.register_error_handler(RequestEntityTooLarge, too_large)
    return limiter


def too_many(error: RateLimitExceeded) -> Response:
    """429, naming the limit, with the seconds until its window resets."""
    current = current_app.config[LIMITER_KEY].current_limit
    wait = int(current.reset_at - time.time()) + 1 if current is not None else 60
    return refusal(429, error.description, retry_after=max(wait, 1))


def too_large(error: RequestEntityTooLarge) -> Response:
    """413 for a body over PKDASH_MAX_REQUEST_BYTES, read no further than the limit."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    return refusal(413, _("The request is larger than {size} bytes "
                          "(PKDASH_MAX_REQUEST_BYTES)").format(size=limit))


def refusal(status: int, message: str, problems: list[dict] | None = None,
            retry_after: int | None = None) -> Response:
    """A refusal as the asker reads it: JSON for scripts and the job routes, text otherwise."""
    headers = {"Retry-After": str(retry_after)} if retry_after else {}
    if wants_json():
        response = jsonify({"error": message, "problems": problems or []})
    else:
        lines = [f"- {p['parameter']}={p['value']!r}: {p['reason']}" for p in problems or []]
        response = Response("\n".join([message, *lines]) + "\n",
                            mimetype="text/plain; charset=utf-8")
    response.status_code = status
    response.headers.update(headers)
    return response


def wants_json() -> bool:
    return (request.path.startswith("/export/jobs") or request.is_json
            or request.accept_mimetypes.best == "application/json")
