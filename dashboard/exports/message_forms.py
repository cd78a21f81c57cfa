"""The sentence forms of key messages: a change since a period, two values compared, and a
value against its target (dashboard.exports.messages writes with them)."""

from __future__ import annotations

import pandas as pd

from dashboard.i18n.numbers import change_text, points_text, same_shown, value_text
from indicators.i18n import _, format_number


class SentenceForms:
    """Sentences about rows of a frame, in `unit` (the writer's indicator's)."""

    unit: str

    def value(self, row) -> str:
        return value_text(row["value"], self.unit)

    def change(self, group: str | None, row, previous, previous_period: str) -> str:
        now, before = float(row["value"]), float(previous["value"])
        values = {"group": group, "change": change_text(now - before, self.unit),
                  "previous": self.value(previous), "previous_period": previous_period}
        if same_shown(now, before, self.unit):
            template = (_("{group}: unchanged since {previous_period} ({previous}).") if group
                        else _("Unchanged since {previous_period} ({previous})."))
        elif now > before:
            template = (_("{group}: up {change} since {previous_period} ({previous}).")
                        if group else _("Up {change} from {previous} in {previous_period}."))
        else:
            template = (_("{group}: down {change} since {previous_period} ({previous}).")
                        if group else _("Down {change} from {previous} in {previous_period}."))
        return template.format(**values)

    def compare(self, label: str, row, other_label: str, other) -> str:
        now, then = float(row["value"]), float(other["value"])
        values = {"stage": label, "value": self.value(row), "other": other_label,
                  "other_value": self.value(other), "change": change_text(now - then, self.unit)}
        if same_shown(now, then, self.unit):
            return _("{stage}: {value}, the same as {other}.").format(**values)
        if now > then:
            return _("{stage}: {value}, {change} higher than {other} ({other_value}).").format(
                **values)
        return _("{stage}: {value}, {change} lower than {other} ({other_value}).").format(
            **values)

    def target(self, row, label: str, period: str | None) -> str | None:
        """The value against its target, from the frame's target and gap columns."""
        if "target" not in row.index or pd.isna(row["target"]) or pd.isna(row["gap_points"]):
            return None
        gap = float(row["gap_points"])
        values = {"group": label, "value": self.value(row), "period": period,
                  "target": value_text(row["target"], self.unit), "gap": points_text(gap)}
        if format_number(abs(gap), 1) == format_number(0, 1):
            template = (_("{group}: {value} in {period}, at the target of {target}.") if period
                        else _("{group}: {value}, at the target of {target}."))
        elif gap < 0:
            template = (_("{group}: {value} in {period}, {gap} below the target of {target}.")
                        if period else _("{group}: {value}, {gap} below the target of {target}."))
        else:
            template = (_("{group}: {value} in {period}, {gap} above the target of {target}.")
                        if period else _("{group}: {value}, {gap} above the target of {target}."))
        sentence = template.format(**values)
        if row.get("target_status") == "estimate":
            sentence += " " + _("That target is an estimate between two published targets.")
        needed = row.get("women_needed")
        if needed is not None and not pd.isna(needed) and int(needed) > 0:
            sentence += " " + _("{count} more women would be needed at current strength."
                                ).format(count=format_number(int(needed)))
        return sentence
