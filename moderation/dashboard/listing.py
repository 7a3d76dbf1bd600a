"""Read-only queries behind the queues: filters, keyset pagination, counts, context.

Pages are cut with keyset pagination on `(created_at, id)`: each page asks for the rows
after (or before) the last one shown, so a page costs the same on row 100,000 as on row
1 (the `(status, created_at)` and `(created_at, id)` indexes serve the order). Search is
a case-insensitive substring match (`ILIKE` on PostgreSQL, `LIKE` on SQLite): it scans
the queue in index order and stops when a page is full, so common words are fast and a
rare word over a huge queue scans it all (a trigram index would be the next step).
"""
from __future__ import annotations

import base64
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from moderation.db import Article, Comment, Report
from moderation.extensions import db
from moderation.pipeline.types import CATEGORIES, SIGNAL_CATEGORIES

QUEUES: tuple[str, ...] = ("pending", "reported", "rejected", "approved", "all")
FILTER_CATEGORIES: tuple[str, ...] = (*CATEGORIES, *SIGNAL_CATEGORIES)


@dataclass(frozen=True)
class Filters:
    """What the moderator asked for; every field is optional but `queue`."""

    queue: str = "pending"
    order: str = "oldest"
    category: str | None = None
    article: str | None = None
    author: str | None = None
    since: date | None = None
    until: date | None = None
    search: str | None = None

    def args(self) -> dict[str, str]:
        """The filters as query-string arguments (for links that keep them)."""
        values = {"order": self.order, "category": self.category, "article": self.article,
                  "author": self.author, "q": self.search,
                  "since": self.since.isoformat() if self.since else None,
                  "until": self.until.isoformat() if self.until else None}
        return {key: value for key, value in values.items() if value}


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def parse_filters(queue: str, args: Mapping[str, str]) -> Filters:
    """Filters from query arguments; unknown or malformed values are ignored."""
    category = args.get("category") or None
    return Filters(
        queue=queue,
        order="newest" if args.get("order") == "newest" else "oldest",
        category=category if category in FILTER_CATEGORIES else None,
        article=(args.get("article") or "").strip()[:200] or None,
        author=(args.get("author") or "").strip()[:200] or None,
        since=_date(args.get("since")),
        until=_date(args.get("until")),
        search=(args.get("q") or "").strip()[:200] or None,
    )


def _unreviewed_reports() -> sa.ColumnElement[bool]:
    """Published comments with reader reports newer than their last decision.

    Driven from the (small) report table, so it never scans every published comment.
    """
    reported = aliased(Comment)
    decided_at = (sa.select(reported.decided_at)
                  .where(reported.id == Report.comment_id, reported.status == "approved")
                  .scalar_subquery())
    return Comment.id.in_(sa.select(Report.comment_id).where(Report.at > decided_at))


def _queue_condition(queue: str) -> sa.ColumnElement[bool] | None:
    if queue == "reported":
        return _unreviewed_reports()
    if queue == "all":
        return None
    return Comment.status == queue


def _filtered(filters: Filters) -> sa.Select[Any]:
    query = sa.select(Comment)
    condition = _queue_condition(filters.queue)
    if condition is not None:
        query = query.where(condition)
    if filters.category:
        needle = f'"category": "{filters.category}"'
        query = query.where(sa.cast(Comment.reasons, sa.Text).contains(needle, autoescape=True))
    if filters.article:
        query = query.where(Comment.article_id.in_(
            sa.select(Article.id).where(Article.external_id == filters.article)))
    if filters.author:
        query = query.where(sa.or_(Comment.author_id == filters.author,
                                   Comment.author_name == filters.author))
    if filters.since:
        query = query.where(Comment.created_at >= datetime.combine(filters.since, time(), UTC))
    if filters.until:
        end = datetime.combine(filters.until + timedelta(days=1), time(), UTC)
        query = query.where(Comment.created_at < end)
    if filters.search:
        query = query.where(Comment.text.icontains(filters.search, autoescape=True))
    return query


