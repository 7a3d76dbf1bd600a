"""The one place that writes and commits: submit, decide, report, articles, settings.

Blueprints and CLI commands call these functions inside an app context; each public
function that writes either commits everything it did or, on any error, rolls back and
leaves nothing half-written. Refusals are raised as `moderation.errors.ServiceError`
subclasses carrying a status, a code and per-field messages.

Screening uses `current_screener()`: the model loaded once by the factory, with the
dashboard's thresholds and word-list entries applied. Every settings change stores a new
random `settings_version`; each worker compares it (one primary-key read) before
screening, so a change applies to the next comment without a restart.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from moderation import observability
from moderation.context import duplicates
from moderation.context.relevance import (
    ArticleProfile,
    RelevanceModel,
    article_documents,
    word_count,
)
from moderation.context.signals import (
    AuthorFacts,
    ContextFacts,
    ContextReasons,
    ContextSettings,
    Copy,
    context_reasons,
    reported_reason,
    with_rejections,
)
from moderation.db import (
    ApiKey,
    Article,
    Author,
    Comment,
    DecisionLog,
    Moderator,
    Report,
    ScoreSuggestion,
    Setting,
    SettingsChange,
    TextBand,
    WordlistEntry,
    utcnow,
)
from moderation.errors import NotFound, ServiceUnavailable, ValidationFailed
from moderation.extensions import db
from moderation.pipeline.policy import message_for
from moderation.pipeline.types import (
    APPROVED,
    CATEGORIES,
    PENDING,
    REJECTED,
    STATUSES,
    Decision,
    Reason,
    ScreenContext,
    Span,
)

__all__ = [
    "REPORT_REASONS",
    "ContextCheck",
    "ban_author",
    "check_context_setting",
    "context_check",
    "context_settings",
    "get_author",
    "refresh_comment_statistics",
    "relevance_reasons",
    "unban_author",
    "Page",
    "SubmitResult",
    "add_wordlist_entry",
    "RescreenWrite",
    "apply_rescreen",
    "approved_comments",
    "authenticate_moderator",
    "create_moderator",
    "current_screener",
    "decide",
    "decide_many",
    "decision_of",
    "delete_wordlist_entry",
    "get_article",
    "get_comment",
    "has_articles",
    "list_articles",
    "hash_client",
    "issue_api_token",
    "log_account_created",
    "move_wordlist_entry",
    "reset_moderator_password",
    "set_moderator_active",
    "moderator_for_token",
    "queue",
    "report_comment",
    "screen_text",
    "set_setting",
    "submit_comment",
    "upsert_article",
    "validate_text",
]

SETTINGS_VERSION_KEY = "settings_version"
THRESHOLDS_KEY = "thresholds"
SYSTEM_ACTOR = "system"
REPORT_REASONS: tuple[str, ...] = (*CATEGORIES, "off_topic", "misinformation", "other")
ROLES = ("moderator", "admin")
WORDLIST_ACTIONS = ("reject", "review", "allow")


@contextmanager
def _transaction() -> Iterator[None]:
    """Commit what the block wrote, or roll it all back if it raises."""
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


def hash_client(value: str) -> str:
    """A salted SHA-256 of a client address or reader id: stored instead of the value."""
    salt = current_app.config.get("IP_HASH_SALT") or current_app.config["SECRET_KEY"]
    return hmac.new(str(salt).encode(), value.encode("utf-8", "surrogatepass"),
                    hashlib.sha256).hexdigest()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- screening --------------------------------------------------------------------------


class ScreenerCache:
    """The factory's screener plus the settings-applied one, rebuilt when settings change."""

    def __init__(self, base: Any) -> None:
        self.base = base
        self.version: Any = None
        self.screener = base
        self._lock = threading.Lock()

    def get(self) -> Any:
        version = db.session.execute(
            sa.select(Setting.value).where(Setting.key == SETTINGS_VERSION_KEY)
        ).scalar()
        if version != self.version:
            with self._lock:
                if version != self.version:
                    self.screener = self._build()
                    self.version = version
        return self.screener

    def _build(self) -> Any:
        thresholds = db.session.execute(
            sa.select(Setting.value).where(Setting.key == THRESHOLDS_KEY)
        ).scalar()
        entries = [entry.to_entry() for entry in db.session.scalars(sa.select(WordlistEntry))]
        return self.base.with_settings(thresholds=thresholds or None, entries=entries)


def current_screener() -> Any:
    """The `Screener` to use now: the loaded model with the dashboard's settings applied."""
    cache = current_app.extensions.get("screener_cache")
    if cache is None:
        raise ServiceUnavailable("Screening is unavailable: no model is loaded.")
    return cache.get()


def validate_text(text: Any, field: str = "text") -> str:
    """The comment text if acceptable, else `ValidationFailed` naming the problem.

    Accepted text is never changed. Refused: non-strings, empty or whitespace-only text,
    more than COMMENT_MAX_CHARS code points, NUL characters (PostgreSQL text cannot hold
    them, so they are refused on every backend) and lone surrogates (not valid UTF-8).
    """
    limit = current_app.config["COMMENT_MAX_CHARS"]
    if not isinstance(text, str):
        problem = "must be a string"
    elif not text.strip():
        problem = "must not be empty"
    elif len(text) > limit:
        problem = f"must be at most {limit} characters (got {len(text)})"
    elif "\x00" in text:
        problem = "must not contain NUL characters"
    elif not _is_valid_unicode(text):
        problem = "must be valid UTF-8 (lone surrogate escapes are not)"
    else:
        return text
    raise ValidationFailed(f"The {field} {problem}.", {field: problem})


