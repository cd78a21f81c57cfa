"""A figure's origin (indicators.origins) in a few words: its files and, for the UN's reports,
the pages ("UN_country_contributions_2015_02.pdf, pp. 2–3"), for a table cell or a hover."""

from __future__ import annotations

from functools import lru_cache

from indicators.i18n import N_, _, current_locale, format_number
from indicators.illustrative import SOURCE_SLUG as ILLUSTRATIVE_SOURCE

GENERATED = N_("Generated (illustrative)")
# Up to this many monthly reports (a year's), a row's words name each with its pages.
REPORTS_NAMED = 12


class RowOrigin:
    """One row's origin as the parts it is made of: its other sources' files, and the months
    a monthly report answers with the pages that print the row. Its provenance and its words
    are made only when asked for, and the words once per row and language: a card's table
    and hovers name the same files, and a row over years is counted, not listed (its months
    as dicts, made for words alone, were most of a long row's cost)."""

    __slots__ = ("others", "source", "months", "reports", "pages", "codes", "_said")

    def __init__(self, others: tuple, source: str = "", months: list[str] = (),
                 reports: dict[str, str] | None = None, pages: dict | None = None,
                 codes: tuple = ()):
        self.others = others  # ((source slug, file or None), ...), as the indicator lists them
        self.source = source  # the monthly reports' source slug
        self.months = months  # the months a report answers ("YYYY-MM"), in order
        self.reports = reports  # month -> its report's file name (every file named)
        self.pages = pages  # (month, *codes) -> pages; None: pages not looked up
        self.codes = codes  # the row's values of the page dimensions
        self._said: dict[tuple, str] | None = None  # made when first asked: fewer objects

    def provenance(self) -> dict:
        """{"sources": [slug, ...], "files": [{"source", "file", "month"?, "pages"}, ...]}."""
        files = [{"source": slug, "file": file, "pages": None} for slug, file in self.others]
        files.extend({"source": self.source, "file": self.reports[month], "month": month,
                      "pages": self._pages(month)} for month in self.months)
        return {"sources": list(dict.fromkeys(entry["source"] for entry in files)),
                "files": files}

    def text(self, most: int) -> str:
        """origin_text() of the provenance, worked out once per row for any `most` that
        names (or counts) the same reports."""
        key = (len(self.months) <= most, current_locale())
        if self._said is None:
            self._said = {}
        said = self._said.get(key)
        if said is None:
            said = self._said[key] = self._words(key[0])
        return said

    def _words(self, named: bool) -> str:
        words = [_named(slug, file, None) for slug, file in self.others]
        if named:
            words.extend(_named(self.source, self.reports[month], self._pages(month))
                         for month in self.months)
        else:
            words.append(_counted(len(self.months), self.reports[self.months[0]],
                                  self.reports[self.months[-1]]))
        return "; ".join(dict.fromkeys(words))

    def _pages(self, month: str) -> list[int] | None:
        return None if self.pages is None else self.pages.get((month, *self.codes), [])


def origin_text(origin: RowOrigin | dict | float | None, most: int = REPORTS_NAMED) -> str:
    """One row's `provenance` ({"sources", "files"}) as words. More than `most` monthly
    reports (a row over years) are named by their first and last file and counted, without
    pages: the cell stays readable and the page small; the API lists every page."""
    if isinstance(origin, RowOrigin):
        return origin.text(most)
    if not isinstance(origin, dict) or not origin.get("files"):
        return ""
    files = origin["files"]
    monthly = [entry for entry in files if _is_monthly(entry)]
    # The test itself, not `entry in monthly`: comparing each entry with every monthly one
    # was most of the time of a row over years (hundreds of reports).
    words = [_file_words(entry) for entry in files
             if not (len(monthly) > most and _is_monthly(entry))]
    if len(monthly) > most:
        words.append(_counted(len(monthly), monthly[0]["file"], monthly[-1]["file"]))
    return "; ".join(dict.fromkeys(words))


def _is_monthly(entry: dict) -> bool:
    """A loaded monthly report (a file named with its month)."""
    return "month" in entry and bool(entry["file"])


def _counted(count: int, first: str, last: str) -> str:
    return _counted_in(count, first, last, current_locale())


@lru_cache(maxsize=4096)
def _counted_in(count: int, first: str, last: str, language: str) -> str:
    """Worked out once per language: at 100 times the data, 10,000 contributors of a mission
    over the same years all say the same (and formatting the count was a tenth of the card)."""
    return _("{count} monthly reports, {first} to {last}").format(
        count=format_number(count), first=first, last=last)


def _file_words(entry: dict) -> str:
    return _named(entry["source"], entry["file"], entry.get("pages"))


def _named(source: str, file: str | None, pages: list[int] | None) -> str:
    if file is None:
        return _(GENERATED) if source == ILLUSTRATIVE_SOURCE else _("file not loaded")
    if not pages:  # no pages (a CSV), or not stored for this cut: the file alone, no guess
        return file
    template = _("{file}, p. {pages}") if len(pages) == 1 else _("{file}, pp. {pages}")
    return template.format(file=file, pages=_ranges(tuple(pages)))


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


@lru_cache(maxsize=4096)
def _ranges(pages: tuple[int, ...]) -> str:
    """page_ranges() once per set of pages: a month's rows of one mission share theirs."""
    return page_ranges(pages)
