"""A pack made in French: title slide, messages, footers, marks and PDF pages in French, with
French number and date formats; the numbers are the same as in English."""

from __future__ import annotations

import pytest

from dashboard.exports.render import render_pack
from dashboard.exports.snapshot import Pack, panel_snapshot
from indicators.i18n import use_locale
from tests.exports.conftest import GENERATED_AT, ILLUSTRATIVE_YEARS_MOVED, YEAR_2013
from tests.exports.readers import deck, pdf_pages, shape_named, slide_text

pytestmark = pytest.mark.realdata
NARROW = "\u202f"


@pytest.fixture(scope="module")
def french(real_engine):
    with use_locale("fr"):
        snapshots = [panel_snapshot("women", "share-by-category", YEAR_2013, real_engine),
                     panel_snapshot("performance", "training-by-year", YEAR_2013, real_engine)]
        pack = Pack("Les femmes dans les opérations de paix", YEAR_2013, snapshots,
                    GENERATED_AT)
        return {"pack": pack, "pptx": render_pack(pack, "pptx"),
                "pdf": render_pack(pack, "pdf")}


def test_title_slide_is_french(french):
    title = slide_text(list(deck(french["pptx"]).slides)[0])
    assert "Les femmes dans les opérations de paix" in title
    assert "NON CLASSIFIÉ — pour les réunions d'information" in title
    assert "Filtres\u00a0: janv. 2013 – déc. 2013" in title
    assert "Date\u00a0: 4 mars 2026" in title
    assert "Graphiques\u00a0: 2" in title
    assert "UNCLASSIFIED" not in title


@ILLUSTRATIVE_YEARS_MOVED
def test_messages_are_french_sentences_from_the_same_numbers(french, real_pack):
    share, training = french["pack"].snapshots
    english = real_pack.snapshots[0]
    assert share.frame.equals(english.frame)
    assert share.messages[0].startswith(
        "Part des femmes dans le personnel en tenue, 2013\u00a0: maximum pour")
    assert f"(15,3{NARROW}%)" in share.messages[0]
    assert "soit 12,5\u00a0pt de plus que" in share.messages[1]
    coverage = f"{float(training.frame.loc[0, 'value']):.1f}".replace(".", ",")
    assert training.messages == [
        f"Couverture de la formation préalable au déploiement\u00a0: {coverage}{NARROW}% en "
        "2013."]
    slide = list(deck(french["pptx"]).slides)[1]
    for message in share.messages:
        assert message in shape_named(slide, "Key messages").text_frame.text


@ILLUSTRATIVE_YEARS_MOVED
def test_footer_mark_and_sources_are_french(french):
    slides = list(deck(french["pptx"]).slides)
    footer = shape_named(slides[1], "Footer").text_frame.text
    assert "Filtres\u00a0: janv. 2013 – déc. 2013" in footer
    assert "à jour au 31 août 2014" in footer
    assert "Produit le 4 mars 2026 09:30 UTC" in footer
    assert "DONNÉES ILLUSTRATIVES" in slide_text(slides[2])
    assert "DONNÉES ILLUSTRATIVES" not in slide_text(slides[1])
    assert "À jour au 31 août 2014" in slide_text(slides[-1])


@ILLUSTRATIVE_YEARS_MOVED
def test_pdf_is_french_too(french):
    pages = [" ".join(page.split()) for page in pdf_pages(french["pdf"])]
    assert len(pages) == len(list(deck(french["pptx"]).slides))
    assert "NON CLASSIFIÉ" in pages[0]
    assert "DONNÉES ILLUSTRATIVES" in pages[2]
    assert "à jour au 31 août 2014" in pages[1]
