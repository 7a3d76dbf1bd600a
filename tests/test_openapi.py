"""The OpenAPI 3.1 document: valid, complete, and generated from the live schemas.
(Every API test's responses are also checked against it by `SpecCheckingClient`.)"""
from __future__ import annotations

from openapi_spec_validator import validate

from moderation.openapi import ENDPOINTS


def test_document_is_valid_openapi_31(client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    assert spec["openapi"] == "3.1.0"
    validate(spec)


def test_every_route_is_documented(app, client) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    documented = {(path, method.upper()) for path, item in spec["paths"].items()
                  for method in item}
    for rule in app.url_map.iter_rules():
        if not (rule.rule.startswith("/api/v1/") or rule.rule in {"/healthz", "/readyz",
                                                                   "/metrics"}):
            continue
        path = rule.rule.replace("<", "{").replace(">", "}")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method) in documented, f"{method} {path} is not documented"
    assert len(documented) >= len(ENDPOINTS) >= 13


def test_errors_and_limits_are_described(client) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    post = spec["paths"]["/api/v1/comments"]["post"]
    assert set(post["responses"]) >= {"201", "400", "413", "415", "422", "429", "500"}
    assert "Retry-After" in post["responses"]["429"]["headers"]
    assert post["responses"]["422"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorOut"}
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header"
               for p in post["parameters"])
    comment_in = spec["components"]["schemas"]["CommentIn"]
    assert comment_in["additionalProperties"] is False
    assert set(comment_in["required"]) == {"article_id", "author", "text"}
    assert comment_in["properties"]["text"]["maxLength"] == 5000
    queue = spec["paths"]["/api/v1/queue"]["get"]
    assert queue["security"] == [{"moderatorToken": []}]
    assert {p["name"] for p in queue["parameters"]} >= {"status", "page", "per_page"}


def test_responses_conform_beyond_the_happy_path(client) -> None:
    """The checking client raises if any of these answers differ from the document."""
    client.get("/api/v1/hello")
    client.get("/api/v1/comments/nope")
    client.post("/api/v1/comments", data="x", content_type="text/plain")
    client.post("/api/v1/screen", json={"text": "Thanks, a useful explainer."})
    client.get("/api/v1/queue")
    assert client.get("/healthz").get_json() == {"status": "ok"}
