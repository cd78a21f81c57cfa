"""The reader's language for each request: chosen from the address, the page that made the
request, a cookie or the browser's preferences; set for everything that request renders.

The rule, first match wins:
1. `lang` in the request's own query string (`/women?lang=fr`, `/api/v1/...?lang=fr`);
2. `lang` in the query string of the page that made the request (its Referer header, same
   host only). Dash's own requests (`/_dash-layout`, `/_dash-update-component`: the shell,
   the pages and every callback) are made by the page, so they follow its address: two tabs
   in two languages each stay in theirs. Downloads clicked on a page follow it the same way;
3. the `pkdash_lang` cookie, set whenever a page is loaded with a `lang` it knows;
4. the browser's Accept-Language: its first language, by quality, that we have, matched by
   primary tag (`fr-CA,fr;q=0.9` → French; `en-GB,fr;q=0.5` → English; `de` → English);
5. English.
A `lang` naming a language we do not have (`lang=xx`) is ignored, never an error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

import dash
from flask import Flask, Request, Response, request

from dashboard.i18n import PRODUCT_NAME
from indicators.i18n import DEFAULT_LOCALE, _, current_locale, normalise, set_locale

PARAMETER = "lang"
COOKIE = "pkdash_lang"
COOKIE_MAX_AGE = 365 * 24 * 3600  # a year: a reader's language rarely changes
_HTML_TAG = re.compile(r"<html[^>]*>", re.IGNORECASE)


def negotiate(req: Request) -> str:
    """The locale for this request, by the rule in the module docstring."""
    own = normalise(req.args.get(PARAMETER))
    if own:
        return own
    from_page = _referer_language(req)
    if from_page:
        return from_page
    from_cookie = normalise(req.cookies.get(COOKIE))
    if from_cookie:
        return from_cookie
    return _browser_language(req) or DEFAULT_LOCALE


def _browser_language(req: Request) -> str | None:
    """The first language in Accept-Language (by quality) that we have, by its primary tag.
    Not werkzeug's best_match: it prefers any exact match to a better-ranked regional one,
    so "en-GB, fr;q=0.5" would get French."""
    for value, quality in req.accept_languages:
        chosen = normalise(value) if quality > 0 else None
        if chosen:
            return chosen
    return None


def _referer_language(req: Request) -> str | None:
    referer = req.headers.get("Referer")
    if not referer:
        return None
    parts = urlsplit(referer)
    if parts.netloc and parts.netloc != req.host:  # another site's address says nothing
        return None
    values = parse_qs(parts.query).get(PARAMETER)
    return normalise(values[-1]) if values else None


def register_language(server: Flask) -> None:
    """Choose the locale before each request; remember an explicit choice in a cookie."""

    @server.before_request
    def choose_locale() -> None:
        set_locale(negotiate(request))

    @server.after_request
    def remember_locale(response: Response) -> Response:
        chosen = normalise(request.args.get(PARAMETER))
        # Only a page load sets the cookie: an API call or a download names its language
        # for itself and should not change the reader's pages.
        if chosen and request.method == "GET" and response.mimetype == "text/html":
            response.set_cookie(COOKIE, chosen, max_age=COOKIE_MAX_AGE, samesite="Lax",
                                httponly=True)
        if response.mimetype == "text/html":
            response.headers["Content-Language"] = current_locale()
            response.vary.update(("Accept-Language", "Cookie"))
        return response

    @server.teardown_request
    def forget_locale(_error: BaseException | None) -> None:
        # A thread may serve another request next (or be a test's own): start it in English.
        set_locale(DEFAULT_LOCALE)


class LocalisedDash(dash.Dash):
    """Dash, with the page shell in the request's language: `<html lang>` (screen readers
    choose their voice by it) and the title. Dash's index_string is one string for all
    requests, so the language is put in when each index page is rendered."""

    def interpolate_index(self, **kwargs: Any) -> str:
        if kwargs.get("title") == PRODUCT_NAME:
            kwargs["title"] = _(PRODUCT_NAME)
        index = super().interpolate_index(**kwargs)
        return _HTML_TAG.sub(f'<html lang="{current_locale()}">', index, count=1)


def localise_page_registry(registry: Mapping[str, dict[str, Any]]) -> None:
    """Give every registered page a title and description computed per request, in the
    reader's language (Dash Pages calls them when it renders the page or its meta tags). The
    tab title is always "<page name> · <product name>". Idempotent: the registry is global
    and each app the tests build runs this again."""
    for page in registry.values():
        page.setdefault("description_en", page.get("description", ""))
        page["title"] = _PageTitle(page["name"])
        page["description"] = _Translated(page["description_en"])


class _PageTitle:
    def __init__(self, name: str):
        self.name = name

    def __call__(self, **_path_variables: str) -> str:
        return _("{page} · {product}").format(page=_(self.name), product=_(PRODUCT_NAME))

    def __repr__(self) -> str:  # shown by Dash's page registry listing
        return f"{self.name} · {PRODUCT_NAME}"


class _Translated:
    def __init__(self, text: str):
        self.text = text

    def __call__(self, **_path_variables: str) -> str:
        return _(self.text) if self.text else ""

    def __repr__(self) -> str:
        return self.text
