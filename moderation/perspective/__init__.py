"""A Perspective-compatible scoring API (`/v1alpha1`): a self-hosted drop-in for
newsrooms leaving Google's Perspective API, e.g. Coral Talk's toxicity filter.

`attributes` maps Perspective attributes onto our categories (pure); `views` is the
blueprint; `admin` lists keys and suggestion disagreements for administrators.
Importing this package stays cheap and Flask-free (the training code reads `attributes`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

__all__ = ["init_app"]


def init_app(app: Flask) -> None:
    """Register the `/v1alpha1` API (CSRF-exempt: keys, not cookies) and its admin pages."""
    from moderation.extensions import csrf
    from moderation.perspective import admin, views

    app.register_blueprint(views.bp)
    csrf.exempt(views.bp)
    app.register_blueprint(admin.bp)
