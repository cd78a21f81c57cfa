"""Countries and missions named in the reader's language: the UN's French acronyms and names of
missions where they exist, and French country names (CLDR via Babel, with the UN's own short
names where they differ). Codes never change: only the words shown beside them."""

from __future__ import annotations

import functools

import pycountry
from babel import Locale

from indicators.i18n import current_locale

# The UN's French acronym and name of each peacekeeping operation, from its French-language
# documents and the French pages of peacekeeping.un.org. Only operations whose French name is
# certain are listed; any other keeps its English acronym and name.
MISSIONS_FR: dict[str, tuple[str, str]] = {
    "MINUCI": ("MINUCI", "Mission des Nations Unies en Côte d'Ivoire"),
    "MINUGUA": ("MINUGUA", "Mission de vérification des Nations Unies au Guatemala"),
    "MINUJUSTH": ("MINUJUSTH", "Mission des Nations Unies pour l'appui à la justice en Haïti"),
    "MINURCA": ("MINURCA", "Mission des Nations Unies en République centrafricaine"),
    "MINURCAT": ("MINURCAT",
                 "Mission des Nations Unies en République centrafricaine et au Tchad"),
    "MINURSO": ("MINURSO", "Mission des Nations Unies pour l'organisation d'un référendum au "
                           "Sahara occidental"),
    "MINUSCA": ("MINUSCA", "Mission multidimensionnelle intégrée des Nations Unies pour la "
                           "stabilisation en République centrafricaine"),
    "MINUSMA": ("MINUSMA", "Mission multidimensionnelle intégrée des Nations Unies pour la "
                           "stabilisation au Mali"),
    "MINUSTAH": ("MINUSTAH", "Mission des Nations Unies pour la stabilisation en Haïti"),
    "MIPONUH": ("MIPONUH", "Mission de police civile des Nations Unies en Haïti"),
    "MICAH": ("MICAH", "Mission civile internationale d'appui en Haïti"),
    "MONUA": ("MONUA", "Mission d'observation des Nations Unies en Angola"),
    "MONUC": ("MONUC", "Mission de l'Organisation des Nations Unies en République démocratique "
                       "du Congo"),
    "MONUSCO": ("MONUSCO", "Mission de l'Organisation des Nations Unies pour la stabilisation "
                           "en République démocratique du Congo"),
    "ONUB": ("ONUB", "Opération des Nations Unies au Burundi"),
    "ONUC": ("ONUC", "Opération des Nations Unies au Congo"),
    "ONUCA": ("ONUCA", "Groupe d'observateurs des Nations Unies en Amérique centrale"),
    "ONUMOZ": ("ONUMOZ", "Opération des Nations Unies au Mozambique"),
    "ONUSAL": ("ONUSAL", "Mission d'observation des Nations Unies en El Salvador"),
    "UNAMID": ("MINUAD", "Opération hybride Union africaine-Nations Unies au Darfour"),
    "UNAMIR": ("MINUAR", "Mission des Nations Unies pour l'assistance au Rwanda"),
    "UNAMSIL": ("MINUSIL", "Mission des Nations Unies en Sierra Leone"),
    "UNAVEM": ("UNAVEM", "Mission de vérification des Nations Unies en Angola (I et II)"),
    "UNAVEM I": ("UNAVEM I", "Mission de vérification des Nations Unies en Angola I"),
    "UNAVEM II": ("UNAVEM II", "Mission de vérification des Nations Unies en Angola II"),
    "UNAVEM III": ("UNAVEM III", "Mission de vérification des Nations Unies en Angola III"),
    "UNCRO": ("ONURC", "Opération des Nations Unies pour le rétablissement de la confiance en "
                       "Croatie"),
    "UNDOF": ("FNUOD", "Force des Nations Unies chargée d'observer le dégagement"),
    "UNEF": ("FUNU", "Force d'urgence des Nations Unies (I et II)"),
    "UNEF I": ("FUNU I", "Première Force d'urgence des Nations Unies"),
    "UNEF II": ("FUNU II", "Deuxième Force d'urgence des Nations Unies"),
    "UNFICYP": ("UNFICYP", "Force des Nations Unies chargée du maintien de la paix à Chypre"),
    "UNIFIL": ("FINUL", "Force intérimaire des Nations Unies au Liban"),
    "UNIKOM": ("MONUIK", "Mission d'observation des Nations Unies pour l'Iraq et le Koweït"),
    "UNISFA": ("FISNUA", "Force intérimaire de sécurité des Nations Unies pour Abyei"),
    "UNMEE": ("MINUEE", "Mission des Nations Unies en Éthiopie et en Érythrée"),
    "UNMIBH": ("MINUBH", "Mission des Nations Unies en Bosnie-Herzégovine"),
    "UNMIH": ("MINUHA", "Mission des Nations Unies en Haïti"),
    "UNMIK": ("MINUK", "Mission d'administration intérimaire des Nations Unies au Kosovo"),
    "UNMIL": ("MINUL", "Mission des Nations Unies au Libéria"),
    "UNMIS": ("MINUS", "Mission des Nations Unies au Soudan"),
    "UNMISET": ("MANUTO", "Mission d'appui des Nations Unies au Timor oriental"),
    "UNMISS": ("MINUSS", "Mission des Nations Unies au Soudan du Sud"),
    "UNMIT": ("MINUT", "Mission intégrée des Nations Unies au Timor-Leste"),
    "UNMOGIP": ("UNMOGIP", "Groupe d'observateurs militaires des Nations Unies dans l'Inde et "
                           "le Pakistan"),
    "UNMOT": ("MONUT", "Mission d'observation des Nations Unies au Tadjikistan"),
    "UNOCI": ("ONUCI", "Opération des Nations Unies en Côte d'Ivoire"),
    "UNOMIG": ("MONUG", "Mission d'observation des Nations Unies en Géorgie"),
    "UNOMIL": ("MONUL", "Mission d'observation des Nations Unies au Libéria"),
    "UNOMSIL": ("MONUSIL", "Mission d'observation des Nations Unies en Sierra Leone"),
    "UNOSOM": ("ONUSOM", "Opération des Nations Unies en Somalie (I et II)"),
    "UNOSOM I": ("ONUSOM I", "Opération des Nations Unies en Somalie I"),
    "UNOSOM II": ("ONUSOM II", "Opération des Nations Unies en Somalie II"),
    "UNPREDEP": ("FORDEPRENU", "Force de déploiement préventif des Nations Unies"),
    "UNPROFOR": ("FORPRONU", "Force de protection des Nations Unies"),
    "UNSMIH": ("MANUH", "Mission d'appui des Nations Unies en Haïti"),
    "UNSMIS": ("MISNUS", "Mission de supervision des Nations Unies en Syrie"),
    "UNTAC": ("APRONUC", "Autorité provisoire des Nations Unies au Cambodge"),
    "UNTAES": ("ATNUSO", "Administration transitoire des Nations Unies pour la Slavonie "
                         "orientale, la Baranja et le Srem occidental"),
    "UNTAET": ("ATNUTO", "Administration transitoire des Nations Unies au Timor oriental"),
    "UNTSO": ("ONUST", "Organisme des Nations Unies chargé de la surveillance de la trêve"),
}

