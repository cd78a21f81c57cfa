"""Every message the code marks for translation, and every name shown through the catalogue,
has its French; every indicator has a French title and definition."""

from __future__ import annotations

import re

import dash
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from dashboard import PRODUCT_NAME
from dashboard.app import create_app
from indicators.catalogue import CATALOGUE
from indicators.i18n import CATALOGUE_DIR, LOCALES, _catalogue
from indicators.lookups import GENDER_LABELS, value_labels
from indicators.reference import PERSONNEL_CATEGORIES
from tests.conftest import PROJECT_ROOT
from tests.dashboard.helpers import settings_for

TRANSLATED = [locale for locale in LOCALES if locale != "en"]


def marked_messages() -> dict[str, list[str]]:
    """msgid → where it is marked, from indicators/ and dashboard/, as `pybabel extract`
    finds them with the project's babel.cfg (keywords _, gettext and N_)."""
    with (PROJECT_ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            PROJECT_ROOT, method_map, options_map):
        if isinstance(message, tuple):  # plural forms: (singular, plural)
            message = message[0]
        if message:
            found.setdefault(message, []).append(f"{filename}:{lineno}")
    return found


def test_the_extractor_finds_the_marked_messages():
    found = marked_messages()
    assert "Clear filters" in found  # dashboard/shell/filterbar.py
    assert "fewer than {threshold}" in found  # indicators/disclosure.py
    assert len(found) > 150


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_marked_message_has_a_translation(locale):
    catalogue = _catalogue(locale)
    missing = {message: where for message, where in marked_messages().items()
               if message not in catalogue}
    listing = "\n".join(f"  {message!r}  ({', '.join(where)})"
                        for message, where in sorted(missing.items()))
    assert not missing, (
        f"{len(missing)} messages have no {locale} translation in "
        f"{CATALOGUE_DIR / locale / 'LC_MESSAGES'}/*.po:\n{listing}")


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_translation_keeps_the_placeholders(locale):
    """'{count} indicators' must stay '{count} indicateurs': .format() would fail otherwise."""
    placeholder = re.compile(r"\{(\w*)\}")
    wrong = {message: text for message, text in _catalogue(locale).items()
             if sorted(placeholder.findall(message)) != sorted(placeholder.findall(text))}
    assert not wrong, wrong


def names_shown_through_the_catalogue() -> set[str]:
    """English texts declared without a marker and translated where shown: the product name,
    page names and nav labels in the page registry, personnel categories (stored in the
    database by the importer) and the measures' names for their codes."""
    create_app(settings_for("sqlite://"))  # fills dash.page_registry
    names = {PRODUCT_NAME}
    for page in dash.page_registry.values():
        names.add(page["name"])
        if page.get("nav_label"):
            names.add(page["nav_label"])
    names.update(name for _slug, name, *_rest in PERSONNEL_CATEGORIES)
    names.update(GENDER_LABELS.values())
    for labels in value_labels().values():
        names.update(labels.values())
    return names


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_name_shown_through_the_catalogue_has_a_translation(locale):
    catalogue = _catalogue(locale)
    missing = sorted(name for name in names_shown_through_the_catalogue()
                     if name not in catalogue)
    assert not missing, f"no {locale} translation for: {missing}"


@pytest.mark.parametrize("indicator", sorted(CATALOGUE.values(), key=lambda i: i.slug),
                         ids=lambda indicator: indicator.slug)
def test_every_indicator_has_a_french_title_and_definition(indicator):
    assert indicator.title_fr.strip(), f"{indicator.slug}: no French title"
    assert indicator.definition_fr.strip(), f"{indicator.slug}: no French definition"
    assert indicator.title_fr != indicator.title_en, f"{indicator.slug}: title not translated"
    assert indicator.definition_fr != indicator.definition_en, (
        f"{indicator.slug}: definition not translated")
    assert indicator.title("fr") == indicator.title_fr
    assert indicator.definition("fr-CA") == indicator.definition_fr


def test_no_catalogue_holds_merge_conflict_markers():
    """Babel reads past a line such as '<<<<<<< HEAD' without a word, so a half-merged
    catalogue would load quietly with one side of the conflict missing or doubled."""
    markers = re.compile(r"^(<{7}|={7}|>{7})( |$)", re.MULTILINE)
    for path in sorted(CATALOGUE_DIR.rglob("*.po")):
        found = markers.findall(path.read_text(encoding="utf-8"))
        assert not found, f"{path}: merge conflict markers left in the catalogue"
