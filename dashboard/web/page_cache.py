"""Built pages kept per address, language and data version, so a page asked for again (a shared
link, the overview everyone opens first) is sent without computing and drawing it again."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any

import flask
from sqlalchemy.exc import SQLAlchemyError

from dashboard.web.context import current_engine
from dashboard.web.viewer import current_viewer
from indicators.cache import LruCache
from indicators.compute import data_version
from indicators.i18n import current_locale

# A built page is a few hundred kB of components; a few dozen addresses per worker cover the
# pages and links people open most without holding much memory.
PAGES_KEPT = 32
_PAGES = LruCache(PAGES_KEPT)


def keep_built_pages(registry: Mapping[str, dict[str, Any]]) -> None:
    """Make every registered page's layout answer from the kept pages when it can.
    Idempotent: the registry is global and each app the tests build runs this again."""
    for page in registry.values():
        layout = page.get("layout")
        if callable(layout) and not getattr(layout, "pk_kept", False):
            page["layout"] = _kept(page["module"], layout)


def forget_built_pages() -> None:
    _PAGES.clear()


def mark_incomplete() -> None:
    """Say that the page being built shows a failure (a query that did not answer): such a
    page is sent, but not kept, so the next reader gets a fresh try rather than the error."""
    if flask.has_app_context():
        flask.g.pk_page_incomplete = True


def _kept(module: str, layout: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(layout)
    def built(**query: Any) -> Any:
        engine = current_engine()
        try:
            # A reload changes the version: a page is never sent with numbers it no longer has.
            version = data_version(engine)
        except SQLAlchemyError:
            return layout(**query)  # the page itself says the database did not answer
        # The viewer's scope: a page built for a delegation is never sent to anyone else.
        key = (module, engine.url.render_as_string(hide_password=False), version,
               current_locale(), current_viewer().cache_key, _address_key(query))
        page = _PAGES.get(key)
        if page is None:
            flask.g.pk_page_incomplete = False
            page = layout(**query)
            if not flask.g.pk_page_incomplete:
                _PAGES.put(key, page)
        return page

    built.pk_kept = True  # type: ignore[attr-defined]
    return built


def _address_key(query: Mapping[str, Any]) -> tuple:
    """The query as Dash Pages passes it (a value, or a list for a repeated parameter)."""
    return tuple(sorted((name, tuple(value) if isinstance(value, list) else value)
                        for name, value in query.items()))
