"""A comment's full decision log, and the log of all decisions (filterable)."""
from __future__ import annotations

import sqlalchemy as sa
from flask import render_template, request
from flask_login import login_required

from moderation import services
from moderation.dashboard import bp
from moderation.dashboard.cards import build_cards
from moderation.dashboard.forms import REJECT_REASONS, DecisionForm
from moderation.dashboard.listing import queue_counts
from moderation.db import DecisionLog, Moderator
from moderation.extensions import db
from moderation.pipeline.types import STATUSES

LOG_PAGE_SIZE = 50


@bp.get("/comments/<comment_id>")
@login_required
def comment(comment_id: str) -> str:
    """One comment with its context and every status change it went through."""
    found = services.get_comment(comment_id)
    return render_template("dashboard/comment.html", card=build_cards([found])[0],
                           log=found.log, counts=queue_counts(), form=DecisionForm(),
                           reasons=REJECT_REASONS)


def _log_query(actor: str | None, action: str | None) -> sa.Select[tuple[DecisionLog]]:
    query = sa.select(DecisionLog)
    if actor:
        query = query.where(DecisionLog.actor == actor)
    if action in STATUSES:
        query = query.where(DecisionLog.to_status == action)
    return query


@bp.get("/log")
@login_required
def log() -> str:
    """All decisions, newest first, by moderator and action, keyset-paginated on id."""
    actor = (request.args.get("moderator") or "").strip() or None
    action = request.args.get("action") or None
    query = _log_query(actor, action)
    before = request.args.get("before", type=int)
    if before:
        query = query.where(DecisionLog.id < before)
    rows = list(db.session.scalars(query.order_by(DecisionLog.id.desc())
                                   .limit(LOG_PAGE_SIZE + 1)))
    next_before = rows[LOG_PAGE_SIZE - 1].id if len(rows) > LOG_PAGE_SIZE else None
    actors = [services.SYSTEM_ACTOR, *db.session.scalars(
        sa.select(Moderator.username).order_by(Moderator.username))]
    return render_template("dashboard/log.html", rows=rows[:LOG_PAGE_SIZE], actor=actor,
                           action=action, actors=actors, statuses=STATUSES,
                           next_before=next_before, counts=queue_counts())
