"""Login, logout and permissions for the dashboard (Flask-Login sessions).

`DashboardUser` adapts a `Moderator` row to Flask-Login. Its id carries a fragment of
the password hash, so resetting a password ends the account's open sessions; the user
loader refuses deactivated accounts, so deactivating one ends them too. Failed login
attempts are throttled per client address by Flask-Limiter (successful ones are free).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, flash, redirect, render_template, request, url_for
from flask_limiter.errors import RateLimitExceeded
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from moderation import services
from moderation.dashboard import bp
from moderation.dashboard.forms import CsrfForm, LoginForm
from moderation.db import Moderator
from moderation.errors import error_response
from moderation.extensions import db, limiter, login

#: Failed logins allowed per client address (Flask-Limiter syntax); MODERATION_LOGIN_LIMIT.
DEFAULT_LOGIN_LIMIT = "5 per minute"


@dataclass(frozen=True)
class DashboardUser:
    """The logged-in moderator as Flask-Login sees it."""

    id: int
    username: str
    role: str
    session_key: str
    is_active: bool = True
    is_authenticated: bool = True
    is_anonymous: bool = False

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def get_id(self) -> str:
        return f"{self.id}:{self.session_key}"

    @classmethod
    def of(cls, moderator: Moderator) -> DashboardUser:
        return cls(moderator.id, moderator.username, moderator.role,
                   moderator.password_hash[-12:], moderator.active)


def _load_user(user_id: str) -> DashboardUser | None:
    raw_id, _, session_key = user_id.partition(":")
    moderator = db.session.get(Moderator, int(raw_id)) if raw_id.isdigit() else None
    if moderator is None or not moderator.active:
        return None
    user = DashboardUser.of(moderator)
    return user if user.session_key == session_key else None


def _unauthorized() -> Any:
    """JSON 401 for API calls; the login form (remembering where to go) for pages."""
    if request.path.startswith(("/api/", "/moderate/api/")):
        return error_response("unauthorized", "Log in first.", 401)
    return redirect(url_for("dashboard.login", next=request.full_path.rstrip("?")))


def init_login(app: Flask) -> None:
    """Configure the login manager and the session cookie for the dashboard."""
    login.user_loader(_load_user)
    login.unauthorized_handler(_unauthorized)
    login.session_protection = "basic"
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    if not app.config.get("SESSION_COOKIE_SAMESITE"):
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config.setdefault("LOGIN_LIMIT", DEFAULT_LOGIN_LIMIT)


def admin_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Only admins: anonymous users go to the login form, moderators get 403."""

    @wraps(view)
    @login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def _safe_next(target: str | None) -> str:
    """Only same-site paths under the dashboard: never an open redirect."""
    if target and target.startswith("/moderate") and not urlsplit(target).netloc:
        return target
    return url_for("dashboard.queue", name="pending")


def _failed_login(response: Response) -> bool:
    return response.status_code == 200 and request.method == "POST"


@bp.route("/login", methods=["GET", "POST"], endpoint="login")
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT"], methods=["POST"],
               deduct_when=_failed_login)
def login_page() -> Any:
    """The login form (fields `username`, `password`)."""
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.queue", name="pending"))
    form = LoginForm()
    if form.validate_on_submit():
        moderator = services.authenticate_moderator(form.username.data, form.password.data)
        if moderator is not None:
            login_user(DashboardUser.of(moderator))
            return redirect(_safe_next(request.args.get("next")))
        flash("Wrong username or password, or the account is deactivated.", "error")
    return render_template("dashboard/login.html", form=form)


@bp.post("/logout")
@login_required
def logout() -> Response:
    """End the session (a POST with the CSRF token, so no page can log you out)."""
    if not CsrfForm().validate_on_submit():
        abort(400)
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("dashboard.login"))


@bp.errorhandler(RateLimitExceeded)
def _too_many_logins(error: RateLimitExceeded) -> Any:
    retry_after = getattr(error, "retry_after", None)
    body = render_template("dashboard/login.html", form=LoginForm(), throttled=True)
    headers = {"Retry-After": str(int(retry_after))} if retry_after is not None else {}
    return body, 429, headers
