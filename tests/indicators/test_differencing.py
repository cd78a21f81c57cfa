"""No count from 1 to 2 of a nationality's allegations can be worked out from any combination
of released answers: every answer the surface gives is collected as (set of atoms, value) and
audited, by nested differences and by exact linear algebra (is a small set in the row span)."""

from __future__ import annotations

import datetime as dt
from itertools import combinations

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import select

from indicators.catalogue import CATALOGUE
from indicators.compute import compute
from indicators.db import make_engine
from indicators.filters import Filters
from indicators.importers.load import import_file
from indicators.manifest import source_by_slug
from indicators.migrate import upgrade
from indicators.models.sea import SeaAction, SeaAllegation, SeaPerpetrator, SeaResult
from tests.conftest import ENGINES
from tests.indicators.sea_small_years import load_small_years

SLUGS = sorted(slug for slug, i in CATALOGUE.items() if i.suppress_below)
# --- atoms: (nationality class, segment of months, mission, part) ----------------------------

def allegation_facts(engine) -> pd.DataFrame:
    """One row per allegation: month, mission, its set of nationalities and what it counts as."""
    with engine.connect() as conn:
        a = pd.DataFrame(conn.execute(select(
            SeaAllegation.id, SeaAllegation.reported_month, SeaAllegation.mission,
            SeaAllegation.investigation_days, SeaAllegation.investigation_pending)).fetchall(),
            columns=["id", "month", "mission", "days", "pending"])
        p = conn.execute(select(SeaPerpetrator.allegation_id,
                                SeaPerpetrator.nationality_iso3)).fetchall()
        r = conn.execute(select(SeaResult.allegation_id, SeaResult.result)).fetchall()
        acted = {row[0] for row in conn.execute(select(SeaAction.allegation_id))}
    classes, outcomes = {}, {}
    for allegation, nationality in p:
        classes.setdefault(allegation, set()).add(nationality)
    for allegation, result in r:
        outcomes.setdefault(allegation, set()).add(result)
    a["month"] = pd.to_datetime(a["month"]).dt.date
    a["cls"] = [frozenset(classes[i]) for i in a["id"]]
    subst = [("substantiated" in outcomes.get(i, ())) for i in a["id"]]
    concluded = [s or ("pending" not in outcomes.get(i, ())
                       and "unsubstantiated" in outcomes.get(i, ())) for s, i in
                 zip(subst, a["id"], strict=True)]
    a["parts"] = [{
        "sea-allegations": 0,
        "sea-pending-share": 0 if pend else 1,
        "sea-substantiated-share": (0 if s else 1) if c else None,
        "sea-investigation-days": 0 if (pd.notna(days) and not pend) else None,
        "sea-actions": 0 if i in acted else None,
    } for pend, s, c, days, i in zip(a["pending"], subst, concluded, a["days"], a["id"],
                                     strict=True)]
    return a


class Audit:
    """Released answers as 0/1 rows over atoms, with each atom's true count."""

    def __init__(self, facts, slug, segments, missions):
        self.segments, self.missions = segments, missions
        self.classes = sorted({c for c in facts["cls"]}, key=lambda c: sorted(map(str, c)))
        self.nationalities = sorted({n for c in self.classes for n in c if n})
        shape = (len(self.classes), len(segments), len(missions), 2)
        self.counts = np.zeros(shape)
        for row in facts.itertuples():
            part = row.parts[slug]
            if part is not None:
                self.counts[self.classes.index(row.cls), self.segment(row.month),
                            self.mission(row.mission), part] += 1
        self.rows, self.values, self.labels = [], [], []

    def segment(self, month):
        return max(i for i, start in enumerate(self.segments) if start <= month)

    def mission(self, mission):
        return self.missions.index(mission) if mission in self.missions else -1

    def mask(self, nationality="*", countries=(), start=None, end=None, years=None,
             mission="*", missions=(), parts=(0,)):
        """The atoms an answer counts, as an outer product of per-axis selections."""
        c = np.array([(nationality == "*" or nationality in cls)
                      and (not countries or bool(cls & set(countries))) for cls in self.classes])
        s = np.array([not ((start and seg < start) or (end and seg > end))
                      and (years is None or seg.year in years) for seg in self.segments])
        k = np.array([(mission == "*" or name == mission) and (not missions or name in missions)
                      for name in self.missions])
        p = np.isin(np.arange(2), parts)
        return c[:, None, None, None] & s[None, :, None, None] & k[None, None, :, None] & p

    def release(self, mask, value, label=""):
        self.rows.append(mask.ravel().astype(float))
        self.values.append(value)
        self.labels.append(label)


