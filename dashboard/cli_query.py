"""`pkdash query`: one indicator, filtered and grouped, as a table, CSV or JSON, in the CLI's
language (dashboard.cli chooses it)."""

from __future__ import annotations

import sys

from indicators.config import DataConfig
from indicators.i18n import _, current_locale, format_number


def add_query_parser(commands, common) -> None:
    query = commands.add_parser(
        "query", parents=[common],
        help=_("print one indicator, filtered and grouped, as a table, CSV or JSON"),
        description=_("Compute one indicator with the same filters as the dashboard and the "
                      "API. Codes may be repeated or comma-separated."))
    query.add_argument("indicator", nargs="?", metavar="INDICATOR",
                       help=_("indicator slug (see --list)"))
    query.add_argument("--list", action="store_true", help=_("list the indicators and exit"))
    for name, metavar, text in (
            ("mission", "ACR", _("mission acronym, e.g. MONUSCO")),
            ("country", "ISO3", _("contributing country, ISO 3166 alpha-3 code")),
            ("category", "SLUG", _("personnel category, e.g. troops")),
            ("by", "DIM", _("dimension to group by, e.g. mission, year, month"))):
        query.add_argument(f"--{name}", nargs="+", action="extend", default=[],
                           metavar=metavar, help=text)
    query.add_argument("--from", dest="period_from", metavar="YYYY-MM",
                       help=_("first month, inclusive"))
    query.add_argument("--to", dest="period_to", metavar="YYYY-MM",
                       help=_("last month, inclusive"))
    query.add_argument("--gender", metavar="women|men")
    query.add_argument("--mission-type", metavar="peacekeeping|political",
                       help=_("peacekeeping operations or special political missions only"))
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")


# The CLI's name for each query parameter, so an error points at the option to fix.
QUERY_OPTIONS = {"mission": "--mission", "country": "--country", "category": "--category",
                 "from": "--from", "to": "--to", "gender": "--gender", "by": "--by",
                 "mission-type": "--mission-type", "indicator": "INDICATOR"}


def query(args) -> int:
    import json

    from sqlalchemy.exc import SQLAlchemyError

    from indicators.compute import QueryError, compute
    from indicators.db import make_engine
    from indicators.serialize import catalogue_payload, to_csv, to_payload
    from indicators.viewer import SECRETARIAT
    from indicators.vocabulary import read_request

    if args.list:
        if args.format == "json":
            print(json.dumps(catalogue_payload(current_locale()), indent=2, ensure_ascii=False))
        else:
            print(_catalogue_table())
        return 0
    if not args.indicator:
        print(_("pkdash query: INDICATOR is required (see `pkdash query --list`)"),
              file=sys.stderr)
        return 2
    asked = {"mission": args.mission, "country": args.country, "category": args.category,
             "from": args.period_from, "to": args.period_to, "gender": args.gender,
             "mission-type": args.mission_type, "by": args.by}
    asked = {name: value for name, value in asked.items() if value}
    url = DataConfig.from_env().database_url
    if missing_sqlite_file(url):
        # Connecting would create an empty file and then fail on every table.
        print(_("pkdash query: no database at {url}; run `pkdash build` first").format(url=url),
              file=sys.stderr)
        return 1
    engine = make_engine(url)
    try:
        request = read_request(args.indicator, asked, engine)
        if request.problems:
            for problem in request.problems:
                _complain(problem.parameter, problem.value, problem.reason)
            return 2
        # The command line acts on the local database as the Secretariat (issue 16).
        frame = compute(request.indicator, request.filters, request.by, engine=engine,
                        viewer=SECRETARIAT)
    except QueryError as error:
        _complain(error.parameter, error.value, error.reason)
        return 2
    except SQLAlchemyError as error:
        print(_("pkdash query: the database at {url} could not answer ({error}). Has it been "
                "built? Run `pkdash build`.").format(
                    url=repr(engine.url),
                    error=f"{type(error).__name__}: {str(error).splitlines()[0]}"),
              file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    indicator, filters = request.indicator, request.filters
    if args.format == "json":
        print(json.dumps(to_payload(frame, indicator, filters), indent=2, ensure_ascii=False,
                         allow_nan=False))
    elif args.format == "csv":
        sys.stdout.write(to_csv(frame, indicator))
    else:
        print(_result_table(frame, indicator, filters))
    return 0


def missing_sqlite_file(url: str) -> bool:
    from pathlib import Path

    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    database = parsed.database
    return (parsed.get_backend_name() == "sqlite" and bool(database) and database != ":memory:"
            and not database.startswith("file:") and not Path(database).exists())


def _complain(parameter: str, value: str, reason: str) -> None:
    option = QUERY_OPTIONS.get(parameter, parameter)
    print(f"pkdash query: {option} {value!r}: {reason}", file=sys.stderr)


def _result_table(frame, indicator, filters) -> str:
    from indicators.compute import ignored_filters
    from indicators.serialize import dimension_columns, extra_columns, plain

    # Unit names are in the catalogue (dashboard/panels/indicator_list.py marks them).
    lines = [f"{indicator.title(current_locale())} ({_(indicator.unit)}) — "
             f"{filters.describe()}"]
    if indicator.illustrative:
        lines.append(_("ILLUSTRATIVE DATA — generated, not real figures"))
    ignored = ignored_filters(indicator, filters)
    if ignored:
        lines.append(_("Not applicable to this indicator, so ignored: {filters}").format(
            filters=", ".join(ignored)))
    if frame.empty:
        lines.append(_("(no rows)"))
        return "\n".join(lines)
    columns = [*dimension_columns(frame), "numerator", "denominator", "value",
               *extra_columns(frame)]
    shown = frame[columns].copy()
    for column in columns:
        shown[column] = [_table_cell(plain(value)) for value in shown[column]]
    lines.append("")
    lines.append(shown.to_string(index=False))
    return "\n".join(lines)


def _table_cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return format_number(value, 0 if value.is_integer() else 2)
    return str(value)  # ints stay bare: a year reads 2013, not 2,013


def _catalogue_table() -> str:
    from indicators.catalogue import CATALOGUE

    width = max((len(slug) for slug in CATALOGUE), default=0)
    lines = []
    for indicator in CATALOGUE.values():
        mark = "  " + _("[illustrative]") if indicator.illustrative else ""
        lines.append(f"{indicator.slug:<{width}}  {indicator.title(current_locale())} "
                     f"({_(indicator.unit)}){mark}")
        lines.append(f"{'':<{width}}  " + _("by: {dimensions}").format(
            dimensions=", ".join(indicator.dimensions) or "—"))
    return "\n".join(lines)
