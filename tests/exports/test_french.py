"""A pack made in French: title slide, messages, footers, marks and PDF pages in French, with
French number and date formats; the numbers are the same as in English."""

from __future__ import annotations

import pytest

from dashboard.exports.render import render_pack
from dashboard.exports.snapshot import Pack, panel_snapshot
from indicators.i18n import use_locale
from tests.exports import direct
from tests.exports.conftest import GENERATED_AT, YEAR_2024
from tests.exports.readers import deck, pdf_pages, shape_named, slide_text

pytestmark = pytest.mark.realdata
NARROW = "\u202f"


@pytest.fixture(scope="module")
def french(real_engine):
    with use_locale("fr"):
        snapshots = [panel_snapshot("conduct", "interim-actions", YEAR_2024, real_engine),
                     panel_snapshot("performance", "training-by-year", YEAR_2024, real_engine)]
        pack = Pack("Les femmes dans les opérations de paix", YEAR_2024, snapshots,
                    GENERATED_AT)
        return {"pack": pack, "pptx": render_pack(pack, "pptx"),
                "pdf": render_pack(pack, "pdf")}


def test_title_slide_is_french(french):
    title = slide_text(list(deck(french["pptx"]).slides)[0])
    assert "Les femmes dans les opérations de paix" in title
    assert "NON CLASSIFIÉ — pour les réunions d'information" in title
    assert "Filtres\u00a0: janv. 2024 – déc. 2024" in title
    assert "Date\u00a0: 4 mars 2026" in title
    assert "Graphiques\u00a0: 2" in title
    assert "UNCLASSIFIED" not in title


def test_messages_are_french_sentences_from_the_same_numbers(french, real_pack, real_engine):
    actions, training = french["pack"].snapshots
    english = real_pack.snapshots[0]
    assert actions.frame.equals(english.frame)
    # Allegations reported in 2024 by interim action (direct.sea_actions counts them from the
    # SEA table): 56 pending, 2 and 2 on administrative leave, 1 with payments suspended.
    assert actions.messages == [
        "Allégations d'exploitation et d'atteintes sexuelles par mesure prise, valeurs les plus "
        "élevées\u00a0: En attente · Organisation des Nations Unies\u00a0: 56\u00a0; Congé "
        "administratif avec traitement · Organisation des Nations Unies\u00a0: 2\u00a0; Congé "
        "administratif sans traitement · Organisation des Nations Unies\u00a0: 2.",
        "Valeur la plus basse sur 4\u00a0: Paiements suspendus · Organisation des Nations Unies "
        "(1)."]
    # 61,955 certified of 67,988 deployed in the generated training rows for 2024: 91.13%.
    assert round(direct.training_coverage(real_engine, 2024), 1) == 91.1
    # Generated numbers: each bullet starts with the mark, so a pasted one keeps it.
    assert training.messages == [
        "[ILLUSTRATIVES (générées, non réelles)] "
        f"Couverture de la formation préalable au déploiement\u00a0: 91,1{NARROW}% en 2024."]
    slide = list(deck(french["pptx"]).slides)[1]
    for message in actions.messages:
        assert message in shape_named(slide, "Key messages").text_frame.text


def test_footer_mark_and_sources_are_french(french):
    slides = list(deck(french["pptx"]).slides)
    footer = shape_named(slides[1], "Footer").text_frame.text
    assert "Filtres\u00a0: janv. 2024 – déc. 2024" in footer
    assert "à jour au 31 juil. 2024" in footer  # the SEA table of allegations
    assert "Produit le 4 mars 2026 09:30 UTC" in footer
    assert "DONNÉES ILLUSTRATIVES" in slide_text(slides[2])
    assert "DONNÉES ILLUSTRATIVES" not in slide_text(slides[1])
    assert "À jour au 31 juil. 2024" in slide_text(slides[-1])


def test_pdf_is_french_too(french):
    pages = [" ".join(page.split()) for page in pdf_pages(french["pdf"])]
    assert len(pages) == len(list(deck(french["pptx"]).slides))
    assert "NON CLASSIFIÉ" in pages[0]
    assert "DONNÉES ILLUSTRATIVES" in pages[2]
    assert "à jour au 31 juil. 2024" in pages[1]
