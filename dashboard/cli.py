"""The `pkdash` command: fetch official files, build the database, inspect it, serve the app."""

from __future__ import annotations

import argparse
import sys

from indicators.config import DataConfig
from indicators.manifest import load_manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="pkdash", description="Peacekeeping performance and accountability dashboard")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("fetch", help="download the official files into PKDASH_RAW_DIR")
    build = commands.add_parser("build",
                                help="create or migrate the database and import every file")
    build.add_argument("--new-version", action="append", default=[], metavar="SOURCE",
                       choices=[source.slug for source in load_manifest()],
                       help="accept a file of SOURCE other than the version data/sources.toml "
                            "pins (a new publication); it must pass the new-version checks")
    commands.add_parser("status", help="list what the database holds, source by source")
    serve = commands.add_parser("serve", help="serve the dashboard (development server)")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)
    _add_query_parser(commands)
    _add_export_parser(commands)
    args = parser.parse_args(argv)
    return COMMANDS[args.command](args)


def _fetch(_args) -> int:
    from indicators.fetch import fetch, summarize
    from indicators.manifest import load_manifest

    config = DataConfig.from_env()
    outcomes = fetch(load_manifest(), config.raw_dir)
    print(summarize(outcomes))
    return 0 if all(o.status in ("present", "downloaded") for o in outcomes) else 1


def _build(args) -> int:
    from indicators.build import build

    config = DataConfig.from_env()
    print(f"Building {config.database_url} from {config.raw_dir}")
    report = build(config, new_versions=frozenset(args.new_version))
    if not report.ok:
        print(f"\n{len(report.rejected)} file(s) rejected; their sources were left as they were.",
              file=sys.stderr)
        return 1
    return 0


def _status(_args) -> int:
    from indicators.db import make_engine
    from indicators.status import source_status

    config = DataConfig.from_env()
    engine = make_engine(config.database_url)
    for entry in source_status(engine):
        kind = "illustrative" if entry.illustrative else "real"
        if entry.loaded:
            print(f"{entry.slug:<20} {entry.rows:>8,} rows  {entry.coverage_label:<22} "
                  f"as of {entry.as_of}  {kind}")
        else:
            print(f"{entry.slug:<20} not loaded  (run `pkdash fetch` then `pkdash build`)")
    return 0


def _serve(args) -> int:
    from dashboard.app import create_app
    from dashboard.settings import Settings

    settings = Settings.from_env()
    app = create_app(settings)
    app.run(host=args.host or settings.host, port=args.port or settings.port,
            debug=settings.debug)
    return 0


def _add_query_parser(commands) -> None:
    query = commands.add_parser(
        "query", help="print one indicator, filtered and grouped, as a table, CSV or JSON",
        description="Compute one indicator with the same filters as the dashboard and the API. "
                    "Codes may be repeated or comma-separated.")
    query.add_argument("indicator", nargs="?", metavar="INDICATOR",
                       help="indicator slug (see --list)")
    query.add_argument("--list", action="store_true", help="list the indicators and exit")
    for name, metavar, text in (
            ("mission", "ACR", "mission acronym, e.g. MONUSCO"),
            ("country", "ISO3", "contributing country, ISO 3166 alpha-3 code"),
            ("category", "SLUG", "personnel category, e.g. troops"),
            ("by", "DIM", "dimension to group by, e.g. mission, year, month")):
        query.add_argument(f"--{name}", nargs="+", action="extend", default=[],
                           metavar=metavar, help=text)
    query.add_argument("--from", dest="period_from", metavar="YYYY-MM",
                       help="first month, inclusive")
    query.add_argument("--to", dest="period_to", metavar="YYYY-MM", help="last month, inclusive")
    query.add_argument("--gender", metavar="women|men")
    query.add_argument("--mission-type", metavar="peacekeeping|political",
                       help="peacekeeping operations or special political missions only")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")


# The CLI's name for each query parameter, so an error points at the option to fix.
QUERY_OPTIONS = {"mission": "--mission", "country": "--country", "category": "--category",
                 "from": "--from", "to": "--to", "gender": "--gender", "by": "--by",
                 "mission-type": "--mission-type", "indicator": "INDICATOR"}


def _query(args) -> int:
    import json

    from sqlalchemy.exc import SQLAlchemyError

    from indicators.compute import QueryError, compute
    from indicators.db import make_engine
    from indicators.serialize import catalogue_payload, to_csv, to_payload
    from indicators.vocabulary import read_request

    if args.list:
        if args.format == "json":
            print(json.dumps(catalogue_payload(), indent=2, ensure_ascii=False))
        else:
            print(_catalogue_table())
        return 0
    if not args.indicator:
        print("pkdash query: INDICATOR is required (see `pkdash query --list`)", file=sys.stderr)
        return 2
    query = {"mission": args.mission, "country": args.country, "category": args.category,
             "from": args.period_from, "to": args.period_to, "gender": args.gender,
             "mission-type": args.mission_type, "by": args.by}
    query = {name: value for name, value in query.items() if value}
    url = DataConfig.from_env().database_url
    if _missing_sqlite_file(url):
        # Connecting would create an empty file and then fail on every table.
        print(f"pkdash query: no database at {url}; run `pkdash build` first", file=sys.stderr)
        return 1
    engine = make_engine(url)
    try:
        request = read_request(args.indicator, query, engine)
        if request.problems:
            for problem in request.problems:
                _complain(problem.parameter, problem.value, problem.reason)
            return 2
        frame = compute(request.indicator, request.filters, request.by, engine=engine)
    except QueryError as error:
        _complain(error.parameter, error.value, error.reason)
        return 2
    except SQLAlchemyError as error:
        print(f"pkdash query: the database at {engine.url!r} could not answer "
              f"({type(error).__name__}: {str(error).splitlines()[0]}). "
              "Has it been built? Run `pkdash build`.", file=sys.stderr)
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


