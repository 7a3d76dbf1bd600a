"""The demo article page: how a news site embeds the service.

`/` lists the articles; `/articles/<external_id>` shows one with its approved comments and
the comment form. The form is progressively enhanced: `static/site/comments.js` posts it to
`POST /api/v1/comments` with fetch and shows the decision message without a reload; with
JavaScript off, the browser posts the same form here and the page is rendered again with
the message (post/redirect/get). Both paths call `services.submit_comment`.

No inline script or style anywhere, so the Content-Security-Policy sent with every page
allows only this origin's files.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from moderation import services
from moderation.errors import ServiceError
from moderation.ratelimits import comment_limits

__all__ = ["bp"]

bp = Blueprint("site", __name__)

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)
COMMENTS_PER_PAGE = 50


@bp.after_request
def _security_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


@bp.get("/")
def index() -> str:
    """The list of articles."""
    return render_template("site/index.html", articles=services.list_articles())


@bp.get("/articles/<external_id>")
def article(external_id: str) -> str:
    """An article, its approved comments (oldest first) and the comment form."""
    return _render_article(external_id)


def _render_article(external_id: str, status: int = 200, form: dict[str, str] | None = None,
                    error: ServiceError | None = None) -> Any:
    found = services.get_article(external_id)
    if found is None:
        abort(404)
    page_number = request.args.get("page", 1, type=int) or 1
    comments = services.approved_comments(external_id, max(page_number, 1), COMMENTS_PER_PAGE)
    html = render_template("site/article.html", article=found, comments=comments,
                           form=form or {}, error=error)
    return html, status


@bp.post("/articles/<external_id>/comments")
@comment_limits
def post_comment(external_id: str) -> Any:
    """The no-JavaScript path: submit the form, then show the page with the message."""
    form = {name: request.form.get(name, "") for name in ("author_name", "author_id", "text")}
    try:
        result = services.submit_comment(
            external_id, form["text"], form["author_name"].strip() or "Reader",
            author_id=form["author_id"] or None, client_ip=request.remote_addr,
        )
    except ServiceError as error:
        if error.status == 404:
            abort(404)
        return _render_article(external_id, 422, form, error)
    flash(result.message, result.decision.status)
    return redirect(url_for("site.article", external_id=external_id, _anchor="comment-form"),
                    code=303)
