"""The Perspective-compatible API (`/v1alpha1`): Coral Talk's exact requests, every
error in Perspective's shape, thresholds, evidence spans, languages and doNotStore."""
from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import sqlalchemy as sa
from fixtures_app import dispose, sqlite_app
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from moderation import services
from moderation.db import ScoreSuggestion
from moderation.extensions import db
from moderation.perspective.attributes import ATTRIBUTES

ANALYZE = "/v1alpha1/comments:analyze"
SUGGEST = "/v1alpha1/comments:suggestscore"
TURKISH = "Bu haber çok kötü yazılmış, gazeteci hiçbir şey bilmiyor ve yalan söylüyor."


def make_key(app: Flask, name: str = "coral") -> str:
    with app.app_context():
        return services.create_api_key(name)[1]


@pytest.fixture
def key(app: Flask) -> str:
    return make_key(app)


def coral_analyze(text: str, model: str = "TOXICITY", language: str = "en",
                  do_not_store: bool = False) -> dict[str, Any]:
    """The body Coral Talk's server sends to comments:analyze."""
    return {"comment": {"text": text}, "doNotStore": do_not_store,
            "requestedAttributes": {model: {}}, "languages": [language]}


def coral_suggest(text: str, comment_id: str, value: int, model: str = "TOXICITY",
                  language: str = "en") -> dict[str, Any]:
    """The body Coral Talk's server sends to comments:suggestscore."""
    context = json.dumps({"url": f"https://news.example/story?commentID={comment_id}",
                          "Coral_comment_id": comment_id})
    return {"comment": {"text": text}, "context": {"entries": [{"text": context}]},
            "attributeScores": {model: {"summaryScore": {"value": value}}},
            "languages": [language], "communityId": "Coral:https://news.example",
            "clientToken": f"comment:{comment_id}"}


def post(client: FlaskClient, path: str, body: Any, key: str | None) -> Any:
    url = path if key is None else f"{path}?key={key}"
    if isinstance(body, str | bytes):
        return client.post(url, data=body, content_type="application/json")
    return client.post(url, json=body)


def assert_error(response: Any, code: int, status: str, message: str = "") -> None:
    assert response.status_code == code
    assert response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert error["code"] == code and error["status"] == status
    assert message in error["message"]


# --- Coral Talk's contract ----------------------------------------------------------------


@pytest.mark.parametrize("model", list(ATTRIBUTES))
def test_coral_analyze_reads_summary_score(client: FlaskClient, key: str, model: str) -> None:
    toxic = post(client, ANALYZE, coral_analyze("You are a f u c k i n g idiot", model), key)
    clean = post(client, ANALYZE, coral_analyze(
        "Thanks for the clear report on the water rationing plan.", model), key)
    assert toxic.status_code == clean.status_code == 200
    toxic_value = toxic.get_json()["attributeScores"][model]["summaryScore"]["value"]
    clean_value = clean.get_json()["attributeScores"][model]["summaryScore"]["value"]
    assert 0.0 <= clean_value <= 1.0 and 0.0 <= toxic_value <= 1.0
    assert clean_value < 0.8
    assert toxic.get_json()["attributeScores"][model]["summaryScore"]["type"] == "PROBABILITY"
    if model in ("TOXICITY", "SEVERE_TOXICITY", "PROFANITY"):
        assert toxic_value >= 0.8 > clean_value


def test_disguised_swear_scores_over_corals_threshold(client: FlaskClient, key: str) -> None:
    body = coral_analyze("What a load of s.h.1.t from this reporter")
    body["requestedAttributes"] = dict.fromkeys(ATTRIBUTES, {})
    scores = post(client, ANALYZE, body, key).get_json()["attributeScores"]
    assert set(scores) == set(ATTRIBUTES)
    assert scores["PROFANITY"]["summaryScore"]["value"] >= 0.8
    assert scores["TOXICITY"]["summaryScore"]["value"] >= scores["PROFANITY"]["summaryScore"][
        "value"]


def test_analyze_echoes_client_token_and_languages(client: FlaskClient, key: str) -> None:
    body = {"comment": {"text": "The council approved the budget.", "type": "PLAIN_TEXT"},
            "requestedAttributes": {"TOXICITY": {"scoreType": "PROBABILITY"}},
            "clientToken": "tok-1", "sessionId": "s", "context": {"entries": [{"text": "x"}]}}
    data = post(client, ANALYZE, body, key).get_json()
    assert data["clientToken"] == "tok-1"
    assert data["languages"] == ["en"] and data["detectedLanguages"] == ["en"]
    with_language = post(client, ANALYZE, coral_analyze("Fine piece.", language="en-US"), key)
    assert with_language.get_json()["languages"] == ["en-US"]