def _is_valid_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def screen_text(text: str, article_external_id: str | None = None) -> Decision:
    """Screen a text without storing anything (the `/screen` endpoint)."""
    validate_text(text)
    context, holds = None, ()
    if article_external_id is not None:
        article = _article_or_422(article_external_id)
        context, holds = _context_for(article, None, None), relevance_reasons(article, text)
    return current_screener().screen(text, context, reasons=holds)


def _context_for(article: Article, parent_id: str | None, author_id: str | None) -> ScreenContext:
    return ScreenContext(article_id=article.external_id, article_title=article.title,
                         article_summary=article.summary, parent_id=parent_id,
                         author_id=author_id)


def decision_of(comment: Comment) -> Decision:
    """The stored screening outcome of `comment`, as a `Decision` (for its message)."""
    reasons = tuple(
        Reason(r["category"], r.get("source", "rule"), float(r.get("score", 0.0)),
               tuple(Span(s["start"], s["end"]) for s in r.get("spans", ())),
               r.get("subtype"), r.get("detail"))
        for r in comment.reasons or ()
    )
    return Decision(comment.status, reasons, dict(comment.scores or {}),
                    comment.model_version or "", comment.language)


# --- comments ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SubmitResult:
    """A stored comment and the reader-facing message; `created` is False on a replay.

    `comment_id` and `decision` are plain values, readable after the commit without a
    reload of the (expired) `comment`."""

    comment: Comment
    message: str
    created: bool
    comment_id: str
    decision: Decision


def submit_comment(
    article_external_id: str,
    text: str,
    author_name: str,
    author_id: str | None = None,
    parent_id: str | None = None,
    client_ip: str | None = None,
    idempotency_key: str | None = None,
) -> SubmitResult:
    """Screen and store a reader comment; commit it and its first decision_log row.

    With an `idempotency_key`, a retry (same key from the same author, or the same
    client address when there is no author id) returns the first result and stores
    nothing; reusing a key for a different comment is refused.
    """
    validate_text(text)
    ip_hash = hash_client(client_ip) if client_ip else None
    scope = _idempotency_scope(author_id, ip_hash) if idempotency_key else None
    if idempotency_key:
        replay = _replay(scope, idempotency_key, article_external_id, text)
        if replay is not None:
            return replay
    article = _article_or_422(article_external_id)
    if parent_id is not None:
        _check_parent(parent_id, article)
    check = context_check(article, text, parent_id, author_id, ip_hash)
    decision = with_rejections(
        current_screener().screen(text, _context_for(article, parent_id, author_id),
                                  reasons=check.reasons.holds),
        check.reasons.rejects)
    comment_id = str(uuid.uuid4())
    comment = Comment(
        id=comment_id, article=article, parent_id=parent_id, author_name=author_name,
        author_id=author_id, author_hash=hash_client(author_id) if author_id else None,
        text=text, status=decision.status, decided_by=SYSTEM_ACTOR,
        reasons=[r.to_dict() for r in decision.reasons],
        scores=decision.to_dict()["scores"], model_version=decision.model_version,
        language=decision.language, client_ip_hash=ip_hash,
        idempotency_scope=scope, idempotency_key=idempotency_key,
    )
    db.session.add(comment)
    db.session.add_all(TextBand(comment=comment, key=key) for key in check.band_keys)
    _log(comment, SYSTEM_ACTOR, None, comment.reasons, None)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        replay = _replay(scope, idempotency_key, article_external_id, text) if scope else None
        if replay is None:
            raise
        return replay
    except BaseException:
        db.session.rollback()
        raise
    observability.record_decision(decision.status, decision.reasons)
    return SubmitResult(comment, message_for(decision), True, comment_id, decision)


def _idempotency_scope(author_id: str | None, ip_hash: str | None) -> str:
    if author_id:
        return "author:" + hash_client(author_id)
    return "ip:" + (ip_hash or "unknown")


def _replay(scope: str | None, key: str | None, article_external_id: str,
            text: str) -> SubmitResult | None:
    existing = db.session.scalars(
        sa.select(Comment).where(Comment.idempotency_scope == scope,
                                 Comment.idempotency_key == key)
    ).first()
    if existing is None:
        return None
    if existing.text != text or existing.article.external_id != article_external_id:
        raise ValidationFailed(
            "This Idempotency-Key was already used for a different comment.",
            {"Idempotency-Key": "already used for a different comment"},
            code="idempotency_key_reused",
        )
    decision = decision_of(existing)
    return SubmitResult(existing, message_for(decision), False, existing.id, decision)


def _article_or_422(external_id: str) -> Article:
    article = get_article(external_id)
    if article is None:
        raise ValidationFailed(f"Unknown article {external_id!r}.",
                               {"article_id": "no article with this id"})
    return article


def _check_parent(parent_id: str, article: Article) -> None:
    parent = db.session.get(Comment, parent_id)
    if parent is None or parent.article_id != article.id:
        raise ValidationFailed("The parent comment does not exist on this article.",
                               {"parent_id": "no comment with this id on this article"})


