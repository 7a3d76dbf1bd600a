"""The `/v1alpha1` blueprint: `comments:analyze` and `comments:suggestscore`.

A second edge beside `/api/v1`: parse the Perspective request, check the key, call the
screener and the services, answer in Perspective's shapes. Nothing of an analyzed text is
stored or logged (with or without `doNotStore`); suggestions store their text unless
`doNotStore` is true.
"""
from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

from flask import Blueprint, Response, current_app, request
from prometheus_client import Counter
from pydantic import BaseModel, ValidationError
from werkzeug.exceptions import MethodNotAllowed, NotFound

from moderation import services
from moderation.extensions import limiter
from moderation.perspective.attributes import (
    ATTRIBUTES,
    category_scores,
    score_attributes,
    span_scores,
)
from moderation.perspective.errors import PerspectiveError, invalid, register_handlers
from moderation.perspective.openapi import build_document
from moderation.perspective.schemas import (
    MAX_TEXT_BYTES,
    AnalyzeRequest,
    AnalyzeResponse,
    SuggestRequest,
    SuggestResponse,
    TextEntry,
)
from moderation.pipeline.language import COVERED_LANGUAGES
from moderation.pipeline.types import Decision

__all__ = ["bp"]

#: Requests per key (or client address without a key); MODERATION_PERSPECTIVE_RATELIMIT.
DEFAULT_RATELIMIT = "600/minute"

REQUESTS = Counter(
    "moderation_perspective_requests_total",
    "Perspective-compatible API requests by method and outcome",
    ["method", "outcome"],
)

log = logging.getLogger(__name__)
bp = Blueprint("perspective", __name__, url_prefix="/v1alpha1")
register_handlers(bp)


def _limit() -> str:
    return str(current_app.config.get("PERSPECTIVE_RATELIMIT") or DEFAULT_RATELIMIT)


def _client_key() -> str:
    key = request.args.get("key", "")
    if key:
        return "key:" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()
    return "addr:" + (request.remote_addr or "unknown")


_rate_limited = limiter.limit(_limit, key_func=_client_key, scope="perspective")


def _require_key() -> None:
    key = request.args.get("key") or request.headers.get("X-Goog-Api-Key", "")
    if not services.api_key_is_valid(key):
        raise PerspectiveError(403, "The request is missing a valid API key.")


def _parse(model: type[BaseModel]) -> Any:
    """The JSON body validated by `model`, or 400 INVALID_ARGUMENT saying what is wrong."""
    raw = request.get_data(cache=False)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as error:  # bad UTF-8 or JSON, too deep, too long
        raise invalid(f"Invalid JSON payload received: {error}.") from None
    if not isinstance(data, dict):
        raise invalid("Invalid JSON payload received: expected an object.")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problem = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in problem["loc"])
        raise invalid(f"Invalid value at '{where}': {problem['msg']}.") from None


def _comment_text(comment: TextEntry | None) -> str:
    if comment is None or comment.text is None or not comment.text.strip():
        raise invalid("Comment must have text: comment.text is required and non-empty.")
    if comment.type == "HTML":
        raise invalid("Comment type HTML is not supported: send PLAIN_TEXT.")
    try:
        size = len(comment.text.encode("utf-8"))
    except UnicodeEncodeError:
        raise invalid("comment.text is not valid Unicode (lone surrogate).") from None
    if size > MAX_TEXT_BYTES:
        raise invalid(f"Comment text too long: {size} bytes, the limit is {MAX_TEXT_BYTES}.")
    return comment.text


def _attribute_names(names: list[str] | None) -> list[str]:
    if not names:
        raise invalid("requestedAttributes must name at least one attribute.")
    unknown = [name for name in names if name not in ATTRIBUTES]
    if unknown:
        raise invalid(f"Unknown attribute: {unknown[0]}. Supported: {', '.join(ATTRIBUTES)}.")
    return names


def _language_error(attribute: str, languages: list[str], detected: bool) -> PerspectiveError:
    return invalid(
        f"Attribute {attribute} does not support request languages: {','.join(languages)}",
        [{"@type": "type.googleapis.com/google.commentanalyzer.v1alpha1.Error",
          "errorType": "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE",
          "languageNotSupportedByAttributeError": {
              "detectedLanguages": languages if detected else [],
              "requestedLanguages": [] if detected else languages,
              "attribute": attribute}}],
    )


