"""Tiers at every front door (issue 16), on SQLite and PostgreSQL, over generated data.

Over HTTP: not signed in, each door asked for a restricted indicator answers 401 naming it;
signed in (an account and its API token, as a script signs in), the matrix of tiers gets its
rows or a 403. One layer in, where sign-in hands over (the request's flask.g.viewer,
page_checks.as_viewer): the same layouts, callbacks, page cache and export jobs per tier.
Signing in through the form and the identity provider: tests/browser."""

from __future__ import annotations

import io
import time

import dash
import pytest
from pypdf import PdfReader

from dashboard.exports.request import build_pack, read_export_request
from dashboard.exports.routes import export_jobs, submit_export
from dashboard.panels import spec
from dashboard.panels.spec import Panel
from dashboard.shell.layout import nav_pages
from dashboard.web.viewer import current_viewer
from indicators import accounts
from indicators.access import NotPermitted
from indicators.compute import compute
from indicators.filters import Filters
from indicators.illustrative import generate
from indicators.viewer import ANONYMOUS, SECRETARIAT, Viewer
from tests.dashboard.callback_bodies import ENDPOINT, body_for, find_callback
from tests.dashboard.helpers import app_for, url_of
from tests.dashboard.page_checks import as_viewer, fill, page_module
from tests.exports.readers import deck, slide_text

RWANDA = Viewer("member-state", frozenset({"RWA"}), "Rwanda delegation")
FRANCE = Viewer("member-state", frozenset({"FRA"}), "France delegation")
# In the generated data France has staff officers only (no evaluated units): its restricted
# charts are empty. Ghana has units in two missions, Rwanda in one.
GHANA = Viewer("member-state", frozenset({"GHA"}), "Ghana delegation")
# (page, panel, its indicator): one chart of each restricted indicator.
RESTRICTED_CHARTS = [
    ("performance", "evaluations-heat", "unit-evaluation-score"),
    ("performance", "technology-by-mission", "technology-capability"),
    ("partnerships", "supported-scores", "supported-unit-score"),
    ("partnerships", "gaps-heat", "capability-gaps-open"),
]
# What each tier gets of each restricted indicator: its rows, or the refusal's status.
MATRIX = {
    ANONYMOUS: {"unit-evaluation-score": 401, "technology-capability": 401,
                "supported-unit-score": 401, "capability-gaps-open": 401},
    RWANDA: {"unit-evaluation-score": "own", "technology-capability": "own",
             "supported-unit-score": "own", "capability-gaps-open": 403},
    FRANCE: {"unit-evaluation-score": "own", "technology-capability": "own",
             "supported-unit-score": "own", "capability-gaps-open": 403},
    SECRETARIAT: {"unit-evaluation-score": "all", "technology-capability": "all",
                  "supported-unit-score": "all", "capability-gaps-open": "all"},
}


@pytest.fixture
def app(engine):
    generate(engine)
    page_module("partnerships")
    return app_for(url_of(engine))


@pytest.fixture
def client(app):
    client = app.server.test_client()
    assert client.get("/").status_code == 200  # Dash's set-up runs on the first request
    return client


def refused_naming(response, status: int, slug: str) -> None:
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert slug in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)


# --- over HTTP, not signed in -------------------------------------------------------------

