"""One checked export request, the same for the /export address, `pkdash export` and the
background jobs: which page (or which charts), which format, which filters, which language."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from sqlalchemy import Engine

from dashboard.exports.address import pack_filename, page_address, public_base
from dashboard.exports.headline import page_headline
from dashboard.exports.render import FORMATS, MEDIA_TYPES  # noqa: F401 — re-exported
from dashboard.exports.since_request import check_since, since_fields
from dashboard.exports.snapshot import CLASSIFICATION, Pack, page_snapshots, panel_snapshot
from dashboard.panels.spec import find_panel, page_panels, registered_pages
from dashboard.settings import ExportLimits
from indicators.access import check
from indicators.compute import get_indicator
from indicators.filters import FILTER_PARAMETERS, Filters, Problem, query_values
from indicators.i18n import LOCALES, _, normalise
from indicators.lookups import labels
from indicators.viewer import ANONYMOUS, Viewer
from indicators.vocabulary import SINGLE_VALUED, read_filters

BRIEFING = "briefing"  # the builder's pack: charts named one by one with `chart=page/panel`
PROFILE = "profile"  # a contributing country's one-pager: exactly one `country=ISO3`
PROFILE_FORMATS = ("pdf", "pptx")
# Parameters an export understands besides the filters.
EXPORT_PARAMETERS = (*FILTER_PARAMETERS, "chart", "title", "lang", "since")
# A briefing pack longer than this is a report; the app's limit is PKDASH_EXPORT_MAX_CHARTS.
MAX_CHARTS = ExportLimits().charts


class ExportRequestError(ValueError):
    """An export that cannot be made as asked; `problems` name each parameter to fix."""

    def __init__(self, problems: list[Problem], status: int = 400):
        self.problems = problems
        self.status = status
        super().__init__("; ".join(str(problem) for problem in problems))


@dataclass(frozen=True)
class ExportRequest:
    """What to export. `charts` are (page, panel) pairs in the order they appear in the pack."""

    page: str
    fmt: str
    filters: Filters
    charts: tuple[tuple[str, str], ...]
    title: str = ""
    locale: str = "en"
    query: dict[str, str] = field(default_factory=dict)
    base_url: str = ""  # the dashboard's public address (routes: the request's; CLI: default)
    # Who asked: the pack is computed as this viewer, wherever it is rendered (a job thread).
    viewer: Viewer = ANONYMOUS
    since: str = ""  # issue 17: a date, a data version or a saved briefing; "" for none
    account_id: int | None = None  # the signed-in maker, whose saved briefing it becomes

    @property
    def address(self) -> str:
        """The stable address that makes this pack again: /export/<page>.<fmt>?<query>."""
        query = urlencode(self.query, safe=",/")
        return f"/export/{self.page}.{self.fmt}" + (f"?{query}" if query else "")

    @property
    def filename(self) -> str:
        return pack_filename(self.page, self.filters, self.fmt, self.locale)


def exportable_pages() -> tuple[str, ...]:
    """Pages with charts, by their export name (`overview` for `/`), plus the builder's pack."""
    return (*registered_pages(), BRIEFING, PROFILE)


def read_export_request(page: str, fmt: str, query: Mapping[str, str | Iterable[str]],
                        engine: Engine, max_charts: int = MAX_CHARTS,
                        viewer: Viewer = ANONYMOUS) -> ExportRequest:
    """Check everything at once; raise ExportRequestError naming each problem, or
    NotPermitted for a chart named one by one that the viewer may not see (a page's pack
    leaves such charts out, as the page does).

    Unlike a page, an export refuses unknown codes instead of dropping them: a briefing pack
    that quietly covers more than was asked for is worse than no pack.
    """
    if page not in exportable_pages():
        raise ExportRequestError([Problem("page", page, _(
            "no page with charts by this name; expected one of {names}").format(
                names=", ".join(exportable_pages())))], status=404)
    named = query_values(query, "chart")
    if len(named) > max_charts:
        # 413: the pack asked for is too large, whatever else is right or wrong with it.
        raise ExportRequestError([Problem("chart", str(len(named)), _(
            "at most {count} charts in one pack (PKDASH_EXPORT_MAX_CHARTS)").format(
                count=max_charts))], status=413)
    problems: list[Problem] = []
    if fmt not in FORMATS:
        problems.append(Problem("format", fmt, _("expected one of {formats}").format(
            formats=", ".join(FORMATS))))
    filters, filter_problems = read_filters(query, engine, EXPORT_PARAMETERS,
                                            (*SINGLE_VALUED, "title", "since"))
    problems.extend(filter_problems)
    since = check_since(query, engine, viewer, problems)
    if page == PROFILE:
        _check_profile(fmt, filters, problems)
    charts = _charts(page, named, problems)
    lang = _first(query.get("lang")) if query.get("lang") else None
    if lang and normalise(lang) is None:
        problems.append(Problem("lang", lang, _("expected one of {locales}").format(
            locales=", ".join(LOCALES))))
    if problems:
        raise ExportRequestError(problems)
    if page == BRIEFING:
        for chart in charts:
            check(get_indicator(find_panel(*chart).indicator), viewer)
    title = (_first(query.get("title")) or "").strip()[:200]
    return ExportRequest(page=page, fmt=fmt, filters=filters, charts=charts, title=title,
                         locale=normalise(lang) or "en",
                         query={**filters.to_query(), **_extras(query)}, viewer=viewer,
                         since=since)


