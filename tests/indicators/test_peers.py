"""Peers of similar size, and the panel hook that adds them to one chosen country."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from indicators.filters import Filters
from indicators.measures.personnel_rows import refresh_personnel
from indicators.models.dimensions import Country, Mission, Month
from indicators.models.facts import Deployment
from indicators.peers import headcounts, peers, with_peers

JAN, FEB = dt.date(2014, 1, 1), dt.date(2014, 2, 1)
# Mean headcounts over January and February: A 1,000; B 950; C 1,100; D 700; E 2,000;
# F 1,050 in troops but only in MINUSMA; G nobody (a zero row).
SIZES = {"AAA": (1000, 1000), "BBB": (900, 1000), "CCC": (1100, 1100), "DDD": (700, 700),
         "EEE": (2000, 2000), "FFF": (1050, 1050), "GGG": (0, 0)}


def load_sizes(engine):
    """Seven countries of the sizes above, in MINUSCA (FFF in MINUSMA), troops only."""
    rows = []
    for code, monthly in SIZES.items():
        mission = "MINUSMA" if code == "FFF" else "MINUSCA"
        for month, total in zip((JAN, FEB), monthly, strict=True):
            rows.append({"month": month, "country_iso3": code, "mission": mission,
                         "category": "troops", "women": 0, "men": total, "total": total})
    with engine.begin() as conn:
        conn.execute(insert(Month), [{"month": m, "year": 2014, "month_number": m.month}
                                     for m in (JAN, FEB)])
        conn.execute(insert(Country), [{"iso3": c, "name": f"Country {c}"} for c in SIZES])
        conn.execute(insert(Mission), [{"acronym": "MINUSCA"}, {"acronym": "MINUSMA"}])
        conn.execute(insert(Deployment), rows)
        refresh_personnel(conn)  # the series the measures read, as every import rewrites it
    return engine


@pytest.fixture
def db(engine):
    return load_sizes(engine)


def test_headcounts_are_mean_monthly_persons(db):
    sizes = headcounts(db)
    assert sizes["BBB"] == 950 and sizes["EEE"] == 2000 and sizes["GGG"] == 0


def test_peers_are_the_closest_in_size_closest_first(db):
    # Distances from 1,000: FFF 50, BBB 50, CCC 100, DDD 300, EEE 1,000. A tie goes to the
    # larger country.
    assert peers(db, "AAA", n=3) == ("FFF", "BBB", "CCC")
    assert peers(db, "AAA") == ("FFF", "BBB", "CCC", "DDD", "EEE")  # five by default
    assert "GGG" not in peers(db, "AAA", n=10)  # nobody deployed: no one's peer
    assert "AAA" not in peers(db, "AAA", n=10)


def test_peers_follow_the_other_filters_but_not_the_country_choice(db):
    minusca = Filters(missions=("MINUSCA",), countries=("AAA",))
    assert peers(db, "AAA", minusca, n=2) == ("BBB", "CCC")  # FFF serves elsewhere
    only_february = Filters(period_from=FEB, period_to=FEB)
    assert peers(db, "AAA", only_february, n=1) == ("BBB",)  # 1,000 v. 1,000 in February


def test_a_country_with_nobody_deployed_has_no_peers(db):
    assert peers(db, "GGG") == ()
    assert peers(db, "ZZZ") == ()
    assert peers(db, "AAA", Filters(missions=("MINUSMA",))) == ()


def test_the_hook_adds_peers_to_one_chosen_country_only(db):
    one = with_peers(Filters(countries=("AAA",), missions=("MINUSCA",)), db)
    assert one.countries == ("AAA", "BBB", "CCC", "DDD", "EEE")  # sorted, like the URL's
    assert one.missions == ("MINUSCA",)
    two = Filters(countries=("AAA", "EEE"))
    assert with_peers(two, db) == two
    assert with_peers(Filters(), db) == Filters()
