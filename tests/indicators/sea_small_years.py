"""Synthetic SEA allegations with deliberately small years (Burundi: 2 in 2015, 20 in 2016, as
in issue 15), spread over months and two missions, for the differencing tests."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert

from indicators.models.dimensions import Country, Mission, Month
from indicators.models.sea import SeaAction, SeaAllegation, SeaPerpetrator, SeaResult

# Synthetic: nationality -> allegations per year (BDI as in the issue: 2015 has 2).
SMALL_YEARS = {"BDI": {2015: 2, 2016: 20}, "GHA": {2015: 4, 2016: 1, 2017: 5},
               "NPL": {2016: 1}, "COG": {2015: 1, 2017: 2}, "ZAF": {2015: 3, 2016: 3, 2017: 3},
               None: {2015: 2, 2016: 1, 2017: 3}}


def load_small_years(engine):
    """Allegations spread over months and two missions, with deliberately small years."""
    rows, perps, results, actions, months = [], [], [], [], set()
    for nationality, years in SMALL_YEARS.items():
        for year, count in years.items():
            for k in range(count):
                i = len(rows) + 1
                month = dt.date(year, 1 + (k * 5) % 12, 1)
                months.add(month)
                rows.append({"id": i, "reported_month": month,
                             "mission": ("MINUSCA", "UNMISS")[k % 2],
                             "nationality_iso3": nationality,
                             "investigation_days": None if k % 3 == 0 else 10 * (k + 1),
                             "investigation_pending": k % 3 == 0, "result": None})
                kind = "Military (MC)" if nationality else "Civilian (INT)"
                perps.append({"id": i, "allegation_id": i, "personnel_type": kind,
                              "personnel_group": "military" if nationality else "civilian",
                              "count": 1, "nationality_iso3": nationality})
                outcome = ("substantiated", "unsubstantiated", "pending")[k % 3]
                results.append({"id": i, "allegation_id": i, "result": outcome, "count": 1})
                if k % 2 == 0:
                    actions.append({"id": i, "allegation_id": i, "stage": "final",
                                    "actor": "UN", "action": "Repatriation", "count": 1})
    with engine.begin() as conn:
        conn.execute(insert(Month), [{"month": m, "year": m.year, "month_number": m.month}
                                     for m in sorted(months)])
        conn.execute(insert(Country), [{"iso3": c, "name": c} for c in SMALL_YEARS if c])
        conn.execute(insert(Mission), [{"acronym": "MINUSCA"}, {"acronym": "UNMISS"}])
        conn.execute(insert(SeaAllegation), rows)
        conn.execute(insert(SeaPerpetrator), perps)
        conn.execute(insert(SeaResult), results)
        conn.execute(insert(SeaAction), actions)
    return engine