def encode_cursor(comment: Comment) -> str:
    raw = f"{comment.created_at.isoformat()}|{comment.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[datetime, str] | None:
    """The (created_at, id) a cursor names, or None for a missing or forged one."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, comment_id = raw.split("|", 1)
        at = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return (at if at.tzinfo else at.replace(tzinfo=UTC)), comment_id


@dataclass
class QueuePage:
    """One page of a queue and the cursors of its neighbours (None: no such page)."""

    comments: list[Comment]
    next_cursor: str | None = None
    prev_cursor: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)


def fetch_page(filters: Filters, per_page: int, after: str | None = None,
               before: str | None = None) -> QueuePage:
    """The page after cursor `after`, or before cursor `before`, or the first page."""
    newest = filters.order == "newest"
    key = sa.tuple_(Comment.created_at, Comment.id)
    backwards = before is not None and decode_cursor(before) is not None
    cursor = decode_cursor(before if backwards else after)
    query = _filtered(filters)
    if cursor is not None:
        value = sa.tuple_(sa.literal(cursor[0], Comment.created_at.type), sa.literal(cursor[1]))
        query = query.where(key < value if newest != backwards else key > value)
    descending = newest != backwards
    order = (Comment.created_at.desc(), Comment.id.desc()) if descending else (
        Comment.created_at.asc(), Comment.id.asc())
    rows = list(db.session.scalars(query.order_by(*order).limit(per_page + 1)))
    more = len(rows) > per_page
    rows = rows[:per_page]
    if backwards:
        rows.reverse()
    page = QueuePage(rows)
    if rows:
        has_next = (not backwards and more) or backwards
        has_prev = (backwards and more) or (not backwards and cursor is not None)
        page.next_cursor = encode_cursor(rows[-1]) if has_next else None
        page.prev_cursor = encode_cursor(rows[0]) if has_prev else None
    return page


def queue_counts() -> dict[str, int]:
    """How many comments each queue holds (for the navigation)."""
    by_status = dict(db.session.execute(
        sa.select(Comment.status, sa.func.count()).group_by(Comment.status)).all())
    reported = db.session.execute(
        sa.select(sa.func.count()).select_from(Comment).where(_unreviewed_reports())).scalar_one()
    counts = {queue: int(by_status.get(queue, 0)) for queue in ("pending", "rejected", "approved")}
    counts["reported"] = int(reported)
    counts["all"] = sum(int(n) for n in by_status.values())
    return counts


def author_key(comment: Comment) -> str:
    return f"id:{comment.author_id}" if comment.author_id else f"name:{comment.author_name}"


def author_histories(comments: Sequence[Comment]) -> dict[str, Counter[str]]:
    """Per author on the page: how many of their comments are approved, rejected, pending."""
    ids = {c.author_id for c in comments if c.author_id}
    names = {c.author_name for c in comments if not c.author_id}
    histories: dict[str, Counter[str]] = defaultdict(Counter)
    if ids:
        rows = db.session.execute(sa.select(Comment.author_id, Comment.status, sa.func.count())
                                  .where(Comment.author_id.in_(ids))
                                  .group_by(Comment.author_id, Comment.status))
        for author, status, count in rows:
            histories[f"id:{author}"][status] = count
    if names:
        rows = db.session.execute(sa.select(Comment.author_name, Comment.status, sa.func.count())
                                  .where(Comment.author_id.is_(None),
                                         Comment.author_name.in_(names))
                                  .group_by(Comment.author_name, Comment.status))
        for author, status, count in rows:
            histories[f"name:{author}"][status] = count
    return histories


def reports_for(comments: Sequence[Comment]) -> dict[str, list[Report]]:
    """The reader reports of each comment on the page, oldest first."""
    found: dict[str, list[Report]] = defaultdict(list)
    ids = [c.id for c in comments]
    if ids:
        for report in db.session.scalars(sa.select(Report).where(Report.comment_id.in_(ids))
                                         .order_by(Report.at)):
            found[report.comment_id].append(report)
    return found