def _check_requested_languages(languages: list[str] | None, attribute: str) -> None:
    uncovered = [code for code in languages or ()
                 if code.split("-")[0].split("_")[0].lower() not in COVERED_LANGUAGES]
    if uncovered:
        raise _language_error(attribute, uncovered, detected=False)


def _uncovered_language(decision: Decision) -> str | None:
    """The detected language when the screener says our models do not cover it."""
    reason = next((r for r in decision.reasons if r.category == "language"), None)
    return None if reason is None else (reason.detail or decision.language or "und")


@bp.post("/comments:analyze")
@_rate_limited
def analyze() -> Any:
    """Score a comment for the requested attributes (Perspective `comments:analyze`)."""
    _require_key()
    body: AnalyzeRequest = _parse(AnalyzeRequest)
    text = _comment_text(body.comment)
    names = _attribute_names(list(body.requestedAttributes or {}))
    _check_requested_languages(body.languages, names[0])
    decision = services.current_screener().screen(text)
    uncovered = _uncovered_language(decision)
    if uncovered is not None:
        if not current_app.config.get("PERSPECTIVE_HOLD_UNCOVERED"):
            REQUESTS.labels("analyze", "language_not_supported").inc()
            raise _language_error(names[0], [uncovered], detected=True)
        log.warning("perspective: text in uncovered language %r scored 1.0 for every "
                    "requested attribute so the client holds it for a human "
                    "(PERSPECTIVE_HOLD_UNCOVERED)", uncovered)
        scores = dict.fromkeys(names, 1.0)
        outcome = "held_uncovered"
    else:
        scores = score_attributes(decision, names)
        outcome = "scored"
    REQUESTS.labels("analyze", outcome).inc()
    detected = [decision.language] if decision.language not in (None, "und") else []
    response = AnalyzeResponse(
        attributeScores=_attribute_scores(body, decision, scores, uncovered is None),
        languages=body.languages or detected or ["en"],
        detectedLanguages=detected,
        clientToken=body.clientToken,
    )
    return _json(response)


def _attribute_scores(body: AnalyzeRequest, decision: Decision, scores: dict[str, float],
                      with_spans: bool) -> dict[str, Any]:
    per_category = category_scores(decision)
    result: dict[str, Any] = {}
    for name, value in scores.items():
        parameters = (body.requestedAttributes or {})[name]
        if parameters.scoreThreshold is not None and value < parameters.scoreThreshold:
            continue
        entry: dict[str, Any] = {"summaryScore": {"value": value, "type": "PROBABILITY"}}
        if body.spanAnnotations and with_spans:
            entry["spanScores"] = span_scores(decision, name, per_category)
        result[name] = entry
    return result


@bp.post("/comments:suggestscore")
@_rate_limited
def suggestscore() -> Any:
    """Store a moderator's score for a comment (Perspective `comments:suggestscore`)."""
    _require_key()
    body: SuggestRequest = _parse(SuggestRequest)
    text = _comment_text(body.comment)
    suggested = body.attributeScores or {}
    _attribute_names(list(suggested))
    for name, score in suggested.items():
        if not 0.0 <= score.summaryScore.value <= 1.0:
            raise invalid(f"attributeScores.{name}.summaryScore.value must be in [0, 1].")
    services.store_score_suggestions(
        None if body.doNotStore else text,
        {name: score.summaryScore.value for name, score in suggested.items()},
        body.communityId, body.clientToken,
    )
    REQUESTS.labels("suggestscore", "stored").inc()
    return _json(SuggestResponse(clientToken=body.clientToken,
                                 requestedLanguages=body.languages))


@bp.get("/openapi.json")
def openapi() -> Any:
    """The OpenAPI document of this API."""
    return build_document()


@bp.route("/<path:rest>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def not_found(rest: str) -> Any:
    """Anything else under /v1alpha1: Perspective's error shape, never an HTML page."""
    if rest in ("comments:analyze", "comments:suggestscore"):
        raise MethodNotAllowed(["POST"])
    raise NotFound(f"Method not found: /v1alpha1/{rest}.")


def _json(model: BaseModel) -> Response:
    return Response(model.model_dump_json(exclude_none=True), mimetype="application/json")
