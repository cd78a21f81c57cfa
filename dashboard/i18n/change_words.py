"""A ChangeSet in words, in the reader's language: the heading ("Since your briefing of
30 June 2025") and one line per change, shared by the page's panel, the pack's slide and
page, and the workbook's sheet, so all of them say the same thing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dashboard.i18n.numbers import same_shown, value_text
from dashboard.i18n.revision_words import revision_subject, value_words
from indicators.change_set import ChangeSet, DataVersionInfo, KpiMove, NewAllegations, Revision
from indicators.compute import QueryError, get_indicator
from indicators.i18n import N_, _, current_locale, format_day, format_month, format_number
from indicators.manifest import source_by_slug
from indicators.place_names import mission_acronym
from indicators.source_words import source_words
from indicators.targets import UGPS_GROUP_NAMES

LONG_DAY = "d MMMM y"  # 30 June 2025 / 30 juin 2025
# Section keys (stable: tests and the workbook's column find them) and their titles.
SECTIONS = {"new-months": N_("New months of data"),
            "revisions": N_("Revised figures"),
            "kpis": N_("Headline figures that moved"),
            "allegations": N_("New allegations by mission")}
MONTHS_LISTED = 4  # more new months than this are said as a range
WOMEN_SHARE = "women-share"  # indicators.versions' KPI of each UGPS group: women-share-<group>


@dataclass(frozen=True)
class ChangeLine:
    key: str  # the change's stable key (indicators.change_set)
    text: str


@dataclass(frozen=True)
class ChangeSection:
    key: str
    title: str
    lines: tuple[ChangeLine, ...]


def long_day(day: dt.date) -> str:
    return format_day(day, LONG_DAY)


def version_words(info: DataVersionInfo) -> str:
    """"data version v3 (30 June 2025)": which build, and when it was made."""
    return _("data version v{id} ({day})").format(id=info.id, day=long_day(info.created_at))


def since_heading(kind: str, version: DataVersionInfo, day: dt.date | None = None) -> str:
    """The panel's and the slide's heading. `kind`: "briefing" (day: when the pack was
    made), "date" (day: the date asked), "moment" or "version"."""
    if kind == "briefing":
        return _("Since your briefing of {day}").format(day=long_day(day or version.created_at))
    if kind == "date" and day is not None:
        return _("Since {day}").format(day=long_day(day))
    return _("Since {version}").format(version=version_words(version))


def span_words(changes: ChangeSet) -> str:
    """Which two data versions are compared: nothing is left to guess."""
    return _("Changes from {old} to {new}, the data shown now.").format(
        old=version_words(changes.since), new=version_words(changes.until))


def change_sections(changes: ChangeSet, country_names: dict[str, str] | None = None
                    ) -> list[ChangeSection]:
    """The non-empty sections, in a fixed order, each line in the reader's language."""
    names = country_names or {}
    lines = {
        "new-months": [ChangeLine(item.key, _("{source}: {months}").format(
            source=source_title(item.source), months=months_words(item.months)))
            for item in changes.new_months],
        "revisions": [ChangeLine(item.key, revision_words(item, changes, names))
                      for item in changes.revisions],
        "kpis": [ChangeLine(item.key, kpi_words(item)) for item in changes.kpi_moves],
        "allegations": [ChangeLine(item.key, allegation_words(item, names))
                        for item in changes.new_allegations],
    }
    return [ChangeSection(key, _(SECTIONS[key]), tuple(found))
            for key, found in lines.items() if found]


def source_title(slug: str) -> str:
    try:
        return source_words(source_by_slug(slug.split("/", 1)[0]).title)
    except KeyError:
        return slug


def months_words(months: tuple[dt.date, ...]) -> str:
    ordered = sorted(months)
    if len(ordered) <= MONTHS_LISTED:
        return ", ".join(format_month(month) for month in ordered)
    return _("{first} – {last} ({count} months)").format(
        first=format_month(ordered[0]), last=format_month(ordered[-1]), count=len(ordered))


