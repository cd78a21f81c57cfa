"""`since` in an export request: checked with the other parameters, and turned into what the
pack's "Since your briefing of …" slide needs; plus the data version every pack is made from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import Engine

from indicators.change_scope import narrow
from indicators.filters import Filters, Problem
from indicators.since import SinceError, changes_for, read_since
from indicators.versions import latest_version_id
from indicators.viewer import Viewer

PARAMETER = "since"


def check_since(query: Mapping[str, str | Iterable[str]], engine: Engine, viewer: Viewer,
                problems: list[Problem]) -> str:
    """The since value asked ("" for none); a value that names no version or no briefing the
    viewer may open is a problem, so the pack is refused rather than made without its slide."""
    value = query.get(PARAMETER)
    text = (value if isinstance(value, str) else next(iter(value or []), "")) or ""
    text = text.strip()
    if text:
        try:
            read_since(engine, text, viewer)
        except SinceError as error:
            problems.append(Problem(PARAMETER, text, str(error)))
    return text


def since_fields(since_text: str, filters: Filters, engine: Engine, viewer: Viewer) -> dict:
    """The Pack fields for issue 17: data_version always; the changes when since is asked,
    narrowed by the pack's mission and country filters as the page's panel is."""
    fields: dict = {"data_version": latest_version_id(engine)}
    if not since_text:
        return fields
    since = read_since(engine, since_text, viewer)
    changes = changes_for(engine, since)
    if changes is None:
        return fields
    narrowed, hidden = narrow(changes, filters)
    return {**fields, "changes": narrowed, "since_kind": since.kind, "since_day": since.day,
            "changes_hidden": hidden}
