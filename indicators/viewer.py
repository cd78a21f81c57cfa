"""Who is asking: the viewer object compute() filters restricted rows by (issue 16 contract)."""

from __future__ import annotations

from dataclasses import dataclass

# Ordered from least to most: a tier sees what every tier before it sees.
TIERS = ("public", "member-state", "secretariat")


@dataclass(frozen=True)
class Viewer:
    """A tier and, for a member-state delegation, the ISO3 countries whose restricted rows it sees.

    Frozen and hashable: it is part of compute()'s cache key, so two viewers never share a
    restricted answer. `name` is for the footer and the audit log only, never for filtering.
    """

    tier: str = "public"
    countries: frozenset[str] = frozenset()
    name: str = ""

    def __post_init__(self) -> None:
        if self.tier not in TIERS:
            raise ValueError(f"tier={self.tier!r}: not one of {', '.join(TIERS)}")
        if self.tier == "member-state" and not self.countries:
            raise ValueError("a member-state viewer is bound to at least one ISO3 country")
        object.__setattr__(self, "countries", frozenset(c.upper() for c in self.countries))

    def may_see(self, tier: str) -> bool:
        """Whether this viewer's tier reaches an indicator declared at `tier`."""
        return TIERS.index(self.tier) >= TIERS.index(tier)

    @property
    def cache_key(self) -> tuple:
        # Secretariat and public answers do not depend on the countries; a delegation's do.
        return (self.tier, tuple(sorted(self.countries)) if self.tier == "member-state" else ())


ANONYMOUS = Viewer()
# The command line acts on the local database as the Secretariat (issue 16).
SECRETARIAT = Viewer(tier="secretariat", name="command line")