def source_file_words(info: DataVersionInfo, source: str, version: int) -> str:
    """"full_gender_data.csv (as of 31 Aug 2014)": the source's file in that build, when the
    ChangeSet knows it (one of the two versions compared); "" otherwise."""
    entry = info.sources.get(source) if info.id == version else None
    if not entry or not entry.get("file_name"):
        return ""
    as_of = entry.get("as_of")
    if as_of:
        return _("{file} (as of {day})").format(file=entry["file_name"],
                                                day=format_day(dt.date.fromisoformat(as_of)))
    return entry["file_name"]


def revision_words(item: Revision, changes: ChangeSet,
                   country_names: dict[str, str] | None = None) -> str:
    """A revised month says old → new, which source revised it and in which data versions, so
    it is never read as a change on the ground; what it is about in the reader's words."""
    what = revision_subject(item, country_names or {})
    old, new = value_words(item.old), value_words(item.new)
    old_file = source_file_words(changes.since, item.source, item.old_version)
    new_file = source_file_words(changes.until, item.source, item.new_version)
    versions = _("data version v{old} → v{new}").format(old=item.old_version,
                                                       new=item.new_version)
    if old_file and new_file:
        files = (_("its file {file}").format(file=new_file) if old_file == new_file else
                 _("its file {old} → {new}").format(old=old_file, new=new_file))
        versions = f"{versions}; {files}"
    source = source_title(item.source)
    if item.kind == "withdrawn":
        return _("{what}: {old} withdrawn by {source} ({versions})").format(
            what=what, old=old, source=source, versions=versions)
    if item.kind == "added":
        return _("{what}: {new} added by {source} for a month already published ({versions})"
                 ).format(what=what, new=new, source=source, versions=versions)
    return _("{what}: {old} → {new}, revised by {source} ({versions})").format(
        what=what, old=old, new=new, source=source, versions=versions)


def kpi_title(slug: str) -> tuple[str, str]:
    """The KPI's name and unit: a catalogue indicator, or women's share of one UGPS group
    ("women-share-formed-police-units", as indicators.versions records it)."""
    group = slug.removeprefix(WOMEN_SHARE + "-")
    if group != slug and group in UGPS_GROUP_NAMES:
        return _("Women's share, {group}").format(group=_(UGPS_GROUP_NAMES[group])), "percent"
    try:
        indicator = get_indicator(slug)
    except QueryError:  # an indicator since retired is still named, by its slug
        return slug, ""
    return indicator.title(current_locale()), indicator.unit


def kpi_words(item: KpiMove) -> str:
    title, unit = kpi_title(item.indicator)
    # A move too small to show at the usual precision is shown with two decimals, so the
    # line never reads "17.3% → 17.3%".
    close = (item.old is not None and item.new is not None
             and same_shown(item.old, item.new, unit))

    def shown(value: float | None) -> str:
        if value is None:
            return _("none")
        if close and unit == "percent":
            return _("{number}%").format(number=format_number(value, 2))
        return format_number(value, 2) if close else value_text(value, unit)

    text = _("{indicator}: {old} → {new}").format(indicator=title, old=shown(item.old),
                                                    new=shown(item.new))
    if item.crossed == "reached" and item.target is not None:
        text += " — " + _("reached its target of {target}").format(
            target=value_text(item.target, unit))
    elif item.crossed == "fell-below" and item.target is not None:
        text += " — " + _("fell below its target of {target}").format(
            target=value_text(item.target, unit))
    return text


def allegation_words(item: NewAllegations, names: dict[str, str]) -> str:
    mission = mission_acronym(item.mission)
    text = (_("{mission}: 1 new allegation") if item.count == 1
            else _("{mission}: {count} new allegations")).format(mission=mission,
                                                                  count=item.count)
    details = []
    if item.reported_months:
        details.append(_("reported {months}").format(months=months_words(item.reported_months)))
    if item.nationalities:
        details.append(_("personnel of {countries}").format(countries=", ".join(
            names.get(code, code) for code in item.nationalities)))
    return text + (f" ({'; '.join(details)})" if details else "")


def no_changes_words() -> str:
    return _("Nothing in the data has changed since then.")


def narrowed_words(hidden: int) -> str:
    """Said whenever the page's filters left changes out, so a short list is never read as
    all there is."""
    return (_("1 change for other missions or countries is not listed: the page's mission "
              "and country filters apply.") if hidden == 1 else
            _("{count} changes for other missions or countries are not listed: the page's "
              "mission and country filters apply.").format(count=hidden))
