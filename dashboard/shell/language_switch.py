"""The navbar's language switch: plain links that reload the current page, with its filters,
in the other language (the whole shell is rendered again, so no partial update)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

from dash import ALL, Input, Output, State, html

from dashboard.i18n.language import PARAMETER
from dashboard.web.callback_registry import app_callback
from dashboard.web.ids import URL
from indicators.i18n import LOCALES, _, current_locale, language_name


def switch_id(code: str) -> dict[str, str]:
    return {"page": "shell", "part": "lang", "to": code}


def language_switch() -> html.Div:
    """A link per language, named in itself ("English", "Français") and marked with its own
    `lang`, so a screen reader says each in the right voice. Until the callback below fills
    them in, the hrefs are relative ("?lang=fr"): they keep the page, if not its filters."""
    here = current_locale()
    links = []
    for code in LOCALES:
        current = code == here
        links.append(html.A(
            language_name(code), href=f"?{PARAMETER}={code}", id=switch_id(code), lang=code,
            hrefLang=code,
            className="pk-lang-link nav-link px-2" + (" active fw-semibold" if current else ""),
            **({"aria-current": "true"} if current else {}),
        ))
    # navbar-nav: the dark navbar's link colours (light on dark), as for the page links.
    return html.Div(links, role="group", className="navbar-nav flex-row pk-lang ms-auto",
                    **{"aria-label": _("Language")})


def with_language(pathname: str | None, search: str | None, code: str) -> str:
    """The address of the same page, same parameters, in another language."""
    query = {key: values[-1] for key, values in parse_qs((search or "").lstrip("?")).items()}
    query[PARAMETER] = code
    return f"{pathname or '/'}?{urlencode(query, safe=',')}"


@app_callback(
    Output(switch_id(ALL), "href"),
    Input(URL, "pathname"),
    Input(URL, "search"),
    State(switch_id(ALL), "id"),
)
def follow_the_address(pathname, search, link_ids):
    """Keep each link pointing at the current page and filters as they change."""
    return [with_language(pathname, search, link["to"]) for link in link_ids]
