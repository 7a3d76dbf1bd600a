"""Settings (admins only): per-category thresholds and the dashboard word lists.

Every change goes through `moderation.services`, which stores it, bumps the settings
version (so the next comment screened in any worker uses it, without a restart) and
writes a row of the settings change log shown at the bottom of the page.
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
from moderation.dashboard.forms import CsrfForm, MoveWordForm, ThresholdsForm, WordForm
from moderation.dashboard.listing import queue_counts
from moderation.db import SettingsChange, WordlistEntry
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.pipeline.types import CATEGORIES

CHANGE_LOG_SIZE = 50


def _current_thresholds() -> dict[str, dict[str, float]]:
    try:
        return dict(services.current_screener().thresholds)
    except ServiceError:
        return {}


def _thresholds_form() -> ThresholdsForm:
    form = ThresholdsForm()
    if not form.is_submitted():
        for category, pair in _current_thresholds().items():
            for kind in ("review", "reject"):
                field = getattr(form, f"{category}_{kind}", None)
                if field is not None and kind in pair:
                    field.data = round(float(pair[kind]), 3)
    return form


def _page(**forms: Any) -> str:
    entries = db.session.scalars(sa.select(WordlistEntry).order_by(
        WordlistEntry.action, WordlistEntry.term)).all()
    changes = db.session.scalars(sa.select(SettingsChange).order_by(
        SettingsChange.id.desc()).limit(CHANGE_LOG_SIZE)).all()
    forms.setdefault("thresholds_form", _thresholds_form())
    forms.setdefault("word_form", WordForm())
    return render_template("dashboard/settings.html", entries=entries, changes=changes,
                           categories=CATEGORIES, move_form=MoveWordForm(),
                           csrf_form=CsrfForm(), counts=queue_counts(), **forms)


@bp.get("/settings")
@admin_required
def settings() -> str:
    return _page()


@bp.post("/settings/thresholds")
@admin_required
def save_thresholds() -> Any:
    form = ThresholdsForm()
    if not form.validate_on_submit():
        return _page(thresholds_form=form), 400
    value = {category: {kind: float(getattr(form, f"{category}_{kind}").data)
                        for kind in ("review", "reject")} for category in CATEGORIES}
    return _run(lambda: services.set_setting("thresholds", value, current_user.username),
                "Thresholds saved: the next comment screened uses them.")


@bp.post("/settings/words")
@admin_required
def add_word() -> Any:
    form = WordForm()
    if not form.validate_on_submit():
        return _page(word_form=form), 400
    return _run(lambda: services.add_wordlist_entry(
        form.term.data, form.action.data, current_user.username,
        category=form.category.data or None, severity=form.severity.data),
        f"Added {form.term.data!r} to the {form.action.data} list.")


@bp.post("/settings/words/<int:entry_id>/move")
@admin_required
def move_word(entry_id: int) -> Any:
    form = MoveWordForm()
    if not form.validate_on_submit():
        return _page(), 400
    return _run(lambda: services.move_wordlist_entry(entry_id, form.action.data,
                                                     current_user.username),
                f"Moved to the {form.action.data} list.")


@bp.post("/settings/words/<int:entry_id>/delete")
@admin_required
def delete_word(entry_id: int) -> Any:
    if not CsrfForm().validate_on_submit():
        return _page(), 400
    return _run(lambda: services.delete_wordlist_entry(entry_id, current_user.username),
                "Removed from the word list.")


def _run(change: Any, message: str) -> Response:
    """Apply one change through the services; report success or the service's refusal."""
    try:
        change()
        flash(message, "success")
    except ServiceError as error:
        flash(error.message, "error")
    return redirect(url_for("dashboard.settings"))
