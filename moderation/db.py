"""SQLAlchemy models: every table of the data model (DESIGN.md), in one migration history.

Types chosen to behave the same on SQLite and PostgreSQL:
- `JSONType` is JSON on SQLite and JSONB on PostgreSQL;
- `UTCDateTime` stores timezone-aware UTC datetimes and always reads them back aware
  (SQLite keeps no offset, so values are tagged UTC on the way out);
- comment ids are UUID strings, so they read the same in URLs, JSON and both databases;
- `comment.text` is `Text`: stored exactly as received, never stripped or normalized.

Nothing here commits: `moderation.services` owns every transaction.
"""
from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Mapped, mapped_column, relationship

from moderation.extensions import db

__all__ = [
    "ApiKey",
    "Article",
    "Author",
    "Comment",
    "DecisionLog",
    "Moderator",
    "Report",
    "ScoreSuggestion",
    "Setting",
    "SettingsChange",
    "TextBand",
    "UTCDateTime",
    "WordlistEntry",
    "init_engine",
    "utcnow",
]

JSONType = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def new_uuid() -> str:
    return str(uuid.uuid4())


def init_engine(app: Flask) -> None:
    """Per-connection settings: on SQLite, WAL (readers never block the writer across
    gunicorn workers), a busy timeout instead of "database is locked", foreign keys."""
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)


def _sqlite_pragmas(connection: Any, record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class UTCDateTime(sa.TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Article(db.Model):
    """An article on the news site, registered by its own (external) id."""

    __tablename__ = "article"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(sa.String(200), unique=True)
    title: Mapped[str] = mapped_column(sa.String(500))
    url: Mapped[str | None] = mapped_column(sa.String(2000))
    summary: Mapped[str | None] = mapped_column(sa.Text)
    body: Mapped[list[str] | None] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Comment(db.Model):
    """A reader comment: its text exactly as received, and its current status."""

    __tablename__ = "comment"
    __table_args__ = (
        sa.Index("ix_comment_status_created_at", "status", "created_at"),
        sa.Index("ix_comment_article_status_created_at", "article_id", "status", "created_at"),
        sa.Index("ix_comment_created_at_id", "created_at", "id"),
        sa.UniqueConstraint(
            "idempotency_scope", "idempotency_key", name="uq_comment_idempotency"
        ),
    )

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_uuid)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("article.id"))
    parent_id: Mapped[str | None] = mapped_column(sa.ForeignKey("comment.id"), index=True)
    author_name: Mapped[str] = mapped_column(sa.String(200))
    author_id: Mapped[str | None] = mapped_column(sa.String(200), index=True)
    author_hash: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    text: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.String(16))
    decided_by: Mapped[str] = mapped_column(sa.String(200), default="system")
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    scores: Mapped[dict[str, float]] = mapped_column(JSONType, default=dict)
    model_version: Mapped[str | None] = mapped_column(sa.String(200))
    #: Fingerprint of the model, settings and policy of the last `rescreen` that screened
    #: this comment: a resumed or repeated run skips comments already carrying its own.
    screened_with: Mapped[str | None] = mapped_column(sa.String(64))
    language: Mapped[str | None] = mapped_column(sa.String(16))
    client_ip_hash: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    idempotency_scope: Mapped[str | None] = mapped_column(sa.String(200))
    idempotency_key: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    article: Mapped[Article] = relationship(lazy="joined")
    log: Mapped[list[DecisionLog]] = relationship(
        back_populates="comment", order_by="DecisionLog.id"
    )


class DecisionLog(db.Model):
    """One status change of a comment, by the system or a moderator. Never deleted."""

    __tablename__ = "decision_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[str] = mapped_column(sa.ForeignKey("comment.id"), index=True)
    actor: Mapped[str] = mapped_column(sa.String(200))
    from_status: Mapped[str | None] = mapped_column(sa.String(16))
    to_status: Mapped[str] = mapped_column(sa.String(16))
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    note: Mapped[str | None] = mapped_column(sa.Text)
    model_version: Mapped[str | None] = mapped_column(sa.String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    comment: Mapped[Comment] = relationship(back_populates="log")


class Report(db.Model):
    """A reader's flag on a published comment."""

    __tablename__ = "report"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[str] = mapped_column(sa.ForeignKey("comment.id"), index=True)
    reason: Mapped[str] = mapped_column(sa.String(100))
    note: Mapped[str | None] = mapped_column(sa.Text)
    reporter_hash: Mapped[str | None] = mapped_column(sa.String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Moderator(db.Model):
    """A dashboard login; `api_token_hash` is the SHA-256 of its moderator API token."""

    __tablename__ = "moderator"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(300))
    role: Mapped[str] = mapped_column(sa.String(20), default="moderator")
    active: Mapped[bool] = mapped_column(default=True)
    api_token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class WordlistEntry(db.Model):
    """A word-list entry added from the dashboard, on top of the shipped lists."""

    __tablename__ = "wordlist_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(sa.String(200))
    category: Mapped[str | None] = mapped_column(sa.String(50))
    action: Mapped[str] = mapped_column(sa.String(10))
    severity: Mapped[int] = mapped_column(default=2)
    subtype: Mapped[str | None] = mapped_column(sa.String(50))
    created_by: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def to_entry(self) -> dict[str, Any]:
        """The mapping `Screener.with_settings(entries=...)` takes."""
        return {
            "term": self.term,
            "category": self.category,
            "action": self.action,
            "severity": self.severity,
            "subtype": self.subtype,
        }


class Setting(db.Model):
    """A dashboard setting (for example `thresholds`), as a JSON value."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSONType)
    updated_by: Mapped[str | None] = mapped_column(sa.String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class SettingsChange(db.Model):
    """One dashboard change to thresholds, word lists or accounts: who, what, when."""

    __tablename__ = "settings_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor: Mapped[str] = mapped_column(sa.String(200))
    area: Mapped[str] = mapped_column(sa.String(50))
    action: Mapped[str] = mapped_column(sa.String(50))
    detail: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class ApiKey(db.Model):
    """A key for the Perspective-compatible endpoint; only its SHA-256 is stored."""

    __tablename__ = "api_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ScoreSuggestion(db.Model):
    """A score suggested through the Perspective-compatible API (`comments:suggestscore`)."""

    __tablename__ = "score_suggestion"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str | None] = mapped_column(sa.Text)
    attribute: Mapped[str] = mapped_column(sa.String(100))
    value: Mapped[float]
    community_id: Mapped[str | None] = mapped_column(sa.String(200))
    client_token: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TextBand(db.Model):
    """One locality-sensitive band key of a comment's normalized text
    (`moderation.context.duplicates`): comments sharing a key are candidate copies."""

    __tablename__ = "text_band"
    __table_args__ = (sa.Index("ix_text_band_key_created_at", "key", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[str] = mapped_column(sa.ForeignKey("comment.id"), index=True)
    key: Mapped[int] = mapped_column(sa.BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    comment: Mapped[Comment] = relationship()


class Author(db.Model):
    """What the site knows about a commenter (keyed by author id, or its hash): bans."""

    __tablename__ = "author"

    key: Mapped[str] = mapped_column(sa.String(200), primary_key=True)
    banned: Mapped[bool] = mapped_column(default=False)
    banned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    banned_by: Mapped[str | None] = mapped_column(sa.String(200))
    ban_reason: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
