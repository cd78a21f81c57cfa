"""Where the numbers come from, in words: footers, sources page, About rows, the mark."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from dashboard.exports.snapshot import ChartSnapshot, Pack
from dashboard.i18n.numbers import day_text, moment_text
from indicators.i18n import _, current_locale, format_number
from indicators.illustrative import SOURCE_SLUG as ILLUSTRATIVE_SOURCE
from indicators.lookups import Provenance
from indicators.manifest import load_manifest
from indicators.source_words import source_words
from indicators.status import period_label


def illustrative_mark() -> str:
    """The words stamped on every page or slide that shows generated numbers."""
    return _("ILLUSTRATIVE DATA")


def illustrative_group() -> str:
    """The label over the illustrative headline figures, kept apart from the real ones."""
    return _("Illustrative figures: generated for areas with no public data, not real")


def illustrative_explanation() -> str:
    return _("Charts with the illustrative-data mark show numbers generated for areas with no "
             "public data; they are not real.")


def filters_text(snapshot: ChartSnapshot) -> str:
    text = _("Filters: {filters}").format(
        filters=snapshot.shown_filters.describe(current_locale(),
                                                snapshot.names.get("country")))
    if snapshot.ignored_filters:
        text += " " + _("(not applicable to this indicator, so not applied: {names})").format(
            names=", ".join(snapshot.ignored_filters))
    return text


def source_phrase(source: Provenance) -> str:
    """'Source: IPI Peacekeeping Database…, as of 31 Aug 2014', or its coverage when generated."""
    if source.as_of:
        return _("Source: {title}, as of {date}").format(title=source.title,
                                                         date=day_text(source.as_of))
    if source.loaded:
        covers = period_label(source.coverage_start, source.coverage_end)
        if covers:
            return _("Source: {title}, covering {period}").format(title=source.title,
                                                                  period=covers)
        return _("Source: {title}").format(title=source.title)
    return _("Source: {title}, not loaded").format(title=source.title)


def footer_text(snapshot: ChartSnapshot, generated_at: dt.datetime) -> str:
    """Filters, sources with their as-of dates, and when the file was made."""
    parts = [filters_text(snapshot), *[source_phrase(s) for s in snapshot.sources],
             _("Generated {moment}").format(moment=moment_text(generated_at))]
    return " · ".join(parts)


@dataclass(frozen=True)
class SourceEntry:
    """One source as the closing page lists it."""

    title: str
    citation: str
    as_of: str  # "As of 31 Aug 2014", or the months generated data cover
    licence: str
    address: str
    illustrative: bool


def source_entries(pack: Pack) -> list[SourceEntry]:
    return [source_entry(source) for source in pack.sources]


def source_entry(source: Provenance) -> SourceEntry:
    published = _manifest().get(source.slug)
    if source.as_of:
        when = _("As of {date}").format(date=day_text(source.as_of))
    elif source.loaded:
        when = _("Generated data covering {period}").format(
            period=period_label(source.coverage_start, source.coverage_end))
    else:
        when = _("Not loaded in this database")
    return SourceEntry(
        title=source.title,
        citation=source.citation or (source_words(published.citation) if published else ""),
        as_of=when, licence=source_words(published.licence) if published else "",
        address=published.landing_page if published else "",
        illustrative=source.illustrative)


def about_rows(snapshot: ChartSnapshot, generated_at: dt.datetime) -> list[tuple[str, str]]:
    """(label, text) lines that say what a chart's numbers are and where they come from."""
    indicator = snapshot.indicator
    locale = current_locale()
    rows = [(_("Classification"), snapshot.restriction)] if snapshot.restriction else []
    rows += [
        (_("Chart"), snapshot.title),
        (_("Indicator"), f"{indicator.title(locale)} ({indicator.slug})"),
        (_("Definition"), indicator.definition(locale)),
        (_("Unit"), indicator.unit),
        (_("Filters applied"), snapshot.shown_filters.describe(
            locale, snapshot.names.get("country"))),
    ]
    if snapshot.ignored_filters:
        rows.append((_("Filters not applicable"), ", ".join(snapshot.ignored_filters)))
    rows.append((_("Data"), _("ILLUSTRATIVE (generated, not real)") if snapshot.illustrative
                 else _("Real")))
    for source in snapshot.sources:
        entry = source_entry(source)
        text = " ".join(part for part in (entry.citation, entry.as_of + ".",
                                          entry.licence, entry.address) if part)
        rows.append((_("Source: {title}").format(title=source.title), text))
    rows.extend(origin_rows(snapshot))
    rows.extend((_("Caveat"), _(caveat)) for caveat in indicator.caveats)
    if snapshot.no_data:
        rows.append((_("No data"), snapshot.no_data))
    rows.append((_("Generated at"), moment_text(generated_at)))
    return rows