def _log(comment: Comment, actor: str, from_status: str | None,
         reasons: Sequence[Mapping[str, Any]], note: str | None) -> None:
    db.session.add(DecisionLog(
        comment=comment, actor=actor, from_status=from_status, to_status=comment.status,
        reasons=list(reasons), note=note, model_version=comment.model_version,
    ))


def get_comment(comment_id: str) -> Comment:
    """The comment with this id, or `NotFound`."""
    comment = db.session.get(Comment, comment_id) if _is_uuid(comment_id) else None
    if comment is None:
        raise NotFound(f"No comment {comment_id!r}.")
    return comment


def _is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def decide(comment_id: str, status: str, actor: str, reason: str | None = None,
           note: str | None = None) -> Comment:
    """A moderator's decision: set the status and write a decision_log row, committed."""
    if status not in STATUSES:
        raise ValidationFailed(f"Unknown status {status!r}.",
                               {"status": f"must be one of {', '.join(STATUSES)}"})
    with _transaction():
        comment = get_comment(comment_id)
        from_status = comment.status
        comment.status = status
        comment.decided_by = actor
        comment.decided_at = utcnow()
        reasons = [{"category": reason, "source": "moderator"}] if reason else []
        _log(comment, actor, from_status, reasons, note)
    observability.record_moderation(status)
    return comment


def report_comment(comment_id: str, reason: str, reporter: str | None = None,
                   note: str | None = None) -> tuple[Report, bool]:
    """Record a reader's flag on a published comment; returns (report, created).

    `reporter` (reader id or client address) is stored only as a salted hash, and one
    reporter's repeated flags on the same comment are stored once.
    """
    if reason not in REPORT_REASONS:
        raise ValidationFailed(f"Unknown report reason {reason!r}.",
                               {"reason": f"must be one of {', '.join(REPORT_REASONS)}"})
    comment = get_comment(comment_id)
    if comment.status != APPROVED:
        raise NotFound(f"No published comment {comment_id!r}.")
    reporter_hash = hash_client(reporter) if reporter else None
    if reporter_hash is not None:
        existing = db.session.scalars(sa.select(Report).where(
            Report.comment_id == comment.id, Report.reporter_hash == reporter_hash)).first()
        if existing is not None:
            return existing, False
    with _transaction():
        report = Report(comment_id=comment.id, reason=reason, note=note,
                        reporter_hash=reporter_hash)
        db.session.add(report)
        _return_if_reported(comment)
    observability.record_report(reason)
    return report, True


@dataclass(frozen=True)
class Page:
    """One page of a listing."""

    items: list[Any]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _paginate(query: sa.Select[Any], page: int, per_page: int) -> Page:
    total = db.session.execute(
        sa.select(sa.func.count()).select_from(query.order_by(None).subquery())
    ).scalar_one()
    items = list(db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)))
    return Page(items, page, per_page, total)


def approved_comments(article_external_id: str, page: int = 1, per_page: int = 20,
                      order: str = "oldest") -> Page:
    """The approved comments of an article, oldest or newest first; `NotFound` if no article."""
    article = get_article(article_external_id)
    if article is None:
        raise NotFound(f"No article {article_external_id!r}.")
    created = Comment.created_at.desc() if order == "newest" else Comment.created_at.asc()
    tiebreak = Comment.id.desc() if order == "newest" else Comment.id.asc()
    query = (sa.select(Comment).where(Comment.article_id == article.id,
                                      Comment.status == APPROVED).order_by(created, tiebreak))
    return _paginate(query, page, per_page)


def queue(status: str = "pending", page: int = 1, per_page: int = 20,
          article_external_id: str | None = None, order: str = "oldest") -> Page:
    """Comments with `status` (the review queue by default), for moderators."""
    query = sa.select(Comment).where(Comment.status == status)
    if article_external_id is not None:
        query = query.join(Article).where(Article.external_id == article_external_id)
    created = Comment.created_at.desc() if order == "newest" else Comment.created_at.asc()
    return _paginate(query.order_by(created, Comment.id), page, per_page)


# --- articles ---------------------------------------------------------------------------


def list_articles() -> list[Article]:
    """Every registered article, in the order registered (the demo site's front page)."""
    return list(db.session.scalars(sa.select(Article).order_by(Article.id)))


def has_articles() -> bool:
    """Whether any article is registered (`moderation serve` seeds the demo otherwise)."""
    return db.session.execute(sa.select(Article.id).limit(1)).first() is not None


def get_article(external_id: str) -> Article | None:
    """The article with the site's own id, or None."""
    return db.session.scalars(sa.select(Article).where(Article.external_id == external_id)).first()


def upsert_article(external_id: str, title: str, url: str | None = None,
                   summary: str | None = None,
                   body: Sequence[str] | None = None) -> tuple[Article, bool]:
    """Register or update an article by the site's own id; returns (article, created)."""
    with _transaction():
        article = get_article(external_id)
        created = article is None
        if article is None:
            article = Article(external_id=external_id)
            db.session.add(article)
        article.title = title
        article.url = url
        article.summary = summary
        article.body = list(body) if body is not None else None
    return article, created


# --- moderators -------------------------------------------------------------------------


