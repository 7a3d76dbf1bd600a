"""The queues and the decisions taken from them.

Pages: `/moderate/queue/<name>` (pending, reported, rejected, approved, all) with
filters and keyset pagination. Decisions: plain form posts (work without JavaScript)
and JSON endpoints under `/moderate/api/` for the keyboard UI; all of them call
`services.decide` / `services.decide_many`, which write the decision log.
"""
from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from moderation import services
from moderation.dashboard import bp
from moderation.dashboard.cards import build_cards
from moderation.dashboard.forms import REJECT_REASONS, BulkDecisionForm, DecisionForm
from moderation.dashboard.listing import (
    FILTER_CATEGORIES,
    QUEUES,
    fetch_page,
    parse_filters,
    queue_counts,
)
from moderation.errors import ServiceError, ValidationFailed, error_response
from moderation.pipeline.types import REJECTED, STATUSES


@bp.get("/")
@login_required
def index() -> Response:
    return redirect(url_for("dashboard.queue", name="pending"))


@bp.get("/queue/<name>")
@login_required
def queue(name: str) -> str:
    """A queue page: filters, bulk bar, and one card per comment."""
    if name not in QUEUES:
        abort(404)
    filters = parse_filters(name, request.args)
    per_page = current_app.config.get("PER_PAGE_DEFAULT", 20)
    page = fetch_page(filters, per_page, after=request.args.get("after"),
                      before=request.args.get("before"))
    return render_template(
        "dashboard/queue.html", filters=filters, page=page, cards=build_cards(page.comments),
        counts=queue_counts(), queues=QUEUES, categories=FILTER_CATEGORIES,
        reasons=REJECT_REASONS, form=DecisionForm(), bulk_form=BulkDecisionForm(),
    )


def _checked_decision(status: str | None, reason: str | None,
                      note: str | None) -> tuple[str, str | None, str | None]:
    """(status, reason, note) if acceptable: a rejection needs a guideline reason."""
    if status not in STATUSES:
        raise ValidationFailed("Choose approve, reject or pending.", {"status": "unknown"})
    reason = reason or None
    if status == REJECTED and reason not in REJECT_REASONS:
        raise ValidationFailed("A rejection needs a reason.",
                               {"reason": f"one of {', '.join(REJECT_REASONS)}"})
    if status != REJECTED:
        reason = None
    note = (note or "").strip()[:2000] or None
    return status, reason, note


def _back(target: str | None) -> Response:
    if target and target.startswith("/moderate/") and "//" not in target:
        return redirect(target)
    return redirect(url_for("dashboard.queue", name="pending"))


@bp.post("/comments/<comment_id>/decision")
@login_required
def decide_form(comment_id: str) -> Response:
    """A decision posted as a plain form (the no-JavaScript path)."""
    form = DecisionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        status, reason, note = _checked_decision(form.status.data, form.reason.data,
                                                 form.note.data)
        services.decide(comment_id, status, current_user.username, reason, note)
        flash(f"Comment {status}.", "success")
    except ServiceError as error:
        flash(error.message, "error")
    return _back(form.next.data)


@bp.post("/bulk")
@login_required
def bulk_form() -> Response:
    """The same decision for every selected comment, as a plain form."""
    form = BulkDecisionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        status, reason, note = _checked_decision(form.status.data, form.reason.data,
                                                 form.note.data)
        decided = services.decide_many(request.form.getlist("ids"), status,
                                       current_user.username, reason, note)
        flash(f"{len(decided)} comments {status}.", "success")
    except ServiceError as error:
        flash(error.message, "error")
    return _back(form.next.data)


def _json_body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ValidationFailed("Send a JSON object.", {"body": "must be a JSON object"})
    return body


def _decided(comments: list[Any]) -> Response:
    return jsonify({
        "decided": [{"id": c.id, "status": c.status, "decided_by": c.decided_by}
                    for c in comments],
        "counts": queue_counts(),
    })


@bp.post("/api/comments/<comment_id>/decision")
@login_required
def decide_json(comment_id: str) -> Response:
    """`{"status", "reason", "note"}` → the decision and the new queue counts."""
    body = _json_body()
    status, reason, note = _checked_decision(body.get("status"), body.get("reason"),
                                             body.get("note"))
    return _decided([services.decide(comment_id, status, current_user.username, reason, note)])


@bp.post("/api/bulk")
@login_required
def bulk_json() -> Response:
    """`{"ids": [...], "status", "reason", "note"}` → the decisions and the new counts."""
    body = _json_body()
    ids = body.get("ids")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ValidationFailed("ids must be a list of comment ids.", {"ids": "list of strings"})
    status, reason, note = _checked_decision(body.get("status"), body.get("reason"),
                                             body.get("note"))
    return _decided(services.decide_many(ids, status, current_user.username, reason, note))


@bp.get("/api/counts")
@login_required
def counts_json() -> Response:
    return jsonify(queue_counts())


@bp.errorhandler(400)
def _bad_request(error: Any) -> Any:
    """CSRF failures and malformed posts: JSON for the API, the plain page otherwise."""
    if request.path.startswith("/moderate/api/"):
        return error_response("bad_request", getattr(error, "description", "") or "", 400)
    return error
