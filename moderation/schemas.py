"""Request and response schemas of the JSON API (pydantic v2).

The same models validate the traffic (`moderation.openapi.endpoint` parses every body
and query string through them and serialises every response with them) and generate
the OpenAPI document, so the two cannot drift apart. Request models forbid unknown
fields and are validated strictly: `"text": 5` is a 422, never coerced to `"5"`.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from moderation.db import Article, Comment
from moderation.pipeline.types import CATEGORIES

Status = Literal["approved", "pending", "rejected"]
Order = Literal["oldest", "newest"]
ReportReason = Literal[
    "profanity", "vulgarity", "threat", "personal_attack", "abuse", "promotion",
    "off_topic", "misinformation", "other",
]

#: Documented defaults; the limits actually applied come from the configuration.
TEXT_FIELD = Field(
    description="The comment, exactly as the reader wrote it (stored byte for byte). "
    "Not empty or whitespace-only, no NUL characters, at most COMMENT_MAX_CHARS "
    "(default 5000) characters.",
    json_schema_extra={"minLength": 1, "maxLength": 5000},
)


class RequestModel(BaseModel):
    """Strict, closed request bodies."""

    model_config = ConfigDict(extra="forbid", strict=True)


class QueryModel(BaseModel):
    """Query strings: values arrive as text, so numbers are converted."""

    model_config = ConfigDict(extra="forbid")


# --- requests ---------------------------------------------------------------------------


class AuthorIn(RequestModel):
    id: str | None = Field(None, min_length=1, max_length=200,
                           description="The site's own reader id, if the reader is logged in.")
    name: str = Field(min_length=1, max_length=100, description="Display name.")


class CommentIn(RequestModel):
    article_id: str = Field(min_length=1, max_length=200,
                            description="The site's own article id (see PUT /articles/{id}).")
    author: AuthorIn
    text: str = TEXT_FIELD
    parent_id: str | None = Field(None, description="The comment this one replies to.")


class ScreenIn(RequestModel):
    text: str = TEXT_FIELD
    article_id: str | None = Field(None, min_length=1, max_length=200)


class ReportIn(RequestModel):
    reason: ReportReason
    note: str | None = Field(None, max_length=1000)


class DecisionIn(RequestModel):
    status: Status
    reason: str | None = Field(None, max_length=100,
                               description="Guideline category or a short reason.")
    note: str | None = Field(None, max_length=2000)


class ArticleIn(RequestModel):
    title: str = Field(min_length=1, max_length=500)
    url: str | None = Field(None, max_length=2000)
    summary: str | None = Field(None, max_length=5000,
                                description="Used to judge whether comments are on topic.")
    body: list[str] | None = Field(None, description="Paragraphs (shown by the demo page; "
                                   "without them comments are not judged off-topic).")


class PageQuery(QueryModel):
    page: int = Field(1, ge=1, le=1_000_000)  # an offset past 2**63 breaks the database
    per_page: int = Field(20, ge=1, le=100)
    order: Order = "oldest"


class QueueQuery(PageQuery):
    status: Status = "pending"
    article_id: str | None = None


# --- responses --------------------------------------------------------------------------


class SpanOut(BaseModel):
    start: int = Field(description="First code point of the evidence in the original text.")
    end: int = Field(description="One past the last code point.")


class ReasonOut(BaseModel):
    category: str = Field(description=f"A guideline category ({', '.join(CATEGORIES)}) "
                          "or a signal such as language or reported.")
    source: str = Field(description="rule, model, context or moderator.")
    score: float | None = None
    spans: list[SpanOut] = []
    subtype: str | None = None
    detail: str | None = None


class CommentCreated(BaseModel):
    id: str
    status: Status
    reasons: list[ReasonOut]
    message: str = Field(description="The sentence to show the reader.")


class AuthorOut(BaseModel):
    name: str


class CommentOut(BaseModel):
    """A comment as the public sees it: no reader id, no client data."""

    id: str
    article_id: str
    parent_id: str | None
    author: AuthorOut
    text: str
    status: Status
    reasons: list[ReasonOut]
    created_at: datetime
    decided_at: datetime

    @classmethod
    def of(cls, comment: Comment) -> CommentOut:
        return cls(**_comment_fields(comment))


class LogEntryOut(BaseModel):
    actor: str
    from_status: Status | None
    to_status: Status
    reasons: list[ReasonOut]
    note: str | None
    at: datetime


class ModeratorCommentOut(CommentOut):
    """A comment as a moderator sees it: scores, model version and its decision log."""

    author_id: str | None
    scores: dict[str, float]
    model_version: str | None
    language: str | None
    decided_by: str
    log: list[LogEntryOut]

    @classmethod
    def of(cls, comment: Comment) -> ModeratorCommentOut:
        return cls(
            **_comment_fields(comment), author_id=comment.author_id,
            scores=comment.scores or {}, model_version=comment.model_version,
            language=comment.language, decided_by=comment.decided_by,
            log=[LogEntryOut(actor=row.actor, from_status=row.from_status,
                             to_status=row.to_status, reasons=row.reasons or [],
                             note=row.note, at=row.at) for row in comment.log],
        )


def _comment_fields(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.id, "article_id": comment.article.external_id,
        "parent_id": comment.parent_id, "author": AuthorOut(name=comment.author_name),
        "text": comment.text, "status": comment.status, "reasons": comment.reasons or [],
        "created_at": comment.created_at, "decided_at": comment.decided_at,
    }


class PageInfo(BaseModel):
    page: int
    per_page: int
    total: int
    pages: int


class CommentPage(PageInfo):
    order: Order
    items: list[CommentOut]


class QueuePage(PageInfo):
    status: Status
    items: list[ModeratorCommentOut]


class ScreenOut(BaseModel):
    status: Status
    reasons: list[ReasonOut]
    scores: dict[str, float]
    model_version: str
    language: str | None


class ReportOut(BaseModel):
    id: int
    comment_id: str
    reason: ReportReason
    created: bool = Field(description="False when this reader had already reported it.")


class ArticleOut(BaseModel):
    id: str = Field(description="The site's own article id.")
    title: str
    url: str | None
    summary: str | None
    body: list[str] | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, article: Article) -> ArticleOut:
        return cls(id=article.external_id, title=article.title, url=article.url,
                   summary=article.summary, body=article.body,
                   created_at=article.created_at, updated_at=article.updated_at)


class Hello(BaseModel):
    """The benchmark baseline: the cheapest JSON response the app can give."""

    message: str


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: Literal["ready", "unavailable"]
    checks: dict[str, str]
    model_version: str | None = None


class BanIn(RequestModel):
    reason: str | None = Field(None, max_length=1000, description="Why, for the log.")


class AuthorBanOut(BaseModel):
    """A reader's ban status (context signals: their new comments are rejected)."""

    author_id: str = Field(description="The site's own reader id.")
    banned: bool
    banned_at: datetime | None
    banned_by: str | None
    ban_reason: str | None
    rejected: int = Field(0, description="Pending comments rejected by this ban.")


class ErrorDetail(BaseModel):
    code: str = Field(description="Machine-readable: invalid, not_found, rate_limited, ...")
    message: str = Field(description="What went wrong, for a developer.")
    fields: dict[str, str] = Field(description="Per-field problems (422), else empty.")


class ErrorOut(BaseModel):
    error: ErrorDetail
