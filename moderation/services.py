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
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from moderation import observability
from moderation.db import (
    Article,
    Comment,
    DecisionLog,
    Moderator,
    Report,
    Setting,
    SettingsChange,
    WordlistEntry,
    utcnow,
)
from moderation.errors import NotFound, ServiceUnavailable, ValidationFailed
from moderation.extensions import db
from moderation.pipeline.policy import message_for
from moderation.pipeline.types import (
    APPROVED,
    CATEGORIES,
    STATUSES,
    Decision,
    Reason,
    ScreenContext,
    Span,
)

__all__ = [
    "REPORT_REASONS",
    "Page",
    "SubmitResult",
    "add_wordlist_entry",
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
    context = None
    if article_external_id is not None:
        context = _context_for(_article_or_422(article_external_id), None, None)
    return current_screener().screen(text, context)


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
    """A stored comment and the reader-facing message; `created` is False on a replay."""

    comment: Comment
    message: str
    created: bool


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
    decision = current_screener().screen(text, _context_for(article, parent_id, author_id))
    comment = Comment(
        id=str(uuid.uuid4()), article=article, parent_id=parent_id, author_name=author_name,
        author_id=author_id, author_hash=hash_client(author_id) if author_id else None,
        text=text, status=decision.status, decided_by=SYSTEM_ACTOR,
        reasons=[r.to_dict() for r in decision.reasons],
        scores=decision.to_dict()["scores"], model_version=decision.model_version,
        language=decision.language, client_ip_hash=ip_hash,
        idempotency_scope=scope, idempotency_key=idempotency_key,
    )
    db.session.add(comment)
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
    return SubmitResult(comment, message_for(decision), True)


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
    return SubmitResult(existing, message_for(decision_of(existing)), False)


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
