"""Dump every card a reader is sent (figure JSON, table rows and columns, caption, summary,
message) for nine pages and four sets of filters, so two versions' outputs can be compared
byte for byte (`cmp before.json after.json`).

Usage: .venv/bin/python benchmarks/card_dump.py OUT.json [--url URL] [--language en]
Default database: DATABASE_URL, else data/pkdash.sqlite (built by `pkdash build`).
Each card is built from a cold compute cache and again from the warm one; both are dumped
(a cache that answered differently from a fresh build would show).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from card_origins import PAGES  # noqa: E402

from dashboard.app import create_app  # noqa: E402
from dashboard.panels.spec import visible_panels  # noqa: E402
from dashboard.panels.view import build_view  # noqa: E402
from dashboard.settings import Settings  # noqa: E402
from indicators.compute import clear_cache  # noqa: E402
from indicators.config import DataConfig  # noqa: E402
from indicators.db import make_engine  # noqa: E402
from indicators.filters import Filters  # noqa: E402
from indicators.i18n import use_locale  # noqa: E402
from indicators.viewer import ANONYMOUS  # noqa: E402

VIEWS = {"all": Filters(), "MINUSCA": Filters(missions=("MINUSCA",)),
         "MINUSCA+UNMISS": Filters(missions=("MINUSCA", "UNMISS")),
         "RWA": Filters(countries=("RWA",))}


def card(view) -> dict:
    return {"figure": None if view.figure is None else view.figure.to_json(),
            "rows": view.rows, "columns": view.columns, "caption": view.caption,
            "summary": view.summary, "message": view.message}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--url", default=os.environ.get("DATABASE_URL")
                        or DataConfig.from_env().database_url)
    parser.add_argument("--language", default="en", help="the readers' language: en or fr")
    args = parser.parse_args()
    app = create_app(Settings(database_url=args.url, raw_dir=Path("/nonexistent-raw")))
    engine = make_engine(args.url)
    dumped = {}
    with app.server.app_context(), use_locale(args.language):
        for page in PAGES:
            for name, filters in VIEWS.items():
                for panel in visible_panels(page, filters, ANONYMOUS):
                    clear_cache()
                    cold = card(build_view(panel, filters, engine))
                    warm = card(build_view(panel, filters, engine))
                    dumped[f"{page}/{name}/{panel.key}"] = {"cold": cold, "warm": warm}
    Path(args.out).write_text(json.dumps(dumped, sort_keys=True, default=str, indent=0))
    print(f"{len(dumped)} cards -> {args.out}")


if __name__ == "__main__":
    main()
