"""Moderation: comment moderation service for news sites.

`create_app` is the only place an application is built (see STYLE.md): configuration is
layered (defaults, `MODERATION_*` environment variables, `DATABASE_URL`, the test config),
extensions are bound, the model is loaded once into `app.extensions["screener"]`, and the
blueprints are registered. Importing this package has no side effects.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from flask import Flask

#: The trained model shipped in the repository (`models/model.joblib` + card).
DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "models"

log = logging.getLogger(__name__)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the Flask application.

    `test_config` is applied last. Besides ordinary settings it may hold `SCREENER`: an
    already-loaded `Screener` to use instead of loading `MODEL_DIR` (tests share one).
    """
    from moderation.config import Config

    app = Flask(__name__, template_folder="../templates", instance_relative_config=True)
    app.config.from_object(Config)
    app.config.from_prefixed_env("MODERATION")
    if os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    if test_config:
        app.config.update(test_config)
    _fill_defaults(app)
    _init_extensions(app)
    _load_screener(app)
    _register_blueprints(app)
    return app


def _fill_defaults(app: Flask) -> None:
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        database = Path(app.instance_path) / "moderation.sqlite"
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{database}"
    if not app.config.get("MODEL_DIR"):
        app.config["MODEL_DIR"] = str(DEFAULT_MODEL_DIR)


def _init_extensions(app: Flask) -> None:
    from werkzeug.middleware.proxy_fix import ProxyFix

    from moderation import errors, observability, security
    from moderation.db import init_engine
    from moderation.extensions import csrf, db, limiter, login, migrate

    db.init_app(app)
    init_engine(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"),
                     render_as_batch=True, compare_type=True)
    limiter.init_app(app)
    csrf.init_app(app)
    login.init_app(app)
    errors.init_app(app)
    observability.init_app(app)
    security.init_app(app)
    if app.config["PROXY_COUNT"]:
        count = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)


def _load_screener(app: Flask) -> None:
    """Load the model once per process (gunicorn's preload shares it with the workers)."""
    from moderation.services import ScreenerCache

    screener = app.config.get("SCREENER")
    if screener is None:
        model_dir = Path(app.config["MODEL_DIR"])
        if (model_dir / "model.joblib").is_file():
            from moderation.pipeline import Screener

            screener = Screener.from_path(model_dir)
        else:
            log.error("no model in %s: screening is unavailable until one is trained", model_dir)
    app.extensions["screener"] = screener
    app.extensions["screener_cache"] = ScreenerCache(screener) if screener is not None else None


def _register_blueprints(app: Flask) -> None:
    from moderation import api, dashboard, perspective, site
    from moderation.extensions import csrf

    app.register_blueprint(api.bp)
    csrf.exempt(api.bp)
    app.register_blueprint(site.bp)
    dashboard.init_app(app)
    perspective.init_app(app)