def record(audit, slug, filters, by, frame):
    """Every numeric numerator and denominator of the frame, as (atoms, value)."""
    share = CATALOGUE[slug].denominator is not None
    median = slug == "sea-investigation-days"
    for row in frame.to_dict("records"):
        key = {}
        if "nationality" in by:
            key["nationality"] = None if pd.isna(row["nationality"]) else row["nationality"]
        if "year" in by:
            key["years"] = {int(row["year"])}
        if "mission" in by:
            if row["mission"] not in audit.missions:
                continue  # a mission the audit pools with others (real data): not modelled
            key["mission"] = row["mission"]
        if filters.mission_type and key.get("nationality", filters.countries):
            # Which missions are of a type is not modelled: such a row must say nothing.
            assert pd.isna(row["numerator"]) and pd.isna(row["value"]), (slug, filters, row)
            continue
        base = dict(countries=filters.countries, start=filters.period_from,
                    end=filters.period_to, missions=filters.missions, **key)
        quantities = [("denominator", (0,))] if median else (
            [("numerator", (0,)), ("denominator", (0, 1))] if share else [("numerator", (0,))])
        for column, parts in quantities:
            value = pd.to_numeric(pd.Series([row[column]]), errors="coerce").iloc[0]
            if pd.isna(value):
                continue
            mask = audit.mask(parts=parts, **base)
            assert audit.counts[mask].sum() == value, (slug, filters, by, row, column)
            audit.release(mask, float(value),
                          f"{filters.to_query()} by={by} {key} {column}={value:g}")


def leaks(audit) -> list[str]:
    """Small nationality sets that the released answers determine."""
    found = []
    rows, index = np.unique(np.array(audit.rows), axis=0, return_index=True)
    values = np.array(audit.values)[index]
    labels = [audit.labels[k] for k in index]
    # (1) nested differences: every pair where one answer's atoms hold the other's
    contained = (rows @ (1 - rows).T) == 0  # [i, j]: i's atoms are all in j's
    np.fill_diagonal(contained, False)
    small_i, big_j = np.nonzero(contained)
    gaps = values[big_j] - values[small_i]
    owners = np.array([audit.mask(nationality=n, parts=(0, 1)).ravel()
                       for n in audit.nationalities], dtype=float)
    small = (gaps > 0) & (gaps < 3)
    for i, j, gap in zip(small_i[small], big_j[small], gaps[small], strict=True):
        if (((rows[j] - rows[i]) @ (1 - owners).T) == 0).any():
            found.append(f"[{labels[j]}] - [{labels[i]}] = {gap:g}")
    # (2) the row span: candidate secrets are a nationality's atoms over a window of
    # segments, for all missions or one.
    # Atoms no answer touches are outside the span: a secret with one is not in it.
    used = rows.any(axis=0)
    _u, s, vt = np.linalg.svd(rows[:, used], full_matrices=False)
    basis = vt[s > 1e-9 * s.max()]
    segments = audit.segments
    for n in audit.nationalities:
        for mission in ("*", *[m for m in audit.missions if m != "other"]):
            for part in (0, 1):
                whole = audit.mask(nationality=n, mission=mission, parts=(part,))
                per_segment = (audit.counts * whole).sum(axis=(0, 2, 3))
                for first in range(len(segments)):
                    for last in range(first, len(segments)):
                        value = per_segment[first:last + 1].sum()
                        if not 0 < value < 3:
                            continue
                        mask = whole.copy()
                        mask[:, :first] = mask[:, last + 1:] = False
                        mask = mask.ravel()
                        v = mask[used].astype(float)
                        if (not mask[~used].any()
                                and np.linalg.norm(v - basis.T @ (basis @ v)) < 1e-6):
                            found.append(f"{n} {segments[first]}..{segments[last]} "
                                         f"{mission} part {part} = {value:g}")
    return found


