"""Declared endpoints: request parsing, response serialisation and the OpenAPI 3.1 document.

Why a small builder rather than flask-openapi3 or spectree: the API's error contract
(one `{"error": {code, message, fields}}` shape; 400 only for bodies that are not JSON,
415 for other media types, 422 for invalid UTF-8 and invalid fields, with our own field
paths) and the byte-exact text handling (the body is decoded and parsed here, so nothing
strips or re-encodes the comment) are easier to guarantee in ~200 lines over pydantic's
own `models_json_schema` than by overriding those libraries' validation hooks. What makes
the document trustworthy is kept: `endpoint` is the only way an API route is declared,
the same pydantic models validate the traffic and produce the schemas, and the tests
check every response against the generated document.
"""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Response, g, request
from pydantic import BaseModel, ValidationError
from pydantic.json_schema import models_json_schema

from moderation.errors import (
    MalformedRequest,
    Unauthorized,
    UnsupportedMediaType,
    ValidationFailed,
)
from moderation.schemas import ErrorOut

__all__ = ["ENDPOINTS", "Endpoint", "build_spec", "endpoint"]

_PATH_ARG = re.compile(r"<(?:[a-z_]+:)?([a-z_]+)>")

ERROR_DESCRIPTIONS = {
    400: "Malformed JSON.",
    401: "Missing or invalid moderator token.",
    404: "Not found.",
    413: "Request body too large.",
    415: "Content-Type is not application/json.",
    422: "Invalid fields (see `fields`).",
    429: "Rate limited; see the Retry-After header.",
    500: "Internal error (no details are exposed).",
    503: "Not ready: the database or the model is unavailable.",
}


@dataclass
class Endpoint:
    """One declared API operation."""

    method: str
    path: str
    name: str
    summary: str
    responses: dict[int, type[BaseModel] | None]
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    auth: bool = False
    rate_limited: bool = False
    errors: tuple[int, ...] = ()
    tags: tuple[str, ...] = ()
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    request_headers: dict[str, str] = field(default_factory=dict)

    @property
    def path_args(self) -> list[str]:
        return _PATH_ARG.findall(self.path)

    @property
    def openapi_path(self) -> str:
        return _PATH_ARG.sub(r"{\1}", self.path)

    @property
    def error_statuses(self) -> list[int]:
        statuses = set(self.errors) | {500, 503}  # 503: the database is unreachable
        if self.body is not None:
            statuses |= {400, 413, 415, 422}
        if self.query is not None:
            statuses.add(422)
        if self.path_args:
            statuses.add(404)
        if self.auth:
            statuses.add(401)
        if self.rate_limited:
            statuses.add(429)
        return sorted(statuses - set(self.responses))


#: Every declared endpoint, in declaration order (filled when the blueprints are imported).
ENDPOINTS: list[Endpoint] = []


