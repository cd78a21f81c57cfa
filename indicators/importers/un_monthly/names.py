"""Country and mission names as the monthly reports print them, resolved to codes.

The reports spell countries the UN's way, and that spelling changes over the years (Turkey /
Turkiye, Swaziland / Eswatini) and is sometimes cut short by a narrow column ("United States of
Americ"). A name resolves through, in order: the named spellings below, ISO 3166 (pycountry),
the named truncations below, then a long enough prefix of exactly one known name. Anything
else is unknown, and the file is refused with the name in the message.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import pycountry

# UN spellings that ISO 3166's names do not match (each seen in the reports or in other UN
# files of the same series).
UN_SPELLINGS = {
    "bolivia (plurinational state of)": "BOL",
    "bolivia": "BOL",
    "brunei": "BRN",
    "brunei darussalam": "BRN",
    "cote d ivoire": "CIV",
    "cote d'ivoire": "CIV",
    "dr congo": "COD",
    "democratic republic of the congo": "COD",
    "democratic republic of the congo (drc)": "COD",
    "congo": "COG",
    "iran (islamic republic of)": "IRN",
    "iran": "IRN",
    "macedonia": "MKD",
    "the former yugoslav republic of macedonia": "MKD",
    "north macedonia": "MKD",
    "republic of korea": "KOR",
    "korea, republic of": "KOR",
    "republic of moldova": "MDA",
    "moldova": "MDA",
    "turkey": "TUR",
    "turkiye": "TUR",
    "tanzania, united republic of": "TZA",
    "united republic of tanzania": "TZA",
    "tanzania": "TZA",
    "swaziland": "SWZ",
    "eswatini": "SWZ",
    "gambia": "GMB",
    "the gambia": "GMB",
    "russian federation": "RUS",
    "russia": "RUS",
    "syrian arab republic": "SYR",
    "viet nam": "VNM",
    "vietnam": "VNM",
    "lao people's democratic republic": "LAO",
    "united kingdom": "GBR",
    "united kingdom of great britain and northern ireland": "GBR",
    "united states": "USA",
    "united states of america": "USA",
    "czech republic": "CZE",
    "czechia": "CZE",
    "kyrgyzstan": "KGZ",
    "micronesia (federated states of)": "FSM",
    "netherlands": "NLD",
    "netherlands (kingdom of the)": "NLD",
    "cape verde": "CPV",
    "cabo verde": "CPV",
    "state of palestine": "PSE",
    "venezuela (bolivarian republic of)": "VEN",
}

# Names cut so short by the 2019-09 report's column that only the row's context says which
# country is meant. None: ambiguous ("Republic of" is Korea or Moldova); such rows are set
# aside by the importer and counted.
TRUNCATIONS: dict[str, str | None] = {
    "russian": "RUS",
    "dominican": "DOM",
    "north": "MKD",
    "bosnia and": "BIH",
    "moldova,": "MDA",
    # Cut short by a narrow column; ISO's official names of Timor-Leste and Sao Tome also begin
    # so, but the reports print those two under their short names.
    "democratic republic of": "COD",
    "republic of": None,
}

# A truncated name is accepted by prefix only when this long and the prefix of one name only.
MIN_PREFIX = 12


class UnknownName(ValueError):
    """A printed country name that matches no country."""


class AmbiguousName(ValueError):
    """A printed country name that could be more than one country."""


def normalise(name: str) -> str:
    """Lower case, plain apostrophes, no accents, single spaces: the form names are compared in."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("`", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


@functools.cache
def _known_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                names[normalise(value)] = country.alpha_3
    names.update(UN_SPELLINGS)
    return names


def country_code(printed: str) -> str:
    """ISO 3166 alpha-3 for a country name as printed; raises UnknownName or AmbiguousName."""
    key = normalise(printed)
    known = _known_names()
    if key in known:
        return known[key]
    if key in TRUNCATIONS:
        code = TRUNCATIONS[key]
        if code is None:
            raise AmbiguousName(f"country name {printed!r} is cut short and could be more "
                                "than one country")
        return code
    if len(key) >= MIN_PREFIX:
        codes = {code for name, code in known.items() if name.startswith(key)}
        if len(codes) == 1:
            return codes.pop()
    try:
        return pycountry.countries.lookup(printed.strip()).alpha_3
    except LookupError:
        raise UnknownName(f"unknown country name {printed!r}") from None


MISSION_ACRONYM = re.compile(r"^[A-Z][A-Z0-9\-]{1,23}$")


def mission_code(printed: str) -> str:
    """The mission acronym as the rest of the database keys it (upper case, no spaces)."""
    acronym = re.sub(r"\s+", "", printed).upper()
    if not MISSION_ACRONYM.match(acronym):
        raise ValueError(f"{printed!r} is not a mission acronym")
    return acronym
