"""Configuration defaults.

Nothing here reads the environment: `create_app` layers these defaults, then
`MODERATION_*` environment variables (`app.config.from_prefixed_env("MODERATION")`,
so `MODERATION_MODEL_DIR` sets `MODEL_DIR`), then `DATABASE_URL`, then the test config.
Values left as `None` are filled in by the factory from the instance folder or the repo.
"""
from __future__ import annotations

from typing import Any


class Config:
    """Defaults for every setting the service reads (the README's configuration table)."""

    #: Signs sessions and CSRF tokens; also the client-IP hash salt unless IP_HASH_SALT is set.
    SECRET_KEY: str = "dev-only-change-me"
    IP_HASH_SALT: str | None = None

    #: None: a SQLite file `moderation.sqlite` in the instance folder.
    SQLALCHEMY_DATABASE_URI: str | None = None
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = {"pool_pre_ping": True}

    #: Directory holding `model.joblib` and `model-card.json`; None: the repo's `models/`.
    MODEL_DIR: str | None = None

    #: Request bodies over this many bytes get 413.
    MAX_CONTENT_LENGTH: int = 128 * 1024
    #: Comments over this many characters (code points) get 422.
    COMMENT_MAX_CHARS: int = 5000
    AUTHOR_NAME_MAX_CHARS: int = 100
    PER_PAGE_DEFAULT: int = 20
    PER_PAGE_MAX: int = 100

    #: Flask-Limiter: in memory unless MODERATION_RATELIMIT_STORAGE_URI names Redis.
    RATELIMIT_ENABLED: bool = True
    RATELIMIT_COMMENTS: str = "10/minute"  # per author id
    RATELIMIT_COMMENTS_PER_ADDRESS: str = "30/minute"  # per client address
    RATELIMIT_REPORTS: str = "20/minute"
    RATELIMIT_SCREEN: str = "120/minute"
    RATELIMIT_STORAGE_URI: str = "memory://"
    RATELIMIT_NAMESPACE: str = "moderation"
    RATELIMIT_HEADERS_ENABLED: bool = True
    RATELIMIT_SWALLOW_ERRORS: bool = True
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED: bool = True

    #: Context signals (moderation.context.signals.ContextSettings documents each; the
    #: dashboard's `context` setting overrides them). Counts of 0 turn a signal off.
    CONTEXT_RELEVANCE_THRESHOLD: float = 0.035
    CONTEXT_RELEVANCE_MIN_WORDS: int = 10
    CONTEXT_DUPLICATE_WINDOW_MINUTES: int = 24 * 60
    CONTEXT_DUPLICATE_MIN_WORDS: int = 8
    CONTEXT_DUPLICATE_MIN_SIMILARITY: float = 0.6
    CONTEXT_DUPLICATE_HOLD_COPIES: int = 2
    CONTEXT_DUPLICATE_REJECT_COPIES: int = 3
    CONTEXT_DUPLICATE_REJECT_ARTICLES: int = 2
    CONTEXT_DUPLICATE_SCAN_LIMIT: int = 50
    CONTEXT_FLOOD_WINDOW_MINUTES: int = 10
    CONTEXT_FLOOD_MAX_POSTS: int = 5
    CONTEXT_NEW_AUTHOR_HOLD: int = 0
    CONTEXT_HISTORY_WINDOW_DAYS: int = 30
    CONTEXT_HISTORY_REJECTIONS: int = 3
    CONTEXT_REPORTS_THRESHOLD: int = 3

    #: Number of trusted reverse proxies in front of the app (X-Forwarded-For hops).
    PROXY_COUNT: int = 0

    #: Log format: "json" (one object a line, with the request id) or "text".
    LOG_FORMAT: str = "json"
    LOG_LEVEL: str = "INFO"
