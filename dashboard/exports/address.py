"""Where a pack comes from, for its title slide and its file name: the absolute address of
the page and of the export that make it again, and a file name that says its filters."""

from __future__ import annotations

import os
import re
from urllib.parse import urlencode

import dash
from flask import has_request_context, request

from indicators.filters import Filters

PUBLIC_URL_VARIABLE = "PKDASH_PUBLIC_URL"
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8050"
MAX_NAME = 120  # characters before the extension: long lists of codes are cut
UNSAFE = re.compile(r"[^A-Za-z0-9-]+")


def public_base() -> str:
    """The dashboard's public address, without a trailing slash: PKDASH_PUBLIC_URL when set
    (behind a proxy the request's own host may be an internal one), else the address the
    request came to, else (the CLI) http://127.0.0.1:8050."""
    configured = os.environ.get(PUBLIC_URL_VARIABLE, "").strip()
    if configured:
        return configured.rstrip("/")
    if has_request_context():
        return request.url_root.rstrip("/")
    return DEFAULT_PUBLIC_URL


def page_path(page: str) -> str | None:
    """The path of a page by its export name (`/` for `overview`); None if not a page."""
    for entry in dash.page_registry.values():
        if entry["module"].rsplit(".", 1)[-1] == page:
            return entry["relative_path"]
    return None


def page_address(base: str, page: str, filters: Filters, locale: str = "en") -> str:
    """The page's absolute address with its filters (and language): opens the same view."""
    path = page_path(page)
    if path is None:
        return ""
    query = {**filters.to_query(), **({"lang": locale} if locale != "en" else {})}
    return base + path + (f"?{urlencode(query, safe=',')}" if query else "")


def pack_filename(page: str, filters: Filters, fmt: str, locale: str = "en") -> str:
    """'overview_MONUSCO_RWA_2024-01_2024-12.pptx': the page, then each filter's values,
    then the period, in letters, digits and dashes only, so any system keeps the name."""
    parts = [page, *filters.missions, *filters.countries, *filters.categories]
    parts += [value for value in (filters.gender, filters.mission_type) if value]
    if filters.period_from or filters.period_to:
        parts.append(filters.period_from.strftime("%Y-%m") if filters.period_from else "start")
        parts.append(filters.period_to.strftime("%Y-%m") if filters.period_to else "latest")
    if locale != "en":
        parts.append(locale)
    stem = "_".join(part for part in (UNSAFE.sub("-", str(p)).strip("-") for p in parts)
                    if part)
    return f"{stem[:MAX_NAME].rstrip('_-') or 'pack'}.{fmt}"
