"""Mandate measures from UNPMM: which missions' mandates include protection of civilians, early
warning, or the use of force under Chapter VII, year by year."""

from __future__ import annotations

from sqlalchemy import Select, distinct, func, select, true

from indicators.filters import Filters
from indicators.i18n import N_
from indicators.indicator import Indicator
from indicators.measures.sql import apply, dimension_columns
from indicators.models.mandates import MandateTask

SOURCE = ("unpmm-mandates",)
SLUG = "mandate-tasks"
# Names for the task codes (pages show them on charts), in the order pages list them.
VALUE_LABELS = {"task": {
    "poc": N_("Protection of civilians"),
    "early-warning": N_("Early warning"),
    "use-of-force": N_("Use of force (Chapter VII)"),
}}
TASKS = tuple(VALUE_LABELS["task"])


def mandate_tasks_query(filters: Filters, by: tuple[str, ...]) -> Select:
    """Distinct missions whose mandate includes the task in the group's years.

    Only mission-years with the task in force are counted (`in_mandate`, carried forward from
    the year the task was established). Without a year cut, a mission with the task in any
    year of the period counts once; without a task cut, a mission with any of the three.
    """
    t = MandateTask
    columns = {"mission": t.mission, "year": t.year, "task": t.task}
    stmt = (select(*dimension_columns(by, columns),
                   func.count(distinct(t.mission)).label("numerator"))
            .where(t.in_mandate.is_(true())))
    return apply(stmt, filters, columns).group_by(*[columns[d] for d in by])


INDICATORS = (
    Indicator(
        slug=SLUG,
        title_en="Missions mandated with each task",
        title_fr="Missions dont le mandat comprend chaque tâche",
        unit="count",
        numerator="distinct missions whose mandate includes the task in the year",
        denominator=None,
        dimensions=("mission", "year", "task"),
        filters=("mission", "period"),
        higher_is_better=None,
        definition_en=("Number of UN peace missions (peacekeeping operations and special "
                       "political missions) whose Security Council mandate includes the task: "
                       "protection of civilians (UNPMM's \"POC general\": preventing or "
                       "responding to threats of physical violence against civilians), "
                       "conflict assessment and early warning, or authority to use all "
                       "necessary means under Chapter VII. A task counts from the year it was "
                       "established and in every later year of the mission. For one mission "
                       "and year the value is 1 when the task is in its mandate; without a "
                       "year cut, a mission with the task in any year of the period counts "
                       "once."),
        definition_fr=("Nombre de missions de paix des Nations Unies (opérations de maintien de "
                       "la paix et missions politiques spéciales) dont le mandat du Conseil de "
                       "sécurité comprend la tâche : protection des civils (« POC general » "
                       "d'UNPMM : prévenir les menaces de violence physique contre les civils "
                       "ou y répondre), évaluation des conflits et alerte précoce, ou "
                       "autorisation d'employer tous les moyens nécessaires en vertu du "
                       "chapitre VII. Une tâche compte à partir de l'année où elle a été "
                       "établie et chaque année suivante de la mission. Pour une mission et "
                       "une année, la valeur est 1 si la tâche figure dans son mandat ; sans "
                       "découpage par année, une mission ayant la tâche une année quelconque "
                       "de la période compte une fois."),
        sources=SOURCE,
        query=mandate_tasks_query,
        caveats=(
            "Coverage: mandates from 1948 to 31 December 2022 (UNPMM v2.0). The file's 2023 "
            "rows carry no coding and are left out, so nothing is shown after 2022.",
            "UNPMM marks the year a task was established, not each year it was in force; a "
            "task is counted from that year to the mission's end. Tasks later dropped from a "
            "mandate are not recorded, so they stay counted.",
            "UNPMM marks missions running at the end of 2022 as ACTIVE, MINUSMA included; "
            "MINUSMA closed on 31 December 2023 (the UN's missions list, as corrected here).",
            "A mandate set out before a mission was established is coded in the year of "
            "establishment (UNPMM codebook, section 4).",
            "Protection of civilians is the general task only; protection of children and "
            "protection from conflict-related sexual violence are separate UNPMM tasks, not "
            "counted here.",
            "Good offices engagements (envoys' offices) and a few bodies with no mission code "
            "(commissions of inquiry, the OPCW-UN Joint Mission) are set aside at import.",
        ),
    ),
)