def test_coral_suggestscore_is_stored(app: Flask, client: FlaskClient, key: str) -> None:
    body = coral_suggest("Ignorant drivel from a hack.", "c-42", 1)
    response = post(client, SUGGEST, body, key)
    assert response.status_code == 200
    assert response.get_json()["clientToken"] == "comment:c-42"
    with app.app_context():
        row = db.session.scalars(sa.select(ScoreSuggestion)).one()
        assert (row.text, row.attribute, row.value) == ("Ignorant drivel from a hack.",
                                                       "TOXICITY", 1.0)
        assert row.community_id == "Coral:https://news.example"
        assert row.client_token == "comment:c-42" and row.created_at is not None


def test_suggestscore_with_do_not_store_keeps_no_text(app: Flask, client: FlaskClient,
                                                      key: str) -> None:
    body = {**coral_suggest("Private words", "c-1", 0), "doNotStore": True}
    assert post(client, SUGGEST, body, key).status_code == 200
    with app.app_context():
        row = db.session.scalars(sa.select(ScoreSuggestion)).one()
        assert row.text is None and row.value == 0.0


# --- thresholds and spans ------------------------------------------------------------------


def test_score_threshold_leaves_out_low_scores(client: FlaskClient, key: str) -> None:
    body = coral_analyze("What a load of s.h.1.t from this reporter")
    body["requestedAttributes"] = {"PROFANITY": {"scoreThreshold": 0.5},
                                   "THREAT": {"scoreThreshold": 0.99}, "SPAM": {}}
    scores = post(client, ANALYZE, body, key).get_json()["attributeScores"]
    assert set(scores) == {"PROFANITY", "SPAM"}
    body["requestedAttributes"] = {"PROFANITY": {"scoreThreshold": 1.0}}
    assert post(client, ANALYZE, body, key).get_json()["attributeScores"] == {}


@pytest.mark.parametrize(("text", "attribute", "disguised"), [
    ("What a load of s.h.1.t from this reporter", "PROFANITY", "s.h.1.t"),
    ("🙂 ѕhіt article, really", "PROFANITY", "ѕhіt"),
    ("Mr. Editor, I will find you soon enough", "THREAT", "I will find you"),
    ("Buy cheap watches at example dot com", "SPAM", "example dot com"),
])
def test_span_scores_point_into_the_original_text(client: FlaskClient, key: str, text: str,
                                                  attribute: str, disguised: str) -> None:
    body = {"comment": {"text": text}, "spanAnnotations": True,
            "requestedAttributes": {attribute: {}, "TOXICITY": {}}}
    scores = post(client, ANALYZE, body, key).get_json()["attributeScores"]
    for name in (attribute, "TOXICITY"):
        spans = scores[name]["spanScores"]
        covered = [text[s["begin"]:s["end"]] for s in spans]
        assert any(disguised in piece for piece in covered), (name, covered)
        assert all(s["score"]["type"] == "PROBABILITY" and 0 < s["score"]["value"] <= 1
                   for s in spans)


def test_no_span_scores_unless_asked(client: FlaskClient, key: str) -> None:
    scores = post(client, ANALYZE, coral_analyze("s.h.1.t"), key).get_json()["attributeScores"]
    assert "spanScores" not in scores["TOXICITY"]


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["missing", "wrong", "revoked"])
def test_key_errors(app: Flask, client: FlaskClient, which: str) -> None:
    key = make_key(app)
    if which == "revoked":
        with app.app_context():
            services.revoke_api_key(services.list_api_keys()[0].id)
    sent = {"missing": None, "wrong": key + "x", "revoked": key}[which]
    for path, body in ((ANALYZE, coral_analyze("hello")), (SUGGEST, coral_suggest("hi", "1", 0))):
        assert_error(post(client, path, body, sent), 403, "PERMISSION_DENIED", "API key")


@pytest.mark.parametrize(("body", "message"), [
    ({"requestedAttributes": {"TOXICITY": {}}}, "text"),
    ({"comment": {}, "requestedAttributes": {"TOXICITY": {}}}, "text"),
    ({"comment": {"text": "  "}, "requestedAttributes": {"TOXICITY": {}}}, "text"),
    ({"comment": {"text": 5}, "requestedAttributes": {"TOXICITY": {}}}, "comment.text"),
    ({"comment": {"text": "hi"}}, "requestedAttributes"),
    ({"comment": {"text": "hi"}, "requestedAttributes": {}}, "requestedAttributes"),
    ({"comment": {"text": "hi"}, "requestedAttributes": {"TOXICITY": {}, "HATE": {}}},
     "Unknown attribute: HATE"),
    ({"comment": {"text": "<b>hi</b>", "type": "HTML"}, "requestedAttributes": {"TOXICITY": {}}},
     "HTML"),
    ({"comment": {"text": "hi"}, "requestedAttributes": {"TOXICITY": {"scoreThreshold": 2}}},
     "scoreThreshold"),
    ({"comment": {"text": "hi"}, "requestedAttributes": {"TOXICITY": {}}, "languages": ["ar"]},
     "Attribute TOXICITY does not support request languages: ar"),
    ({"comment": {"text": "hi"}, "requestedAttributes": {"INSULT": {}},
      "languages": ["en", "de"]}, "Attribute INSULT does not support request languages: de"),
    ('{"comment": {"text": "hi"}, ', "Invalid JSON"),
    ("[1, 2]", "expected an object"),
    (b"\xff\xfe", "Invalid JSON"),
    ("", "Invalid JSON"),
])
def test_invalid_argument(client: FlaskClient, key: str, body: Any, message: str) -> None:
    assert_error(post(client, ANALYZE, body, key), 400, "INVALID_ARGUMENT", message)


