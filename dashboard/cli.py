"""The `pkdash` command: fetch official files, build the database, inspect it, serve the app."""

from __future__ import annotations

import argparse
import os
import sys

from dashboard.cli_alerts import add_alerts_parser, alerts, check_now
from dashboard.cli_changes import add_changes_parser, changes
from dashboard.cli_query import QUERY_OPTIONS, add_query_parser, missing_sqlite_file, query
from dashboard.cli_refresh import add_refresh_parser, refresh
from dashboard.cli_users import add_users_parsers, audit, users
from indicators.config import DataConfig
from indicators.i18n import LOCALES, _, format_day, format_number, normalise, use_locale
from indicators.manifest import load_manifest

# Where a command line says its language, most specific first, as gettext reads them.
LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # Known before parsing, so the help texts are in the language too.
    language = asked_language(argv) or environment_language(os.environ)
    with use_locale(language):
        args = _parser().parse_args(argv)
        args.lang = args.lang or language
        return COMMANDS[args.command](args)


def asked_language(argv: list[str]) -> str | None:
    """The value of `--lang X` or `--lang=X` anywhere on the line, if we translate it."""
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            return normalise(argv[index + 1])
        if word.startswith("--lang="):
            return normalise(word.partition("=")[2])
    return None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pkdash", description=_("Peacekeeping performance and accountability dashboard"))
    language_help = _("language of the messages, tables and files: en or fr (default: the "
                      "LANGUAGE, LC_ALL, LC_MESSAGES or LANG environment, else en)")
    parser.add_argument("--lang", choices=LOCALES, default=None, help=language_help)
    # Also after the command (`pkdash status --lang fr`); SUPPRESS keeps one given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LOCALES, default=argparse.SUPPRESS,
                        help=language_help)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("fetch", parents=[common],
                        help=_("download the official files into PKDASH_RAW_DIR"))
    build = commands.add_parser("build", parents=[common],
                                help=_("create or migrate the database and import every file"))
    build.add_argument("--new-version", action="append", default=[], metavar="SOURCE",
                       choices=[source.slug for source in load_manifest()],
                       help=_("accept a file of SOURCE other than the version "
                              "data/sources.toml pins (a new publication); it must pass the "
                              "new-version checks"))
    commands.add_parser("status", parents=[common],
                        help=_("list what the database holds, source by source"))
    serve = commands.add_parser("serve", parents=[common],
                                help=_("serve the dashboard (development server)"))
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)
    add_query_parser(commands, common)
    _add_export_parser(commands, common)
    add_users_parsers(commands, common)
    add_alerts_parser(commands, common)
    add_changes_parser(commands, common)
    add_refresh_parser(commands, common)
    return parser


def environment_language(environ) -> str:
    """The first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set, if we translate it
    ('fr_FR.UTF-8' → fr; C.UTF-8 or nothing → en)."""
    for name in LANGUAGE_VARIABLES:
        value = environ.get(name, "").split(":")[0].split(".")[0]
        if value:
            return normalise(value) or "en"
    return "en"


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
    print(_("Building {database} from {folder}").format(database=config.database_url,
                                                        folder=config.raw_dir))
    report = build(config, new_versions=frozenset(args.new_version))
    # The alerts follow every build (issue 17), even one that refused a file: the other
    # sources' new data are in.
    from indicators.db import make_engine

    engine = make_engine(config.database_url)
    try:
        check_now(engine)
    finally:
        engine.dispose()
    if not report.ok:
        print("\n" + _("{count} file(s) rejected; their sources were left as they were.").format(
            count=len(report.rejected)), file=sys.stderr)
        return 1
    return 0


def _status(_args) -> int:
    from indicators.db import make_engine
    from indicators.status import source_status

    config = DataConfig.from_env()
    engine = make_engine(config.database_url)
    for entry in source_status(engine):
        kind = _("illustrative") if entry.illustrative else _("real")
        if entry.loaded:
            rows = _("{count} rows").format(count=format_number(entry.rows))
            as_of = (_("as of {date}").format(date=format_day(entry.as_of)) if entry.as_of
                     else "")
            print(f"{entry.slug:<20} {rows:>13}  {entry.coverage_label:<22} {as_of}  {kind}")
        else:
            print(f"{entry.slug:<20} " + _("not loaded  (run `pkdash fetch` then "
                                           "`pkdash build`)"))
    return 0


