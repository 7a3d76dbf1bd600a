"""Statistics: decisions per day by status and by category, automatic vs moderator
share, queue size and age of the oldest pending comment, moderator activity."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta
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


def decision_stats(days: int, now: datetime | None = None) -> dict[str, Any]:
    """Everything the statistics page shows, for the last `days` days (UTC)."""
    now = now or utcnow()
    since = datetime.combine((now - timedelta(days=days - 1)).date(), datetime.min.time(),
                             now.tzinfo)
    by_status: dict[str, Counter[str]] = defaultdict(Counter)
    by_category: dict[str, Counter[str]] = defaultdict(Counter)
    by_actor: dict[str, Counter[str]] = defaultdict(Counter)
    automatic = manual = 0
    rows = db.session.execute(sa.select(DecisionLog.at, DecisionLog.to_status,
                                        DecisionLog.reasons, DecisionLog.actor)
                              .where(DecisionLog.at >= since))
    for at, status, reasons, actor in rows:
        day = at.date().isoformat()
        by_status[day][status] += 1
        if status == "rejected" and reasons:
            by_category[day][reasons[0].get("category", "other")] += 1
        if actor == SYSTEM_ACTOR:
            automatic += 1
        else:
            manual += 1
            by_actor[actor][status] += 1
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
        "oldest_pending_age": (now - oldest) if oldest else None,
    }


@bp.get("/stats")
@login_required
def stats() -> str:
    days = request.args.get("days", 14, type=int)
    days = days if days in WINDOWS else 14
    return render_template("dashboard/stats.html", days=days, windows=WINDOWS,
                           counts=queue_counts(), **decision_stats(days))
