"""Tiers at the indicator level (issue 16), on SQLite and PostgreSQL: who may compute which
indicator, and which rows a member-state delegation's figures are made of."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from indicators.access import NotPermitted, restriction_mark
from indicators.catalogue import CATALOGUE
from indicators.compute import compute
from indicators.filters import Filters
from indicators.indicator import Indicator
from indicators.kpi import kpi
from indicators.models.dimensions import Country, Mission, Month
from indicators.models.illustrative import Partnership, TechnologyCapability, UnitEvaluation
from indicators.viewer import ANONYMOUS, SECRETARIAT, Viewer
from tests.indicators.test_measures_performance import evaluation, partnership

RWANDA = Viewer("member-state", frozenset({"RWA"}), "Rwanda delegation")
FRANCE = Viewer("member-state", frozenset({"FRA"}), "France delegation")
JAN, FEB = dt.date(2022, 1, 1), dt.date(2022, 2, 1)
RESTRICTED = sorted(slug for slug, i in CATALOGUE.items() if i.visibility != "public")
FOR_DELEGATIONS = sorted(slug for slug, i in CATALOGUE.items() if i.visibility == "member-state")


@pytest.fixture
def world(engine):
    """Rwanda, France and Ghana in MINUSCA; Rwanda also in UNMISS. Every unit scores the same
    on its five key factors, so each evaluation's mean is the number written here."""
    evaluations = [
        evaluation(1, JAN, "RWA", "MINUSCA", "troops", (80,) * 5),
        evaluation(2, FEB, "RWA", "UNMISS", "troops", (60,) * 5),
        evaluation(3, JAN, "FRA", "MINUSCA", "troops", (40,) * 5),
        evaluation(4, FEB, "GHA", "MINUSCA", "troops", (100,) * 5),
    ]
    technology = [  # (country, mission, units assessed, at the standard)
        ("RWA", "MINUSCA", 10, 9), ("FRA", "MINUSCA", 10, 1), ("GHA", "MINUSCA", 20, 10)]
    supported = [  # France supports a Rwandan unit (50 -> 70); Ghana a French one (30 -> 35)
        partnership(1, "FRA", "RWA", "medical", "delivered", 1_000, dt.date(2021, 1, 5),
                    "MINUSCA", dt.date(2021, 3, 1), dt.date(2021, 6, 1), 50.0, 70.0),
        partnership(2, "GHA", "FRA", "medical", "delivered", 1_000, dt.date(2021, 1, 5),
                    "MINUSCA", dt.date(2021, 3, 1), dt.date(2021, 6, 1), 30.0, 35.0),
    ]
    with engine.begin() as conn:
        conn.execute(insert(Month), [{"month": m, "year": 2022, "month_number": m.month}
                                     for m in (JAN, FEB)])
        conn.execute(insert(Country), [{"iso3": iso3, "name": name} for iso3, name in (
            ("RWA", "Rwanda"), ("FRA", "France"), ("GHA", "Ghana"))])
        conn.execute(insert(Mission), [{"acronym": "MINUSCA"}, {"acronym": "UNMISS"}])
        conn.execute(insert(UnitEvaluation), evaluations)
        conn.execute(insert(TechnologyCapability), [
            {"country_iso3": c, "mission": m, "year": 2022, "technology_area": "camp-security",
             "units": units, "at_standard": good, "illustrative": True}
            for c, m, units, good in technology])
        conn.execute(insert(Partnership), supported)
    return engine


def by_mission(frame) -> dict[str, tuple[float, float, float]]:
    return {row["mission"]: (row["numerator"], row["denominator"], row["value"])
            for row in frame.to_dict("records")}


@pytest.mark.parametrize("slug", RESTRICTED)
def test_anonymous_gets_not_permitted_naming_the_indicator(world, slug):
    with pytest.raises(NotPermitted) as raised:
        compute(slug, Filters(), (), engine=world)
    assert raised.value.slug == slug and raised.value.status == 401
    assert slug in str(raised.value) and "sign in" in str(raised.value)


def test_a_delegation_may_not_compute_a_secretariat_indicator(world):
    with pytest.raises(NotPermitted) as raised:
        compute("capability-gaps-open", Filters(), (), engine=world, viewer=RWANDA)
    assert raised.value.status == 403
    assert "capability-gaps-open" in str(raised.value) and "RWA delegation" in str(raised.value)


def test_rwanda_by_mission_is_the_rwandan_rows_summed(world):
    frame = compute("unit-evaluation-score", Filters(), ("mission",), engine=world,
                    viewer=RWANDA)
    # Rwanda's own rows only: MINUSCA 5 scores of 80, UNMISS 5 scores of 60.
    assert by_mission(frame) == {"MINUSCA": (400, 5, 80.0), "UNMISS": (300, 5, 60.0)}
    # The same as the Secretariat asking for Rwanda's rows.
    rwanda_rows = compute("unit-evaluation-score", Filters(countries=("RWA",)), ("mission",),
                          engine=world, viewer=SECRETARIAT)
    assert by_mission(frame) == by_mission(rwanda_rows)


def test_france_sees_its_own_figure_not_rwandas(world):
    france = compute("unit-evaluation-score", Filters(), ("mission",), engine=world,
                     viewer=FRANCE)
    assert by_mission(france) == {"MINUSCA": (200, 5, 40.0)}  # no UNMISS: no French unit there
    rwanda = compute("unit-evaluation-score", Filters(), ("mission",), engine=world,
                     viewer=RWANDA)
    assert by_mission(france) != by_mission(rwanda)


