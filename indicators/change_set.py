"""What changed in the data between two data versions: the shared shape that the "What changed"
panel, the pack's first slide, `pkdash changes`, the API and the alerts all read.

`indicators.changes.changes_between(bind, old_version_id, new_version_id)` fills it from the
fact history each build records (`indicators.versions`). Every item has a `key` that is stable
across calls, so an alert is sent once per change and never twice."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class DataVersionInfo:
    """One build's data: when it was made, and each source's file and checksum then."""

    id: int
    created_at: dt.datetime
    # {source slug: {"sha256": ..., "file_name": ..., "as_of": "YYYY-MM-DD" | None}}
    sources: dict[str, dict[str, str | None]]


@dataclass(frozen=True)
class NewMonths:
    """Months a source reports now that it did not report in the older version."""

    key: str  # e.g. "new-months:un-dpo-contributions:2025-04"
    source: str
    months: tuple[dt.date, ...]


@dataclass(frozen=True)
class Revision:
    """One published figure that a later version of its source changed, added or withdrew
    for a month the older version already had."""

    key: str  # e.g. "revised:personnel:2024-03:UNMISS:RWA:Troops:total:v3"
    domain: str  # personnel | allegation | fatality
    source: str
    kind: str  # revised | withdrawn | added
    what: str  # plain words, e.g. "UNMISS, Rwanda, Troops, March 2024: total"
    old: str | None
    new: str | None
    old_version: int
    new_version: int
    month: dt.date | None = None
    mission: str | None = None
    country_iso3: str | None = None
    # What the figure is, so each reader's language can say it (`what` is English codes):
    # a personnel category slug ("troops") and the field revised ("women", "result").
    category: str | None = None
    field: str | None = None


@dataclass(frozen=True)
class NewAllegations:
    """Allegations of one mission that are new since the older version."""

    key: str  # e.g. "allegations:MINUSCA:v4" (one per mission and version that added them)
    mission: str
    count: int
    nationalities: tuple[str, ...]  # ISO3 codes of the uniformed personnel named, if any
    reported_months: tuple[dt.date, ...]


@dataclass(frozen=True)
class KpiMove:
    """A headline figure that moved between the versions, and whether it crossed its target."""

    key: str  # e.g. "kpi:women-share-troops:v4"
    indicator: str
    old: float | None
    new: float | None
    target: float | None = None
    crossed: str | None = None  # "reached" | "fell-below" | None


@dataclass
class ChangeSet:
    """Everything that changed from `since` to `until` (both data versions)."""

    since: DataVersionInfo
    until: DataVersionInfo
    new_months: list[NewMonths] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    new_allegations: list[NewAllegations] = field(default_factory=list)
    kpi_moves: list[KpiMove] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.new_months or self.revisions or self.new_allegations
                    or self.kpi_moves)

    def to_dict(self) -> dict:
        """Plain JSON-ready data for the API and `pkdash changes --json`."""
        return _jsonable(asdict(self))


def _jsonable(value):
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value
