"""Flask-WTF forms of the dashboard: every one carries a CSRF token."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FloatField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from moderation.pipeline.types import CATEGORIES, STATUSES

#: What a moderator can give as the reason for a rejection (number keys 1-7 in the picker).
REJECT_REASONS: tuple[str, ...] = (*CATEGORIES, "off_topic")
LISTS = ("reject", "review", "allow")
ROLES = ("moderator", "admin")


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _choices(values: tuple[str, ...], blank: bool = False) -> dict[str, str]:
    """WTForms' `{value: label}` shorthand (tuples are deprecated in WTForms 3.3)."""
    return {**({"": "—"} if blank else {}), **{value: _label(value) for value in values}}


class CsrfForm(FlaskForm):
    """A form with only the CSRF token: logout, deactivate, remove."""


class LoginForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired(), Length(max=100)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=500)])


class DecisionForm(FlaskForm):
    """Approve, reject (with a guideline reason and a note) or send back to pending."""

    status = SelectField("Decision", choices=_choices(STATUSES))
    reason = SelectField("Reason", choices=_choices(REJECT_REASONS, blank=True),
                         validators=[Optional()])
    note = TextAreaField("Note", validators=[Optional(), Length(max=2000)])
    next = HiddenField()


class BulkDecisionForm(DecisionForm):
    """The same decision for every selected comment (`ids`, repeated)."""


class ThresholdsForm(FlaskForm):
    """Review and reject thresholds per category; fields `<category>_review|reject`."""


for _category in CATEGORIES:
    for _kind in ("review", "reject"):
        setattr(ThresholdsForm, f"{_category}_{_kind}", FloatField(
            f"{_label(_category)} {_kind}",
            validators=[InputRequired(), NumberRange(min=0.0, max=1.0)]))


class WordForm(FlaskForm):
    term = StringField("Term", validators=[DataRequired(), Length(max=200)])
    action = SelectField("List", choices=_choices(LISTS))
    category = SelectField("Category", choices=_choices(CATEGORIES, blank=True),
                           validators=[Optional()])
    severity = IntegerField("Severity", default=2, validators=[NumberRange(min=1, max=3)])


class MoveWordForm(FlaskForm):
    action = SelectField("Move to", choices=_choices(LISTS))


class AccountForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired(), Length(max=100)])
    password = PasswordField("Password", validators=[DataRequired(), Length(min=8, max=500)])
    role = SelectField("Role", choices=_choices(ROLES))


class PasswordForm(FlaskForm):
    password = PasswordField("New password", validators=[DataRequired(), Length(min=8, max=500)])


class ActiveForm(FlaskForm):
    active = BooleanField("Active")
