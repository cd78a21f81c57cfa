"""Every dimension and filter `indicators` names has its words in dashboard/i18n/dimensions.py,
and every one of those words has its translation in each language."""

from __future__ import annotations

import pytest

from dashboard.i18n.dimensions import BY_WORDS, DIMENSION_TITLES, FILTER_WORDS
from indicators.i18n import LOCALES, _catalogue
from indicators.indicator import DIMENSIONS, FILTER_NAMES

TRANSLATED = [locale for locale in LOCALES if locale != "en"]
# Each dimension needs a column header and the words a default title groups it by.
DIMENSION_WORDS = {"header": DIMENSION_TITLES, "grouped by": BY_WORDS}


@pytest.mark.parametrize("kind", DIMENSION_WORDS)
def test_every_dimension_has_its_words(kind):
    words = DIMENSION_WORDS[kind]
    missing = [dimension for dimension in DIMENSIONS if dimension not in words]
    assert not missing, f"dimensions with no {kind} words in dashboard/i18n/dimensions.py: " \
        f"{missing}"


def test_every_filter_has_its_name():
    missing = [name for name in FILTER_NAMES if name not in FILTER_WORDS]
    assert not missing, f"filters with no name in dashboard/i18n/dimensions.py: {missing}"


@pytest.mark.parametrize("locale", TRANSLATED)
@pytest.mark.parametrize("kind", DIMENSION_WORDS)
def test_every_dimension_word_is_translated(kind, locale):
    catalogue = _catalogue(locale)
    words = DIMENSION_WORDS[kind]
    missing = {dimension: words[dimension] for dimension in DIMENSIONS
               if words.get(dimension) not in catalogue}
    assert not missing, f"{kind} words with no {locale} translation: {missing}"


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_filter_name_is_translated(locale):
    catalogue = _catalogue(locale)
    missing = {name: FILTER_WORDS[name] for name in FILTER_NAMES
               if FILTER_WORDS.get(name) not in catalogue}
    assert not missing, f"filter names with no {locale} translation: {missing}"
