"""Hand-written SEA allegations for the disclosure and action tests: some nationalities with
fewer than 3 allegations, one with exactly 3, and civilians with no nationality."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, insert

from indicators.models.dimensions import Country, Mission, Month
from indicators.models.sea import SeaAction, SeaAllegation, SeaPerpetrator, SeaResult

JAN15, JAN16 = dt.date(2015, 1, 1), dt.date(2016, 1, 1)
COUNTRIES = {"GHA": "Ghana", "NPL": "Nepal", "COG": "Congo", "BDI": "Burundi"}

# id: (month, mission, personnel type, nationality, days (None: pending), results, actions)
# Ghana 4, Burundi 3 (the threshold: shown), Nepal 2 and Congo 1 (withheld), civilians 2.
ALLEGATIONS = {
    1: (JAN15, "MINUSCA", "Military (MC)", "GHA", 100, ["substantiated"],
        [("final", "UN", "Repatriation")]),
    2: (JAN15, "MINUSCA", "Military (MC)", "GHA", 200, ["unsubstantiated"],
        [("final", "UN", "Repatriation"), ("final", "NG", "Jail")]),
    3: (JAN15, "MINUSCA", "Military (MC)", "GHA", 300, ["substantiated"],
        [("final", "UN", "Repatriation"), ("interim", "UN", "Payments suspended")]),
    4: (JAN16, "MINUSCA", "Military (MC)", "GHA", None, ["pending"],
        [("interim", "UN", "Pending")]),
    5: (JAN15, "MINUSCA", "Police (FPU)", "NPL", 50, ["substantiated"],
        [("final", "NG", "Jail")]),
    6: (JAN16, "UNMISS", "Police (FPU)", "NPL", 70, ["unsubstantiated"], []),
    7: (JAN16, "UNMISS", "Military (MO)", "COG", 90, ["unsubstantiated"], []),
    8: (JAN15, "MINUSCA", "Civilian (INT)", None, 40, ["substantiated"],
        [("interim", None, "None")]),
    9: (JAN16, "MINUSCA", "Civilian (NS)", None, 60, ["substantiated"], []),
    10: (JAN15, "UNMISS", "Military (MC)", "BDI", 10, ["unsubstantiated"], []),
    11: (JAN15, "UNMISS", "Military (MC)", "BDI", 20, ["unsubstantiated"], []),
    12: (JAN16, "UNMISS", "Military (MC)", "BDI", 30, ["unsubstantiated"], []),
}
GROUPS = {"Military": "military", "Police": "police", "Civilian": "civilian"}


def load(engine: Engine) -> Engine:
    allegations, perpetrators, results, actions = [], [], [], []
    for id_, (month, mission, kind, nationality, days, outcomes, acts) in ALLEGATIONS.items():
        allegations.append({"id": id_, "reported_month": month, "mission": mission,
                            "nationality_iso3": nationality, "investigation_days": days,
                            "investigation_pending": days is None, "result": outcomes[0]})
        perpetrators.append({"id": id_, "allegation_id": id_, "personnel_type": kind,
                             "personnel_group": GROUPS[kind.split()[0]], "count": 1,
                             "nationality_iso3": nationality})
        for outcome in outcomes:
            results.append({"id": len(results) + 1, "allegation_id": id_, "result": outcome,
                            "count": 1})
        for stage, actor, action in acts:
            actions.append({"id": len(actions) + 1, "allegation_id": id_, "stage": stage,
                            "actor": actor, "action": action, "count": 1})
    with engine.begin() as conn:
        conn.execute(insert(Month), [{"month": m, "year": m.year, "month_number": m.month}
                                     for m in (JAN15, JAN16)])
        conn.execute(insert(Country), [{"iso3": code, "name": name}
                                       for code, name in COUNTRIES.items()])
        conn.execute(insert(Mission), [{"acronym": "MINUSCA"}, {"acronym": "UNMISS"}])
        conn.execute(insert(SeaAllegation), allegations)
        conn.execute(insert(SeaPerpetrator), perpetrators)
        conn.execute(insert(SeaResult), results)
        conn.execute(insert(SeaAction), actions)
    return engine