def create_moderator(
    username: str, password: str, role: str = "moderator"
) -> tuple[Moderator, str]:
    """Create a moderator account; returns it and its API token (shown once, stored hashed)."""
    if role not in ROLES:
        raise ValidationFailed(f"Unknown role {role!r}.", {"role": "must be moderator or admin"})
    if not username.strip() or len(password) < 8:
        raise ValidationFailed("A username and a password of at least 8 characters are needed.",
                               {"password": "at least 8 characters"})
    token = secrets.token_urlsafe(32)
    with _transaction():
        if db.session.scalars(sa.select(Moderator).where(Moderator.username == username)).first():
            raise ValidationFailed(f"The username {username!r} is taken.",
                                   {"username": "already taken"}, code="username_taken")
        moderator = Moderator(username=username, password_hash=generate_password_hash(password),
                              role=role, api_token_hash=_token_hash(token))
        db.session.add(moderator)
    return moderator, token


def issue_api_token(moderator_id: int) -> str:
    """Replace a moderator's API token with a new one and return it."""
    token = secrets.token_urlsafe(32)
    with _transaction():
        moderator = db.session.get(Moderator, moderator_id)
        if moderator is None:
            raise NotFound(f"No moderator {moderator_id}.")
        moderator.api_token_hash = _token_hash(token)
    return token


def moderator_for_token(token: str) -> Moderator | None:
    """The active moderator whose API token this is, or None."""
    moderator = db.session.scalars(
        sa.select(Moderator).where(Moderator.api_token_hash == _token_hash(token))
    ).first()
    return moderator if moderator is not None and moderator.active else None


def authenticate_moderator(username: str, password: str) -> Moderator | None:
    """The active moderator with these credentials, or None (for the dashboard login)."""
    moderator = db.session.scalars(
        sa.select(Moderator).where(Moderator.username == username)).first()
    if moderator is None or not moderator.active:
        return None
    return moderator if check_password_hash(moderator.password_hash, password) else None


# --- settings ---------------------------------------------------------------------------


def _bump_settings_version(actor: str, area: str, action: str,
                           detail: Mapping[str, Any]) -> None:
    """Mark settings as changed (every worker rebuilds its screener) and log the change."""
    _put_setting(SETTINGS_VERSION_KEY, uuid.uuid4().hex, actor)
    _log_settings_change(actor, area, action, detail)


def _put_setting(key: str, value: Any, actor: str) -> None:
    setting = db.session.get(Setting, key)
    if setting is None:
        db.session.add(Setting(key=key, value=value, updated_by=actor))
    else:
        setting.value = value
        setting.updated_by = actor


def set_setting(key: str, value: Any, actor: str) -> None:
    """Store a dashboard setting (e.g. `thresholds`: `{category: {"review": x, "reject": y}}`);
    screening picks it up on the next comment in every worker."""
    if key == THRESHOLDS_KEY:
        _check_thresholds(value)
    elif key == CONTEXT_SETTING_KEY:
        check_context_setting(value)
    with _transaction():
        _put_setting(key, value, actor)
        _bump_settings_version(actor, key, "set", {"value": value})


def _check_thresholds(value: Any) -> None:
    if not isinstance(value, Mapping):
        raise ValidationFailed("Thresholds must be an object.", {"thresholds": "must be an object"})
    for category, pair in value.items():
        review, reject = (pair or {}).get("review", 0.0), (pair or {}).get("reject", 1.0)
        valid = (category in CATEGORIES and isinstance(review, int | float)
                 and isinstance(reject, int | float) and 0.0 <= review <= reject <= 1.0)
        if not valid:
            raise ValidationFailed(f"Invalid thresholds for {category!r}.",
                                   {category: "need 0 <= review <= reject <= 1"})


def add_wordlist_entry(term: str, action: str, actor: str, category: str | None = None,
                       severity: int = 2, subtype: str | None = None) -> WordlistEntry:
    """Add a word-list entry (applied to the next comment screened)."""
    if not term.strip() or action not in WORDLIST_ACTIONS:
        raise ValidationFailed("A term and an action (reject, review, allow) are needed.",
                               {"term": "required", "action": "reject, review or allow"})
    if action != "allow" and category not in CATEGORIES:
        raise ValidationFailed(f"Unknown category {category!r}.",
                               {"category": f"must be one of {', '.join(CATEGORIES)}"})
    with _transaction():
        entry = WordlistEntry(term=term.strip(), category=category, action=action,
                              severity=severity, subtype=subtype, created_by=actor)
        db.session.add(entry)
        _bump_settings_version(actor, "wordlist", "add", _entry_detail(entry))
    return entry


def delete_wordlist_entry(entry_id: int, actor: str) -> None:
    """Remove a dashboard word-list entry (applied to the next comment screened)."""
    with _transaction():
        entry = db.session.get(WordlistEntry, entry_id)
        if entry is None:
            raise NotFound(f"No word-list entry {entry_id}.")
        db.session.delete(entry)
        _bump_settings_version(actor, "wordlist", "remove", _entry_detail(entry))


# --- dashboard: bulk decisions, word-list moves, accounts, the settings change log -------


def _log_settings_change(actor: str, area: str, action: str,
                         detail: Mapping[str, Any]) -> None:
    db.session.add(SettingsChange(actor=actor, area=area, action=action, detail=dict(detail)))