def endpoint(
    bp: Blueprint, method: str, rule: str, *, responses: dict[int, type[BaseModel] | None],
    body: type[BaseModel] | None = None, query: type[BaseModel] | None = None,
    auth: bool = False, rate_limited: bool = False, errors: Iterable[int] = (),
    tags: Iterable[str] = (), content_type: str = "application/json",
    headers: dict[str, str] | None = None, request_headers: dict[str, str] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare and register an operation on `bp`.

    The view is called with the path arguments, plus `body=` and `query=` (validated
    models) when declared, and `g.moderator` set when `auth`. It returns a response
    model, `(model, status)` or `(model, status, headers)`, or a `Response`. `headers`
    documents response headers, `request_headers` optional request headers.
    """

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        declared = Endpoint(
            method=method, path=(bp.url_prefix or "") + rule, name=view.__name__,
            summary=(view.__doc__ or view.__name__).strip().splitlines()[0],
            responses=responses, body=body, query=query, auth=auth,
            rate_limited=rate_limited, errors=tuple(errors), tags=tuple(tags),
            content_type=content_type, headers=dict(headers or {}),
            request_headers=dict(request_headers or {}),
        )
        ENDPOINTS.append(declared)

        @functools.wraps(view)
        def handle(**path_args: Any) -> Any:
            if auth:
                g.moderator = _authenticate()
            kwargs = dict(path_args)
            if body is not None:
                kwargs["body"] = parse_body(body)
            if query is not None:
                kwargs["query"] = _validated(query, request.args.to_dict(), "query")
            return _serialise(view(**kwargs), declared)

        bp.add_url_rule(rule, endpoint=view.__name__, view_func=handle, methods=[method])
        return handle

    return decorate


def parse_body(model: type[BaseModel]) -> BaseModel:
    """The JSON request body validated by `model`: 415, 413, 400 or 422 otherwise.

    The body is decoded as strict UTF-8 and parsed by the standard library, so strings
    keep every character (CR, LF, leading spaces, combining marks) exactly.
    """
    mimetype = request.mimetype
    if mimetype != "application/json" and not mimetype.endswith("+json"):
        raise UnsupportedMediaType(
            f"Send JSON with Content-Type: application/json (got {mimetype or 'none'!r}).")
    raw = request.get_data(cache=True)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValidationFailed("The request body is not valid UTF-8.",
                               {"body": f"invalid UTF-8 at byte {error.start}"},
                               code="invalid_utf8") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise MalformedRequest(f"Malformed JSON: {error.msg} (line {error.lineno}, "
                               f"column {error.colno}).") from None
    except (RecursionError, ValueError):  # nesting too deep; an integer over 4300 digits
        raise MalformedRequest("Malformed JSON: nested too deeply or a number too long.") \
            from None
    return _validated(model, data, "body")


def _validated(model: type[BaseModel], data: Any, where: str) -> BaseModel:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        fields = {}
        for problem in error.errors(include_url=False):
            name = ".".join(str(part) for part in problem["loc"]) or where
            fields.setdefault(name, problem["msg"])
        raise ValidationFailed(f"Invalid {where}: " + "; ".join(
            f"{name}: {message}" for name, message in fields.items()), fields) from None


def _authenticate() -> Any:
    # Imported here: services -> observability -> openapi would otherwise be circular.
    from moderation import services

    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    moderator = services.moderator_for_token(token.strip()) if scheme.lower() == "bearer" else None
    if moderator is None:
        raise Unauthorized("A valid moderator token is required (Authorization: Bearer ...).")
    return moderator


def _serialise(result: Any, declared: Endpoint) -> Any:
    if isinstance(result, Response):
        return result
    headers: dict[str, str] = {}
    status = min(code for code in declared.responses if code < 400)
    if isinstance(result, tuple):
        result, status, *rest = result
        headers = rest[0] if rest else {}
    payload = result.model_dump_json() if isinstance(result, BaseModel) else json.dumps(result)
    return Response(payload, status=status, headers=headers, mimetype="application/json")


def build_spec(title: str, version: str, endpoints: Iterable[Endpoint] = ()) -> dict[str, Any]:
    """The OpenAPI 3.1 document of `endpoints` (default: all declared)."""
    endpoints = list(endpoints) or ENDPOINTS
    request_models = {e.body for e in endpoints if e.body is not None}
    response_models = {m for e in endpoints for m in e.responses.values() if m is not None}
    response_models.add(ErrorOut)
    pairs = [(m, "validation") for m in request_models]
    pairs += [(m, "serialization") for m in response_models]
    refs, top = models_json_schema(pairs, ref_template="#/components/schemas/{model}")
    paths: dict[str, dict[str, Any]] = {}
    for declared in endpoints:
        operation = _operation(declared, refs)
        paths.setdefault(declared.openapi_path, {})[declared.method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {"title": title, "version": version,
                 "description": "Comment moderation for news sites: screen, store and "
                 "moderate reader comments. Errors are always "
                 '`{"error": {"code", "message", "fields"}}`.'},
        "paths": paths,
        "components": {
            "schemas": top.get("$defs", {}),
            "securitySchemes": {"moderatorToken": {"type": "http", "scheme": "bearer"}},
        },
    }


def _operation(declared: Endpoint, refs: dict[Any, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = {"operationId": declared.name, "summary": declared.summary}
    if declared.tags:
        operation["tags"] = list(declared.tags)
    parameters = [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                  for name in declared.path_args]
    if declared.query is not None:
        schema = declared.query.model_json_schema()
        required = set(schema.get("required", ()))
        parameters += [{"name": name, "in": "query", "required": name in required,
                        "schema": prop} for name, prop in schema["properties"].items()]
    parameters += [{"name": name, "in": "header", "required": False,
                    "schema": {"type": "string", "maxLength": 200}, "description": text}
                   for name, text in declared.request_headers.items()]
    if parameters:
        operation["parameters"] = parameters
    if declared.body is not None:
        operation["requestBody"] = {"required": True, "content": {
            "application/json": {"schema": refs[(declared.body, "validation")]}}}
    if declared.auth:
        operation["security"] = [{"moderatorToken": []}]
    responses: dict[str, Any] = {}
    for status, model in declared.responses.items():
        responses[str(status)] = _response(declared, model, refs)
    error_ref = refs[(ErrorOut, "serialization")]
    for status in declared.error_statuses:
        responses[str(status)] = {"description": ERROR_DESCRIPTIONS[status],
                                  "content": {"application/json": {"schema": error_ref}}}
        if status in (429, 503):
            responses[str(status)]["headers"] = {"Retry-After": {
                "description": "Seconds to wait.", "schema": {"type": "integer"}}}
    operation["responses"] = responses
    return operation


def _response(declared: Endpoint, model: type[BaseModel] | None,
              refs: dict[Any, Any]) -> dict[str, Any]:
    if declared.content_type != "application/json":
        schema: dict[str, Any] = {"type": "string"}
    elif model is None:
        schema = {"type": "object"}
    else:
        schema = refs[(model, "serialization")]
    response: dict[str, Any] = {"description": "OK",
                                "content": {declared.content_type: {"schema": schema}}}
    if declared.headers:
        response["headers"] = {name: {"description": text, "schema": {"type": "string"}}
                               for name, text in declared.headers.items()}
    return response
