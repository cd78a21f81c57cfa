"""Every indicator in the catalogue is complete, consistent and computable (on both engines)."""

from __future__ import annotations

import pytest

from indicators.catalogue import CATALOGUE
from indicators.compute import compute
from indicators.filters import Filters
from indicators.indicator import DIMENSIONS, FILTER_NAMES, UNIT_SCALES
from indicators.manifest import load_manifest
from indicators.viewer import SECRETARIAT, TIERS, Viewer

SLUGS = sorted(CATALOGUE)
KNOWN_SOURCES = {s.slug for s in load_manifest()} | {"illustrative"}
REQUIRED = {
    "uniformed-personnel", "women-share", "contributing-countries", "fatalities",
    "fatalities-per-1000", "sea-allegations", "sea-allegations-per-1000",
    "sea-substantiated-share", "sea-investigation-days", "sea-pending-share",
    "capability-presence", "training-coverage", "in-mission-training", "unit-evaluation-score",
    "medical-10-1-2-compliance", "capability-gaps-open", "partnerships", "poc-alert-response",
}


def test_the_catalogue_has_every_indicator_the_dashboard_needs():
    missing = REQUIRED - set(CATALOGUE)
    assert not missing, f"not declared yet: {sorted(missing)}"


@pytest.mark.parametrize("slug", SLUGS)
def test_declaration_is_complete(slug):
    indicator = CATALOGUE[slug]
    assert indicator.slug == slug
    assert slug == slug.lower() and " " not in slug and "_" not in slug  # kebab-case
    for text in (indicator.title_en, indicator.title_fr, indicator.definition_en,
                 indicator.definition_fr, indicator.numerator):
        assert text and text.strip() == text, f"{slug}: empty or padded text"
    assert indicator.title_fr != indicator.title_en or slug == "partnerships"
    assert indicator.definition_fr != indicator.definition_en
    assert indicator.unit in UNIT_SCALES, f"{slug}: unit {indicator.unit!r} has no scale"
    if indicator.unit == "percent":
        assert indicator.scale == 100 and indicator.denominator
    if indicator.unit.startswith("per 1,000"):
        assert indicator.scale == 1000 and indicator.denominator
    assert set(indicator.dimensions) <= set(DIMENSIONS)
    assert set(indicator.filters) <= set(FILTER_NAMES)
    assert indicator.sources and set(indicator.sources) <= KNOWN_SOURCES
    assert indicator.illustrative == (indicator.sources == ("illustrative",))
    if indicator.illustrative:
        assert indicator.caveats, f"{slug}: illustrative data must say so in a caveat"
    assert indicator.visibility in TIERS
    if indicator.visibility != "public":  # the definition says who sees it (issue 16)
        assert "Restricted" in indicator.definition_en, slug
        assert ("Restreint" in indicator.definition_fr
                or "Réservé" in indicator.definition_fr), slug


@pytest.mark.parametrize("slug", SLUGS)
def test_every_indicator_computes_on_an_empty_database(engine, slug):
    """The SQL runs on both engines for every allowed dimension, and an empty result is tidy:
    as the Secretariat, and for a delegation's indicator as a delegation (its own rows)."""
    indicator = CATALOGUE[slug]
    viewers = [SECRETARIAT] + ([Viewer("member-state", frozenset({"RWA"}))]
                               if indicator.visibility == "member-state" else [])
    for viewer, by in [(v, b) for v in viewers
                       for b in [(), *[(d,) for d in indicator.dimensions]]]:
        frame = compute(slug, Filters(), by, engine=engine, viewer=viewer)
        assert list(frame.columns[: len(by) + 5]) == [
            *by, "numerator", "denominator", "value", "unit", "illustrative"]
        assert frame.attrs["indicator"] == slug
        assert frame.attrs["illustrative"] is indicator.illustrative