def _entry_detail(entry: WordlistEntry) -> dict[str, Any]:
    return {"term": entry.term, "list": entry.action, "category": entry.category}


def decide_many(comment_ids: Sequence[str], status: str, actor: str,
                reason: str | None = None, note: str | None = None) -> list[Comment]:
    """A bulk decision: every id is checked first (an unknown one refuses the whole
    selection), then each comment goes through `decide` and gets its own log row."""
    if not comment_ids:
        raise ValidationFailed("Select at least one comment.", {"ids": "none selected"})
    for comment_id in comment_ids:
        get_comment(comment_id)
    return [decide(comment_id, status, actor, reason, note) for comment_id in comment_ids]


def move_wordlist_entry(entry_id: int, action: str, actor: str,
                        category: str | None = None) -> WordlistEntry:
    """Move a dashboard word-list entry to the reject, review or allow list."""
    if action not in WORDLIST_ACTIONS:
        raise ValidationFailed("The list must be reject, review or allow.",
                               {"action": "reject, review or allow"})
    with _transaction():
        entry = db.session.get(WordlistEntry, entry_id)
        if entry is None:
            raise NotFound(f"No word-list entry {entry_id}.")
        category = category or entry.category
        if action != "allow" and category not in CATEGORIES:
            raise ValidationFailed("A term on the reject or review list needs a category.",
                                   {"category": f"must be one of {', '.join(CATEGORIES)}"})
        detail = {**_entry_detail(entry), "to": action}
        entry.action, entry.category = action, category
        _bump_settings_version(actor, "wordlist", "move", detail)
    return entry


def _moderator_or_404(moderator_id: int) -> Moderator:
    moderator = db.session.get(Moderator, moderator_id)
    if moderator is None:
        raise NotFound(f"No moderator {moderator_id}.")
    return moderator


def set_moderator_active(moderator_id: int, active: bool, actor: str) -> Moderator:
    """Deactivate (or reactivate) an account; a deactivated one can no longer log in."""
    with _transaction():
        moderator = _moderator_or_404(moderator_id)
        if not active and moderator.username == actor:
            raise ValidationFailed("You cannot deactivate your own account.",
                                   {"active": "not your own account"})
        moderator.active = active
        _log_settings_change(actor, "accounts", "activate" if active else "deactivate",
                             {"username": moderator.username})
    return moderator


def reset_moderator_password(moderator_id: int, password: str, actor: str) -> Moderator:
    """Set a new password (at least 8 characters); the account's open sessions end."""
    if len(password) < 8:
        raise ValidationFailed("The password needs at least 8 characters.",
                               {"password": "at least 8 characters"})
    with _transaction():
        moderator = _moderator_or_404(moderator_id)
        moderator.password_hash = generate_password_hash(password)
        _log_settings_change(actor, "accounts", "reset_password",
                             {"username": moderator.username})
    return moderator


def log_account_created(moderator: Moderator, actor: str) -> None:
    """Record in the settings change log that `actor` created this account."""
    with _transaction():
        _log_settings_change(actor, "accounts", "create",
                             {"username": moderator.username, "role": moderator.role})


# --- Perspective-compatible API: keys and score suggestions -----------------------------

#: Prefix of Perspective API keys, so a leaked one is recognisable in logs and scanners.
API_KEY_PREFIX = "mpk_"


def create_api_key(name: str) -> tuple[ApiKey, str]:
    """Create a key for `/v1alpha1`; returns it and the key itself (shown once, stored
    as its SHA-256 only)."""
    name = name.strip()
    if not name or len(name) > 200:
        raise ValidationFailed("A key needs a name of 1 to 200 characters.",
                               {"name": "1 to 200 characters"})
    key = API_KEY_PREFIX + secrets.token_urlsafe(32)
    with _transaction():
        api_key = ApiKey(name=name, key_hash=_token_hash(key))
        db.session.add(api_key)
    return api_key, key


def revoke_api_key(key_id: int) -> ApiKey:
    """Revoke a key: every later request with it gets 403. Revoking twice is harmless."""
    with _transaction():
        api_key = db.session.get(ApiKey, key_id)
        if api_key is None:
            raise NotFound(f"No API key {key_id}.")
        if api_key.revoked_at is None:
            api_key.revoked_at = utcnow()
    _valid_keys.pop(api_key.key_hash, None)
    return api_key


def list_api_keys() -> list[ApiKey]:
    """Every key, newest first, revoked ones included (for the admin settings)."""
    return list(db.session.scalars(sa.select(ApiKey).order_by(ApiKey.id.desc())))


#: A valid key is remembered this many seconds per process, so the hot path of the
#: Perspective API skips a database read; a revocation reaches other processes within it.
API_KEY_CACHE_SECONDS = 5.0
_valid_keys: dict[str, float] = {}


def api_key_is_valid(key: str) -> bool:
    """Whether `key` is an unrevoked Perspective API key (cached, see above)."""
    if not key:
        return False
    digest = _token_hash(key)
    now = time.monotonic()
    if _valid_keys.get(digest, 0.0) > now:
        return True
    valid = db.session.execute(sa.select(ApiKey.id).where(
        ApiKey.key_hash == digest, ApiKey.revoked_at.is_(None))).first() is not None
    if valid:
        _valid_keys[digest] = now + API_KEY_CACHE_SECONDS
    return valid