def _check_profile(fmt: str, filters: Filters, problems: list[Problem]) -> None:
    """A one-pager is one country's, over its own fixed periods: nothing else to choose."""
    if fmt in FORMATS and fmt not in PROFILE_FORMATS:
        problems.append(Problem("format", fmt, _("a country profile is a PDF page or a "
                                                 "PowerPoint slide: pdf or pptx")))
    if len(filters.countries) != 1:
        problems.append(Problem("country", ",".join(filters.countries), _(
            "a country profile is for exactly one contributing country: country=ISO3")))
    others = {"mission": filters.missions, "category": filters.categories,
              "from": filters.period_from, "to": filters.period_to, "gender": filters.gender,
              "mission-type": filters.mission_type}
    for name, value in others.items():
        if value:
            problems.append(Problem(name, str(value), _(
                "a country profile covers every mission over its own periods (the latest "
                "month, the last five years); only country applies")))


def _charts(page: str, named: list[str], problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    if page == PROFILE:
        if named:
            problems.append(Problem("chart", named[0], _(
                "charts are chosen one by one only for the briefing pack")))
        return ()
    if page != BRIEFING:
        if named:
            problems.append(Problem("chart", named[0], _(
                "charts are chosen one by one only for the briefing pack; a page exports "
                "all of its charts")))
        return tuple((page, panel.key) for panel in page_panels(page))
    if not named:
        problems.append(Problem("chart", "", _(
            "name at least one chart as chart=PAGE/PANEL, e.g. chart=women/share-by-mission")))
    charts = []
    for name in named:
        match = re.fullmatch(r"([a-z0-9-]+)/([a-z0-9-]+)", name)
        if not match or find_panel(*match.groups()) is None:
            problems.append(Problem("chart", name, _("no chart by this name (PAGE/PANEL)")))
        else:
            charts.append(match.groups())
    return tuple(charts)


def build_pack(request: ExportRequest, engine: Engine, page_title: str = "") -> Pack:
    """The snapshots of every chart asked for, computed exactly as the screen computes them."""
    viewer = request.viewer
    if request.page != BRIEFING:
        snapshots = page_snapshots(request.page, request.filters, engine, viewer)
    else:
        snapshots = [panel_snapshot(page, key, request.filters, engine, viewer)
                     for page, key in request.charts]
    names = labels(engine)["country"]
    # A pack holding restricted figures says whose they are, on the title slide (as its
    # classification) and on every other slide and page.
    mark = next((s.restriction for s in snapshots if s.restriction), "")
    title = request.title or page_title or _("Briefing pack")
    base = request.base_url or public_base()
    page_link = "" if request.page == BRIEFING else page_address(
        base, request.page, request.filters, request.locale)
    return Pack(title=title, filters=request.filters, snapshots=snapshots,
                generated_at=dt.datetime.now(dt.UTC), link=base + request.address,
                page_link=page_link,
                headline=page_headline(request.page, request.filters, engine, viewer),
                country_names=names, restriction=mark, classification=mark or CLASSIFICATION,
                **since_fields(request.since, request.filters, engine, viewer))


def _first(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else (next(iter(value), "") or "")


def _extras(query) -> dict[str, str]:
    """The non-filter parameters, in the form that reproduces the request."""
    extras = {}
    if query_values(query, "chart"):
        extras["chart"] = ",".join(query_values(query, "chart"))
    for name in ("title", "lang", "since"):
        if query.get(name):
            extras[name] = _first(query[name])
    return extras
