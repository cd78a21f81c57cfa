"""The Light Coordination Mechanism loop on ILLUSTRATIVE data: capability gaps, the pledges
that answer them, delivery and evaluation, and the difference-in-differences estimate of what
support changed in the recipient units' scores."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, Select, and_, case, distinct, func, literal, or_, select, union_all

from indicators.access import check
from indicators.did import ESTIMATES, estimate
from indicators.filters import Filters
from indicators.i18n import N_
from indicators.indicator import Indicator
from indicators.measures.performance import GENERATED, SOURCE, _dates_in_period, _month_after
from indicators.measures.sql import apply, dimension_columns
from indicators.models.illustrative import CapabilityGap, Partnership, UnitEvaluation
from indicators.viewer import ANONYMOUS, Viewer

# The loop's stages, in order, then the two failures the LCM exists to avoid.
LOOP_SLUG = "capability-gap-loop"
LOOP_STAGES = ("open", "pledged", "matched", "delivered", "evaluated")
GAP_PROBLEMS = ("unmatched", "duplicated")
VALUE_LABELS = {
    "stage": {
        "open": N_("Gaps open"), "pledged": N_("With a pledge"),
        "matched": N_("Pledge matched"), "delivered": N_("Support delivered"),
        "evaluated": N_("Unit evaluated before and after"),
        "unmatched": N_("Unmatched (no pledge)"),
        "duplicated": N_("Duplicated offers (two or more providers)"),
    },
    "estimate": {
        "before-after": N_("Supported units, after minus before"),
        "comparison-change": N_("Comparable unsupported units, same years"),
        "difference-in-differences": N_("Difference in differences"),
    },
}


def gaps_in_loop(filters: Filters) -> Select:
    """One row per gap open at some time in the period (all gaps without one), with what its
    pledges reached: distinct providers, and 1/0 for matched, delivered and evaluated (the
    recipient unit scored both before and after the delivery). Latest status, whatever the
    pledge's date."""
    p, g = Partnership, CapabilityGap
    flag = lambda condition: func.max(case((condition, 1), else_=0))  # noqa: E731
    delivered = p.status == "delivered"
    offers = select(
        p.gap_id,
        func.count(distinct(p.provider_iso3)).label("providers"),
        flag(p.status.in_(("matched", "delivered"))).label("matched"),
        flag(delivered).label("delivered"),
        flag(and_(delivered, p.score_before.is_not(None), p.score_after.is_not(None)))
        .label("evaluated"),
    ).where(p.gap_id.is_not(None)).group_by(p.gap_id).subquery("offers")
    o = offers.c
    stmt = select(
        g.id.label("gap"), g.mission, g.capability_area, g.opened_on,
        func.coalesce(o.providers, 0).label("providers"),
        func.coalesce(o.matched, 0).label("matched"),
        func.coalesce(o.delivered, 0).label("delivered"),
        func.coalesce(o.evaluated, 0).label("evaluated"),
    ).outerjoin(offers, o.gap_id == g.id)
    if filters.period_to:
        stmt = stmt.where(g.opened_on < _month_after(filters.period_to))
    if filters.period_from:
        stmt = stmt.where(or_(g.closed_on.is_(None), g.closed_on >= filters.period_from))
    return apply(stmt, filters.missions_only(), {"mission": g.mission})


def gap_loop_query(filters: Filters, by: tuple[str, ...]) -> Select:
    """Gaps at each stage of the loop: each gap is a row per stage, 1 if it got that far."""
    gaps = gaps_in_loop(filters).subquery("gaps")
    c = gaps.c
    reached = {
        "open": literal(1), "pledged": case((c.providers >= 1, 1), else_=0),
        "matched": c.matched, "delivered": c.delivered, "evaluated": c.evaluated,
        "unmatched": case((c.providers == 0, 1), else_=0),
        "duplicated": case((c.providers >= 2, 1), else_=0),
    }
    stages = union_all(*[
        select(c.mission, c.capability_area, literal(stage).label("stage"),
               count.label("reached"))
        for stage, count in reached.items()
    ]).subquery("stages")
    s = stages.c
    columns = {"mission": s.mission, "capability-area": s.capability_area, "stage": s.stage}
    return (select(*dimension_columns(by, columns), func.sum(s.reached).label("numerator"))
            .group_by(*[columns[d] for d in by]))


