"""Country names inside sentences: the French article and prepositions (du Rwanda, de la France,
des États-Unis, de l'Irak, de Madagascar; au Rwanda, en France, aux Fidji, à Cuba), and the
English "the" (the Netherlands)."""

from __future__ import annotations

from indicators.i18n import current_locale

# Which article each country's French name (indicators.place_names.country_name) takes, by
# ISO 3166 alpha-3 code: every current code and the historic states the sources name. Written
# out, not guessed from the ending: -e names are mostly feminine but not all (le Mexique, le
# Cambodge), and islands mostly take none (Madagascar, Cuba) but not all (les Fidji).
#   le: du Rwanda, au Rwanda      la: de la France, en France      l: de l'Irak, en Irak
#   les: des Fidji, aux Fidji     none: de Madagascar, d'Oman, à Cuba
ARTICLE_CODES = {
    "le": """BDI BFA BGD BEN BLR BLZ BRA BTN BWA CAN CHL CMR COG CPV CRI DNK ESH GAB GBR GHA GRL
        GTM GUY HND IOT JPN KAZ KEN KGZ KHM KWT LAO LBN LBR LIE LSO LUX MAR MEX MLI MMR MNE
        MOZ MWI NER NGA NIC NPL PAK PAN PER PRT PRY QAT RWA SDN SEN SSD SUR TCD TGO TJK TKM
        TLS VEN VNM VUT WSM YEM ZWE""",
    "la": """BEL BGR BIH BOL BRB CAF CHE CHN CIV COD COL CZE DMA DOM FIN FRA FSM GEO GIN GLP
        GMB GNB GNQ GRC GRD GUF HKG HRV HUN JAM JOR KOR LBY LTU LVA MAC MDA MNG MRT MTQ MYS
        NAM NCL NOR NZL PNG POL PRK PYF ROU RUS SCG SGS SLE SOM SRB SVK SVN SWE SYR THA TUN
        TUR TZA YUG ZMB""",
    "l": """AFG AGO ALB ARG ARM ATA AUS AUT AZE BVT CXR DEU DZA ECU EGY ERI ESP EST ETH IDN
        IMN IND IRL IRN IRQ ISL ITA MKD NFK PSE SAU SWZ UGA UKR URY UZB VAT ZAF""",
    "les": """ALA ARE ASM ATF BES BHS BMU CCK COK COM CYM FJI FLK FRO HMD MDV MHL MNP NLD PCN
        PHL SLB SYC TCA UMI USA VGB VIR""",
    "none": """ABW AIA AND ATG BHR BLM BRN CUB CUW CYP DJI GGY GIB GUM HTI ISR JEY KIR KNA LCA
        LKA MAF MCO MDG MLT MSR MUS MYT NIU NRU OMN PLW PRI REU SGP SHN SJM SLV SMR SPM STP
        SXM TKL TON TTO TUV TWN VCT WLF""",
}
ARTICLES: dict[str, str] = {code: article for article, codes in ARTICLE_CODES.items()
                            for code in codes.split()}
# "In <country>" where the article's usual preposition is not the one used.
IN_FR = {"BRB": "à la ", "DMA": "à la ", "GRD": "à la ", "HTI": "en ", "ISR": "en ",
         "SLV": "en ", "BVT": "à l'", "CXR": "à l'", "IMN": "à l'", "NFK": "à l'",
         "HKG": "dans la ", "MAC": "dans la ", "MKD": "dans l'", "PSE": "dans l'",
         "VAT": "dans l'"}
# Names whose h is mute, so "de" elides (d'Haïti); any other h is aspirated (du Honduras).
MUTE_H = ("Haïti",)
VOWELS = set("AEIOUÉÈÊËÎÏÔÂÀÅaeiouéèêëîïôâàå")
# English names read with "the" (the Netherlands, the Republic of Korea), as UN texts write.
THE_EN_WORDS = ("Republic", "Federation", "Kingdom", "Islands", "States", "Emirates")
THE_EN_NAMES = {"Netherlands", "Philippines", "Bahamas", "Comoros", "Maldives", "Seychelles",
                "Gambia", "Sudan", "Niger", "Congo", "Holy See", "Czechia"}


def article(iso3: str, name: str) -> str:
    """The French article class of a country: le, la, l, les or none. A code missing from the
    table is guessed (l before a vowel, la for an -e ending, else le), so a new country still
    reads; tests/i18n check that every known code is in the table."""
    known = ARTICLES.get(iso3.upper())
    if known:
        return known
    if _elides(name):
        return "l"
    return "la" if name.rstrip().endswith("e") else "le"


def _elides(name: str) -> bool:
    return bool(name) and (name[0] in VOWELS or name.startswith(MUTE_H))


def _french(locale: str | None) -> bool:
    return (locale or current_locale()).startswith("fr")


def _english_the(name: str) -> bool:
    return name in THE_EN_NAMES or any(word in name.split() for word in THE_EN_WORDS)


def the_country(iso3: str, name: str, locale: str | None = None, capital: bool = False) -> str:
    """The name as a sentence's subject: 'le Rwanda', 'la France', 'l'Irak', 'les Fidji',
    'Madagascar'; 'the Netherlands', 'Rwanda' in English. `capital` for a sentence's start."""
    if _french(locale):
        kind = article(iso3, name)
        text = {"le": "le " + name, "la": "la " + name, "l": "l'" + name,
                "les": "les " + name}.get(kind, name)
    else:
        text = ("the " + name) if _english_the(name) else name
    return text[:1].upper() + text[1:] if capital else text


def of_country(iso3: str, name: str, locale: str | None = None) -> str:
    """'du Rwanda', 'de la France', 'de l'Irak', 'des États-Unis', 'de Madagascar', 'd'Oman';
    'of Rwanda', 'of the Netherlands' in English."""
    if not _french(locale):
        return "of " + the_country(iso3, name, locale)
    kind = article(iso3, name)
    if kind == "none":
        return ("d'" if _elides(name) else "de ") + name
    return {"le": "du ", "la": "de la ", "l": "de l'", "les": "des "}[kind] + name


def in_country(iso3: str, name: str, locale: str | None = None) -> str:
    """'au Rwanda', 'en France', 'en Irak', 'aux Fidji', 'à Madagascar', 'en Haïti';
    'in Rwanda', 'in the Netherlands' in English."""
    if not _french(locale):
        return "in " + the_country(iso3, name, locale)
    preposition = IN_FR.get(iso3.upper()) or {"le": "au ", "la": "en ", "l": "en ",
                                              "les": "aux ", "none": "à "}[article(iso3, name)]
    return preposition + name
