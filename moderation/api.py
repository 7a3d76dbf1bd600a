"""The JSON API under /api/v1: parse, call one service function, serialise.

Every route is declared with `moderation.openapi.endpoint`, which validates the request
with the models in `moderation.schemas` and documents it in `/api/v1/openapi.json`.
"""
from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, current_app, g, request

from moderation import services
from moderation.errors import ValidationFailed
from moderation.openapi import build_spec, endpoint
from moderation.ratelimits import comment_limits, report_limits, screen_limits
from moderation.schemas import (
    ArticleIn,
    ArticleOut,
    AuthorBanOut,
    BanIn,
    CommentCreated,
    CommentIn,
    CommentOut,
    CommentPage,
    DecisionIn,
    Hello,
    ModeratorCommentOut,
    PageQuery,
    QueuePage,
    QueueQuery,
    ReportIn,
    ReportOut,
    ScreenIn,
    ScreenOut,
)

__all__ = ["bp"]

bp = Blueprint("api", __name__, url_prefix="/api/v1")

_IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")


@endpoint(bp, "GET", "/hello", responses={200: Hello}, tags=["operations"])
def hello() -> Hello:
    """Hello world: the benchmark baseline (no database, no screening)."""
    return Hello(message="hello")


@endpoint(bp, "POST", "/comments", body=CommentIn, responses={201: CommentCreated},
          rate_limited=True, errors=[503], tags=["comments"],
          headers={"Location": "The new comment's URL.",
                   "Idempotent-Replayed": "`true` when this is the stored first result."},
          request_headers={"Idempotency-Key": "Printable ASCII, at most 200 characters: a "
                           "retry with the same key returns the first result, storing nothing."})
@comment_limits
def create_comment(body: CommentIn) -> Any:
    """Submit a reader comment: screened, stored, and answered with the decision."""
    result = services.submit_comment(
        body.article_id, body.text, body.author.name, author_id=body.author.id,
        parent_id=body.parent_id, client_ip=request.remote_addr,
        idempotency_key=_idempotency_key(),
    )
    headers = {"Location": f"{bp.url_prefix}/comments/{result.comment_id}"}
    if not result.created:
        headers["Idempotent-Replayed"] = "true"
    decision = result.decision.to_dict()
    created = CommentCreated(id=result.comment_id, status=decision["status"],
                             reasons=decision["reasons"], message=result.message)
    return created, 201, headers


def _idempotency_key() -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is not None and not _IDEMPOTENCY_KEY.match(key):
        raise ValidationFailed("The Idempotency-Key header must be 1 to 200 printable "
                               "ASCII characters.", {"Idempotency-Key": "invalid"})
    return key


@endpoint(bp, "GET", "/comments/<comment_id>", responses={200: CommentOut}, tags=["comments"])
def get_comment(comment_id: str) -> CommentOut:
    """A comment, its text exactly as stored, and its current status."""
    return CommentOut.of(services.get_comment(comment_id))


@endpoint(bp, "GET", "/articles/<article_id>/comments", query=PageQuery,
          responses={200: CommentPage}, tags=["comments"])
def article_comments(article_id: str, query: PageQuery) -> CommentPage:
    """The approved comments of an article, paginated, oldest or newest first."""
    page = services.approved_comments(article_id, query.page, query.per_page, query.order)
    return CommentPage(items=[CommentOut.of(c) for c in page.items], page=page.page,
                       per_page=page.per_page, total=page.total, pages=page.pages,
                       order=query.order)


@endpoint(bp, "PUT", "/articles/<article_id>", body=ArticleIn, auth=True,
          responses={200: ArticleOut, 201: ArticleOut}, tags=["articles"])
def put_article(article_id: str, body: ArticleIn) -> Any:
    """Register or update an article by the site's own id (201 when new)."""
    if not 1 <= len(article_id) <= 200:
        raise ValidationFailed("Article ids are 1 to 200 characters.", {"article_id": "length"})
    article, created = services.upsert_article(article_id, body.title, body.url, body.summary,
                                               body.body)
    return ArticleOut.of(article), 201 if created else 200


@endpoint(bp, "POST", "/screen", body=ScreenIn, responses={200: ScreenOut},
          rate_limited=True, errors=[503], tags=["screening"])
@screen_limits
def screen(body: ScreenIn) -> ScreenOut:
    """Screen a text without storing anything."""
    decision = services.screen_text(body.text, body.article_id)
    return ScreenOut(**decision.to_dict())


@endpoint(bp, "POST", "/comments/<comment_id>/reports", body=ReportIn,
          responses={201: ReportOut, 200: ReportOut}, rate_limited=True, tags=["comments"])
@report_limits
def report(comment_id: str, body: ReportIn) -> Any:
    """A reader flags a published comment (once per reader: a repeat answers 200)."""
    reporter = request.remote_addr
    stored, created = services.report_comment(comment_id, body.reason, reporter, body.note)
    out = ReportOut(id=stored.id, comment_id=stored.comment_id, reason=stored.reason,
                    created=created)
    return out, 201 if created else 200


@endpoint(bp, "GET", "/queue", query=QueueQuery, auth=True, responses={200: QueuePage},
          tags=["moderation"])
def moderation_queue(query: QueueQuery) -> QueuePage:
    """Comments awaiting a moderator (or with another `status`), oldest first by default."""
    page = services.queue(query.status, query.page, query.per_page, query.article_id,
                          query.order)
    return QueuePage(items=[ModeratorCommentOut.of(c) for c in page.items], page=page.page,
                     per_page=page.per_page, total=page.total, pages=page.pages,
                     status=query.status)


@endpoint(bp, "POST", "/comments/<comment_id>/decision", body=DecisionIn, auth=True,
          responses={200: ModeratorCommentOut}, tags=["moderation"])
def decision(comment_id: str, body: DecisionIn) -> ModeratorCommentOut:
    """A moderator approves, rejects or re-queues a comment (logged in decision_log)."""
    comment = services.decide(comment_id, body.status, "moderator:" + g.moderator.username,
                              body.reason, body.note)
    return ModeratorCommentOut.of(comment)


@endpoint(bp, "PUT", "/authors/<author_id>/ban", body=BanIn, auth=True,
          responses={200: AuthorBanOut}, tags=["moderation"])
def ban_author(author_id: str, body: BanIn) -> AuthorBanOut:
    """Ban a reader: new comments rejected (reason banned), pending ones rejected now."""
    author, rejected = services.ban_author(author_id, "moderator:" + g.moderator.username,
                                           body.reason)
    return AuthorBanOut(author_id=author_id, banned=author.banned, banned_at=author.banned_at,
                        banned_by=author.banned_by, ban_reason=author.ban_reason,
                        rejected=rejected)


@endpoint(bp, "DELETE", "/authors/<author_id>/ban", auth=True,
          responses={200: AuthorBanOut}, tags=["moderation"])
def unban_author(author_id: str) -> AuthorBanOut:
    """Lift a reader's ban (logged); 404 when the reader is not banned."""
    author = services.unban_author(author_id, "moderator:" + g.moderator.username)
    return AuthorBanOut(author_id=author_id, banned=author.banned, banned_at=None,
                        banned_by=None, ban_reason=None)


@endpoint(bp, "GET", "/openapi.json", responses={200: None}, tags=["operations"])
def openapi() -> Any:
    """This document: OpenAPI 3.1, generated from the schemas that validate the traffic."""
    spec = current_app.extensions.get("openapi_spec")
    if spec is None:
        spec = build_spec("Moderation API", "1.0.0")
        current_app.extensions["openapi_spec"] = spec
    return spec

