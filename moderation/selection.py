"""Which stored comments a batch command (rescreen, export, stats) works on.

A `Selection` holds the filters a newsroom asks for (status, article, creation time,
whether moderators' decisions are included, a shard) and builds SQLAlchemy queries from
them. Comments are read in keyset pages ordered by id (`WHERE id > :last ORDER BY id
LIMIT n`), so memory stays flat however many comments there are and rows committed while
a run goes on are neither skipped nor read twice.

Shards split the id space into `n` contiguous ranges of the UUID's first 32 bits
(`--shard i/n`): plain string comparisons on the primary key, identical on SQLite and
PostgreSQL, and the first and last shards are open-ended so `n` shards cover every
comment exactly once.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from moderation.db import Article, Comment
from moderation.extensions import db
from moderation.pipeline.types import APPROVED, PENDING, STATUSES

__all__ = ["SYSTEM_ACTORS", "Selection", "Shard", "keyset_pages"]

#: Deciders whose decisions a re-screen may revise: the screen at submission and rescreen.
SYSTEM_ACTORS: tuple[str, ...] = ("system", "rescreen")

_SHARD_PATTERN = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
_PREFIX_SPACE = 16**8


@dataclass(frozen=True, slots=True)
class Shard:
    """Shard `index` of `count` (0-based), a contiguous range of comment ids."""

    index: int
    count: int

    def __post_init__(self) -> None:
        if self.count < 1 or not 0 <= self.index < self.count:
            raise ValueError(f"shard {self.index}/{self.count}: need 0 <= i < n")

    @classmethod
    def parse(cls, value: str) -> Shard:
        """`"i/n"` with 0 <= i < n, e.g. `"0/4"`; `ValueError` otherwise."""
        match = _SHARD_PATTERN.match(value)
        if match is None:
            raise ValueError(f"{value!r} is not of the form i/n (e.g. 0/4)")
        return cls(int(match.group(1)), int(match.group(2)))

    def bounds(self) -> tuple[str | None, str | None]:
        """The lowest id in this shard and the lowest id above it; None where open-ended.

        Boundaries are 8-hex-digit prefixes: every UUID string compares to them exactly as
        its first 32 bits compare to the boundary number."""
        def edge(index: int) -> str | None:
            if index in (0, self.count):
                return None
            return format(index * _PREFIX_SPACE // self.count, "08x")

        return edge(self.index), edge(self.index + 1)


@dataclass(frozen=True, slots=True)
class Selection:
    """Filters over stored comments. `statuses` empty means any status."""

    statuses: tuple[str, ...] = (PENDING, APPROVED)
    article: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    include_moderated: bool = True
    shard: Shard | None = None

    def __post_init__(self) -> None:
        unknown = set(self.statuses) - set(STATUSES)
        if unknown:
            raise ValueError(f"unknown status {sorted(unknown)}")

    def conditions(self) -> list[sa.ColumnElement[bool]]:
        """The WHERE conditions on `Comment` (and `Article`, which the query joins)."""
        conditions: list[sa.ColumnElement[bool]] = []
        if self.statuses:
            conditions.append(Comment.status.in_(self.statuses))
        if not self.include_moderated:
            conditions.append(Comment.decided_by.in_(SYSTEM_ACTORS))
        if self.article is not None:
            conditions.append(Article.external_id == self.article)
        if self.since is not None:
            conditions.append(Comment.created_at >= self.since)
        if self.until is not None:
            conditions.append(Comment.created_at < self.until)
        if self.shard is not None:
            low, high = self.shard.bounds()
            if low is not None:
                conditions.append(Comment.id >= low)
            if high is not None:
                conditions.append(Comment.id < high)
        return conditions

    def query(self, *columns: Any, extra: list[sa.ColumnElement[bool]] | None = None) -> sa.Select:
        """`SELECT columns FROM comment JOIN article WHERE ...` (no order, no limit)."""
        return (sa.select(*columns).select_from(Comment)
                .join(Article, Comment.article_id == Article.id)
                .where(*self.conditions(), *(extra or ())))

    def count(self, extra: list[sa.ColumnElement[bool]] | None = None) -> int:
        """How many comments the selection holds."""
        return db.session.execute(self.query(sa.func.count(), extra=extra)).scalar_one()


def keyset_pages(query: sa.Select, page_size: int, limit: int | None = None
                 ) -> Iterator[list[sa.Row[Any]]]:
    """Pages of `query`'s rows in id order, `page_size` at a time, at most `limit` in all.

    `query` must select `Comment.id` first. Each page is read in its own short read
    transaction that ends before the page is handed over, so the caller's writes (and a
    slow screen) never hold a database snapshot open between pages."""
    last: str | None = None
    remaining = limit
    while remaining is None or remaining > 0:
        size = page_size if remaining is None else min(page_size, remaining)
        page_query = query if last is None else query.where(Comment.id > last)
        rows = db.session.execute(page_query.order_by(Comment.id).limit(size)).all()
        db.session.rollback()
        if not rows:
            return
        yield rows
        last = rows[-1][0]
        if remaining is not None:
            remaining -= len(rows)
