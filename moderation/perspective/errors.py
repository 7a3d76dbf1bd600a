"""Perspective's error shape: `{"error": {"code", "message", "status"}}`.

`code` is the HTTP status, `status` Google's canonical name for it. Every failure under
`/v1alpha1` (bad input, keys, rate limits, unknown paths, even an unexpected exception)
answers in this shape, never with an HTML page: Perspective clients read only this.
"""
from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, Response, jsonify
from flask_limiter.errors import RateLimitExceeded
from werkzeug.exceptions import HTTPException

from moderation.errors import ServiceError

__all__ = ["PerspectiveError", "error_response", "register_handlers"]

log = logging.getLogger(__name__)

_STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    405: "UNIMPLEMENTED",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}


class PerspectiveError(Exception):
    """A refused request: its HTTP code, message and optional Google error `details`."""

    def __init__(self, code: int, message: str,
                 details: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details


def invalid(message: str, details: list[dict[str, Any]] | None = None) -> PerspectiveError:
    """A 400 INVALID_ARGUMENT."""
    return PerspectiveError(400, message, details)


def error_response(code: int, message: str,
                   details: list[dict[str, Any]] | None = None) -> Response:
    """The JSON error body Perspective clients expect."""
    error: dict[str, Any] = {"code": code, "message": message,
                             "status": _STATUS_NAMES.get(code, "UNKNOWN")}
    if details:
        error["details"] = details
    response = jsonify({"error": error})
    response.status_code = code
    return response


def _perspective_error(error: PerspectiveError) -> Response:
    return error_response(error.code, error.message, error.details)


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    if status == 413:
        return error_response(400, "Request payload size exceeds the limit.")
    if status == 405:
        response = error_response(405, "Method not allowed: use POST.")
        response.headers["Allow"] = "POST"
        return response
    if status not in _STATUS_NAMES:
        status = 400
    return error_response(status, error.description or "Bad request.")


def _rate_limited(error: RateLimitExceeded) -> Response:
    response = error_response(429, f"Quota exceeded: the limit is {error.description}.")
    retry_after = getattr(error, "retry_after", None)
    if retry_after is not None:
        response.headers["Retry-After"] = str(int(retry_after))
    return response


def _service_error(error: ServiceError) -> Response:
    code = 503 if error.status == 503 else 400
    return error_response(code, error.message)


def _unexpected(error: Exception) -> Response:
    log.exception("unhandled error in the Perspective API")
    return error_response(500, "Internal error.")


def register_handlers(bp: Blueprint) -> None:
    """Answer every failure under `bp` in Perspective's shape."""
    bp.register_error_handler(PerspectiveError, _perspective_error)
    bp.register_error_handler(RateLimitExceeded, _rate_limited)
    bp.register_error_handler(HTTPException, _http_error)
    bp.register_error_handler(ServiceError, _service_error)
    bp.register_error_handler(Exception, _unexpected)
