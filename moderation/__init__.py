"""Moderation: comment moderation service for news sites."""
from __future__ import annotations

from typing import Any

from flask import Flask


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the Flask application: the only place an app is created."""
    app = Flask(__name__, template_folder="../templates", instance_relative_config=True)
    if test_config:
        app.config.update(test_config)
    return app
