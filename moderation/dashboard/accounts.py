"""Moderator accounts (admins only): create, deactivate or reactivate, reset a password.

Each change goes through `moderation.services` and into the settings change log.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from moderation import services
from moderation.dashboard import bp
from moderation.dashboard.auth import admin_required
from moderation.dashboard.forms import AccountForm, ActiveForm, PasswordForm
from moderation.dashboard.listing import queue_counts
from moderation.db import Moderator
from moderation.errors import ServiceError
from moderation.extensions import db


def _page(form: AccountForm | None = None) -> str:
    moderators = db.session.scalars(sa.select(Moderator).order_by(Moderator.username)).all()
    return render_template("dashboard/accounts.html", moderators=moderators,
                           form=form or AccountForm(), active_form=ActiveForm(),
                           password_form=PasswordForm(), counts=queue_counts())


@bp.get("/accounts")
@admin_required
def accounts() -> str:
    return _page()


@bp.post("/accounts")
@admin_required
def create_account() -> Any:
    form = AccountForm()
    if not form.validate_on_submit():
        return _page(form), 400
    try:
        moderator, _token = services.create_moderator(form.username.data, form.password.data,
                                                      form.role.data)
        services.log_account_created(moderator, current_user.username)
        flash(f"Account {moderator.username!r} created.", "success")
    except ServiceError as error:
        flash(error.message, "error")
    return redirect(url_for("dashboard.accounts"))


@bp.post("/accounts/<int:moderator_id>/active")
@admin_required
def set_active(moderator_id: int) -> Any:
    form = ActiveForm()
    if not form.validate_on_submit():
        return _page(), 400
    return _run(lambda: services.set_moderator_active(moderator_id, bool(form.active.data),
                                                      current_user.username),
                "Account reactivated." if form.active.data else "Account deactivated.")


@bp.post("/accounts/<int:moderator_id>/password")
@admin_required
def reset_password(moderator_id: int) -> Any:
    form = PasswordForm()
    if not form.validate_on_submit():
        flash("The new password needs at least 8 characters.", "error")
        return _page(), 400
    return _run(lambda: services.reset_moderator_password(moderator_id, form.password.data,
                                                          current_user.username),
                "Password reset: the account's open sessions have ended.")


def _run(change: Any, message: str) -> Response:
    try:
        change()
        flash(message, "success")
    except ServiceError as error:
        flash(error.message, "error")
    return redirect(url_for("dashboard.accounts"))
