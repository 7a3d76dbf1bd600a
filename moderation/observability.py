"""Operations: Prometheus metrics, JSON logs with a request id, health and readiness.

Metrics are module-level collectors in prometheus-client's default registry (created
once per process, as the library expects). Under gunicorn, set PROMETHEUS_MULTIPROC_DIR
to an empty directory before start (`moderation serve` does) and `/metrics` aggregates
every worker through `MultiProcessCollector`; without it, each worker reports its own.

Every request gets an id: the caller's `X-Request-ID` when it is sane, else a new one;
it is echoed in the response and attached to every log line written during the request.
"""
from __future__ import annotations

import logging
import os
import re
import sys
import time
import uuid
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, Flask, Response, current_app, g, has_request_context, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from pythonjsonlogger.json import JsonFormatter

from moderation.extensions import db
from moderation.openapi import endpoint
from moderation.schemas import Health, Readiness

__all__ = ["bp", "init_app", "record_decision", "record_moderation", "record_report"]

DECISIONS = Counter(
    "moderation_decisions_total", "Screening decisions by status and reason category",
    ["status", "category"],
)
MODERATIONS = Counter(
    "moderation_moderator_decisions_total", "Moderator decisions by status", ["status"]
)
REPORTS = Counter("moderation_reports_total", "Reader reports by reason", ["reason"])
LATENCY = Histogram(
    "moderation_request_duration_seconds", "Request latency by endpoint, method and status",
    ["endpoint", "method", "status"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
log = logging.getLogger("moderation.request")
bp = Blueprint("ops", __name__)


def record_decision(status: str, reasons: Iterable[Any]) -> None:
    """Count one screening decision under each reason category (or `none`)."""
    categories = {reason.category for reason in reasons} or {"none"}
    for category in categories:
        DECISIONS.labels(status=status, category=category).inc()


def record_moderation(status: str) -> None:
    MODERATIONS.labels(status=status).inc()


def record_report(reason: str) -> None:
    REPORTS.labels(reason=reason).inc()


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record logged while a request is handled."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = g.get("request_id") if has_request_context() else None
        return True


def _configure_logging(app: Flask) -> None:
    handler = logging.StreamHandler(sys.stderr)
    if app.config["LOG_FORMAT"] == "json":
        handler.setFormatter(JsonFormatter(
            "{asctime}{levelname}{name}{message}{request_id}", style="{",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        ))
    else:
        handler.setFormatter(logging.Formatter(
            "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"))
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("moderation")
    for old in [h for h in logger.handlers if getattr(h, "moderation_handler", False)]:
        logger.removeHandler(old)
    handler.moderation_handler = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(app.config["LOG_LEVEL"])
    logger.propagate = False


def _start_request() -> None:
    g.started = time.perf_counter()
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex


def _finish_request(response: Response) -> Response:
    response.headers["X-Request-ID"] = g.get("request_id", "")
    started = g.get("started")
    if started is not None:
        elapsed = time.perf_counter() - started
        endpoint = request.url_rule.rule if request.url_rule is not None else "unmatched"
        LATENCY.labels(endpoint, request.method, str(response.status_code)).observe(elapsed)
        log.info("%s %s %s", request.method, request.path, response.status_code,
                 extra={"status": response.status_code, "duration_ms": round(elapsed * 1000, 2)})
    return response


@endpoint(bp, "GET", "/healthz", responses={200: Health}, tags=["operations"])
def healthz() -> Any:
    """Liveness: the process answers."""
    return Health(status="ok")


@endpoint(bp, "GET", "/readyz", responses={200: Readiness, 503: Readiness}, tags=["operations"])
def readyz() -> Any:
    """Readiness: the database answers and the model is loaded; 503 otherwise."""
    checks = {"database": "ok", "model": "ok"}
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        checks["database"] = "unreachable"
    screener = current_app.extensions.get("screener")
    if screener is None:
        checks["model"] = "not loaded"
    ready = all(value == "ok" for value in checks.values())
    body = Readiness(status="ready" if ready else "unavailable", checks=checks,
                     model_version=screener.model_version if screener is not None else None)
    return body, 200 if ready else 503


@endpoint(bp, "GET", "/metrics", responses={200: None}, content_type=CONTENT_TYPE_LATEST,
          tags=["operations"])
def metrics() -> Response:
    """Prometheus text format; aggregated over gunicorn workers in multi-process mode."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        payload = generate_latest(registry)
    else:
        payload = generate_latest()
    return Response(payload, mimetype=CONTENT_TYPE_LATEST)


def init_app(app: Flask) -> None:
    """JSON logging, request ids, latency metrics and the ops endpoints."""
    _configure_logging(app)
    app.before_request(_start_request)
    app.after_request(_finish_request)
    app.register_blueprint(bp)