def test_text_limit_is_20480_utf8_bytes(client: FlaskClient, key: str) -> None:
    at_limit = "é" * 10240  # 20,480 bytes, 10,240 code points
    assert post(client, ANALYZE, coral_analyze(at_limit), key).status_code in (200, 400)
    fits = "a " * 10240
    assert post(client, ANALYZE, coral_analyze(fits), key).status_code == 200
    over = post(client, ANALYZE, coral_analyze(fits + "a"), key)
    assert_error(over, 400, "INVALID_ARGUMENT", "20481 bytes")
    multibyte = post(client, ANALYZE, coral_analyze("é" * 10241), key)
    assert_error(multibyte, 400, "INVALID_ARGUMENT", "20482 bytes")


def test_suggestscore_errors(client: FlaskClient, key: str) -> None:
    no_scores = {**coral_suggest("hi", "1", 0), "attributeScores": {}}
    assert_error(post(client, SUGGEST, no_scores, key), 400, "INVALID_ARGUMENT")
    unknown = coral_suggest("hi", "1", 1, model="HATE")
    assert_error(post(client, SUGGEST, unknown, key), 400, "INVALID_ARGUMENT", "HATE")
    out_of_range = coral_suggest("hi", "1", 3)
    assert_error(post(client, SUGGEST, out_of_range, key), 400, "INVALID_ARGUMENT", "[0, 1]")
    assert_error(post(client, SUGGEST, {"attributeScores": {}}, key), 400, "INVALID_ARGUMENT")


def test_other_paths_and_methods_answer_in_perspective_shape(client: FlaskClient) -> None:
    assert_error(client.get(ANALYZE), 405, "UNIMPLEMENTED")
    assert_error(client.get("/v1alpha1/comments:nothing"), 404, "NOT_FOUND")
    assert_error(client.post("/v1alpha1/attributes"), 404, "NOT_FOUND")


def test_oversized_body_is_invalid_argument(client: FlaskClient, key: str) -> None:
    body = json.dumps(coral_analyze("x" * 1_000_000))
    assert_error(post(client, ANALYZE, body, key), 400, "INVALID_ARGUMENT", "size")


def test_rate_limit_is_resource_exhausted(tmp_path: Path, sqlite_template: Path,
                                          screener: Any) -> None:
    app = sqlite_app(tmp_path, sqlite_template, screener, RATELIMIT_ENABLED=True,
                     PERSPECTIVE_RATELIMIT="2/minute",
                     RATELIMIT_KEY_PREFIX=f"perspective-{uuid.uuid4().hex}")
    key = make_key(app)
    client = app.test_client()
    statuses = [post(client, ANALYZE, coral_analyze("hello there"), key).status_code
                for _ in range(3)]
    assert statuses == [200, 200, 429]
    limited = post(client, ANALYZE, coral_analyze("hello there"), key)
    assert_error(limited, 429, "RESOURCE_EXHAUSTED")
    assert int(limited.headers["Retry-After"]) > 0
    other_key = make_key(app, "other")
    assert post(client, ANALYZE, coral_analyze("hello there"), other_key).status_code == 200
    dispose(app)


# --- languages -------------------------------------------------------------------------------


def test_uncovered_language_is_refused_even_when_declared_english(client: FlaskClient,
                                                                  key: str) -> None:
    for text in (TURKISH, "هذا المقال كاذب والصحفي لا يعرف شيئا عن الموضوع"):
        response = post(client, ANALYZE, coral_analyze(text), key)
        assert_error(response, 400, "INVALID_ARGUMENT",
                     "Attribute TOXICITY does not support request languages: ")
        detail = response.get_json()["error"]["details"][0]
        assert detail["errorType"] == "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE"


