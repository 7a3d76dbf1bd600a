"""Rate limits for posting: per client address and per author (Flask-Limiter).

The limits are read from the configuration on every request (`RATELIMIT_COMMENTS` per
author id, `RATELIMIT_COMMENTS_PER_ADDRESS` per client address), so tests and
deployments set them without code. Storage is in memory unless
`MODERATION_RATELIMIT_STORAGE_URI` names Redis; if Redis is down the limiter logs the
error and falls back to memory (`RATELIMIT_SWALLOW_ERRORS`, in-memory fallback), so an
outage never blocks readers.

Keys are namespaced by `RATELIMIT_NAMESPACE` in our own key functions rather than by
Flask-Limiter's key prefix, because the limiter object is process-global and keeps the
first app's prefix; ours is read from the current app on every request.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app, request

from moderation.extensions import limiter
from moderation.services import hash_client

__all__ = ["comment_limits", "report_limits", "screen_limits"]


def _posted_author_id() -> str | None:
    """The `author.id` of a JSON or form post, without ever raising."""
    length = request.content_length
    if length is None or length > current_app.config["MAX_CONTENT_LENGTH"]:
        return None
    if request.mimetype == "application/x-www-form-urlencoded":
        author_id: Any = request.form.get("author_id")
    else:
        data = request.get_json(silent=True)
        author = data.get("author") if isinstance(data, dict) else None
        author_id = author.get("id") if isinstance(author, dict) else None
    return author_id if isinstance(author_id, str) and author_id else None


def _namespace() -> str:
    return current_app.config["RATELIMIT_NAMESPACE"]


def _author_key() -> str:
    return f"{_namespace()}:author:" + hash_client(_posted_author_id() or "")


def _address_key() -> str:
    return f"{_namespace()}:address:{request.remote_addr or 'unknown'}"


def _no_author() -> bool:
    return _posted_author_id() is None


def _config(name: str) -> Callable[[], str]:
    return lambda: current_app.config[name]


def comment_limits(view: Callable[..., Any]) -> Callable[..., Any]:
    """Limit a comment-posting view per client address and per author id."""
    per_address = limiter.limit(_config("RATELIMIT_COMMENTS_PER_ADDRESS"),
                                key_func=_address_key, scope="comments-address")
    per_author = limiter.limit(_config("RATELIMIT_COMMENTS"), key_func=_author_key,
                               exempt_when=_no_author, scope="comments-author")
    return per_address(per_author(view))


def report_limits(view: Callable[..., Any]) -> Callable[..., Any]:
    """Limit reader reports per client address."""
    return limiter.limit(_config("RATELIMIT_REPORTS"), key_func=_address_key,
                         scope="reports")(view)


def screen_limits(view: Callable[..., Any]) -> Callable[..., Any]:
    """Limit `/screen` calls per client address (screening costs CPU)."""
    return limiter.limit(_config("RATELIMIT_SCREEN"), key_func=_address_key,
                         scope="screen")(view)
