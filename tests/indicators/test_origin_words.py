"""A card's rows keep their origins as parts (indicators.origin_words.RowOrigin) and say them
without making the provenance dicts: the words must be those of the dicts the API gives,
for the table's most (12) and the hover's (2), in English and French, whatever the row holds."""

from __future__ import annotations

import pytest

from indicators.i18n import use_locale
from indicators.illustrative import SOURCE_SLUG as ILLUSTRATIVE
from indicators.origin_words import RowOrigin, origin_text

REPORTS = {f"2015-{m:02d}": f"UN_country_contributions_2015_{m:02d}.pdf" for m in range(1, 13)}
REPORTS.update({f"2016-{m:02d}": f"UN_country_contributions_2016_{m:02d}.pdf"
                for m in range(1, 13)})
MONTHS = sorted(REPORTS)
# (month, mission, category) -> pages, as origin_pages.report_pages gives them; some months
# have none for the row (not printed), one a single page, others runs and gaps.
PAGES = {(month, "MINUSCA", "troops"): [n % 5 + 1, n % 5 + 2, 9] if n % 3 else [4]
         for n, month in enumerate(MONTHS) if n % 7}
IPI = ("ipi-gender", "IPI_gender_data.csv")

ROWS = {
    "one month with pages": RowOrigin((), "un-dpo-contributions", MONTHS[1:2], REPORTS, PAGES,
                                      ("MINUSCA", "troops")),
    "one month, no pages stored": RowOrigin((), "un-dpo-contributions", MONTHS[:1], REPORTS,
                                            PAGES, ("MINUSCA", "troops")),
    "pages not looked up": RowOrigin((), "un-dpo-contributions", MONTHS[:3], REPORTS, None,
                                     ("MINUSCA", "troops")),
    "a stand-in and two reports": RowOrigin((IPI,), "un-dpo-contributions", MONTHS[5:7],
                                            REPORTS, PAGES, ("MINUSCA", "troops")),
    "a year": RowOrigin((), "un-dpo-contributions", MONTHS[:12], REPORTS, PAGES,
                        ("MINUSCA", "troops")),
    "thirteen reports": RowOrigin((IPI,), "un-dpo-contributions", MONTHS[:13], REPORTS, None,
                                  ("MINUSCA", "troops")),
    "two years": RowOrigin((), "un-dpo-contributions", MONTHS, REPORTS, None, ()),
    "the stand-in alone": RowOrigin((IPI,), "un-dpo-contributions", [], REPORTS, None, ()),
    "a file not loaded": RowOrigin((("un-fatalities", None),)),
    "generated numbers": RowOrigin(((ILLUSTRATIVE, None),)),
    "nothing": RowOrigin(()),
}


@pytest.mark.parametrize("locale", ["en", "fr"])
@pytest.mark.parametrize("name", list(ROWS))
def test_a_rows_parts_say_what_its_provenance_says(name, locale):
    part = ROWS[name]
    provenance = part.provenance()
    with use_locale(locale):
        for most in (12, 2, 12, 0):  # asked again: the words said once come back the same
            assert origin_text(part, most) == origin_text(provenance, most), (name, most)


def test_the_provenance_is_the_apis():
    provenance = ROWS["a stand-in and two reports"].provenance()
    assert provenance == {
        "sources": ["ipi-gender", "un-dpo-contributions"],
        "files": [{"source": "ipi-gender", "file": "IPI_gender_data.csv", "pages": None},
                  {"source": "un-dpo-contributions", "month": "2015-06",
                   "file": "UN_country_contributions_2015_06.pdf",
                   "pages": PAGES[("2015-06", "MINUSCA", "troops")]},
                  {"source": "un-dpo-contributions", "month": "2015-07",
                   "file": "UN_country_contributions_2015_07.pdf",
                   "pages": PAGES[("2015-07", "MINUSCA", "troops")]}]}
    # A month whose rows' pages are not stored: an empty list, not a guess.
    assert ROWS["one month, no pages stored"].provenance()["files"][0]["pages"] == []


def test_the_words_differ_where_the_rows_do():
    """Not all the same text: the comparison above compares something."""
    with use_locale("en"):
        said = {name: origin_text(part) for name, part in ROWS.items()}
        assert said["one month with pages"] == "UN_country_contributions_2015_02.pdf, pp. 2–3, 9"
        assert said["one month, no pages stored"] == "UN_country_contributions_2015_01.pdf"
        assert said["thirteen reports"] == (
            "IPI_gender_data.csv; 13 monthly reports, UN_country_contributions_2015_01.pdf to "
            "UN_country_contributions_2016_01.pdf")
        assert said["generated numbers"] == "Generated (illustrative)"
        assert said["nothing"] == ""
        assert origin_text(ROWS["a year"]).count("pp.") > 0
        assert "12 monthly reports" in origin_text(ROWS["a year"], most=2)
    with use_locale("fr"):
        assert origin_text(ROWS["generated numbers"]) == "Généré (illustratif)"