def origin_rows(snapshot: ChartSnapshot) -> list[tuple[str, str]]:
    """One line per source: the files the chart's numbers were read from and, for the UN's
    reports, the pages; "page unknown" where the page is not stored, never a guess."""
    if not snapshot.origins:
        return []
    titles = {source.slug: source.title for source in snapshot.sources}
    rows = []
    for slug in snapshot.origins["sources"]:
        files = [file_words(entry) for entry in snapshot.origins["files"]
                 if entry["source"] == slug]
        rows.append((_("Files: {title}").format(title=titles.get(slug, slug)),
                     "; ".join(files)))
    return rows


def file_words(entry: dict) -> str:
    """'UN_country_contributions_2015_02.pdf, pages 2, 3', in the current language."""
    if entry["file"] is None:
        return (_("generated, no file") if entry["source"] == ILLUSTRATIVE_SOURCE
                else _("file not loaded"))
    if entry["pages"]:
        return _("{file}, pages {pages}").format(
            file=entry["file"], pages=", ".join(format_number(p) for p in entry["pages"]))
    if "month" in entry:  # a monthly report whose rows' pages are not stored for this figure
        return _("{file}, page unknown").format(file=entry["file"])
    return entry["file"]


@lru_cache(maxsize=1)
def _manifest_cached() -> tuple:
    return tuple(load_manifest())


def _manifest() -> dict:
    return {source.slug: source for source in _manifest_cached()}


def title_lines(pack: Pack) -> list[str]:
    """What the title slide (and the PDF's title page) says under the pack's title."""
    lines = [pack.subtitle] if pack.subtitle else []
    lines += [
        _("Filters: {filters}").format(filters=pack.describe_filters()),
        _("Date: {date}").format(date=day_text(pack.generated_at.date())),
        _("Charts: {count}").format(count=format_number(len(pack.shown))),
    ]
    if not pack.shown and not pack.headline:
        lines.append(_("No charts to show for these filters."))
    if pack.left_out:
        lines.append(_("Left out, with no data for these filters: {titles}.").format(
            titles="; ".join(snapshot.title for snapshot in pack.left_out)))
    if pack.illustrative:
        lines.append(_("Some charts show generated numbers for areas with no public data; "
                       "their slides are marked."))
    if pack.page_link:
        lines.append(_("This view: {address}").format(address=pack.page_link))
    if pack.link:
        lines.append(_("This pack again: {address}").format(address=pack.link))
    if pack.data_version:
        lines.append(_("Made from data version v{id}.").format(id=pack.data_version))
    return lines


def since_this_pack(pack: Pack) -> str:
    """Printed on every pack: opening the file later leads to what changed since."""
    return _("What changed since this pack: {address}").format(address=pack.briefing_link)


def headline_footer(pack: Pack) -> str:
    """The headline page's footer: filters, the figures' sources and when the file was made."""
    sources = pack.headline.sources if pack.headline else []
    parts = [_("Filters: {filters}").format(filters=pack.describe_filters()),
             *[source_phrase(source) for source in sources],
             _("Generated {moment}").format(moment=moment_text(pack.generated_at))]
    return " · ".join(parts)
