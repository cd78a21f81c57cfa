"""What a revised figure is about, in the reader's language, from the Revision's structured
fields (mission, country, category, month, field): indicators' `what` is English codes."""

from __future__ import annotations

from indicators.change_set import Revision
from indicators.filters import CATEGORY_WORDS
from indicators.i18n import N_, _, format_month, format_number
from indicators.place_names import mission_acronym

# The fields a revision names: personnel figures, and an allegation's investigation and
# outcome (indicators.version_diff.PERSONNEL_FIELDS and ALLEGATION_FIELDS).
FIELD_WORDS = {
    "total": N_("total"), "women": N_("women"), "men": N_("men"),
    "result": N_("outcome"), "result_detail": N_("outcome details"),
    "investigation_entity": N_("investigating entity"),
    "investigation_days": N_("days of investigation"),
    "investigation_pending": N_("investigation pending"),
    "nio_appointed": N_("national investigation officer appointed"),
    "paternity_claim": N_("paternity claim"),
    "paternity_established": N_("paternity established"),
    "referral": N_("referral"),
}


def revision_subject(item: Revision, country_names: dict[str, str]) -> str:
    """"UNAMID, Zimbabwe, troops, Feb 2014: women" / "MINUAD, Zimbabwe, troupes, févr. 2014 :
    femmes". A Revision from before these fields were filled keeps its own words."""
    if item.field is None and item.category is None and item.domain != "allegation":
        return item.what
    parts = [mission_acronym(item.mission) if item.mission else "",
             country_names.get(item.country_iso3, item.country_iso3 or ""),
             _(CATEGORY_WORDS[item.category]) if item.category in CATEGORY_WORDS
             else item.category or "",
             format_month(item.month) if item.month else ""]
    where = ", ".join(part for part in parts if part)
    if item.domain == "allegation":
        where = _("allegation, {details}").format(details=where) if where else \
            _("an allegation")
    if not item.field:
        return where
    field = _(FIELD_WORDS[item.field]) if item.field in FIELD_WORDS else item.field
    return _("{what}: {field}").format(what=where, field=field)


def value_words(value: str | None) -> str | None:
    """A whole number in the reader's style (1 234 in French); other values as published."""
    if value is None:
        return None
    text = value.strip()
    if text.lstrip("-").isdigit():
        return format_number(int(text))
    return value
