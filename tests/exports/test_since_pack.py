"""A pack asked with ?since= starts with "Since your briefing of …" (PPTX slide, PDF page,
XLSX sheet), read back from the files; every pack says the data version and address it was
made from (title slide, document properties) and is kept as a saved briefing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dashboard.exports.render import render_pack
from dashboard.exports.request import ExportRequestError, read_export_request
from dashboard.exports.routes import render_request
from dashboard.exports.snapshot import Pack
from indicators.briefings import briefing_content, find_briefing
from indicators.db import make_engine
from indicators.filters import Filters
from indicators.i18n import use_locale
from indicators.viewer import ANONYMOUS
from tests.exports.readers import deck, notes, shape_named, slide_text
from tests.since_data import hand_made_changes, two_versions_fixture  # noqa: F401

LINK = "http://localhost:8050/export/briefing.pptx?chart=women/share-by-mission"


def _pack(**extra) -> Pack:
    return Pack("Women in peacekeeping", Filters(), [], dt.datetime(2025, 8, 3, tzinfo=dt.UTC),
                link=LINK, data_version=4, changes=hand_made_changes(), since_kind="briefing",
                since_day=dt.date(2025, 6, 30), **extra)


def test_the_slide_after_the_title_lists_the_changes():
    slides = list(deck(render_pack(_pack(), "pptx")).slides)
    since = slides[1]
    assert shape_named(since, "Title").text_frame.text == "Since your briefing of 30 June 2025"
    text = slide_text(since)
    assert "Revised figures" in text and "120 → 118, revised by IPI" in text
    assert "MINUSCA: 2 new allegations" in text and "reached its target of 8.0%" in text
    assert "2 / 3" in text  # numbered with the others: title, this, sources
    assert "Since your briefing of 30 June 2025" in notes(since)
    assert "Made from data version v4." in slide_text(slides[0])


def test_the_pptx_remembers_its_data_version_and_address():
    properties = deck(render_pack(_pack(), "pptx")).core_properties
    assert properties.version == "v4" and properties.identifier == LINK
    assert properties.comments == f"data version v4 · {LINK}"


def test_a_pack_without_since_has_no_changes_slide():
    plain = Pack("Women", Filters(), [], dt.datetime(2025, 8, 3, tzinfo=dt.UTC), data_version=4)
    slides = list(deck(render_pack(plain, "pptx")).slides)
    assert len(slides) == 2 and "Since" not in slide_text(slides[1])


def test_the_pdf_page_after_the_title_lists_the_changes_in_french():
    with use_locale("fr"):
        content = render_pack(_pack(), "pdf")
    reader = PdfReader(io.BytesIO(content))
    page = " ".join(reader.pages[1].extract_text().split())
    assert "Depuis votre note d'information du 30 juin 2025" in page
    assert "Chiffres révisés" in page and "120 → 118" in page
    assert "Fait à partir de la version des données v4." in " ".join(
        reader.pages[0].extract_text().split())
    assert reader.metadata["/Keywords"] == f"version des données v4 · {LINK}"


def test_the_workbook_starts_with_a_what_changed_sheet():
    book = load_workbook(io.BytesIO(render_pack(_pack(), "xlsx")))
    assert book.sheetnames[0] == "What changed"
    rows = [row for row in book["What changed"].iter_rows(values_only=True)]
    assert rows[0][0] == "Since your briefing of 30 June 2025"
    keys = [row[2] for row in rows[4:]]
    assert keys == [
        "new-months:un-dpo-contributions:2025-07",
        "revised:personnel:2025-03:UNMISS:RWA:troops:total:v4",
        "revised:personnel:2025-03:MINUSCA:BGD:troops:total:v4",
        "kpi:women-share-troops:v4", "allegations:MINUSCA:v4"]
    assert book.properties.version == "v4" and book.properties.identifier == LINK


def test_an_export_since_a_version_carries_exactly_its_changes_and_is_kept(two_versions):
    url, versions = two_versions
    engine = make_engine(url)
    try:
        export = read_export_request("women", "xlsx",
                                     {"since": f"v{versions.old_version}", "lang": "en"}, engine)
        assert export.address.endswith(f"since=v{versions.old_version}")
        content = render_request(export, engine)
        book = load_workbook(io.BytesIO(content))
        rows = list(book["What changed"].iter_rows(values_only=True))
        assert rows[0][0] == f"Since data version v{versions.old_version} " \
            f"({versions_day(engine, versions.old_version)})"
        kinds = [row[0] for row in rows[4:]]
        assert kinds.count("Revised figures") == 1
        assert kinds.count("New allegations by mission") == 1
        assert kinds.count("New months of data") == 1
        assert book.properties.version == f"v{versions.new_version}"
        # The pack prints its saved briefing's address; that address finds it again.
        token = briefing_token(book)
        kept = find_briefing(engine, token, ANONYMOUS)
        assert kept.data_version == versions.new_version and kept.page == "women"
        assert kept.address == export.address and kept.account_id is None
        assert briefing_content(engine, token, ANONYMOUS) == content
    finally:
        engine.dispose()


def briefing_token(book) -> str:
    """The token of the saved briefing a workbook names on its About sheet."""
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True) if row}
    text = about["Saved briefing"]
    assert text.startswith("What changed since this pack: http")
    return text.rsplit("/briefings/", 1)[1]


def versions_day(engine, version: int) -> str:
    from dashboard.i18n.change_words import long_day
    from indicators.versions import version_info
    return long_day(version_info(engine, version).created_at)


def test_an_export_with_a_bad_since_is_refused_naming_it(two_versions):
    url, _versions = two_versions
    engine = make_engine(url)
    try:
        with pytest.raises(ExportRequestError) as refused:
            read_export_request("women", "pdf", {"since": "v99"}, engine)
    finally:
        engine.dispose()
    assert [(p.parameter, p.value) for p in refused.value.problems] == [("since", "v99")]
    assert "there is no data version v99" in str(refused.value)


def test_pkdash_export_since_writes_the_sheet_and_names_a_bad_value(two_versions, tmp_path,
                                                                    monkeypatch, capsys):
    from dashboard.cli import main as pkdash

    url, versions = two_versions
    monkeypatch.setenv("DATABASE_URL", url)
    target = tmp_path / "women.xlsx"
    code = pkdash(["export", "women", "--format", "xlsx", "-o", str(target), "--since",
                   f"v{versions.old_version}"])
    assert code == 0, capsys.readouterr().err
    rows = list(load_workbook(target)["What changed"].iter_rows(values_only=True))
    assert rows[0][0].startswith(f"Since data version v{versions.old_version}")
    assert pkdash(["export", "women", "--format", "xlsx", "-o", str(target),
                   "--since", "someday"]) == 2
    assert "pkdash export: --since 'someday': " in capsys.readouterr().err


def test_many_changes_fit_the_slide_and_page_and_all_are_on_the_sheet():
    import dataclasses
    import re

    changes = hand_made_changes()
    template = changes.revisions[0]
    many = [dataclasses.replace(template, key=f"{template.key}:{number}",
                                what=f"UNMISS, RWA, troops, month {number}: total")
            for number in range(40)]
    pack = _pack()
    pack.changes = dataclasses.replace(changes, revisions=many)
    total = 40 + 3  # the revisions, and the new months, the KPI and the allegations
    slide = slide_text(list(deck(render_pack(pack, "pptx")).slides)[1])
    pdf_page = " ".join(PdfReader(io.BytesIO(render_pack(pack, "pdf"))).pages[1]
                        .extract_text().split())
    for text in (slide, pdf_page):
        listed = text.count("• ")
        more = int(re.search(r"… and (\d+) more changes", text).group(1))
        assert 0 < listed < total and listed + more == total
    sheet = load_workbook(io.BytesIO(render_pack(pack, "xlsx")))["What changed"]
    assert sheet.max_row - 4 == total
