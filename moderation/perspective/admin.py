"""Admin pages for the Perspective-compatible API, under `/moderate/perspective`:
the API keys (create, revoke) and the score suggestions Coral Talk sent, with the ones
where the moderator's score and ours disagree first. Behind the dashboard's admin login.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from moderation import services
from moderation.dashboard.auth import admin_required
from moderation.dashboard.forms import CsrfForm
from moderation.db import ScoreSuggestion
from moderation.errors import ServiceError
from moderation.perspective.attributes import ATTRIBUTES, score_attributes

__all__ = ["bp"]

#: How many recent suggestions the page re-scores (one batched screen call).
RECENT = 200
#: A suggestion disagrees with our score when they differ by at least this much.
DISAGREEMENT = 0.5

bp = Blueprint("perspective_admin", __name__, url_prefix="/moderate/perspective")


class KeyForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=200)])


@dataclass(frozen=True)
class Comparison:
    """A stored suggestion next to what we score the same text now."""

    suggestion: ScoreSuggestion
    ours: float | None

    @property
    def disagrees(self) -> bool:
        return self.ours is not None and abs(self.ours - self.suggestion.value) >= DISAGREEMENT


def compare(suggestions: list[ScoreSuggestion]) -> list[Comparison]:
    """Our current score for each suggestion's text and attribute (None without text)."""
    scorable = [s for s in suggestions if s.text and s.attribute in ATTRIBUTES]
    decisions = services.current_screener().screen_many([s.text for s in scorable])
    ours = {id(s): score_attributes(d, [s.attribute])[s.attribute]
            for s, d in zip(scorable, decisions, strict=True)}
    comparisons = [Comparison(s, ours.get(id(s))) for s in suggestions]
    return sorted(comparisons, key=lambda c: not c.disagrees)


@bp.get("/")
@admin_required
def index() -> Any:
    """Keys and suggestions."""
    comparisons = compare(services.score_suggestions(RECENT))
    return render_template(
        "perspective/admin.html", keys=services.list_api_keys(), comparisons=comparisons,
        disagreements=sum(c.disagrees for c in comparisons), key_form=KeyForm(),
        revoke_form=CsrfForm(), new_key=None,
    )


@bp.post("/keys")
@admin_required
def create_key() -> Any:
    """Create a key and show it once."""
    form = KeyForm()
    if not form.validate_on_submit():
        flash("A key needs a name.")
        return redirect(url_for(".index"))
    api_key, key = services.create_api_key(form.name.data or "")
    flash(f"Key {api_key.name!r} created by {current_user.username}.")
    comparisons = compare(services.score_suggestions(RECENT))
    return render_template(
        "perspective/admin.html", keys=services.list_api_keys(), comparisons=comparisons,
        disagreements=sum(c.disagrees for c in comparisons), key_form=KeyForm(formdata=None),
        revoke_form=CsrfForm(), new_key=key,
    )


@bp.post("/keys/<int:key_id>/revoke")
@admin_required
def revoke_key(key_id: int) -> Any:
    """Revoke a key: requests with it get 403 from now on."""
    if CsrfForm().validate_on_submit():
        try:
            services.revoke_api_key(key_id)
            flash("Key revoked.")
        except ServiceError as error:
            flash(error.message)
    return redirect(url_for(".index"), code=303)