def questions(indicator, windows, missions, countries):
    """(filters, by) pairs: every window alone and with each mission, country, two countries
    and a mission type; by nothing, nationality, year, mission and nationality and year."""
    cuts = [c for c in ((), ("nationality",), ("year",), ("mission",),
                        ("nationality", "year")) if set(c) <= set(indicator.dimensions)]
    plain = [c for c in cuts if "nationality" not in c]
    for start, end in windows:
        period = dict(period_from=start, period_to=end)
        yield from ((Filters(**period), by) for by in cuts)
        for country in countries:  # one nationality's answers for all missions
            yield from ((Filters(countries=(country,), **period), by) for by in plain)
        yield Filters(countries=tuple(countries[:2]), **period), ()
        if ("nationality",) in cuts:  # the other nationalities of one's allegations
            yield Filters(countries=(countries[0],), **period), ("nationality",)
        yield Filters(countries=(countries[0],), mission_type="peacekeeping", **period), ()
        for mission in missions:  # exact totals per mission, and what a mission filter gives
            yield from ((Filters(missions=(mission,), **period), by) for by in cuts)
            yield Filters(missions=(mission,), countries=(countries[0],), **period), ()


def enumerate_answers(engine, slug, windows, missions, countries, segments, audit_missions):
    audit = Audit(allegation_facts(engine), slug, segments, audit_missions)
    for filters, by in questions(CATALOGUE[slug], windows, missions, countries):
        record(audit, slug, filters, by, compute(slug, filters, by, engine=engine))
    return audit


def year_windows(years, months=()):
    """All years; each year; each pair; from each year on; up to each year's end; `months`."""
    return [(None, None), *[(dt.date(y, 1, 1), dt.date(y, 12, 1)) for y in years],
            *[(dt.date(a, 1, 1), dt.date(b, 12, 1)) for a, b in combinations(years, 2)
              if (a, b) != (years[0], years[-1])],
            *[(dt.date(y, 1, 1), None) for y in years[1:]],
            *[(None, dt.date(y, 12, 1)) for y in years[:-1]], *months]


def segments_for(years, windows):
    cuts = {dt.date(y, 1, 1) for y in years}
    for start, end in windows:
        if start:
            cuts.add(start)
        if end:
            cuts.add(dt.date(end.year + end.month // 12, end.month % 12 + 1, 1))
    return sorted(c for c in cuts if c.year <= max(years))


# Each database is built once per module and engine: the answers, not the setup, are the test.
@pytest.fixture(scope="module", params=ENGINES)
def small_db(request, database_url_factory):
    db = make_engine(database_url_factory(request.param))
    upgrade(db)
    yield load_small_years(db)
    db.dispose()


@pytest.fixture(scope="module", params=ENGINES)
def real_db(request, database_url_factory, raw_dir):
    db = make_engine(database_url_factory(request.param))
    upgrade(db)
    source = source_by_slug("un-sea-allegations")
    assert import_file(db, source, source.local_path(raw_dir)).status == "loaded"
    yield db
    db.dispose()


@pytest.mark.parametrize("slug", SLUGS)
def test_small_years_cannot_be_derived(small_db, slug):
    years = [2015, 2016, 2017]
    windows = year_windows(years, [(dt.date(2015, 6, 1), dt.date(2016, 5, 1)),
                                   (dt.date(2016, 3, 1), None)])
    audit = enumerate_answers(small_db, slug, windows, ["MINUSCA"], ["BDI", "GHA", "COG"],
                              segments_for(years, windows), ["MINUSCA", "UNMISS"])
    assert len(audit.rows) > 100
    assert leaks(audit) == []


# A count and a share: the other measures take the same path and are audited above.
@pytest.mark.realdata
@pytest.mark.parametrize("slug", ["sea-allegations", "sea-substantiated-share"])
def test_real_table_cannot_be_differenced(real_db, slug):
    years = list(range(2015, 2025))
    windows = [(None, None), *[(dt.date(y, 1, 1), dt.date(y, 12, 1)) for y in years],
               *[(dt.date(y, 1, 1), None) for y in (2016, 2022)], (None, dt.date(2015, 12, 1)),
               (dt.date(2015, 1, 1), dt.date(2016, 12, 1)),
               (dt.date(2016, 3, 1), dt.date(2016, 8, 1))]
    audit = enumerate_answers(real_db, slug, windows, ["MINUSCA"], ["BDI", "NPL"],
                              segments_for(years, windows), ["MINUSCA", "other"])
    assert len(audit.rows) > 100
    assert leaks(audit) == []