def store_score_suggestions(text: str | None, scores: Mapping[str, float],
                            community_id: str | None,
                            client_token: str | None) -> list[ScoreSuggestion]:
    """Store one suggested score per attribute (`comments:suggestscore`); `text` is None
    when the client asked us not to store it."""
    with _transaction():
        rows = [ScoreSuggestion(text=text, attribute=attribute, value=float(value),
                                community_id=community_id, client_token=client_token)
                for attribute, value in scores.items()]
        db.session.add_all(rows)
    return rows


def score_suggestions(limit: int | None = None) -> list[ScoreSuggestion]:
    """Stored suggestions, newest first (all of them unless `limit`)."""
    query = sa.select(ScoreSuggestion).order_by(ScoreSuggestion.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return list(db.session.scalars(query))


# --- rescreen: batch re-screening writes (moderation.rescreen decides what to write) -----

RESCREEN_ACTOR = "rescreen"


@dataclass(frozen=True, slots=True)
class RescreenWrite:
    """A re-screen's outcome for one comment, guarded by the status and decider it was
    read with: a moderator's decision taken since then is never overwritten."""

    comment_id: str
    old_status: str
    old_decided_by: str
    new_status: str
    reasons: list[dict[str, Any]]
    scores: dict[str, float]
    language: str | None

    @property
    def changes_status(self) -> bool:
        return self.new_status != self.old_status


def refresh_comment_statistics() -> None:
    """Refresh the query planner's statistics for the comment table.

    A re-screen often follows a bulk import or a restore, when there are none: both
    PostgreSQL and SQLite then page through the selection by the status index and sort
    every pending comment for each page, instead of walking the primary key (on
    PostgreSQL, 215 ms a page at 200,000 comments instead of 2.4 ms). PostgreSQL's
    ANALYZE samples a fixed number of rows. SQLite's reads the whole table (about a second
    per million comments, against minutes of screening); with `analysis_limit` sampling its
    estimates still chose the status index. A role without the owner's rights gets a
    warning from PostgreSQL, not an error."""
    if db.engine.dialect.name not in {"postgresql", "sqlite"}:
        return
    with _transaction():
        db.session.execute(sa.text("ANALYZE comment"))


def apply_rescreen(writes: Sequence[RescreenWrite], screened_with: str, model_version: str,
                   note: str) -> set[str]:
    """Write one batch of re-screen outcomes in one transaction; returns the ids whose
    status changed.

    Each row is updated only if its status and decider are still those it was read with
    (a conditional UPDATE per row, sent as one executemany). The status changes that
    applied are read back inside the same transaction (our rows stay locked until the
    commit), and each gets a decision_log row (actor `rescreen`, the model version,
    `note`), inserted together; rows whose status stays get their reasons, scores and
    `screened_with` refreshed the same way.
    """
    table = Comment.__table__
    now = utcnow()
    guard = sa.and_(table.c.id == sa.bindparam("w_id"),
                    table.c.status == sa.bindparam("w_old_status"),
                    table.c.decided_by == sa.bindparam("w_old_by"))
    outcome = {"reasons": sa.bindparam("w_reasons", type_=table.c.reasons.type),
               "scores": sa.bindparam("w_scores", type_=table.c.scores.type),
               "language": sa.bindparam("w_language"), "model_version": model_version,
               "screened_with": screened_with}
    change = sa.update(table).where(guard).values(
        **outcome, status=sa.bindparam("w_new_status"), decided_by=RESCREEN_ACTOR,
        decided_at=now)
    changes = [write for write in writes if write.changes_status]
    changed: list[RescreenWrite] = []
    refreshed = [_rescreen_params(write) for write in writes if not write.changes_status]
    with _transaction():
        connection = db.session.connection()
        if changes:
            connection.execute(change, [_rescreen_params(write) for write in changes])
            changed = _changed_at(connection, changes, now)
        if refreshed:
            connection.execute(sa.update(table).where(guard).values(**outcome), refreshed)
        if changed:
            connection.execute(sa.insert(DecisionLog.__table__), [
                {"comment_id": w.comment_id, "actor": RESCREEN_ACTOR,
                 "from_status": w.old_status, "to_status": w.new_status,
                 "reasons": w.reasons, "note": note, "model_version": model_version, "at": now}
                for w in changed])
    return {write.comment_id for write in changed}


def _changed_at(connection: sa.Connection, changes: list[RescreenWrite],
                now: Any) -> list[RescreenWrite]:
    """The writes among `changes` whose UPDATE applied: their row now carries this batch's
    exact `decided_at` and the rescreen actor (a moderator's decision would not)."""
    table = Comment.__table__
    applied = set(connection.execute(sa.select(table.c.id).where(
        table.c.id.in_([write.comment_id for write in changes]),
        table.c.decided_by == RESCREEN_ACTOR, table.c.decided_at == now)).scalars())
    return [write for write in changes if write.comment_id in applied]


def _rescreen_params(write: RescreenWrite) -> dict[str, Any]:
    return {"w_id": write.comment_id, "w_old_status": write.old_status,
            "w_old_by": write.old_decided_by, "w_new_status": write.new_status,
            "w_reasons": write.reasons, "w_scores": write.scores,
            "w_language": write.language}


# --- context signals (issue 8): relevance, copies, floods, reports, author trust ---------
#
# The facts come from the database here; `moderation.context` (pure) turns them into
# reasons. Relevance needs the site's articles: a `RelevanceModel` fitted on them is kept
# per process and refitted when an article is added or edited; article profiles are
# cached per article version.

CONTEXT_SETTING_KEY = "context"
REPORTS_ACTOR = "reports"
#: The relevance model is fitted on the most recently updated articles.
RELEVANCE_FIT_ARTICLES = 500


@dataclass(frozen=True)
class ContextCheck:
    """The context reasons for a new comment, and its text's band keys to store."""

    reasons: ContextReasons
    band_keys: tuple[int, ...]


def context_settings() -> ContextSettings:
    """The configured `CONTEXT_*` values, overridden by the dashboard's `context` setting."""
    settings = ContextSettings.from_config(current_app.config)
    overrides = db.session.get(Setting, CONTEXT_SETTING_KEY)
    if overrides is None or not overrides.value:
        return settings
    try:
        return settings.with_overrides(overrides.value)
    except (ValueError, AttributeError) as error:
        # Only a value written around `set_setting` can be invalid: screening goes on
        # with the configured values rather than refusing every comment.
        current_app.logger.error("ignoring the invalid context setting: %s", error)
        return settings


def check_context_setting(value: Any) -> None:
    """`ValidationFailed` unless `value` is a valid `context` setting (a partial mapping)."""
    if not isinstance(value, Mapping):
        raise ValidationFailed("Context settings must be an object.",
                               {"context": "must be an object"})
    try:
        ContextSettings().with_overrides(value)
    except ValueError as error:
        name = str(error).split(":", 1)[0]
        raise ValidationFailed(f"Invalid context setting: {error}.", {name: str(error)}) from None


def context_check(article: Article, text: str, parent_id: str | None,
                  author_id: str | None, ip_hash: str | None) -> ContextCheck:
    """Gather the facts about a new comment's context and turn them into reasons."""
    settings = context_settings()
    now = utcnow()
    author_hash = hash_client(author_id) if author_id else None
    keys = duplicates.band_keys(text, settings.duplicate_min_words)
    facts = ContextFacts(
        article_id=article.external_id,
        relevance=_relevance(article, text, parent_id, settings),
        copies=_copies(text, keys, author_hash, settings, now),
        recent_posts=_recent_posts(author_hash, ip_hash, settings, now),
        author=_author_facts(author_hash, settings, now),
    )
    return ContextCheck(context_reasons(facts, settings), keys)


def relevance_reasons(article: Article, text: str) -> tuple[Reason, ...]:
    """The relevance signal alone, for screening a text that is not stored (`/screen`)."""
    settings = context_settings()
    facts = ContextFacts(article.external_id, relevance=_relevance(article, text, None, settings))
    return context_reasons(facts, settings).holds


def _relevance(article: Article, text: str, parent_id: str | None,
               settings: ContextSettings) -> float | None:
    if parent_id is not None or word_count(text) < settings.relevance_min_words:
        return None
    model, profile = _relevance_profile(article)
    return model.score(text, profile) if profile.usable else None


def _relevance_profile(article: Article) -> tuple[RelevanceModel, ArticleProfile]:
    """The process's relevance model (refitted when the articles change) and the
    article's profile under it."""
    version = tuple(db.session.execute(
        sa.select(sa.func.count(Article.id), sa.func.max(Article.updated_at))).one())
    cache = current_app.extensions.get("relevance")
    if cache is None or cache["version"] != version:
        articles = db.session.scalars(
            sa.select(Article).order_by(Article.updated_at.desc()).limit(RELEVANCE_FIT_ARTICLES))
        documents = [d for a in articles for d in article_documents(a.title, a.summary, a.body)]
        cache = {"version": version, "model": RelevanceModel.fit(documents), "profiles": {}}
        current_app.extensions["relevance"] = cache
    key = (article.id, article.updated_at)
    profile = cache["profiles"].get(key)
    if profile is None:
        profile = cache["model"].profile(article.title, article.summary, article.body)
        cache["profiles"][key] = profile
    return cache["model"], profile


def _copies(text: str, keys: Sequence[int], author_hash: str | None,
            settings: ContextSettings, now: datetime) -> tuple[Copy, ...]:
    """Earlier comments in the window whose text is nearly the same, oldest first: the
    most recent candidates sharing a band key (up to the scan limit), confirmed by the
    similarity of their texts."""
    if not keys or not settings.duplicate_hold_copies:
        return ()
    since = now - timedelta(minutes=settings.duplicate_window_minutes)
    candidates = (sa.select(TextBand.comment_id)
                  .where(TextBand.key.in_(keys), TextBand.created_at >= since)
                  .group_by(TextBand.comment_id)
                  .order_by(sa.func.max(TextBand.created_at).desc())
                  .limit(settings.duplicate_scan_limit))
    found = db.session.execute(
        sa.select(Comment.id, Comment.text, Comment.author_hash, Article.external_id)
        .join(Article).where(Comment.id.in_(candidates.scalar_subquery()),
                             Comment.created_at >= since)
        .order_by(Comment.created_at, Comment.id))
    shingles = duplicates.shingles(text)
    copies = []
    for row in found:
        similarity = duplicates.similarity(shingles, duplicates.shingles(row.text))
        if similarity >= settings.duplicate_min_similarity:
            same_author = author_hash is not None and row.author_hash == author_hash
            copies.append(Copy(row.id, row.external_id, same_author, similarity))
    return tuple(copies)


def _recent_posts(author_hash: str | None, ip_hash: str | None,
                  settings: ContextSettings, now: datetime) -> int:
    """The author's (or, without an author id, the client's) comments in the flood window."""
    if not settings.flood_max_posts or (author_hash is None and ip_hash is None):
        return 0
    who = (Comment.author_hash == author_hash if author_hash is not None
           else Comment.client_ip_hash == ip_hash)
    since = now - timedelta(minutes=settings.flood_window_minutes)
    return db.session.execute(
        sa.select(sa.func.count(Comment.id)).where(who, Comment.created_at >= since)
    ).scalar_one()


def _author_facts(author_hash: str | None, settings: ContextSettings,
                  now: datetime) -> AuthorFacts | None:
    if author_hash is None:
        return None
    author = db.session.get(Author, author_hash)
    earlier = 0
    if settings.new_author_hold:
        earlier = db.session.execute(sa.select(sa.func.count(Comment.id)).where(
            Comment.author_hash == author_hash)).scalar_one()
    rejections = 0
    if settings.history_rejections:
        since = now - timedelta(days=settings.history_window_days)
        rejections = db.session.execute(sa.select(sa.func.count(Comment.id)).where(
            Comment.author_hash == author_hash, Comment.status == REJECTED,
            Comment.decided_at >= since)).scalar_one()
    banned = author is not None and author.banned
    return AuthorFacts(banned=banned, banned_by=author.banned_by if banned else None,
                       banned_at=author.banned_at if banned else None,
                       earlier_comments=earlier, recent_rejections=rejections)


def _return_if_reported(comment: Comment) -> None:
    """Inside the report's transaction: once the comment has the configured number of
    reports since its last decision, it returns to the queue (reason `reported`, logged
    with actor `reports` and the reports listed)."""
    threshold = context_settings().reports_threshold
    if not threshold or comment.status != APPROVED:
        return
    db.session.flush()
    reports = list(db.session.scalars(
        sa.select(Report).where(Report.comment_id == comment.id,
                                Report.at >= comment.decided_at).order_by(Report.id)))
    if len(reports) < threshold:
        return
    reason = reported_reason([report.reason for report in reports], threshold).to_dict()
    comment.status = PENDING
    comment.decided_by = REPORTS_ACTOR
    comment.decided_at = utcnow()
    comment.reasons = [r for r in comment.reasons or () if r.get("category") != "reported"]
    comment.reasons = [*comment.reasons, reason]
    listing = "; ".join(
        f"report {r.id}: {r.reason} at {r.at.isoformat(timespec='seconds')}"
        + (f" ({r.note})" if r.note else "") for r in reports)
    _log(comment, REPORTS_ACTOR, APPROVED, [reason], listing)


def get_author(author_id: str) -> Author | None:
    """The stored record of the reader with this (site) id, or None."""
    return db.session.get(Author, hash_client(author_id))


def ban_author(author_id: str, actor: str, reason: str | None = None) -> tuple[Author, int]:
    """Ban a reader: their new comments are rejected (reason `banned`) and their pending
    ones are rejected now, each with a decision_log row; returns (author, rejected).
    With no pending comment, the ban is logged on the author's latest comment."""
    key = hash_client(author_id)
    with _transaction():
        author = db.session.get(Author, key)
        if author is None:
            author = Author(key=key)
            db.session.add(author)
        author.banned, author.banned_at = True, utcnow()
        author.banned_by, author.ban_reason = actor, reason
        note = "author banned" + (f": {reason}" if reason else "")
        logged = {"category": "banned", "source": "moderator", "score": 1.0,
                  "spans": [], "detail": f"banned_by={actor}"}
        pending = list(db.session.scalars(sa.select(Comment).where(
            Comment.author_hash == key, Comment.status == PENDING)))
        for comment in pending:
            comment.status, comment.decided_by, comment.decided_at = REJECTED, actor, utcnow()
            _log(comment, actor, PENDING, [logged], note)
        if not pending:
            _log_on_latest(key, actor, logged, note)
    return author, len(pending)


def unban_author(author_id: str, actor: str) -> Author:
    """Lift a reader's ban (logged on their latest comment); `NotFound` if never banned."""
    key = hash_client(author_id)
    with _transaction():
        author = db.session.get(Author, key)
        if author is None or not author.banned:
            raise NotFound(f"The author {author_id!r} is not banned.")
        author.banned, author.banned_at, author.banned_by = False, None, None
        author.ban_reason = None
        logged = {"category": "banned", "source": "moderator", "score": 0.0,
                  "spans": [], "detail": f"lifted_by={actor}"}
        _log_on_latest(key, actor, logged, "ban lifted")
    return author


def _log_on_latest(author_hash: str, actor: str, reason: Mapping[str, Any], note: str) -> None:
    latest = db.session.scalars(sa.select(Comment).where(Comment.author_hash == author_hash)
                                .order_by(Comment.created_at.desc()).limit(1)).first()
    if latest is not None:
        _log(latest, actor, latest.status, [reason], note)
