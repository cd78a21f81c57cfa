"""Who may see which indicator: the tier check, the countries a viewer's rows are limited to,
and the words an export prints about it (issue 16). compute() applies them; doors only ask."""

from __future__ import annotations

from indicators.country_articles import of_country
from indicators.i18n import N_, _, current_locale
from indicators.indicator import Indicator
from indicators.viewer import TIERS, Viewer

TIER_WORDS = {"public": N_("the public"), "member-state": N_("member-state delegations"),
              "secretariat": N_("the Secretariat")}


class NotPermitted(PermissionError):
    """A viewer asked for an indicator its tier does not reach. Doors answer 401 when the
    viewer is anonymous (signing in may help) and 403 otherwise; the message names both."""

    def __init__(self, indicator: Indicator, viewer: Viewer):
        self.indicator, self.viewer = indicator, viewer
        self.slug = indicator.slug
        super().__init__(self.message())

    @property
    def signed_in(self) -> bool:
        return self.viewer.tier != "public"

    @property
    def status(self) -> int:
        return 403 if self.signed_in else 401

    def message(self) -> str:
        """In the current language: which indicator, who may see it, who asked."""
        seen_by = ", ".join(_(TIER_WORDS[tier]) for tier in TIERS
                            if TIERS.index(tier) >= TIERS.index(self.indicator.visibility))
        if not self.signed_in:
            return _("{indicator} is restricted (seen by {tiers}); sign in to see it").format(
                indicator=self.slug, tiers=seen_by)
        return _("{indicator} is restricted (seen by {tiers}); {viewer} may not see it").format(
            indicator=self.slug, tiers=seen_by, viewer=viewer_words(self.viewer))


def may_see(indicator: Indicator, viewer: Viewer) -> bool:
    return viewer.may_see(indicator.visibility)


def check(indicator: Indicator, viewer: Viewer) -> None:
    """Raise NotPermitted unless the viewer's tier reaches the indicator's."""
    if not may_see(indicator, viewer):
        raise NotPermitted(indicator, viewer)


def row_countries(indicator: Indicator, viewer: Viewer) -> frozenset[str] | None:
    """The countries whose rows this viewer gets of this indicator; None for every row.

    Only a member-state delegation is limited, and only on a restricted indicator: the
    indicator's query then keeps that country's rows before it aggregates (its `countries`
    argument), so a total over missions is a total of the delegation's own units."""
    if indicator.visibility == "public" or viewer.tier != "member-state":
        return None
    return viewer.countries


def scope_key(indicator: Indicator, viewer: Viewer) -> tuple:
    """What of the viewer a cached answer depends on. A public indicator's answer is the same
    for everyone, so it is shared (the cache is not filled with a copy per delegation); a
    restricted one's is the viewer's own (Viewer.cache_key)."""
    return ("public",) if indicator.visibility == "public" else viewer.cache_key


def viewer_words(viewer: Viewer, country_names: dict[str, str] | None = None) -> str:
    """Who is asking, in words: "Rwanda delegation", "the Secretariat", "the public"."""
    if viewer.tier == "member-state":  # by its countries: `name` may be a person's
        names = country_names or {}
        return _("{countries} delegation").format(
            countries=", ".join(names.get(code, code) for code in sorted(viewer.countries)))
    return _(TIER_WORDS[viewer.tier])


def restriction_mark(viewer: Viewer, country_names: dict[str, str] | None = None) -> str:
    """What every slide and page of a pack with restricted figures says: who they are for."""
    if viewer.tier != "member-state":
        return _("Restricted: {who}").format(who=_(TIER_WORDS[viewer.tier]))
    names = country_names or {}
    # French puts the country after, with its article: "délégation du Rwanda".
    french = current_locale().startswith("fr")
    countries = ", ".join(of_country(code, names.get(code, code)) if french
                          else names.get(code, code) for code in sorted(viewer.countries))
    return _("Restricted: {countries} delegation").format(countries=countries)
