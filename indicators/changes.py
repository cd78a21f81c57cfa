"""What changed between two data versions, read from the fact history each build records
(indicators.versions), as the ChangeSet the panel, packs, CLI, API and alerts share."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from indicators.change_set import ChangeSet, KpiMove, NewAllegations, NewMonths, Revision
from indicators.i18n import _
from indicators.models.versions import FactChange, KpiSnapshot
from indicators.transactions import Bind, reading
from indicators.versions import SinceError, latest_version_id, resolve_since, source_months
from indicators.versions import version_info as _info


def changes_since(bind: Bind, since: str | int) -> ChangeSet:
    """From the version `since` names (see resolve_since) to the latest."""
    old = resolve_since(bind, str(since))
    return changes_between(bind, old.id, latest_version_id(bind))


def changes_between(bind: Bind, old_version_id: int, new_version_id: int) -> ChangeSet:
    """Every change from one version to a later one (a revision made and undone in between
    is no change)."""
    old, new = _info(bind, old_version_id), _info(bind, new_version_id)
    for given, info in ((old_version_id, old), (new_version_id, new)):
        if info is None:
            raise SinceError(_("there is no data version {version}").format(version=given))
    if old.id > new.id:
        raise SinceError(_("data version {old} is newer than {new}").format(old=old.id, new=new.id))
    changes = ChangeSet(since=old, until=new)
    if old.id == new.id:
        return changes
    with reading(bind) as conn:
        rows = conn.execute(select(FactChange).where(
            FactChange.version_id > old.id, FactChange.version_id <= new.id)
            .order_by(FactChange.version_id, FactChange.id)).all()
        kpis = {version: {k.indicator: k for k in conn.execute(select(KpiSnapshot).where(
            KpiSnapshot.version_id == version))} for version in (old.id, new.id)}
    changes.new_months = _new_months(bind, old.id, new.id)
    changes.revisions = _revisions(rows, old.id)
    changes.new_allegations = _new_allegations(rows)
    changes.kpi_moves = _kpi_moves(kpis[old.id], kpis[new.id], new.id)
    return changes


def _new_months(bind: Bind, old_id: int, new_id: int) -> list[NewMonths]:
    before, after = source_months(bind, old_id), source_months(bind, new_id)
    items = []
    for source in sorted(after):
        months = tuple(sorted(after[source] - before.get(source, set())))
        if months:
            label = ",".join(f"{m:%Y-%m}" for m in months)
            items.append(NewMonths(f"new-months:{source}:{label}", source, months))
    return items


def _revisions(rows: list[FactChange], old_id: int) -> list[Revision]:
    """One revision per fact and field: the value before the range, the value after it."""
    merged: dict[tuple, dict] = {}
    for row in rows:
        ident = _identity(row)
        if ident in merged:
            merged[ident].update(new=row.new_value, version=row.version_id, last=row)
        else:
            merged[ident] = {"old": row.old_value, "new": row.new_value,
                             "version": row.version_id, "first": row, "last": row}
    items = []
    for change in merged.values():
        first, last = change["first"], change["last"]
        if change["old"] == change["new"] or _whole_allegation(first) and (
                first.kind, last.kind) != ("withdrawn", "withdrawn"):
            continue  # revised back; or a new allegation (new_allegations lists it)
        kind = ("added" if change["old"] is None else
                "withdrawn" if change["new"] is None else "revised")
        if first.domain == "allegation" and kind == "withdrawn" and last.field:
            kind = "revised"  # a field emptied, not an allegation withdrawn
        if first.domain == "fatality" and first.field:
            kind = "revised"  # a field filled or emptied, not a record added or withdrawn
        version = change["version"]
        parts = [first.domain, f"{first.month:%Y-%m}" if first.month else "", first.mission or "",
                 first.country_iso3 or "", first.category or first.allegation_key or "",
                 first.field or "", f"v{version}"]
        items.append(Revision(
            key=f"{kind}:" + ":".join(parts), domain=first.domain, source=first.source,
            kind=kind, what=_what(first), old=change["old"], new=change["new"],
            old_version=old_id, new_version=version, month=first.month,
            mission=first.mission, country_iso3=first.country_iso3, category=first.category,
            field=first.field))
    return items


def _identity(row: FactChange) -> tuple:
    """The fact a row is about, the same in every version. A fatality record is its UN
    record id: its mission or date may be what a release revised."""
    if row.domain == "fatality":
        return (row.domain, row.allegation_key, row.field)
    return (row.domain, row.month, row.mission, row.country_iso3, row.category,
            row.allegation_key, row.field)


def _what(row: FactChange) -> str:
    """Plain words for the fact, e.g. "UNMISS, RWA, troops, 2024-03: total"."""
    parts = [row.mission or "", row.country_iso3 or "", row.category or "",
             f"{row.month:%Y-%m}" if row.month else ""]
    if row.domain == "fatality":
        parts.insert(0, f"#{row.allegation_key}")  # the UN's record id
    where = ", ".join(p for p in parts if p)
    return f"{where}: {row.field}" if row.field else where


def _whole_allegation(row: FactChange) -> bool:
    """A row that adds or withdraws a whole allegation, not one of its fields."""
    return row.domain == "allegation" and row.field is None


def _new_allegations(rows: list[FactChange]) -> list[NewAllegations]:
    """One item per mission and version that added allegations."""
    first_and_last: dict[str, list[FactChange]] = {}
    for row in rows:
        if _whole_allegation(row):
            first_and_last.setdefault(row.allegation_key, [row, row])[1] = row
    grouped: dict[tuple[str, int], list[FactChange]] = defaultdict(list)
    for first, last in first_and_last.values():
        if first.kind == last.kind == "added":  # not withdrawn again within the range
            grouped[(last.mission, last.version_id)].append(last)
    items = []
    for (mission, version), added in sorted(grouped.items()):
        nationalities = sorted({code for r in added for code in (r.new_value or "").split(",")
                                if code})
        months = sorted({r.month for r in added if r.month})
        items.append(NewAllegations(f"allegations:{mission}:v{version}", mission, len(added),
                                    tuple(nationalities), tuple(months)))
    return items


def _kpi_moves(old: dict, new: dict, new_id: int) -> list[KpiMove]:
    items = []
    for indicator in sorted(set(old) | set(new)):
        before, after = old.get(indicator), new.get(indicator)
        old_value = before.value if before else None
        new_value = after.value if after else None
        if old_value == new_value:
            continue
        target = after.target if after else None
        items.append(KpiMove(f"kpi:{indicator}:v{new_id}", indicator, old_value, new_value,
                             target, _crossed(old_value, before.target if before else None,
                                              new_value, target)))
    return items


def _crossed(old: float | None, old_target: float | None, new: float | None,
             new_target: float | None) -> str | None:
    """Women's share is better higher: reaching the target, or falling below it."""
    if None in (old, old_target, new, new_target):
        return None
    if old < old_target and new >= new_target:
        return "reached"
    if old >= old_target and new < new_target:
        return "fell-below"
    return None


__all__ = ["SinceError", "changes_between", "changes_since"]
