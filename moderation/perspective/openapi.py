"""The OpenAPI 3.1 document of `/v1alpha1`, generated from the pydantic models that
validate the traffic (`moderation.perspective.schemas`), served at
`/v1alpha1/openapi.json` beside the main API's document."""
from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from moderation.perspective.attributes import ATTRIBUTES
from moderation.perspective.schemas import (
    AnalyzeRequest,
    AnalyzeResponse,
    ErrorBody,
    SuggestRequest,
    SuggestResponse,
)

__all__ = ["build_document"]

_ERRORS = {
    "400": "INVALID_ARGUMENT: malformed JSON, no text, HTML, text over 20,480 bytes, "
           "empty or unknown attribute, or a language we do not cover.",
    "403": "PERMISSION_DENIED: missing, wrong or revoked key.",
    "429": "RESOURCE_EXHAUSTED: rate limited (see Retry-After).",
    "503": "UNAVAILABLE: no model is loaded.",
}

_OPERATIONS: tuple[tuple[str, str, str, type[BaseModel], type[BaseModel]], ...] = (
    ("/v1alpha1/comments:analyze", "analyzeComment",
     "Score a comment for the requested attributes.", AnalyzeRequest, AnalyzeResponse),
    ("/v1alpha1/comments:suggestscore", "suggestCommentScore",
     "Store a moderator's score for a comment.", SuggestRequest, SuggestResponse),
)


def _operation(operation_id: str, summary: str, request_ref: dict[str, Any],
               response_ref: dict[str, Any], error_ref: dict[str, Any]) -> dict[str, Any]:
    responses: dict[str, Any] = {
        "200": {"description": "OK", "content": {"application/json": {"schema": response_ref}}}
    }
    for status, description in _ERRORS.items():
        responses[status] = {"description": description,
                             "content": {"application/json": {"schema": error_ref}}}
    return {
        "operationId": operation_id,
        "summary": summary,
        "security": [{"key": []}],
        "requestBody": {"required": True,
                        "content": {"application/json": {"schema": request_ref}}},
        "responses": responses,
    }


@cache
def build_document() -> dict[str, Any]:
    """The document (built once per process: the models do not change at run time)."""
    models: list[tuple[type[BaseModel], Any]] = [(ErrorBody, "serialization")]
    for _, _, _, request_model, response_model in _OPERATIONS:
        models += [(request_model, "validation"), (response_model, "serialization")]
    refs, top = models_json_schema(models, ref_template="#/components/schemas/{model}")
    error_ref = refs[(ErrorBody, "serialization")]
    paths = {
        path: {"post": _operation(operation_id, summary, refs[(request_model, "validation")],
                                  refs[(response_model, "serialization")], error_ref)}
        for path, operation_id, summary, request_model, response_model in _OPERATIONS
    }
    attributes = ", ".join(f"{a.name} ({a.description})" for a in ATTRIBUTES.values())
    return {
        "openapi": "3.1.0",
        "info": {"title": "Moderation: Perspective-compatible API", "version": "v1alpha1",
                 "description": "A self-hosted drop-in for Google's Perspective API. "
                 f"Attributes: {attributes}. Errors are "
                 '`{"error": {"code", "message", "status"}}`.'},
        "paths": paths,
        "components": {
            "schemas": top.get("$defs", {}),
            "securitySchemes": {"key": {"type": "apiKey", "in": "query", "name": "key"}},
        },
    }
