"""Which changes of a ChangeSet concern one subscription, and each as an alert: a stable change
key, a title and a body in the subscriber's language, and the link to the view."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from indicators.change_set import ChangeSet
from indicators.i18n import _, format_month, format_number, use_locale

# Revised figures of one source come as one alert per version, not one per figure: a
# revision of a month can touch hundreds of rows, and each would be an e-mail.
MAX_EXAMPLES = 5


@dataclass(frozen=True)
class Found:
    """One alert to record: the change it is about and what it says."""

    change_key: str
    title: str
    body: str
    link: str
    visibility: str = "public"


def view_link(path: str, query: str | dict[str, str], since_version: int | None) -> str:
    """The dashboard address of the view, with since=v<old> so "What changed" opens on it."""
    params = dict(query) if isinstance(query, dict) else dict(
        part.split("=", 1) for part in query.split("&") if "=" in part)
    if since_version is not None:
        params["since"] = f"v{since_version}"
    encoded = urlencode(params, safe=",")
    return f"{path or '/'}?{encoded}" if encoded else (path or "/")


def for_source(sub, changes: ChangeSet) -> list[Found]:
    """New months of the source (one alert each), and its revised figures (one alert)."""
    old = changes.since.id
    with use_locale(sub.locale):
        found = [Found(
            change_key=item.key,
            title=_("{source}: new data for {months}").format(
                source=item.source, months=", ".join(format_month(m) for m in item.months)),
            body=_("{source} now reports {count} more month(s): {months}.").format(
                source=item.source, count=len(item.months),
                months=", ".join(format_month(m) for m in item.months)),
            link=view_link(sub.view_path, {}, old))
            for item in changes.new_months if item.source == sub.subject]
        revised = [item for item in changes.revisions if item.source == sub.subject]
        if revised:
            examples = [f"{item.what}: {item.old or '–'} → {item.new or '–'}"
                        for item in revised[:MAX_EXAMPLES]]
            if len(revised) > MAX_EXAMPLES:
                examples.append(_("and {count} more").format(count=len(revised) - MAX_EXAMPLES))
            found.append(Found(
                change_key=f"revised:{sub.subject}:v{old}-v{changes.until.id}",
                title=_("{source}: {count} figure(s) revised").format(
                    source=sub.subject, count=len(revised)),
                body="\n".join(examples),
                link=view_link(sub.view_path, {}, old)))
    return found


def for_allegations(sub, changes: ChangeSet) -> list[Found]:
    """New allegations of the subscribed mission, or naming the subscribed nationality."""
    old = changes.since.id
    found = []
    with use_locale(sub.locale):
        for item in changes.new_allegations:
            if sub.mission and item.mission == sub.mission:
                months = ", ".join(format_month(m) for m in item.reported_months)
                found.append(Found(
                    change_key=item.key,
                    title=_("{mission}: {count} new allegation(s)").format(
                        mission=item.mission, count=item.count),
                    body=_("Reported: {months}.").format(months=months) if months else "",
                    link=view_link(sub.view_path, {"mission": item.mission}, old)))
            elif sub.nationality and sub.nationality in item.nationalities:
                # No count and no month: the dashboard withholds a nationality's counts below
                # three and releases them by blocks of years (indicators.disclosure); an
                # alert must not tell more than the page it links to.
                found.append(Found(
                    change_key=item.key,
                    title=_("New allegations name personnel of {country} ({mission})").format(
                        country=sub.nationality, mission=item.mission),
                    body=_("The conduct page shows a nationality's figures as the disclosure "
                           "rule allows."),
                    link=view_link(sub.view_path, {"country": sub.nationality}, old)))
    return found


SIDE_ABOVE, SIDE_BELOW = "above", "below"


def side_of(value: float | None, line: float | None) -> str | None:
    """Where a value stands against the line: at or above it, below it; None if unknown."""
    if value is None or line is None:
        return None
    return SIDE_ABOVE if value >= line else SIDE_BELOW


def for_kpi(sub, title: str, value: float | None, line: float | None,
            higher_is_better: bool | None, old_version: int, new_version: int,
            visibility: str) -> tuple[str | None, Found | None]:
    """The KPI's side of its line now, and the alert when it crossed since it was last seen
    (nothing when either side is unknown: no data is not a crossing)."""
    side = side_of(value, line)
    if side is None or sub.last_side is None or side == sub.last_side:
        return side, None
    with use_locale(sub.locale):
        figures = {"title": title, "value": _number(value), "old": _number(sub.last_value),
                   "line": _number(line)}
        if sub.threshold is None:  # the target: which way is good decides the words
            reached = (side == SIDE_ABOVE) == (higher_is_better is not False)
            text = (_("{title} reached its target: {value} (target {line})") if reached else
                    _("{title} is no longer at its target: {value} (target {line})"))
        elif side == SIDE_ABOVE:
            text = _("{title} rose to {value}, at or above {line}")
        else:
            text = _("{title} fell to {value}, below {line}")
        body = _("It was {old} at the previous data version.").format(**figures)
    return side, Found(change_key=f"kpi:{sub.id}:v{old_version}-v{new_version}",
                       title=text.format(**figures), body=body,
                       link=view_link(sub.view_path, sub.filters, old_version),
                       visibility=visibility)


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    return format_number(value, 0 if float(value).is_integer() else 2)
