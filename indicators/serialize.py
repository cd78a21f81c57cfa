"""compute() frames and the catalogue as JSON-ready dicts and CSV: one shape for CLI and API."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Mapping
from decimal import Decimal

import numpy as np
import pandas as pd

from indicators.catalogue import CATALOGUE
from indicators.compute import RESULT_COLUMNS, ignored_filters
from indicators.filters import Filters
from indicators.i18n import DEFAULT_LOCALE, N_, _, use_locale
from indicators.illustrative import DEFAULT_SEED, GENERATOR_VERSION
from indicators.illustrative import SOURCE_SLUG as ILLUSTRATIVE_SOURCE
from indicators.indicator import Indicator
from indicators.manifest import load_manifest
from indicators.source_words import GENERATED_CITATION, source_words

# Carried once at the top of a JSON payload, so not repeated in every row.
PAYLOAD_CONSTANTS = ("unit", "illustrative")
# Every row of generated numbers says so in words, in the column MARK_COLUMN: a row copied
# out of its table (CSV, Excel, the Table tab) keeps the mark without its header.
MARK_COLUMN = "mark"
ROW_MARK = N_("ILLUSTRATIVE (generated, not real)")
# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?([eE][+-]?\d+)?")


def dimension_columns(frame: pd.DataFrame) -> list[str]:
    """The `by` columns: compute() puts them first, before numerator."""
    columns = list(frame.columns)
    return columns[:columns.index("numerator")] if "numerator" in columns else []


def extra_columns(frame: pd.DataFrame) -> list[str]:
    dimensions = set(dimension_columns(frame))
    return [c for c in frame.columns if c not in dimensions and c not in RESULT_COLUMNS]


def to_payload(frame: pd.DataFrame, indicator: Indicator, filters: Filters,
               origins: list[dict] | None = None) -> dict:
    """{"indicator", "unit", "illustrative", "filters", "ignored_filters", "rows"}; with
    `origins` (indicators.origins.row_origins), each row ends with its `provenance`."""
    columns = [*dimension_columns(frame), "numerator", "denominator", "value",
               *extra_columns(frame)]
    return {
        "indicator": indicator.slug,
        "unit": indicator.unit,
        "illustrative": bool(indicator.illustrative),
        "filters": filters.to_query(),
        "ignored_filters": ignored_filters(indicator, filters),
        "rows": [{**{column: plain(value) for column, value in zip(columns, row, strict=True)},
                  # Said once above for real numbers; on each row for generated ones, so a
                  # row taken out of the payload still says it is not real.
                  **({"illustrative": True} if indicator.illustrative else {}),
                  **({"provenance": origins[index]} if origins is not None else {})}
                 for index, row in enumerate(frame[columns].itertuples(index=False, name=None))],
    }


def marked(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with a MARK_COLUMN saying, in the current language, which rows are generated;
    unchanged when none is."""
    if "illustrative" not in frame:
        return frame
    flags = frame["illustrative"].fillna(False).astype(bool)
    if not flags.any():
        return frame
    mark = _(ROW_MARK)
    return frame.assign(**{MARK_COLUMN: [mark if flag else "" for flag in flags]})


def to_csv(frame: pd.DataFrame, indicator: Indicator,
           headers: Mapping[str, str] | None = None) -> str:
    """CSV with a header: dimensions, numerator, denominator, value, unit, illustrative, extras,
    and for generated numbers a last column that says so on every row (MARK_COLUMN).

    Cells go through the same conversion as JSON, so the two agree number for number; a
    missing value is an empty cell. The header row has the column codes (the API's, a machine
    interface), or `headers[code]` where given (a reader's download in their language).
    """
    columns = [*dimension_columns(frame), *RESULT_COLUMNS, *extra_columns(frame)]
    frame = marked(frame.assign(unit=indicator.unit, illustrative=bool(indicator.illustrative)))
    columns += [MARK_COLUMN] if MARK_COLUMN in frame else []
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([text_cell(headers.get(column, column)) for column in columns] if headers
                    else columns)
    # The csv module quotes a cell holding "\n" (our line end) but not a lone "\r", which
    # readers take as a line end too: a row with one is written with every cell quoted.
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in frame[columns].itertuples(index=False, name=None):
        cells = [_cell(plain(value)) for value in row]
        (quoted if any("\r" in cell for cell in cells) else writer).writerow(cells)
    return buffer.getvalue()


def plain(value):
    """A frame cell as a JSON value: NA/NaN/inf become None, numpy numbers Python numbers."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | str | int):
        return value
    if isinstance(value, float | Decimal):  # Decimal: PostgreSQL numeric columns
        value = float(value)
        return value if math.isfinite(value) else None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def is_formula_like(value) -> bool:
    """Text a spreadsheet would run as a formula; numbers (negative ones too) are not."""
    return (isinstance(value, str) and value.startswith(FORMULA_STARTS)
            and not PLAIN_NUMBER.fullmatch(value))


def text_cell(value: str) -> str:
    """Text for a CSV cell, with a leading apostrophe where it would start a formula, as OWASP
    recommends: the reader sees the text, the spreadsheet never runs it."""
    return "'" + value if is_formula_like(value) else value


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)  # shortest text that reads back as the same float
    return text_cell(str(value))


def catalogue_payload(locale: str = DEFAULT_LOCALE) -> list[dict]:
    """Every indicator's metadata, in catalogue order, with its sources' titles and citations;
    its words (numerator, caveats, sources) in `locale`: English for the API, the reader's
    language on the indicators page and in the CLI. Titles and definitions carry both."""
    with use_locale(locale):
        sources = _sources()
        return [indicator_metadata(indicator, sources) for indicator in CATALOGUE.values()]


def indicator_metadata(indicator: Indicator, sources: dict[str, dict] | None = None) -> dict:
    """One indicator's metadata, its words in the current language (catalogue_payload)."""
    sources = _sources() if sources is None else sources
    return {
        "slug": indicator.slug,
        "title": {"en": indicator.title_en, "fr": indicator.title_fr},
        "unit": indicator.unit,
        "scale": indicator.scale,
        "numerator": _(indicator.numerator),
        "denominator": _(indicator.denominator) if indicator.denominator else None,
        "dimensions": list(indicator.dimensions),
        "filters": list(indicator.filters),
        "higher_is_better": indicator.higher_is_better,
        "has_target": indicator.has_target,
        "definition": {"en": indicator.definition_en, "fr": indicator.definition_fr},
        "sources": [sources.get(slug, {"slug": slug, "title": None, "citation": None})
                    for slug in indicator.sources],
        "caveats": [_(caveat) for caveat in indicator.caveats],
        "illustrative": bool(indicator.illustrative),
        "visibility": indicator.visibility,
        "extra_columns": list(indicator.extra_columns),
    }


def _sources() -> dict[str, dict]:
    found = {
        source.slug: {
            "slug": source.slug,
            "title": source_words(source.title),
            "publisher": source_words(source.publisher),
            "citation": source_words(source.citation),
            "landing_page": source.landing_page,
            "licence": source_words(source.licence),
            "as_of": source.as_of.isoformat(),
        }
        for source in load_manifest()
    }
    # The generator is not in the manifest: it is code, not a published file.
    found[ILLUSTRATIVE_SOURCE] = {
        "slug": ILLUSTRATIVE_SOURCE,
        "title": _("Illustrative (generated) data"),
        "publisher": _("pkdash generator — not real data"),
        "citation": _(GENERATED_CITATION).format(version=GENERATOR_VERSION,
                                                 seed=DEFAULT_SEED),
        "landing_page": None,
        "licence": None,
        "as_of": None,
    }
    return found
