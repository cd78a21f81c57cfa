"""The OpenAPI description served at /api/v1/openapi.json: it matches the catalogue, and Hypothesis
requests drawn from it (valid and invalid values) get only the answers it declares."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.catalogue import CATALOGUE
from indicators.vocabulary import QUERY_PARAMETERS
from tests.conftest import ENGINES
from tests.dashboard.helpers import app_for, small_world_at

SPEC = "/api/v1/openapi.json"
FUZZ = settings(max_examples=200, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])
junk = st.text(max_size=10) | st.sampled_from(["", ",", "2013-13", "OSESYRIA", "minusca",
                                               "rwa", "TROOPS", "month,year", "%00"])


@pytest.fixture(scope="module", params=ENGINES)
def client(request, database_url_factory):
    """The app on a small world, once on SQLite and once on PostgreSQL."""
    url = small_world_at(database_url_factory(request.param))
    return app_for(url).server.test_client()


@pytest.fixture(scope="module")
def spec(client):
    response = client.get(SPEC)
    assert response.status_code == 200
    return response.get_json()


def test_description_is_generated_from_the_catalogue(spec):
    assert spec["openapi"].startswith("3.")
    operation = spec["paths"]["/indicators/{slug}"]["get"]
    slug = next(p for p in operation["parameters"] if p["name"] == "slug")
    assert slug["schema"]["enum"] == list(CATALOGUE)
    names = {p["name"] for p in operation["parameters"] if p["in"] == "query"}
    assert set(QUERY_PARAMETERS) <= names
    dims = next(p for p in operation["parameters"] if p["name"] == "by")["schema"]["items"]
    assert set(dims["enum"]) == {d for i in CATALOGUE.values() for d in i.dimensions}


def value_for(schema: dict) -> st.SearchStrategy:
    """A valid value for a parameter's schema, or now and then junk."""
    if schema.get("type") == "array":
        return st.lists(value_for(schema["items"]), max_size=3)
    if "enum" in schema:
        valid = st.sampled_from(schema["enum"])
    elif "pattern" in schema:
        valid = st.from_regex(schema["pattern"], fullmatch=True)
    else:
        valid = st.sampled_from(["MINUSCA", "minusca", "RWA", "troops", "BGD", "MONUSCO"])
    return st.one_of(valid, valid, junk)


@st.composite
def requests(draw, spec):
    """(path, query, declared statuses) for one operation of the description."""
    path = draw(st.sampled_from(sorted(spec["paths"])))
    operation = spec["paths"][path]["get"]
    query: dict[str, list[str]] = {}
    for parameter in operation["parameters"]:
        value = draw(value_for(parameter["schema"]))
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", str(value))
        elif draw(st.booleans()):
            query[parameter["name"]] = value if isinstance(value, list) else [value]
    if draw(st.integers(0, 9)) == 0:
        query[draw(st.sampled_from(["misison", "x", "page"]))] = [draw(junk)]
    return path, query, {int(code) for code in operation["responses"]}


@FUZZ
@given(data=st.data())
def test_requests_drawn_from_the_description_get_declared_answers(client, spec, data):
    path, query, declared = data.draw(requests(spec))
    response = client.get(spec["servers"][0]["url"] + path, query_string=query)
    assert response.status_code in declared - {503}, (path, query, response.status_code)
    if response.status_code >= 400:
        error = response.get_json()["error"]
        assert error["reason"] and "Traceback" not in error["reason"]
