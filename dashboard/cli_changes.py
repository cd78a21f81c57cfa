"""`pkdash changes --since WHEN`: what changed in the data since a date, a time or a data
version, as text or as the API's JSON."""

from __future__ import annotations

import json
import sys

from indicators.change_set import ChangeSet
from indicators.config import DataConfig
from indicators.i18n import N_, _, format_month


def add_changes_parser(commands, common) -> None:
    changes = commands.add_parser(
        "changes", parents=[common], help=_("list what changed in the data since a briefing"),
        description=_("New months per source, revised figures (old → new), headline figures "
                      "that moved or crossed their target, and new allegations by mission, "
                      "from the data version WHEN names to the latest (or --until)."))
    changes.add_argument("--since", required=True, metavar="WHEN",
                         help=_("a date (YYYY-MM-DD: the data as at the end of that day), an "
                                "ISO timestamp, or a data version (v3)"))
    changes.add_argument("--until", metavar="VERSION",
                         help=_("a later data version (default: the latest)"))
    changes.add_argument("--json", action="store_true", help=_("print the changes as JSON"))


def changes(args) -> int:
    from indicators.changes import changes_between
    from indicators.db import make_engine
    from indicators.versions import SinceError, latest_version_id, resolve_since

    url = DataConfig.from_env().database_url
    if _missing_sqlite_file(url):
        print(_("pkdash changes: no database at {url}; run `pkdash build` first").format(
            url=url), file=sys.stderr)
        return 1
    engine = make_engine(url)
    try:
        since = resolve_since(engine, args.since)
        until = (resolve_since(engine, args.until).id if args.until
                 else latest_version_id(engine))
        found = changes_between(engine, since.id, until)
    except SinceError as error:
        print(f"pkdash changes: {error}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(json.dumps(found.to_dict(), ensure_ascii=False, indent=2) if args.json
          else describe(found))
    return 0


def _missing_sqlite_file(url: str) -> bool:
    """A SQLite file that does not exist: connecting would create an empty one."""
    from pathlib import Path

    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    database = parsed.database or ""
    return (parsed.get_backend_name() == "sqlite" and database not in ("", ":memory:")
            and not database.startswith("file:") and not Path(database).exists())


def describe(found: ChangeSet) -> str:
    """The changes as lines for a terminal."""
    lines = [_("Changes from data version {old} ({old_at}) to {new} ({new_at})").format(
        old=found.since.id, old_at=f"{found.since.created_at:%Y-%m-%d %H:%M}",
        new=found.until.id, new_at=f"{found.until.created_at:%Y-%m-%d %H:%M}")]
    if found.is_empty:
        return "\n".join([*lines, _("No change.")])
    for item in found.new_months:
        lines.append(_("New months of {source}: {months}").format(
            source=item.source, months=", ".join(format_month(m) for m in item.months)))
    for item in found.revisions:
        lines.append(_("{kind} ({source}, v{version}): {what}: {old} → {new}").format(
            kind=_(REVISION_KINDS[item.kind]), source=item.source, version=item.new_version,
            what=item.what, old=item.old if item.old is not None else "—",
            new=item.new if item.new is not None else "—"))
    for item in found.kpi_moves:
        line = _("{indicator}: {old} → {new}").format(
            indicator=item.indicator, old=_number(item.old), new=_number(item.new))
        if item.target is not None:
            line += " " + _("(target {target})").format(target=_number(item.target))
        if item.crossed:
            line += " " + _(CROSSED[item.crossed])
        lines.append(line)
    for item in found.new_allegations:
        lines.append(_("{count} new allegation(s) in {mission}{nationalities}").format(
            count=item.count, mission=item.mission,
            nationalities=f" ({', '.join(item.nationalities)})" if item.nationalities else ""))
    return "\n".join(lines)


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


REVISION_KINDS = {"revised": N_("Revised"), "added": N_("Added"), "withdrawn": N_("Withdrawn")}
CROSSED = {"reached": N_("reached its target"), "fell-below": N_("fell below its target")}
