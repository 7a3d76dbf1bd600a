"""The moderator dashboard under `/moderate`: queues, decisions, history, statistics,
settings and accounts, behind a Flask-Login session with CSRF on every form.

Views parse the request, call one function of `moderation.services` for every write (so
the dashboard and the API share one decision path and one decision log) and render
templates from `templates/dashboard/`. The JSON endpoints the keyboard UI posts to live
under `/moderate/api/` and take the CSRF token in the `X-CSRFToken` header.
"""
from __future__ import annotations

from flask import Blueprint, Flask, Response

bp = Blueprint("dashboard", __name__, url_prefix="/moderate")

#: The dashboard runs offline and never needs inline code: everything comes from 'self'.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


@bp.after_request
def _security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def init_app(app: Flask) -> None:
    """Register the blueprint and set up the login manager and session cookie."""
    from moderation.dashboard import (  # noqa: F401  (modules register their routes)
        accounts,
        auth,
        history,
        queue,
        settings,
        stats,
    )

    auth.init_login(app)
    app.register_blueprint(bp)
