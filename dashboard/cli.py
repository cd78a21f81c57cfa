"""The `pkdash` command: fetch official files, build the database, inspect it, serve the app."""

from __future__ import annotations

import argparse
import sys

from indicators.config import DataConfig


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="pkdash", description="Peacekeeping performance and accountability dashboard")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("fetch", help="download the official files into PKDASH_RAW_DIR")
    commands.add_parser("build", help="create or migrate the database and import every file")
    commands.add_parser("status", help="list what the database holds, source by source")
    serve = commands.add_parser("serve", help="serve the dashboard (development server)")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)
    args = parser.parse_args(argv)
    return COMMANDS[args.command](args)


def _fetch(_args) -> int:
    from indicators.fetch import fetch, summarize
    from indicators.manifest import load_manifest

    config = DataConfig.from_env()
    outcomes = fetch(load_manifest(), config.raw_dir)
    print(summarize(outcomes))
    return 0 if all(o.status in ("present", "downloaded") for o in outcomes) else 1


def _build(_args) -> int:
    from indicators.build import build

    config = DataConfig.from_env()
    print(f"Building {config.database_url} from {config.raw_dir}")
    report = build(config)
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


COMMANDS = {"fetch": _fetch, "build": _build, "status": _status, "serve": _serve}

if __name__ == "__main__":
    sys.exit(main())
