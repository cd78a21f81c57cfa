"""Translation and locale formatting: gettext catalogues (Babel) for English and French,
the locale in force for the current request or export, and numbers/dates in its style."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.messages.pofile import read_po
from babel.numbers import NumberPattern, format_decimal, parse_pattern

LOCALES = ("en", "fr")
DEFAULT_LOCALE = "en"
CATALOGUE_DIR = Path(__file__).resolve().parent / "locale"
# The formats each language is written in: British English, as UN documents are.
FORMAT_LOCALES = {"en": "en_GB", "fr": "fr_FR"}

# The locale of the request or export being handled: set by the dashboard per request and
# by exports per file, so deep helpers (captions, summaries) need no locale argument.
_current: ContextVar[str] = ContextVar("pkdash_locale", default=DEFAULT_LOCALE)


def normalise(value: str | None) -> str | None:
    """'fr-CA', 'FR', 'fr_FR' → 'fr'; anything we do not translate → None."""
    if not value:
        return None
    language = value.strip().replace("_", "-").split("-")[0].lower()
    return language if language in LOCALES else None


def current_locale() -> str:
    return _current.get()


@contextlib.contextmanager
def use_locale(locale: str | None) -> Iterator[str]:
    """Run a block in a locale (unknown or empty → English)."""
    chosen = normalise(locale) or DEFAULT_LOCALE
    token = _current.set(chosen)
    try:
        yield chosen
    finally:
        _current.reset(token)


def set_locale(locale: str | None) -> str:
    """Set the locale for the rest of this context (a request); returns what was set."""
    chosen = normalise(locale) or DEFAULT_LOCALE
    _current.set(chosen)
    return chosen


@functools.cache
def _catalogue(locale: str) -> dict[str, str]:
    """msgid → msgstr for a locale, merged from every domain's .po file in its folder (one
    domain per part of the product: messages, exports, ...); untranslated entries skipped."""
    merged: dict[str, str] = {}
    for path in sorted((CATALOGUE_DIR / locale / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=locale, domain=path.stem)
        merged.update({message.id: message.string for message in catalog
                       if message.id and isinstance(message.id, str) and message.string
                       and not message.fuzzy})
    return merged


def gettext(message: str) -> str:
    """The message in the current locale; the English text when no translation exists."""
    locale = _current.get()
    if locale == DEFAULT_LOCALE or not message:
        return message
    return _catalogue(locale).get(message, message)


_ = gettext


def N_(message: str) -> str:  # noqa: N802 — the gettext convention for "mark, translate later"
    """Marks a string for extraction where it is declared; translate it with _() when shown."""
    return message


def babel_locale() -> Locale:
    """The current language's locale for Babel's numbers and dates. Parsed once: Babel parses
    a locale's name again on every call, half the time of formatting a number (a page
    formats about a thousand, for its hovers, tables and sentences)."""
    return _parsed_locale(FORMAT_LOCALES[_current.get()])


@functools.cache
def _parsed_locale(name: str) -> Locale:
    return Locale.parse(name)


@functools.cache
def _number_pattern(pattern: str) -> NumberPattern:
    """A number pattern parsed once (Babel parses it on every call too)."""
    return parse_pattern(pattern)


def format_number(value: float | int, digits: int = 0) -> str:
    """1234.5 → '1,234.5' (en) or '1 234,5' (fr)."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=_number_pattern(pattern), locale=babel_locale())


def format_day(day: dt.date, style: str = "medium") -> str:
    """31 Dec 2013 (en) / 31 déc. 2013 (fr)."""
    return _babel_format_date(day, format=style, locale=babel_locale())


def format_month(day: dt.date) -> str:
    """Dec 2013 (en) / déc. 2013 (fr)."""
    return _babel_format_date(day, format="MMM y", locale=babel_locale())


def language_name(locale: str) -> str:
    """A language named in itself, for the switch: English, Français."""
    return Locale.parse(locale).get_display_name(locale).capitalize()