# The UN's French short names where CLDR's everyday name differs from them (UNTERM), and
# states that no longer exist (CLDR has no name for their withdrawn codes). Chosen to match
# the English names the sources use: "Republic of Korea", "Russian Federation", "DR Congo".
COUNTRIES_FR: dict[str, str] = {
    "BLR": "Bélarus",
    "COD": "République démocratique du Congo",
    "COG": "Congo",
    "CZE": "République tchèque",
    "KGZ": "Kirghizistan",
    "KOR": "République de Corée",
    "MDA": "République de Moldova",
    "MKD": "ex-République yougoslave de Macédoine",
    "MMR": "Myanmar",
    "PRK": "République populaire démocratique de Corée",
    "PSE": "État de Palestine",
    "RUS": "Fédération de Russie",
    "SCG": "Serbie-et-Monténégro",
    "SLV": "El Salvador",
    "SYR": "République arabe syrienne",
    "TLS": "Timor-Leste",
    "USA": "États-Unis d'Amérique",
    "VEN": "Venezuela (République bolivarienne du)",
    "VNM": "Viet Nam",
    "YUG": "Yougoslavie",
}


def _french(locale: str | None) -> bool:
    return (locale or current_locale()).startswith("fr")


def mission_acronym(acronym: str, locale: str | None = None) -> str:
    """UNIFIL → FINUL in French; the code itself in English or when the UN has none."""
    if _french(locale) and acronym in MISSIONS_FR:
        return MISSIONS_FR[acronym][0]
    return acronym


def mission_name(acronym: str, english: str | None, locale: str | None = None) -> str:
    """The mission's full name in the locale; the English name (or acronym) otherwise."""
    if _french(locale) and acronym in MISSIONS_FR:
        return MISSIONS_FR[acronym][1]
    return english or acronym


def country_name(iso3: str, english: str, locale: str | None = None) -> str:
    """A country's name in the locale, from its ISO 3166 alpha-3 code; English as stored."""
    if not _french(locale):
        return english
    return COUNTRIES_FR.get(iso3) or _cldr_french(iso3) or english


@functools.cache
def _cldr_french(iso3: str) -> str | None:
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return None
    return Locale("fr").territories.get(country.alpha_2)
