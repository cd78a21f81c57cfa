"""French country names in sentences take their article (du Rwanda, de la France, des
États-Unis, de l'Irak, de Madagascar): a written entry for every country the data can hold,
checked against the name's first letter, and used by the country profile's peers sentence."""

from __future__ import annotations

import re

import pycountry
import pytest

from indicators.country_articles import ARTICLES, article, in_country, of_country, the_country
from indicators.i18n import _catalogue, use_locale
from indicators.place_names import COUNTRIES_FR, country_name
from indicators.reference import country_by_iso3
from tests.dashboard.page_checks import page_module

# Every code an importer can store (indicators.reference accepts any ISO 3166 code, current or
# historic); the sources' only historic states are YUG and SCG (in the UN fatalities file).
EVERY_CODE = sorted({country.alpha_3 for country in pycountry.countries}
                    | {code for code in COUNTRIES_FR if country_by_iso3(code)})
VOWELS = "AEIOUÉÈÊÎÏÔÂ"


def french_name(code: str) -> str:
    return country_name(code, country_by_iso3(code).name, "fr")


def test_every_country_has_a_written_article():
    missing = [code for code in EVERY_CODE if code not in ARTICLES]
    assert not missing, f"no French article written for {missing}"
    assert {"YUG", "SCG", "RWA", "USA"} <= set(EVERY_CODE)


@pytest.mark.parametrize("code", EVERY_CODE)
def test_the_article_fits_the_name(code):
    """l' before a vowel (l'Irak, l'Uruguay), never le/la; never l' before a consonant or an
    aspirated h (le Honduras, la Hongrie); no "de le", "de les", "de l'" + consonant."""
    name = french_name(code)
    kind = article(code, name)
    starts_with_vowel = name[0].upper() in VOWELS
    if kind in ("le", "la"):
        assert not starts_with_vowel, f"{code}: {kind} {name} should elide"
    if kind == "l":
        assert starts_with_vowel, f"{code}: l'{name} before a consonant"
    of, into = of_country(code, name, "fr"), in_country(code, name, "fr")
    assert of.endswith(name) and into.endswith(name)
    if starts_with_vowel:
        assert not of.startswith("de " + name[0]), f"{code}: {of} should elide"
    assert of.split(name)[0] in ("du ", "de la ", "de l'", "des ", "de ", "d'")
    assert into.split(name)[0] in ("au ", "en ", "aux ", "à ", "à la ", "à l'", "dans l'",
                                   "dans la ")


@pytest.mark.parametrize(("code", "of", "into", "subject"), [
    ("RWA", "du Rwanda", "au Rwanda", "le Rwanda"),
    ("FRA", "de la France", "en France", "la France"),
    ("USA", "des États-Unis d'Amérique", "aux États-Unis d'Amérique",
     "les États-Unis d'Amérique"),
    ("IRQ", "de l'Irak", "en Irak", "l'Irak"),
    ("URY", "de l'Uruguay", "en Uruguay", "l'Uruguay"),
    ("FJI", "des Fidji", "aux Fidji", "les Fidji"),
    ("MDG", "de Madagascar", "à Madagascar", "Madagascar"),
    ("OMN", "d'Oman", "à Oman", "Oman"),
    ("HTI", "d'Haïti", "en Haïti", "Haïti"),
    ("HND", "du Honduras", "au Honduras", "le Honduras"),
    ("HUN", "de la Hongrie", "en Hongrie", "la Hongrie"),
    ("MEX", "du Mexique", "au Mexique", "le Mexique"),
    ("KHM", "du Cambodge", "au Cambodge", "le Cambodge"),
    ("COD", "de la République démocratique du Congo",
     "en République démocratique du Congo", "la République démocratique du Congo"),
    ("NLD", "des Pays-Bas", "aux Pays-Bas", "les Pays-Bas"),
    ("YUG", "de la Yougoslavie", "en Yougoslavie", "la Yougoslavie"),
])
def test_known_forms(code, of, into, subject):
    name = french_name(code)
    assert (of_country(code, name, "fr"), in_country(code, name, "fr"),
            the_country(code, name, "fr")) == (of, into, subject)


def test_english_keeps_the_name_and_adds_the_where_english_does():
    assert of_country("RWA", "Rwanda", "en") == "of Rwanda"
    assert in_country("NLD", "Netherlands", "en") == "in the Netherlands"
    assert the_country("USA", "United States of America", "en", capital=True) == \
        "The United States of America"
    with use_locale("fr"):
        assert the_country("RWA", "Rwanda", capital=True) == "Le Rwanda"


@pytest.mark.parametrize(("code", "of"), [("RWA", "du Rwanda"), ("FRA", "de la France"),
                                          ("USA", "des États-Unis d'Amérique"),
                                          ("IRQ", "de l'Irak")])
def test_the_country_profile_says_the_article_in_french(code, of):
    countries = page_module("countries")
    names = {code: french_name(code), "GHA": "Ghana"}
    with use_locale("fr"):
        _prompt, heading, peers = countries.selection_view([code], names, ("GHA",))
    assert heading == f"{names[code]} ({code})"
    assert f"celui {of}) : Ghana." in peers
    _prompt, heading, peers = countries.selection_view([code], {code: "Rwanda"}, ("GHA",))
    assert "closest to that of Rwanda): GHA." in peers


# Placeholders a country's name can fill (a chart's group, the first and last of a ranking,
# the profile's country), and the French words that would need its article before them.
COUNTRY_SLOTS = r"\{(group|top|bottom|country|countries)\}"
BARE_PREPOSITION = re.compile(r"(?<![\w'’])(de|du|des|pour|en|au|aux|à|chez|sur|celui de) "
                              + COUNTRY_SLOTS)


def test_no_french_sentence_puts_a_bare_preposition_before_a_country():
    """"celui de {country}" would read "celui de Rwanda": such a sentence takes a
    {of_country} / {in_country} placeholder (indicators.country_articles) instead, or is
    worded so the name needs no article ("valeur la plus haute, {top}")."""
    wrong = {message: text for message, text in _catalogue("fr").items()
             if BARE_PREPOSITION.search(text)}
    assert not wrong, wrong
