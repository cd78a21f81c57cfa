"""A figure's origin (indicators.origins) in a few words: its files and, for the UN's reports,
the pages ("UN_country_contributions_2015_02.pdf, pp. 2–3"), for a table cell or a hover."""

from __future__ import annotations

from indicators.i18n import N_, _, format_number
from indicators.illustrative import SOURCE_SLUG as ILLUSTRATIVE_SOURCE

GENERATED = N_("Generated (illustrative)")
# Up to this many monthly reports (a year's), a row's words name each with its pages.
REPORTS_NAMED = 12


def origin_text(origin: dict | float | None, most: int = REPORTS_NAMED) -> str:
    """One row's `provenance` ({"sources", "files"}) as words. More than `most` monthly
    reports (a row over years) are named by their first and last file and counted, without
    pages: the cell stays readable and the page small; the API lists every page."""
    if not isinstance(origin, dict) or not origin.get("files"):
        return ""
    files = origin["files"]
    monthly = [entry for entry in files if _is_monthly(entry)]
    # The test itself, not `entry in monthly`: comparing each entry with every monthly one
    # was most of the time of a row over years (hundreds of reports).
    words = [_file_words(entry) for entry in files
             if not (len(monthly) > most and _is_monthly(entry))]
    if len(monthly) > most:
        words.append(_("{count} monthly reports, {first} to {last}").format(
            count=format_number(len(monthly)), first=monthly[0]["file"],
            last=monthly[-1]["file"]))
    return "; ".join(dict.fromkeys(words))


def _is_monthly(entry: dict) -> bool:
    """A loaded monthly report (a file named with its month)."""
    return "month" in entry and bool(entry["file"])


def _file_words(entry: dict) -> str:
    if entry["file"] is None:
        return _(GENERATED) if entry["source"] == ILLUSTRATIVE_SOURCE else _("file not loaded")
    pages = entry.get("pages") or []
    if not pages:  # no pages (a CSV), or not stored for this cut: the file alone, no guess
        return entry["file"]
    template = _("{file}, p. {pages}") if len(pages) == 1 else _("{file}, pp. {pages}")
    return template.format(file=entry["file"], pages=page_ranges(pages))


def page_ranges(pages: list[int]) -> str:
    """[1, 2, 3, 7] as "1–3, 7": a country's rows run over consecutive pages."""
    runs: list[list[int]] = []
    for page in sorted(set(pages)):
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    # Plain digits: a report has tens of pages, never a thousand, and Babel's formatting of
    # every page number was most of the time of a long monthly chart's hovers and table.
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)