def _missing_sqlite_file(url: str) -> bool:
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

    lines = [f"{indicator.title_en} ({indicator.unit}) — {filters.describe()}"]
    if indicator.illustrative:
        lines.append("ILLUSTRATIVE DATA — generated, not real figures")
    ignored = ignored_filters(indicator, filters)
    if ignored:
        lines.append(f"Not applicable to this indicator, so ignored: {', '.join(ignored)}")
    if frame.empty:
        lines.append("(no rows)")
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
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    return str(value)  # ints stay bare: a year reads 2013, not 2,013


def _catalogue_table() -> str:
    from indicators.catalogue import CATALOGUE

    width = max((len(slug) for slug in CATALOGUE), default=0)
    lines = []
    for indicator in CATALOGUE.values():
        mark = "  [illustrative]" if indicator.illustrative else ""
        lines.append(f"{indicator.slug:<{width}}  {indicator.title_en} ({indicator.unit}){mark}")
        lines.append(f"{'':<{width}}  by: {', '.join(indicator.dimensions) or '—'}")
    return "\n".join(lines)


def _add_export_parser(commands) -> None:
    export = commands.add_parser(
        "export", help="write a page's briefing pack (PowerPoint, PDF or Excel) to a file",
        description="The same pack as the page's export buttons and /export/<page>.<format>, "
                    "for the same filters. PAGE is `overview` or a page's path without the "
                    "slash (conduct, women, ...), or `briefing` with --chart.")
    export.add_argument("page", metavar="PAGE")
    export.add_argument("--format", required=True, choices=("pptx", "pdf", "xlsx"))
    export.add_argument("-o", "--output", required=True, metavar="FILE")
    for name, metavar, text in (
            ("mission", "ACR", "mission acronym, e.g. MONUSCO"),
            ("country", "ISO3", "contributing country, ISO 3166 alpha-3 code"),
            ("category", "SLUG", "personnel category, e.g. troops"),
            ("chart", "PAGE/PANEL", "for `briefing`: a chart to include, in order")):
        export.add_argument(f"--{name}", nargs="+", action="extend", default=[],
                            metavar=metavar, help=text)
    export.add_argument("--from", dest="period_from", metavar="YYYY-MM")
    export.add_argument("--to", dest="period_to", metavar="YYYY-MM")
    export.add_argument("--gender", metavar="women|men")
    export.add_argument("--mission-type", metavar="peacekeeping|political")
    export.add_argument("--title", help="the pack's title (default: the page's name)")
    export.add_argument("--lang", choices=("en", "fr"), default="en")


def _export(args) -> int:
    from pathlib import Path

    from dashboard.app import create_app
    from dashboard.exports.request import ExportRequestError, read_export_request
    from dashboard.exports.routes import render_request
    from indicators.db import make_engine

    url = DataConfig.from_env().database_url
    if _missing_sqlite_file(url):
        print(f"pkdash export: no database at {url}; run `pkdash build` first", file=sys.stderr)
        return 1
    create_app()  # registers the pages and their charts; reads nothing from the database
    query = {"mission": args.mission, "country": args.country, "category": args.category,
             "from": args.period_from, "to": args.period_to, "gender": args.gender,
             "mission-type": args.mission_type, "chart": args.chart, "title": args.title,
             "lang": args.lang}
    query = {name: value for name, value in query.items() if value}
    engine = make_engine(url)
    try:
        export = read_export_request(args.page, args.format, query, engine)
    except ExportRequestError as error:
        for problem in error.problems:
            option = EXPORT_OPTIONS.get(problem.parameter, problem.parameter)
            print(f"pkdash export: {option} {problem.value!r}: {problem.reason}",
                  file=sys.stderr)
        return 2

    def progress(done: int, total: int, what: str) -> None:
        print(f"  {done}/{total} {what}", file=sys.stderr)

    try:
        content = render_request(export, engine, progress)
    finally:
        engine.dispose()
    Path(args.output).write_bytes(content)
    print(f"Wrote {args.output} ({len(content):,} bytes)")
    return 0


EXPORT_OPTIONS = {**QUERY_OPTIONS, "page": "PAGE", "format": "--format", "chart": "--chart",
                  "title": "--title", "lang": "--lang"}

COMMANDS = {"fetch": _fetch, "build": _build, "status": _status, "serve": _serve,
            "query": _query, "export": _export}

if __name__ == "__main__":
    sys.exit(main())