def gap_problems(filters: Filters, engine: Engine, viewer: Viewer = ANONYMOUS) -> pd.DataFrame:
    """The unmatched gaps and those with duplicated offers, one row each: problem, mission,
    capability area, gap, the day it opened and the providers who pledged for it. Gaps are
    the loop's: NotPermitted for a viewer the loop's tier does not reach."""
    check(next(i for i in INDICATORS if i.slug == LOOP_SLUG), viewer)
    gaps = gaps_in_loop(filters).subquery("gaps")
    p = Partnership
    with engine.connect() as conn:
        found = pd.DataFrame(conn.execute(
            select(gaps).where(or_(gaps.c.providers == 0, gaps.c.providers >= 2))).mappings().all(),
            columns=list(gaps.c.keys()))
        offers = pd.DataFrame(conn.execute(
            select(p.gap_id, p.provider_iso3).where(p.gap_id.in_(found["gap"].tolist()))
            .distinct()).all(), columns=["gap", "provider"])
    providers = offers.sort_values("provider").groupby("gap")["provider"].agg(", ".join)
    found["providers"] = found["gap"].map(providers).fillna("")
    found.insert(0, "problem", ["unmatched" if not text else "duplicated"
                                for text in found["providers"]])
    return (found[["problem", "mission", "capability_area", "gap", "opened_on", "providers"]]
            .sort_values(["problem", "mission", "capability_area", "gap"], ascending=[False,
                                                                                      True, True,
                                                                                      True])
            .reset_index(drop=True))


def support_evaluations_query(filters: Filters, by: tuple[str, ...]) -> Select:
    """One row per unit evaluation of the chosen missions, countries and categories (of any
    date: a unit's years before and after support are needed whole), with the day support
    first reached the unit (NULL if it never did) and whether that day is in the period;
    support_effect() turns them into the estimates."""
    e, p = UnitEvaluation, Partnership
    first = (select(p.recipient_mission, p.recipient_unit,
                    func.min(p.delivered_on).label("first_delivered"))
             .where(p.status == "delivered", p.recipient_unit.is_not(None))
             .group_by(p.recipient_mission, p.recipient_unit).subquery("first"))
    in_period = _dates_in_period(first.c.first_delivered, filters)
    stmt = (select(e.mission, e.category, e.unit, e.evaluated_on,
                   e.overall_score.label("numerator"), first.c.first_delivered,
                   (case((and_(*in_period), 1), else_=0) if in_period else literal(1))
                   .label("in_period"))
            .outerjoin(first, and_(first.c.recipient_mission == e.mission,
                                   first.c.recipient_unit == e.unit)))
    columns = {"mission": e.mission, "country": e.country_iso3, "category": e.category}
    return apply(stmt, filters, columns)


