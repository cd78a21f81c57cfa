"""Chart controls in the reader's language: the plotly.js `config` keys that pick its locale.

plotly.js words its mode bar ("Download plot", "Zoom in"...) and writes its axis numbers and
dates from a registered locale. The French one is vendored in assets/plotly-locale-fr.js
(Dash serves every script in assets/ on every page, locally: no CDN), and registers itself
with plotly.js; a graph then uses it when its config names it. English is plotly's default.
"""

from __future__ import annotations

from indicators.i18n import current_locale

# Locales with a plotly.js dictionary in assets/ (file plotly-locale-<name>.js).
PLOTLY_LOCALES = ("fr",)


def graph_config(locale: str | None = None) -> dict[str, str]:
    """Keys to merge into a dcc.Graph `config` for the locale (the current one by default):
    {"locale": "fr"} in French, nothing in English."""
    chosen = locale or current_locale()
    return {"locale": chosen} if chosen in PLOTLY_LOCALES else {}
