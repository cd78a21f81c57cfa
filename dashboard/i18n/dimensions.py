"""The words for each dimension, in English, marked for translation: its column header, how a
title says "grouped by it", its name column, how a flow counts it, and the filters' names.
One place, so that a new dimension in `indicators` gets all its words together (the contract
test in tests/i18n checks every dimension has them in both languages)."""

from __future__ import annotations

from indicators.disclosure import DISPLAY
from indicators.i18n import N_

# Each dimension's name as a column header, in English; shown through _() in the current locale.
DIMENSION_TITLES = {
    "mission": N_("Mission"), "country": N_("Country"), "category": N_("Category"),
    "gender": N_("Gender"), "year": N_("Year"), "month": N_("Month"),
    "incident-type": N_("Incident type"), "personnel-type": N_("Personnel type"),
    "nationality": N_("Nationality"), "unit-type": N_("Unit type"),
    "capability-area": N_("Capability area"), "status": N_("Status"),
    "key-factor": N_("Key factor"), "course-area": N_("Course area"), "stage": N_("Stage"),
    "provider": N_("Provider"), "recipient": N_("Recipient"), "actor": N_("Taken by"),
    "action": N_("Action"), "ugps-group": N_("UGPS target group"),
    "mission-type": N_("Mission type"), DISPLAY: N_("Shown as"),
    "task": N_("Mandate task"), "technology-area": N_("Technology area"),
    "estimate": N_("Estimate"),
}


# How a default title names each grouping, in English; shown through _() in the current locale.
BY_WORDS = {
    "mission": N_("by mission"), "country": N_("by contributing country"),
    "category": N_("by category"), "gender": N_("by gender"), "year": N_("per year"),
    "month": N_("per month"), "incident-type": N_("by incident type"),
    "personnel-type": N_("by category of personnel"), "nationality": N_("by nationality"),
    "unit-type": N_("by unit type"), "capability-area": N_("by capability area"),
    "status": N_("by status"), "key-factor": N_("by key factor"),
    "course-area": N_("by course area"), "stage": N_("by stage"),
    "provider": N_("by provider"), "recipient": N_("by recipient"),
    "ugps-group": N_("by UGPS target group"), "actor": N_("by who took the action"),
    "action": N_("by action"), "task": N_("by mandate task"),
    "mission-type": N_("by mission type"), "technology-area": N_("by technology area"),
    "estimate": N_("by estimate"),
}


# The filters an indicator can leave unapplied, named as the filter bar names them.
FILTER_WORDS = {"mission": N_("mission"), "country": N_("country"), "category": N_("category"),
                "period": N_("period"), "gender": N_("gender"),
                "mission-type": N_("mission type")}


# The table's name columns beside a code column (panels.table.table_rows, panels.map.with_places).
NAME_TITLES = {
    "mission": N_("Mission name"), "country": N_("Country name"),
    "category": N_("Category name"), "nationality": N_("Nationality name"),
    "provider": N_("Provider name"), "recipient": N_("Recipient name"),
}


# How many of a dimension's values a flow links: "from 12 providers to 30 recipients".
FLOW_COUNTS = {
    "provider": N_("{count} providers"), "recipient": N_("{count} recipients"),
    "country": N_("{count} countries"), "nationality": N_("{count} nationalities"),
    "mission": N_("{count} missions"),
}
