"""Errors as data: one JSON shape for every failure under `/api`.

`{"error": {"code": "...", "message": "...", "fields": {...}}}` with the right status.
Services raise `ServiceError` subclasses (they know nothing of HTTP status codes
beyond the one each class carries); `init_app` turns them, and every HTTP error under
`/api`, into that shape. Unexpected exceptions become a 500 without a stack trace.
"""
from __future__ import annotations

import logging
import math
import time
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, jsonify, request
from flask_limiter.errors import RateLimitExceeded
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException

from moderation.extensions import limiter

__all__ = [
    "Conflict",
    "MalformedRequest",
    "NotFound",
    "ServiceError",
    "ServiceUnavailable",
    "Unauthorized",
    "UnsupportedMediaType",
    "ValidationFailed",
    "error_response",
    "init_app",
]

log = logging.getLogger(__name__)

#: Machine-readable codes for the HTTP errors the API can return.
HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


class ServiceError(Exception):
    """A request the services refuse: carries its status, code, message and fields."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, fields: Mapping[str, str] | None = None,
                 code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = dict(fields or {})
        if code is not None:
            self.code = code


class MalformedRequest(ServiceError):
    """A body that is not JSON at all."""

    status = 400
    code = "malformed_json"


class UnsupportedMediaType(ServiceError):
    status = 415
    code = "unsupported_media_type"


class ValidationFailed(ServiceError):
    """Well-formed input with invalid values (empty text, unknown article, ...)."""

    status = 422
    code = "invalid"


class NotFound(ServiceError):
    status = 404
    code = "not_found"


class Unauthorized(ServiceError):
    status = 401
    code = "unauthorized"


class ServiceUnavailable(ServiceError):
    status = 503
    code = "unavailable"


class Conflict(ServiceError):
    status = 409
    code = "conflict"


def error_response(code: str, message: str, status: int,
                   fields: Mapping[str, str] | None = None) -> Response:
    """The JSON error response every API failure uses."""
    response = jsonify({"error": {"code": code, "message": message, "fields": dict(fields or {})}})
    response.status_code = status
    return response


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _service_error(error: ServiceError) -> Response:
    response = error_response(error.code, error.message, error.status, error.fields)
    if error.status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="moderation"'
    return response


def _http_error(error: HTTPException) -> Any:
    if not _wants_json():
        return error
    status = error.code or 500
    response = error_response(HTTP_CODES.get(status, "error"), error.description or "", status)
    if status == 405 and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _rate_limited(error: RateLimitExceeded) -> Response:
    message = f"Too many requests: the limit is {error.description}. Try again later."
    if _wants_json():
        response = error_response("rate_limited", message, 429)
    else:
        response = Response(message, 429, mimetype="text/plain")
    breached = [limit for limit in limiter.current_limits if limit.breached]
    if breached:
        wait = max(limit.reset_at for limit in breached) - time.time()
        response.headers["Retry-After"] = str(max(1, math.ceil(wait)))
    return response


#: Seconds a client is told to wait when the database is unreachable.
DATABASE_RETRY_AFTER = 2


def _database_unavailable(error: DBAPIError) -> Any:
    """A lost or refused database connection (a restart, a failover): 503 + Retry-After,
    so clients retry with their Idempotency-Key. Other driver errors stay 500s. The
    SQL and the driver's message are logged, never sent."""
    if not isinstance(error, OperationalError | InterfaceError) and not \
            error.connection_invalidated:
        return _unexpected(error)
    log.warning("database unavailable on %s %s: %s", request.method, request.path,
                type(error.orig).__name__)
    message = "The database is unavailable. Try again shortly."
    if _wants_json():
        response = error_response("unavailable", message, 503)
    else:
        response = Response(message, 503, mimetype="text/plain")
    response.headers["Retry-After"] = str(DATABASE_RETRY_AFTER)
    return response


def _unexpected(error: Exception) -> Any:
    log.exception("unhandled error on %s %s", request.method, request.path)
    if not _wants_json():
        return "Internal server error", 500
    return error_response("internal_error", "Internal server error.", 500)


def init_app(app: Flask) -> None:
    """Register the JSON error handlers."""
    app.register_error_handler(ServiceError, _service_error)
    app.register_error_handler(RateLimitExceeded, _rate_limited)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(DBAPIError, _database_unavailable)
    app.register_error_handler(Exception, _unexpected)
