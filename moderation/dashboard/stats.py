"""Statistics: decisions per day by status and by category, automatic vs moderator
share, queue size and age of the oldest pending comment, moderator activity."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import render_template, request
from flask_login import login_required

from moderation.dashboard import bp
from moderation.dashboard.charts import horizontal_bars, stacked_columns
from moderation.dashboard.listing import queue_counts
from moderation.db import Comment, DecisionLog, utcnow
from moderation.extensions import db
from moderation.pipeline.types import CATEGORIES, STATUSES
from moderation.services import SYSTEM_ACTOR

WINDOWS = (7, 14, 30)


def _days(now: datetime, count: int) -> list[str]:
    return [(now - timedelta(days=back)).date().isoformat() for back in range(count - 1, -1, -1)]


def _day(value: Any) -> str:
    """`date(at)` as ISO text: SQLite returns a string, PostgreSQL a date."""
    return value if isinstance(value, str) else value.isoformat()


def decision_stats(days: int, now: datetime | None = None) -> dict[str, Any]:
    """Everything the statistics page shows, for the last `days` days (UTC).

    Counting is done by the database (grouped by day, status and actor); only the
    rejections are read row by row, for the guideline named first in their reasons.
    """
    now = now or utcnow()
    since = datetime.combine((now - timedelta(days=days - 1)).date(), datetime.min.time(),
                             now.tzinfo)
    recent = DecisionLog.at >= since
    day = sa.func.date(DecisionLog.at)
    by_status: dict[str, Counter[str]] = defaultdict(Counter)
    for when, status, count in db.session.execute(
            sa.select(day, DecisionLog.to_status, sa.func.count()).where(recent)
            .group_by(day, DecisionLog.to_status)):
        by_status[_day(when)][status] = count
    by_category: dict[str, Counter[str]] = defaultdict(Counter)
    for when, reasons in db.session.execute(sa.select(DecisionLog.at, DecisionLog.reasons).where(
            recent, DecisionLog.to_status == "rejected")):
        if reasons:
            by_category[when.date().isoformat()][reasons[0].get("category", "other")] += 1
    by_actor: dict[str, Counter[str]] = defaultdict(Counter)
    for actor, status, count in db.session.execute(
            sa.select(DecisionLog.actor, DecisionLog.to_status, sa.func.count())
            .where(recent).group_by(DecisionLog.actor, DecisionLog.to_status)):
        by_actor[actor][status] = count
    automatic = sum(by_actor.pop(SYSTEM_ACTOR, Counter()).values())
    manual = sum(sum(c.values()) for c in by_actor.values())
    columns = _days(now, days)
    oldest = db.session.execute(sa.select(sa.func.min(Comment.created_at))
                                .where(Comment.status == "pending")).scalar()
    return {
        "status_chart": stacked_columns("Decisions per day, by status", columns, by_status,
                                        STATUSES),
        "category_chart": stacked_columns("Rejections per day, by guideline", columns,
                                          by_category, CATEGORIES),
        "actor_chart": horizontal_bars("Moderator decisions", sorted(by_actor.items()),
                                       STATUSES),
        "share_chart": horizontal_bars("Who decided", [("Decisions", {
            "automatic": automatic, "moderators": manual})], ("automatic", "moderators")),
        "automatic": automatic,
        "manual": manual,
        "oldest_pending_age": (now - _aware(oldest)) if oldest else None,
    }


def _aware(value: Any) -> datetime:
    """min() bypasses the column type on SQLite: parse and tag the raw value as UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@bp.get("/stats")
@login_required
def stats() -> str:
    days = request.args.get("days", 14, type=int)
    days = days if days in WINDOWS else 14
    return render_template("dashboard/stats.html", days=days, windows=WINDOWS,
                           counts=queue_counts(), **decision_stats(days))