def test_secretariat_sees_every_row(world):
    frame = compute("unit-evaluation-score", Filters(), ("mission",), engine=world,
                    viewer=SECRETARIAT)
    # MINUSCA: Rwanda 400, France 200 and Ghana 500 over 15 scores.
    assert by_mission(frame)["MINUSCA"][:2] == (1100, 15)
    assert by_mission(frame)["UNMISS"][:2] == (300, 5)


def test_a_delegation_filtering_on_another_country_gets_nothing(world):
    frame = compute("unit-evaluation-score", Filters(countries=("FRA",)), (), engine=world,
                    viewer=RWANDA)
    assert frame["value"].isna().all() or frame.empty


def test_technology_and_supported_scores_keep_the_delegations_rows(world):
    rwanda = compute("technology-capability", Filters(), ("mission",), engine=world,
                     viewer=RWANDA)
    assert by_mission(rwanda) == {"MINUSCA": (9, 10, 90.0)}
    everyone = compute("technology-capability", Filters(), ("mission",), engine=world,
                       viewer=SECRETARIAT)
    assert by_mission(everyone) == {"MINUSCA": (20, 40, 50.0)}
    # The scores are the recipient's units': Rwanda sees its unit's, France its own unit's,
    # not the Rwandan unit it supported.
    stages = {viewer.name: {row["stage"]: row["value"] for row in compute(
        "supported-unit-score", Filters(), ("stage",), engine=world,
        viewer=viewer).to_dict("records")} for viewer in (RWANDA, FRANCE)}
    assert stages["Rwanda delegation"] == {"before-support": 50.0, "after-support": 70.0}
    assert stages["France delegation"] == {"before-support": 30.0, "after-support": 35.0}


def test_the_cache_never_shares_an_answer_across_viewers(world):
    """Asked in turn with the same filters and cut: each viewer gets its own rows. Were the
    viewer left out of compute()'s cache key, the second and third would get the first's."""
    asked = ("unit-evaluation-score", Filters(), ("mission",))
    rwanda = compute(*asked, engine=world, viewer=RWANDA)
    france = compute(*asked, engine=world, viewer=FRANCE)
    everyone = compute(*asked, engine=world, viewer=SECRETARIAT)
    assert set(rwanda["mission"]) == {"MINUSCA", "UNMISS"}
    assert by_mission(france) == {"MINUSCA": (200, 5, 40.0)}
    assert by_mission(everyone)["MINUSCA"][:2] == (1100, 15)
    # ...and a cached answer is no answer to someone who may not ask.
    with pytest.raises(NotPermitted):
        compute(*asked, engine=world, viewer=ANONYMOUS)
    assert by_mission(compute(*asked, engine=world, viewer=RWANDA)) == by_mission(rwanda)


def test_public_indicators_are_the_same_for_everyone(world):
    frames = [compute("partnerships", Filters(), ("status",), engine=world, viewer=viewer)
              for viewer in (ANONYMOUS, RWANDA, SECRETARIAT)]
    assert all(frame.equals(frames[0]) for frame in frames)


def test_a_headline_figure_is_computed_as_the_viewer(world):
    """indicators.kpi passes the viewer to every compute() it makes."""
    rwanda = kpi("unit-evaluation-score", Filters(), world, viewer=RWANDA)
    assert rwanda.value == pytest.approx(70.0)  # (400 + 300) / 10, Rwanda's units only
    everyone = kpi("unit-evaluation-score", Filters(), world, viewer=SECRETARIAT)
    assert everyone.value == pytest.approx(1400 / 20)
    france = kpi("unit-evaluation-score", Filters(), world, viewer=FRANCE)
    assert france.value == pytest.approx(40.0)
    with pytest.raises(NotPermitted):
        kpi("unit-evaluation-score", Filters(), world)


@pytest.mark.parametrize("slug", FOR_DELEGATIONS)
def test_every_delegation_indicator_keeps_rows_in_its_query(slug):
    """The country condition is in the SQL, before any aggregate."""
    indicator = CATALOGUE[slug]
    plain = str(indicator.query(Filters(), ("mission",)).compile(
        compile_kwargs={"literal_binds": True}))
    kept = str(indicator.query(Filters(), ("mission",), countries=frozenset({"RWA"})).compile(
        compile_kwargs={"literal_binds": True}))
    assert "'RWA'" not in plain and "'RWA'" in kept


def test_declarations_name_a_known_tier_and_a_query_that_keeps_rows():
    base = CATALOGUE["training-coverage"]
    with pytest.raises(ValueError, match="not one of public, member-state, secretariat"):
        Indicator(**{**vars(base), "visibility": "restricted"})
    # training-coverage's query cannot keep a delegation's rows: refused for delegations.
    with pytest.raises(ValueError, match="takes `countries`"):
        Indicator(**{**vars(base), "visibility": "member-state"})
    assert Indicator(**{**vars(base), "visibility": "secretariat"}).visibility == "secretariat"


def test_the_restriction_mark_names_the_delegation_in_the_language_asked():
    from indicators.i18n import use_locale

    names = {"RWA": "Rwanda"}
    assert restriction_mark(RWANDA, names) == "Restricted: Rwanda delegation"
    with use_locale("fr"):
        assert restriction_mark(RWANDA, {"RWA": "Rwanda"}) == "Restreint : délégation du Rwanda"
        assert restriction_mark(SECRETARIAT) == "Restreint : le Secrétariat"
