"""The OpenAPI document and its documentation page."""

import re

from openapi_spec_validator import validate
from openapi_spec_validator.validation.validators import OpenAPIV31SpecValidator


def test_the_document_is_valid_openapi_3_1(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    document = response.get_json()
    assert document["openapi"] == "3.1.0"
    validate(document, cls=OpenAPIV31SpecValidator)
    assert {"/api/v1/matches", "/api/v1/members"} <= set(document["paths"])


def test_every_operation_documents_its_problems_and_pages(client):
    document = client.get("/api/v1/openapi.json").get_json()
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for name in ("BAD_REQUEST", "UNAUTHORIZED", "DEFAULT_ERROR"):
        assert document["components"]["responses"][name]["content"] == problem
    for path in ("/api/v1/matches", "/api/v1/members"):
        responses = document["paths"][path]["get"]["responses"]
        assert {"200", "400", "401", "default"} <= set(responses)
        assert "Link" in responses["200"]["headers"]
    # A personal access token, or the session cookie of a member signed in on the site.
    assert document["security"] == [{"token": []}, {"session": []}]
    assert document["components"]["securitySchemes"]["token"] == {
        "type": "http", "scheme": "bearer", "description": document["components"]["securitySchemes"]["token"][
            "description"]}


def test_the_docs_page_loads_only_local_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert not re.search(r"(?i)\b(?:https?:)?//", html), "the page names another host"
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert {"/api/v1/docs/assets/swagger-ui.css", "/api/v1/docs/assets/swagger-ui-bundle.js",
            "/static/js/api-docs.js", "/api/v1/openapi.json"} <= set(assets)
    for asset in assets:
        loaded = client.get(asset)
        assert loaded.status_code == 200, asset
        loaded.close()
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_a_missing_asset_is_a_problem(client):
    response = client.get("/api/v1/docs/assets/nothing.js")
    assert response.status_code == 404 and response.mimetype == "application/problem+json"


def test_every_operation_documents_what_it_may_answer(client):
    """Every operation is for a member (401), a write may meet a read-only token (403), a path
    naming an id may name nothing (404), a body may be refused (422) and a query string too (400)."""
    document = client.get("/api/v1/openapi.json").get_json()
    gaps = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            expected = {"401"}
            expected |= {"403"} if method != "get" else set()
            expected |= {"404"} if "{" in path else set()
            expected |= {"422"} if "requestBody" in operation else set()
            expected |= {"400"} if any(p.get("in") == "query" for p in operation.get("parameters", [])) else set()
            missing = expected - set(operation["responses"])
            if missing or not (operation.get("summary") or operation.get("description")):
                gaps.append((method.upper(), path, sorted(missing)))
    assert gaps == []
