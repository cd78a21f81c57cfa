"""A card's badge saying whether its numbers are real (official files) or illustrative."""

from __future__ import annotations

from dash import html

from indicators.i18n import _


def illustrative_badge() -> html.Span:
    return html.Span(_("Illustrative data"), className="badge pk-badge pk-badge-illustrative",
                     title=_("Generated for an area with no public data; not real numbers."))


def real_badge() -> html.Span:
    return html.Span(_("Real data"), className="badge pk-badge pk-badge-real",
                     title=_("From official public files; see the caption for source and "
                             "date."))