def test_hold_uncovered_scores_one_and_logs_why(tmp_path: Path, sqlite_template: Path,
                                                screener: Any,
                                                capfd: pytest.CaptureFixture[str]) -> None:
    app = sqlite_app(tmp_path, sqlite_template, screener, PERSPECTIVE_HOLD_UNCOVERED=True)
    key = make_key(app)
    body = coral_analyze(TURKISH)
    body["requestedAttributes"] = {"TOXICITY": {}, "SEVERE_TOXICITY": {}}
    response = post(app.test_client(), ANALYZE, body, key)
    assert response.status_code == 200
    scores = response.get_json()["attributeScores"]
    assert scores["TOXICITY"]["summaryScore"]["value"] == 1.0
    assert scores["SEVERE_TOXICITY"]["summaryScore"]["value"] == 1.0
    assert response.get_json()["detectedLanguages"] == ["tr"]
    assert "PERSPECTIVE_HOLD_UNCOVERED" in capfd.readouterr().err
    english = post(app.test_client(), ANALYZE, coral_analyze("Good article, thanks."), key)
    assert english.get_json()["attributeScores"]["TOXICITY"]["summaryScore"]["value"] < 0.8
    dispose(app)


# --- doNotStore -------------------------------------------------------------------------------


def test_do_not_store_leaves_no_trace(tmp_path: Path, sqlite_template: Path, screener: Any,
                                      capfd: pytest.CaptureFixture[str]) -> None:
    app = sqlite_app(tmp_path, sqlite_template, screener, LOG_LEVEL="DEBUG",
                     PERSPECTIVE_HOLD_UNCOVERED=True)
    key = make_key(app)
    client = app.test_client()
    marker = f"zq{uuid.uuid4().hex}"
    before = client.get("/metrics").get_data(as_text=True)
    for text in (f"You {marker} idiot", f"{TURKISH} {marker}"):
        body = {**coral_analyze(text, do_not_store=True), "spanAnnotations": True}
        assert post(client, ANALYZE, body, key).status_code == 200
        suggest = {**coral_suggest(text, "c-9", 1), "doNotStore": True}
        assert post(client, SUGGEST, suggest, key).status_code == 200
    dispose(app)
    stored = b"".join(path.read_bytes() for path in tmp_path.glob("moderation.sqlite*"))
    assert stored and marker.encode() not in stored
    logged = capfd.readouterr()
    assert "comments:analyze" in logged.err  # the request log ran and was captured
    assert marker not in logged.out + logged.err
    after = app.test_client().get("/metrics").get_data(as_text=True)
    assert _counter(after, "analyze") > _counter(before, "analyze")


def _counter(metrics: str, method: str) -> float:
    return sum(float(line.rsplit(" ", 1)[1]) for line in metrics.splitlines()
               if line.startswith("moderation_perspective_requests_total{")
               and f'method="{method}"' in line)


# --- OpenAPI ------------------------------------------------------------------------------------


def test_openapi_document_lists_both_methods(client: FlaskClient, key: str) -> None:
    document = client.get("/v1alpha1/openapi.json").get_json()
    validate(document)
    assert set(document["paths"]) == {ANALYZE, SUGGEST}
    operation = document["paths"][ANALYZE]["post"]
    assert {"200", "400", "403", "429"} <= set(operation["responses"])
    registry = Registry().with_resource("urn:doc", DRAFT202012.create_resource(document))

    def check(status: str, path: str, payload: Any) -> None:
        ref = document["paths"][path]["post"]["responses"][status]["content"][
            "application/json"]["schema"]["$ref"]
        jsonschema.Draft202012Validator({"$ref": "urn:doc#" + ref[1:]},
                                        registry=registry).validate(payload)

    body = {**coral_analyze("s.h.1.t"), "spanAnnotations": True, "clientToken": "t"}
    check("200", ANALYZE, post(client, ANALYZE, body, key).get_json())
    check("200", SUGGEST, post(client, SUGGEST, coral_suggest("x", "1", 1), key).get_json())
    check("400", ANALYZE, post(client, ANALYZE, {}, key).get_json())
    check("403", ANALYZE, post(client, ANALYZE, {}, None).get_json())


def test_keys_and_suggestions_on_every_backend(backend_app: Flask) -> None:
    client = backend_app.test_client()
    key = make_key(backend_app)
    assert post(client, ANALYZE, coral_analyze("A fair point, well made."), key).status_code == 200
    assert post(client, SUGGEST, coral_suggest("A fair point", "c-7", 0), key).status_code == 200
    with backend_app.app_context():
        row = db.session.scalars(sa.select(ScoreSuggestion)).one()
        assert (row.text, row.client_token, row.value) == ("A fair point", "comment:c-7", 0.0)
        services.revoke_api_key(services.list_api_keys()[0].id)
    assert_error(post(client, ANALYZE, coral_analyze("hi"), key), 403, "PERMISSION_DENIED")