@pytest.mark.parametrize(("page", "key", "slug"), RESTRICTED_CHARTS)
def test_every_door_answers_401_for_a_restricted_chart(client, page, key, slug):
    for fmt in ("csv", "xlsx", "png", "svg"):
        refused_naming(client.get(f"/download/{page}/{key}.{fmt}"), 401, slug)
    for suffix in ("", ".csv"):
        response = client.get(f"/api/v1/indicators/{slug}{suffix}")
        refused_naming(response, 401, slug)
        assert response.get_json()["error"] == {
            "parameter": "indicator", "value": slug, "reason": response.get_json()[
                "error"]["reason"]}
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    dependencies = client.get("/_dash-dependencies").get_json()
    chart = find_callback(dependencies, '"kind":"pk-chart"')
    callback = client.post(ENDPOINT, json=body_for(chart, [{}, {"page": page, "panel": key}],
                                                   [None], wildcard="zz"))
    refused_naming(callback, 401, slug)
    assert callback.get_json()["error"]["value"] == slug
    refused_naming(client.get(f"/export/briefing.pptx?chart={page}/{key}"), 401, slug)
    job = client.post("/export/jobs", json={"page": "briefing", "format": "pdf",
                                           "query": f"chart={page}/{key}"})
    refused_naming(job, 401, slug)
    assert job.get_json()["error"]["value"] == slug


def test_the_public_nav_keeps_the_pages_that_have_public_charts(client):
    """Performance and partnerships keep public charts (training, pledges): their entries
    stay; their restricted cards are absent (test_performance, test_partnerships)."""
    layout = client.get("/_dash-layout").get_json()
    links = str(layout)
    for page in ("/performance", "/partnerships", "/missions", "/countries"):
        assert f"'href': '{page}'" in links, page


def test_a_page_whose_every_chart_is_restricted_is_not_in_the_nav(app, monkeypatch):
    # A page of restricted charts only, registered as a page module registers its panels.
    monkeypatch.setitem(spec._REGISTRY, "gaps-only", {"gaps": Panel(
        "gaps", "capability-gaps-open", by=("mission",))})
    registry = {"gaps": {"module": "dashboard.pages.gaps-only", "name": "Gaps", "order": 1},
                "sources": {"module": "dashboard.pages.sources", "name": "Sources",
                            "order": 2}}
    for viewer, shown in ((ANONYMOUS, ["Sources"]), (RWANDA, ["Sources"]),
                          (SECRETARIAT, ["Gaps", "Sources"])):
        with app.server.test_request_context("/"):
            as_viewer(viewer)
            assert [page["name"] for page in nav_pages(registry)] == shown