def _serve(args) -> int:
    from dashboard.app import create_app
    from dashboard.settings import Settings

    settings = Settings.from_env()
    app = create_app(settings)
    app.run(host=args.host or settings.host, port=args.port or settings.port,
            debug=settings.debug)
    return 0


def _add_export_parser(commands, common) -> None:
    export = commands.add_parser(
        "export", parents=[common],
        help=_("write a page's briefing pack (PowerPoint, PDF or Excel) to a file"),
        description=_("The same pack as the page's export buttons and "
                      "/export/<page>.<format>, for the same filters. PAGE is `overview` or a "
                      "page's path without the slash (conduct, women, ...), `briefing` with "
                      "--chart, or `profile` with one --country (a one-page country profile, "
                      "pdf or pptx)."))
    export.add_argument("page", metavar="PAGE")
    export.add_argument("--format", required=True, choices=("pptx", "pdf", "xlsx"))
    export.add_argument("-o", "--output", required=True, metavar="FILE")
    for name, metavar, text in (
            ("mission", "ACR", _("mission acronym, e.g. MONUSCO")),
            ("country", "ISO3", _("contributing country, ISO 3166 alpha-3 code")),
            ("category", "SLUG", _("personnel category, e.g. troops")),
            ("chart", "PAGE/PANEL", _("for `briefing`: a chart to include, in order"))):
        export.add_argument(f"--{name}", nargs="+", action="extend", default=[],
                            metavar=metavar, help=text)
    export.add_argument("--from", dest="period_from", metavar="YYYY-MM")
    export.add_argument("--to", dest="period_to", metavar="YYYY-MM")
    export.add_argument("--gender", metavar="women|men")
    export.add_argument("--mission-type", metavar="peacekeeping|political")
    export.add_argument("--title", help=_("the pack's title (default: the page's name)"))
    export.add_argument("--since", metavar="WHEN", help=_(
        "start the pack with what changed since WHEN: a date, an ISO timestamp, a data "
        "version (v3) or a saved briefing (briefing-TOKEN, TOKEN from its address)"))
    export.add_argument("--restricted", action="store_true",
                        help=_("for `profile`: include the country's restricted figures, "
                               "marked \"Restricted: the Secretariat\" (default: the public "
                               "one-pager)"))


def _export(args) -> int:
    import dataclasses
    from pathlib import Path

    from dashboard.app import create_app
    from dashboard.exports.request import PROFILE, ExportRequestError, read_export_request
    from dashboard.exports.routes import render_request
    from indicators.db import make_engine
    from indicators.viewer import ANONYMOUS, SECRETARIAT

    url = DataConfig.from_env().database_url
    if missing_sqlite_file(url):
        print(_("pkdash export: no database at {url}; run `pkdash build` first").format(url=url),
              file=sys.stderr)
        return 1
    create_app()  # registers the pages and their charts; reads nothing from the database
    asked = {"mission": args.mission, "country": args.country, "category": args.category,
             "from": args.period_from, "to": args.period_to, "gender": args.gender,
             "mission-type": args.mission_type, "chart": args.chart, "title": args.title,
             "lang": args.lang, "since": args.since}
    asked = {name: value for name, value in asked.items() if value}
    engine = make_engine(url)
    try:
        # The command line acts on the local database as the Secretariat (issue 16).
        export = read_export_request(args.page, args.format, asked, engine,
                                     viewer=SECRETARIAT)
        if export.page == PROFILE and not args.restricted:
            # A one-pager is made to be handed out: its restricted figures are asked for,
            # never added because the command line happens to see everything.
            export = dataclasses.replace(export, viewer=ANONYMOUS)
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
    print(_("Wrote {file} ({size} bytes)").format(file=args.output,
                                                  size=format_number(len(content))))
    return 0


EXPORT_OPTIONS = {**QUERY_OPTIONS, "page": "PAGE", "format": "--format", "chart": "--chart",
                  "title": "--title", "lang": "--lang", "since": "--since"}

COMMANDS = {"fetch": _fetch, "build": _build, "status": _status, "serve": _serve,
            "query": query, "export": _export, "users": users, "audit": audit,
            "alerts": alerts, "changes": changes, "refresh": refresh}

if __name__ == "__main__":
    sys.exit(main())
