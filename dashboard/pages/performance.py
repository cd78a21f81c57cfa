"""Training and performance: training, unit evaluations, the 10-1-2 standard and technology
capability (all illustrative data)."""

from dashboard.panels.page import panel_page
from dashboard.panels.spec import Panel, register_page
from dashboard.shell.notices import generated_data_notice
from indicators.i18n import N_

NAME = N_("Training and performance")  # registered in English; shown through _()

PANELS = (
    Panel("training-by-year", "training-coverage", by=("year",), chart="line",
          title=N_("Pre-deployment training coverage, per year"),
          note=N_("Certified personnel over personnel deployed, summed over every contingent.")),
    Panel("training-by-country", "training-coverage", by=("country",), chart="bars", top=20,
          title=N_("Pre-deployment training coverage by contributing country (top 20)")),
    Panel("in-mission-by-course", "in-mission-training", by=("course-area",), chart="bars",
          title=N_("In-mission training participants by course area"),
          note=N_("Places taken on courses delivered inside the mission; sessions in the table.")),
    Panel("evaluations-heat", "unit-evaluation-score", by=("mission", "key-factor"),
          chart="heat", title=N_("Unit evaluation scores on the five key factors, by mission"),
          note=N_("Mean score (0-100) per mission and key factor; darker is lower.")),
    Panel("medical-10-1-2", "medical-10-1-2-compliance", by=("year", "stage"), chart="line",
          x="year", series="stage",
          title=N_("Casualties treated within the 10-1-2 standard, per year and stage"),
          note=N_("First aid within 10 minutes, resuscitation within 1 hour, surgery within 2.")),
    Panel("technology-by-area", "technology-capability", by=("technology-area",), chart="bars",
          title=N_("Units with technology capability at the required standard, by area"),
          note=N_("The four areas the A4P technology agenda names; each unit assessed once a "
                  "year per area.")),
    Panel("technology-by-mission", "technology-capability", by=("mission",), chart="bars",
          title=N_("Units with technology capability at the required standard, by mission"),
          note=N_("The four areas pooled: units at the standard over four times the units.")),
)
PAGE = register_page(
    __name__, PANELS, path="/performance", name=NAME, order=7, nav_label=N_("Performance"),
    title=NAME)


def layout(**query):
    return panel_page(
        PAGE, NAME,
        N_("Whether contingents arrive trained, what the missions teach them once deployed, "
           "how their units score on the five key factors of a unit evaluation, whether "
           "casualties are treated within the 10-1-2 standard, and whether units have the "
           "technology the A4P agenda asks for."),
        PANELS, query=query,
        notice=generated_data_notice(
            PAGE, N_("Every chart on this page shows generated data: training records, unit "
                     "evaluations, casualty-response times and technology assessments are not "
                     "published by the UN.")),
    )