def test_the_cli_acts_as_the_secretariat(engine, monkeypatch, capsys, tmp_path):
    from openpyxl import load_workbook

    from dashboard.cli import main

    generate(engine)
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    assert main(["query", "capability-gaps-open", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("numerator,denominator,value")
    pack = tmp_path / "gaps.xlsx"
    assert main(["export", "briefing", "--chart", "partnerships/gaps-heat", "--format", "xlsx",
                 "-o", str(pack)]) == 0
    about = load_workbook(pack)["About"]
    lines = {row[0]: row[1] for row in about.iter_rows(values_only=True) if row}
    assert lines["Classification"] == "Restricted: the Secretariat"


def test_the_refusal_is_403_for_a_viewer_signed_in_below_the_tier(app):
    """The app's answer to NotPermitted for a signed-in delegation (the 401's twin)."""
    from dashboard.web.errors import not_permitted
    from indicators.catalogue import CATALOGUE

    refused = NotPermitted(CATALOGUE["capability-gaps-open"], RWANDA)
    with app.server.test_request_context("/api/v1/indicators/capability-gaps-open"):
        response = not_permitted(refused)
    assert response.status_code == 403 and "WWW-Authenticate" not in response.headers
    reason = response.get_json()["error"]["reason"]
    assert reason == ("capability-gaps-open is restricted (seen by the Secretariat); RWA "
                      "delegation may not see it")


def test_the_refusal_is_in_the_language_asked(client):
    response = client.get("/api/v1/indicators/unit-evaluation-score?lang=fr")
    assert response.status_code == 401
    assert response.get_json()["error"]["reason"] == (
        "unit-evaluation-score est restreint (visible par les délégations des États membres, "
        "le Secrétariat) ; connectez-vous pour le voir")
    text = client.get("/download/performance/evaluations-heat.csv?lang=fr")
    assert text.status_code == 401 and "connectez-vous" in text.get_data(as_text=True)


# --- signed in: the matrix, one layer in (flask.g.viewer, as sign-in sets it) -------------

@pytest.mark.parametrize("viewer", list(MATRIX), ids=lambda v: v.name or v.tier)
def test_the_chart_callback_gives_each_tier_what_it_may_see(app, engine, viewer):
    for page, key, slug in RESTRICTED_CHARTS:
        expected = MATRIX[viewer][slug]
        if isinstance(expected, int):
            with pytest.raises(NotPermitted) as raised:
                fill(app, page, key, viewer=viewer)
            assert raised.value.status == expected and raised.value.slug == slug
            continue
        rows = fill(app, page, key, viewer=viewer)["rows"]
        panel = spec.find_panel(page, key)
        # The chart shows exactly what compute() gives this viewer: for a delegation, its own
        # rows (tests/indicators/test_tiers checks those against hand-computed sums).
        frame = compute(panel.indicator, Filters(), panel.by, engine=engine, viewer=viewer)
        everyone = compute(panel.indicator, Filters(), panel.by, engine=engine,
                           viewer=SECRETARIAT)
        assert len(rows) == len(frame.dropna(subset=["value"])), (viewer, key)
        if expected == "all":
            assert frame.equals(everyone)


def test_a_delegations_chart_differs_from_anothers_and_from_the_whole(app, engine):
    shown = {viewer: fill(app, "performance", "technology-by-mission", viewer=viewer)["rows"]
             for viewer in (RWANDA, GHANA, FRANCE, SECRETARIAT)}
    values = {viewer: {row["mission"]: row["value"] for row in rows}
              for viewer, rows in shown.items()}
    assert set(values[RWANDA]) == {"MINUSCA"} and set(values[GHANA]) == {"UNIFIL", "UNMISS"}
    assert values[FRANCE] == {}  # no French unit assessed: nothing, not someone else's
    assert values[RWANDA]["MINUSCA"] != values[SECRETARIAT]["MINUSCA"]


def test_the_layout_shows_a_delegation_its_cards(app):
    from tests.dashboard.page_checks import ids_in, render

    keys = {viewer: [i["panel"] for i in ids_in(render(app, "performance", "/performance",
                                                       viewer=viewer), "pk-chart")]
            for viewer in MATRIX}
    assert "evaluations-heat" not in keys[ANONYMOUS]
    assert "evaluations-heat" in keys[RWANDA] and "evaluations-heat" in keys[SECRETARIAT]


def test_the_page_cache_never_sends_a_delegations_page_to_anyone_else(app):
    from tests.dashboard.page_checks import ids_in

    layout = next(page["layout"] for page in dash.page_registry.values()
                  if page["module"] == "dashboard.pages.performance")
    seen = {}
    for viewer in (RWANDA, ANONYMOUS, SECRETARIAT):
        with app.server.test_request_context("/performance"):
            as_viewer(viewer)
            seen[viewer] = [i["panel"] for i in ids_in(layout(), "pk-chart")]
    assert "evaluations-heat" in seen[RWANDA] and "evaluations-heat" not in seen[ANONYMOUS]
    assert seen[SECRETARIAT] == seen[RWANDA]


# --- exports ------------------------------------------------------------------------------

def test_a_page_pack_is_what_the_page_shows_the_viewer_and_says_whose_it_is(app, engine):
    with app.server.test_request_context("/"):
        for viewer, mark in ((ANONYMOUS, ""), (RWANDA, "Restricted: Rwanda delegation"),
                             (SECRETARIAT, "Restricted: the Secretariat")):
            as_viewer(viewer)
            export = read_export_request("performance", "pptx", {}, engine,
                                         viewer=current_viewer())
            pack = build_pack(export, engine, "Performance")
            panels = [snapshot.panel for snapshot in pack.snapshots]
            assert ("evaluations-heat" in panels) is (viewer is not ANONYMOUS)
            assert pack.restriction == mark
            assert pack.classification == (mark or "UNCLASSIFIED — for briefing use")


def wait_for(jobs, job_id: str, timeout: float = 120.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = jobs.status(job_id)
        if status.state in ("done", "failed"):
            return status
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} still {status.state}")


def test_the_job_is_keyed_by_viewer_and_renders_as_the_viewer_who_asked(app, engine):
    """The same address asked by Rwanda and by France is two jobs, each made as its viewer:
    every slide and page says whose figures they are, the title slide too."""
    query = {"chart": ["performance/technology-by-mission"]}
    jobs = {}
    with app.server.test_request_context("/"):
        for viewer, fmt in ((RWANDA, "pptx"), (GHANA, "pptx"), (RWANDA, "pdf")):
            as_viewer(viewer)
            export = read_export_request("briefing", fmt, query, engine,
                                         viewer=current_viewer())
            jobs[viewer, fmt] = submit_export(export).id
        as_viewer(RWANDA)  # asked again: the same job
        again = submit_export(read_export_request("briefing", "pptx", query, engine,
                                                  viewer=current_viewer())).id
        assert again == jobs[RWANDA, "pptx"] != jobs[GHANA, "pptx"]
        store = export_jobs()
        files = {}
        for asked, job_id in jobs.items():
            assert wait_for(store, job_id).state == "done", store.status(job_id).error
            files[asked] = store.result(job_id)
    for viewer, who in ((RWANDA, "Rwanda"), (GHANA, "Ghana")):
        slides = list(deck(files[viewer, "pptx"]).slides)
        assert len(slides) >= 3  # title, the chart, sources
        for slide in slides:
            assert f"Restricted: {who} delegation" in slide_text(slide)
    # The chart slide's numbers: each pack computed as its own delegation.
    rwanda, ghana = (slide_text(list(deck(files[v, "pptx"]).slides)[1]) for v in (RWANDA,
                                                                                  GHANA))
    assert "MINUSCA" in rwanda and "UNIFIL" not in rwanda and "UNIFIL" in ghana
    reader = PdfReader(io.BytesIO(files[RWANDA, "pdf"]))
    for page in reader.pages:
        assert "Restricted: Rwanda delegation" in " ".join(page.extract_text().split())


def test_the_briefing_builder_offers_only_the_charts_the_viewer_may_see(app):
    from dashboard.pages.briefing import chart_options

    offered = {}
    for viewer in (ANONYMOUS, RWANDA, SECRETARIAT):
        with app.server.test_request_context("/briefing"):
            as_viewer(viewer)
            offered[viewer] = {option["value"] for option in chart_options()}
    assert "performance/training-by-year" in offered[ANONYMOUS]
    assert "performance/evaluations-heat" not in offered[ANONYMOUS]
    assert "performance/evaluations-heat" in offered[RWANDA]
    assert "partnerships/gaps-heat" not in offered[RWANDA]
    assert "partnerships/gaps-heat" in offered[SECRETARIAT]


def test_a_single_charts_files_say_whose_they_are(app, engine):
    """The workbook and the picture of one restricted chart (the /download door's files)."""
    from openpyxl import load_workbook

    from dashboard.exports.images import snapshot_figure
    from dashboard.exports.snapshot import panel_snapshot
    from dashboard.exports.workbook import panel_workbook_bytes

    with app.server.test_request_context("/"):
        mine = panel_snapshot("performance", "evaluations-heat", Filters(), engine, RWANDA)
        public = panel_snapshot("performance", "training-by-year", Filters(), engine, RWANDA)
    assert mine.restriction == "Restricted: Rwanda delegation" and public.restriction == ""
    about = load_workbook(io.BytesIO(panel_workbook_bytes(mine)))["About"]
    assert ["Classification", "Restricted: Rwanda delegation"] == [
        cell.value for cell in next(about.iter_rows(max_row=1))]
    assert "Restricted: Rwanda delegation" in snapshot_figure(mine).layout.title.subtitle.text
    assert "Restricted" not in snapshot_figure(public).layout.title.subtitle.text



# --- signed in over HTTP: an account and its API token per tier ---------------------------

def signed_in(engine, viewer: Viewer) -> dict[str, str]:
    """The headers of a request signed in as `viewer`: a real account in the database and
    one of its API tokens (dashboard.web.auth reads it into the request's viewer)."""
    email = f"{(viewer.name or viewer.tier).split()[0].lower()}@example.org"
    accounts.add_account(engine, email, viewer.tier, sorted(viewer.countries), viewer.name)
    _token_id, token = accounts.issue_token(engine, email, "tests")
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("viewer", [RWANDA, FRANCE, GHANA, SECRETARIAT],
                         ids=lambda v: v.name or v.tier)
def test_every_door_gives_a_signed_in_tier_what_it_may_see(app, client, engine, viewer):
    headers = signed_in(engine, viewer)
    dependencies = client.get("/_dash-dependencies", headers=headers).get_json()
    chart = find_callback(dependencies, '"kind":"pk-chart"')
    for page, key, slug in RESTRICTED_CHARTS:
        expected = MATRIX.get(viewer, MATRIX[RWANDA])[slug]
        panel = spec.find_panel(page, key)
        api = client.get(f"/api/v1/indicators/{slug}?by={','.join(panel.by)}", headers=headers)
        csv = client.get(f"/download/{page}/{key}.csv", headers=headers)
        callback = client.post(ENDPOINT, headers=headers, json=body_for(
            chart, [{}, {"page": page, "panel": key}], [None], wildcard="zz"))
        export = client.get(f"/export/briefing.xlsx?chart={page}/{key}", headers=headers)
        if expected == 403:
            for response in (api, csv, callback, export):
                refused_naming(response, 403, slug)
            continue
        for response in (api, csv, callback):
            assert response.status_code == 200, (slug, response.get_data(as_text=True)[:300])
        assert export.status_code in (202, 303)
        # The API's rows are exactly what compute() gives this viewer: its own, or all.
        frame = compute(slug, Filters(), panel.by, engine=engine, viewer=viewer)
        rows = api.get_json()["rows"]
        assert [row["value"] for row in rows] == pytest.approx(
            [None if v is None else float(v) for v in frame["value"].astype(object)
             .where(frame["value"].notna(), None)])
        if viewer.tier == "member-state" and "country" in panel.by:
            assert {row["country"] for row in rows} <= viewer.countries
        if slug == "technology-capability":  # where each delegation has units assessed
            missions = {row["mission"] for row in rows if row["value"] is not None}
            assert missions == {RWANDA: {"MINUSCA"}, GHANA: {"UNIFIL", "UNMISS"},
                                FRANCE: set()}.get(viewer, {"MINUSCA", "MONUSCO", "UNIFIL",
                                                            "UNMISS"})


def test_downloads_and_exports_of_restricted_data_are_audited(client, engine):
    from indicators.audit import read_entries

    def events() -> list[tuple[str, str, str]]:
        return [(row.event, row.who, row.what) for row in read_entries(engine)
                if row.event in ("download", "export")]

    assert client.get("/download/performance/evaluations-heat.csv").status_code == 401
    headers = signed_in(engine, RWANDA)
    assert client.get("/download/performance/training-by-year.csv",
                      headers=headers).status_code == 200  # public data: not audited
    assert events() == []
    assert client.get("/download/performance/evaluations-heat.csv",
                      headers=headers).status_code == 200
    assert client.get("/export/performance.xlsx", headers=headers).status_code in (202, 303)
    assert events() == [
        ("download", "rwanda@example.org", "performance/evaluations-heat.csv"),
        ("export", "rwanda@example.org", "/export/performance.xlsx")]