def support_effect(rows: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """The evaluations reduced to the three estimates (by estimate) or the difference in
    differences alone; empty when no supported unit was evaluated on both sides. Units first
    supported outside the period are in neither group: they are not unsupported."""
    chosen = rows[rows["first_delivered"].isna() | (rows["in_period"] == 1)]
    estimates = estimate(chosen.drop(columns="in_period").rename(columns={"numerator": "score"}))
    if estimates["supported_units"].iloc[0] == 0:
        estimates = estimates.iloc[0:0]
    if "estimate" not in by:
        estimates = estimates[estimates["estimate"] == ESTIMATES[-1]].drop(columns="estimate")
    for column in ("low", "high"):  # missing, not NaN, where a group is too small for one
        estimates[column] = estimates[column].astype("Float64")
    return estimates.reset_index(drop=True)


INDICATORS = (
    Indicator(
        slug=LOOP_SLUG,
        title_en="Capability gaps through the coordination loop",
        title_fr="Lacunes capacitaires dans la boucle de coordination",
        unit="count",
        numerator="capability gaps open at some time in the period that reached the stage",
        denominator=None,
        dimensions=("stage", "mission", "capability-area"),
        filters=("mission", "period"),
        higher_is_better=None,
        definition_en=(
            "Capability gaps open at some time in the period (identified on or before its "
            "last day and not closed before its first), and how far each got through the "
            "Light Coordination Mechanism loop: with a pledge (at least one partnership "
            "answering the gap), pledge matched (one reached matched or delivered), support "
            "delivered, and unit evaluated before and after (the delivered support reached a "
            "unit evaluated on both sides of the delivery). Beside the loop, the two failures "
            "the mechanism exists to avoid: unmatched gaps (no pledge at all) and duplicated "
            "offers (pledges from two or more distinct providers for one gap). Each gap counts "
            "once per stage; stages use the latest status of the pledges, whatever their "
            "date. Without a stage cut the figure is the sum over stages, so cut by stage. "
            "Restricted to the Secretariat, as open capability gaps are: gaps are recorded "
            "per mission, not per contributing country."),
        definition_fr=(
            "Lacunes capacitaires ouvertes à un moment de la période (relevées au plus tard "
            "son dernier jour et non comblées avant son premier), et jusqu'où chacune est "
            "allée dans la boucle du Mécanisme de coordination léger : avec une promesse (au "
            "moins un partenariat répondant à la lacune), promesse appariée (l'une est "
            "appariée ou livrée), soutien livré, et unité évaluée avant et après (le soutien "
            "livré a atteint une unité évaluée des deux côtés de la livraison). À côté de la "
            "boucle, les deux échecs que le mécanisme doit éviter : les lacunes sans réponse "
            "(aucune promesse) et les offres en double (promesses d'au moins deux "
            "fournisseurs distincts pour une même lacune). Chaque lacune compte une fois par "
            "étape ; les étapes suivent le dernier statut des promesses, quelle que soit leur "
            "date. Sans découpage par étape, le chiffre est la somme des étapes : découpez "
            "par étape. Réservé au Secrétariat, comme les lacunes ouvertes : les lacunes sont "
            "relevées par mission, non par pays contributeur."),
        sources=SOURCE,
        query=gap_loop_query,
        caveats=(GENERATED,
                 "The country filter does not apply: a gap is a mission's, not a country's.",
                 "The generator gives about a third of the answered gaps a second provider, "
                 "so duplicated offers are its choice, not an observation."),
        illustrative=True,
        visibility="secretariat",
    ),
    Indicator(
        slug="support-effect",
        title_en="Effect of delivered support on unit scores (difference in differences)",
        title_fr="Effet du soutien livré sur les notes des unités (différence de différences)",
        unit="score",
        numerator="change in overall evaluation score (points, 0-100 scale) per unit",
        denominator="units (supported units and comparable unsupported units)",
        dimensions=("estimate",),
        filters=("mission", "country", "category", "period"),
        higher_is_better=True,
        definition_en=(
            "Difference in differences: (supported units' score after support minus before) "
            "minus (comparable unsupported units' score in the same later year minus the same "
            "earlier year). A supported unit is one that a delivered partnership reached; its "
            "before and after are its last overall evaluation score on or before the first "
            "delivery and its first after it. Comparable units are units of the same mission "
            "and category never reached by support and evaluated in both of those years; a "
            "unit comparable to several supported units counts once, with the mean of its "
            "changes. Supported units with no comparable unit are left out. The 95% interval "
            "is Welch's t interval for a difference of two means (unequal variances), from "
            "the standard error of the difference of the mean changes, one change per unit; "
            "the before-after and the comparison change have one-sample t intervals. The "
            "units in each group are given beside the estimate. Cut by estimate for all "
            "three; without a cut, the difference in differences alone. The period chooses "
            "the supported units by the date of their first delivery; their evaluations and "
            "the comparable units' are used whatever their date, since the years before and "
            "after may fall outside it. Units first supported outside the period are in "
            "neither group. Restricted to the Secretariat: the estimate is made of unit "
            "evaluations of every contributing country, the comparison units included."),
        definition_fr=(
            "Différence de différences : (note des unités soutenues après le soutien moins "
            "avant) moins (note d'unités comparables non soutenues la même année ultérieure "
            "moins la même année antérieure). Une unité soutenue est une unité atteinte par "
            "un partenariat livré ; son avant et son après sont sa dernière note globale "
            "d'évaluation au plus tard à la première livraison et sa première note après. "
            "Les unités comparables sont celles de la même mission et de la même catégorie "
            "jamais atteintes par un soutien et évaluées ces deux années ; une unité "
            "comparable à plusieurs unités soutenues compte une fois, avec la moyenne de ses "
            "variations. Les unités soutenues sans unité comparable sont écartées. "
            "L'intervalle à 95 % est l'intervalle t de Welch d'une différence de deux "
            "moyennes (variances inégales), tiré de l'erreur type de la différence des "
            "variations moyennes, une variation par unité ; l'avant-après et la variation "
            "des unités comparables ont des intervalles t à un échantillon. Le nombre "
            "d'unités de chaque groupe figure à côté de l'estimation. Par estimation pour "
            "les trois ; sans découpage, la différence de différences seule. La période choisit "
            "les unités soutenues d'après la date de leur première livraison ; leurs "
            "évaluations et celles des unités comparables sont retenues quelle que soit leur "
            "date, car les années avant et après peuvent tomber hors de la période. Les "
            "unités soutenues pour la première fois hors de la période ne figurent dans aucun "
            "groupe. Réservé au Secrétariat : l'estimation est faite d'évaluations d'unités "
            "de tous les pays contributeurs, unités comparables comprises."),
        sources=SOURCE,
        query=support_evaluations_query,
        reduce=support_effect,
        caveats=(GENERATED,
                 "The generator builds an effect of support into the scores on purpose, so "
                 "this estimate shows the method working, not a finding about real support.",
                 "Units are not assigned support at random: with real records, units chosen "
                 "for support may differ from the others in ways the comparison does not "
                 "remove.",
                 "A delivery in the last year of the data has no evaluation after it yet, so "
                 "a period of only that year leaves nothing to estimate."),
        illustrative=True,
        visibility="secretariat",
        extra_columns=("supported_units", "comparison_units"),
    ),
)
