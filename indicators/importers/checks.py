"""Checks a parsed file must pass before it replaces its source: it has rows, it does not
repeat itself, and, as a new version, it does not lose what the loaded version had beyond the
stated tolerances. A file that fails one is refused whole, with what shrank or repeated."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import Connection, select

from indicators.importers.base import ImportRejected, ParsedFile

# The tolerances a new version of a source is held to, against the version loaded now.
ROWS_MAY_FALL = 0.01  # a publisher's revision may drop up to 1% of the rows
MONTHS_MAY_GO = 0  # a new version never covers fewer months
MISSIONS_MAY_GO = 1
COUNTRIES_MAY_GO = 2  # a corrected code or two
# A file in which more than this share of a table's rows repeat another row exactly (all but
# the row number) is taken to be doubled or pasted twice. The UN's SEA table repeats 7 of its
# 753 rows (distinct allegations alike in every published field).
REPEATS_MAY_BE = 0.02
TOLERANCE_RULE = (
    "A new version of a source may have up to 1% fewer rows than the loaded one, no fewer "
    "months, at most 1 mission and 2 countries fewer; no file may have more than 2% of a "
    "table's rows repeating another row exactly, and no file may be empty.")

# The columns that say which month (or year), mission and country a row is about.
DIMENSION_COLUMNS = {
    "months": ("month", "reported_month", "year"),
    "missions": ("mission",),
    "countries": ("country_iso3", "nationality_iso3"),
}
MAY_GO = {"months": MONTHS_MAY_GO, "missions": MISSIONS_MAY_GO,
          "countries": COUNTRIES_MAY_GO}
SURROGATE_KEYS = ("id",)  # row numbers the importer gives, not data


def check_parsed(conn: Connection, file_name: str, owned: tuple[type, ...],
                 parsed: ParsedFile, loaded_rows: int | None) -> None:
    """Refuse `parsed` (ImportRejected) if it is empty, repeats itself, or loses more than the
    tolerances allow against what its source has loaded now (`loaded_rows`: None if nothing)."""
    if owned and not any(parsed.tables.get(model) for model in owned):
        raise ImportRejected(file_name, "no rows to load: an empty or header-only file "
                                        "would empty its source")
    for model in owned:
        _check_repeats(file_name, model, parsed.tables.get(model, []))
    if loaded_rows is None or not owned:
        return
    if parsed.rows_loaded < (1 - ROWS_MAY_FALL) * loaded_rows:
        raise ImportRejected(file_name, (
            f"{parsed.rows_loaded:,} rows to load where the loaded version has "
            f"{loaded_rows:,} (more than {ROWS_MAY_FALL:.0%} fewer): a cut file, or a new "
            "version that drops records"))
    for kind, lost in _lost_values(conn, owned, parsed).items():
        if len(lost) > MAY_GO[kind]:
            shown = ", ".join(str(value) for value in sorted(lost)[:5])
            more = f" and {len(lost) - 5} more" if len(lost) > 5 else ""
            raise ImportRejected(file_name, (
                f"{len(lost)} {kind} of the loaded version are missing ({shown}{more}); at "
                f"most {MAY_GO[kind]} may go in a new version"))


def _check_repeats(file_name: str, model: type, rows: list[dict]) -> None:
    if not rows:
        return
    counts = Counter(tuple(sorted((k, str(v)) for k, v in row.items()
                                  if k not in SURROGATE_KEYS)) for row in rows)
    repeated = sum(n - 1 for n in counts.values() if n > 1)
    if repeated > REPEATS_MAY_BE * len(rows):
        raise ImportRejected(file_name, (
            f"{repeated:,} of its {len(rows):,} {model.__tablename__} rows repeat another row "
            f"exactly (more than {REPEATS_MAY_BE:.0%}): a doubled or twice-pasted file"))


def _lost_values(conn: Connection, owned: tuple[type, ...], parsed: ParsedFile
                 ) -> dict[str, set]:
    """Per kind (months, missions, countries): values the loaded rows have that the new don't."""
    lost: dict[str, set] = {}
    for kind, names in DIMENSION_COLUMNS.items():
        loaded, new = set(), set()
        for model in owned:
            column = next((name for name in names if name in model.__table__.c), None)
            if column is None:
                continue
            loaded |= set(conn.execute(select(model.__table__.c[column]).distinct()).scalars())
            new |= {row.get(column) for row in parsed.tables.get(model, [])}
        lost[kind] = {value for value in loaded - new if value is not None}
    return lost

