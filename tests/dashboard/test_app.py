"""The app factory and the indicators and sources page, without a browser, on SQLite and
PostgreSQL."""

from __future__ import annotations

import socket

import dash
import pytest

from dashboard import PRODUCT_NAME
from dashboard.web.context import ENGINE_KEY
from indicators.manifest import load_manifest
from indicators.status import FETCH_COMMAND
from tests.dashboard.helpers import (
    app_for,
    insert_version,
    render_sources,
    text_of,
    url_of,
)


def test_create_app_builds_on_a_migrated_database(engine):
    app = app_for(url_of(engine))
    assert isinstance(app, dash.Dash)
    assert app.server.config[ENGINE_KEY].url == engine.url
    paths = {page["path"] for page in dash.page_registry.values()}
    assert "/" in paths
    with app.server.test_request_context("/"):
        layout = app.layout()  # a function: filter choices come from the database
    assert PRODUCT_NAME in text_of(layout)


def test_index_page_links_local_bootstrap_and_no_cdn(engine):
    client = app_for(url_of(engine)).server.test_client()
    html = client.get("/").get_data(as_text=True)
    assert "/assets/bootstrap.min.css" in html
    assert '<html lang="en">' in html
    assert "cdn" not in html.lower()
    css = client.get("/assets/bootstrap.min.css")
    assert css.status_code == 200
    assert b"Bootstrap  v5.3" in css.get_data()[:200]  # licence header kept intact


def test_navbar_is_built_from_the_page_registry(engine):
    app = app_for(url_of(engine))
    with app.server.test_request_context("/"):
        shell_text = text_of(app.layout())
    for page in dash.page_registry.values():
        if page.get("nav", True) and not page["module"].endswith("not_found_404"):
            assert page.get("nav_label", page["name"]) in shell_text
    assert "Page not found" not in shell_text


def test_page_lists_a_loaded_source_with_its_rows_and_coverage(engine):
    row = insert_version(engine)
    text = text_of(render_sources(app_for(url_of(engine))))
    assert row["title"] in text
    assert "43,255" in text
    assert "Nov 2009 – Aug 2014" in text
    assert "31 Aug 2014" in text
    assert "Real" in text
    assert row["citation"] in text


def test_page_lists_missing_sources_with_how_to_fetch_them(engine):
    insert_version(engine)
    text = text_of(render_sources(app_for(url_of(engine))))
    others = [source for source in load_manifest() if source.slug != "ipi-gender"]
    assert others, "the manifest should list more than one source"
    assert "Not loaded yet" in text
    for source in others:
        assert source.title in text
    assert FETCH_COMMAND in text


def test_illustrative_source_is_badged_as_such(engine):
    insert_version(engine, source="illustrative", title="Generated conduct cases",
                   publisher="pkdash", illustrative=True, rows_loaded=120)
    layout = render_sources(app_for(url_of(engine)))
    table = _find(layout, {"page": "sources", "part": "row-illustrative"})
    assert table is not None
    assert "Illustrative" in text_of(table)
    assert "Generated conduct cases" in text_of(table)


def test_empty_database_says_nothing_is_loaded(engine):
    text = text_of(render_sources(app_for(url_of(engine))))
    assert "No data loaded yet" in text
    assert FETCH_COMMAND in text


def test_database_without_tables_explains_the_setup_step(tmp_path):
    text = text_of(render_sources(app_for(f"sqlite:///{tmp_path / 'fresh.sqlite'}")))
    assert "The database is empty" in text


def test_unreachable_sqlite_yields_a_message_not_an_exception(tmp_path):
    url = f"sqlite:///{tmp_path / 'no' / 'such' / 'folder' / 'db.sqlite'}"
    text = text_of(render_sources(app_for(url)))
    assert "The database cannot be reached" in text
    assert "Traceback" not in text


def test_unreachable_postgresql_yields_a_message_not_an_exception():
    with socket.socket() as sock:  # a port nobody listens on: the connection is refused
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"postgresql+psycopg://postgres:pw@127.0.0.1:{port}/nothing?connect_timeout=3"
    layout = render_sources(app_for(url))
    text = text_of(layout)
    assert "The database cannot be reached" in text
    assert "pw" not in text  # no password, and no driver detail outside debug mode


def test_debug_mode_shows_the_driver_detail_without_the_password(tmp_path):
    url = f"sqlite:///{tmp_path / 'missing-dir' / 'db.sqlite'}"
    text = text_of(render_sources(app_for(url, debug=True)))
    assert "Detail:" in text


@pytest.mark.parametrize("path", ["/", "/indicators", "/no-such-page"])
def test_router_serves_page_layouts_inside_a_request(engine, path):
    """The real route: Dash's page router calls the layout inside a Flask request."""
    insert_version(engine)
    app = app_for(url_of(engine))
    client = app.server.test_client()
    client.get("/")  # registers the page router, as a browser's first visit does
    router = next(dep["output"] for dep in client.get("/_dash-dependencies").get_json()
                  if "_pages_content.children" in dep["output"])
    response = client.post("/_dash-update-component", json=_router_payload(router, path))
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    body = response.get_data(as_text=True)
    if path == "/":
        assert "Headline figures" in body
    elif path == "/indicators":
        assert "43,255" in body
    else:
        assert "Page not found" in body


def _router_payload(output: str, pathname: str) -> dict:
    return {
        "output": output,
        "outputs": [{"id": "_pages_content", "property": "children"},
                    {"id": "_pages_store", "property": "data"}],
        "inputs": [{"id": "_pages_location", "property": "pathname", "value": pathname},
                   {"id": "_pages_location", "property": "search", "value": ""}],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [],
    }


def _find(component, wanted_id):
    if isinstance(component, list | tuple):
        for child in component:
            found = _find(child, wanted_id)
            if found is not None:
                return found
        return None
    if getattr(component, "id", None) == wanted_id:
        return component
    children = getattr(component, "children", None)
    return None if children is None or isinstance(children, str) else _find(children, wanted_id)


def test_wsgi_module_builds_the_server_from_the_environment(tmp_path, monkeypatch):
    import importlib
    import sys

    url = f"sqlite:///{tmp_path / 'wsgi.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DEBUG", "false")
    monkeypatch.delitem(sys.modules, "dashboard.wsgi", raising=False)
    wsgi = importlib.import_module("dashboard.wsgi")
    assert wsgi.server is wsgi.app.server
    assert str(wsgi.server.config[ENGINE_KEY].url) == url
