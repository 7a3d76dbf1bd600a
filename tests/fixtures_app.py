"""Fixtures for the web service: app, client, runner, databases.

- `app`: a fresh SQLite database per test (a real file in tmp_path, copied from a
  template that the migrations built once per session) and the tiny model's screener.
  Rate limits are off unless a test turns them on.
- `backend_app` / `api_client`: the same, parametrized over SQLite and PostgreSQL
  (a per-run schema, migrated once, tables truncated between tests, dropped at the end;
  skipped unless MODERATION_TEST_POSTGRES_URL is set). The API suites use these.
- `moderator_token`: a moderator account's API token in the app's database.
- `demo_articles`: the three demo articles, seeded through the service.

Every test client checks each `/api/v1` JSON response against the OpenAPI document the
app serves (`SpecCheckingClient`), so the whole API suite is also a conformance test.
"""
from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jsonschema
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from referencing import Registry
from referencing.jsonschema import DRAFT202012
from werkzeug.test import TestResponse

from moderation import create_app

REPO = Path(__file__).resolve().parent.parent
DEMO_ARTICLES = REPO / "moderation" / "demo_articles.json"


def base_config(screener: Any, database_uri: str) -> dict[str, Any]:
    """The test configuration shared by every app fixture."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_uri,
        "SCREENER": screener,
        "RATELIMIT_ENABLED": False,
        "WTF_CSRF_ENABLED": False,
        "LOG_LEVEL": "WARNING",
    }


def dispose(app: Flask) -> None:
    """Close the app's sessions and connection pool."""
    from moderation.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()


class SpecCheckingClient(FlaskClient):
    """A test client that validates every /api/v1 JSON response against the app's
    OpenAPI document: status code declared, body matching the declared schema."""

    spec: dict[str, Any] | None = None

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        response = super().open(*args, **kwargs)
        request = response.request
        if request.path.startswith("/api/v1/") and request.path != "/api/v1/openapi.json":
            check_response(self.application, request.method, request.path, response)
        return response


def openapi_spec(app: Flask) -> dict[str, Any]:
    """The document the app serves (fetched with a plain client)."""
    if SpecCheckingClient.spec is None:
        with app.test_client() as plain:
            SpecCheckingClient.spec = plain.get("/api/v1/openapi.json").get_json()
    return SpecCheckingClient.spec


def check_response(app: Flask, method: str, path: str, response: TestResponse) -> None:
    """Assert that `response` is one the OpenAPI document declares for this operation."""
    spec = openapi_spec(app)
    adapter = app.url_map.bind("localhost")
    try:
        rule, _ = adapter.match(path, method=method, return_rule=True)
    except Exception:  # unmatched paths (404/405) are not operations of the document
        assert response.is_json and set(response.get_json()) == {"error"}
        return
    template = rule.rule.replace("<", "{").replace(">", "}")
    operation = spec["paths"][template][method.lower()]
    declared = operation["responses"]
    assert str(response.status_code) in declared, (
        f"{method} {path} answered {response.status_code}, not in {sorted(declared)}")
    content = declared[str(response.status_code)]["content"]
    assert response.mimetype in content, f"{response.mimetype} not declared for {path}"
    if response.mimetype == "application/json":
        schema = content["application/json"]["schema"]
        registry = Registry().with_resource("urn:spec", DRAFT202012.create_resource(spec))
        validator = jsonschema.Draft202012Validator(
            {"$ref": "urn:spec#" + schema["$ref"][1:]} if "$ref" in schema else schema,
            registry=registry, format_checker=jsonschema.FormatChecker())
        validator.validate(json.loads(response.get_data(as_text=True)))


# --- SQLite -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory, screener: Any) -> Path:
    """A SQLite file migrated from empty to head once per session."""
    from flask_migrate import upgrade

    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    app = create_app(base_config(screener, f"sqlite:///{path}"))
    with app.app_context():
        upgrade()
    dispose(app)
    return path


def sqlite_app(tmp_path: Path, template: Path, screener: Any, **extra: Any) -> Flask:
    """An app over a fresh copy of the template database."""
    database = tmp_path / "moderation.sqlite"
    shutil.copyfile(template, database)
    app = create_app({**base_config(screener, f"sqlite:///{database}"), **extra})
    app.test_client_class = SpecCheckingClient
    return app


@pytest.fixture
def app(tmp_path: Path, sqlite_template: Path, screener: Any) -> Iterator[Flask]:
    """A fresh app over a fresh SQLite file."""
    app = sqlite_app(tmp_path, sqlite_template, screener)
    yield app
    dispose(app)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> Any:
    return app.test_cli_runner()


# --- PostgreSQL -------------------------------------------------------------------------


def postgres_url() -> str | None:
    return os.environ.get("MODERATION_TEST_POSTGRES_URL")


def with_search_path(url: str, schema: str) -> str:
    """`url` with every connection's search_path set to `schema`."""
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture(scope="session")
def pg_url(screener: Any) -> Iterator[str]:
    """A per-run PostgreSQL schema, migrated to head; dropped after the session."""
    from flask_migrate import upgrade

    base = postgres_url()
    if not base:
        pytest.skip("MODERATION_TEST_POSTGRES_URL is not set")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(base, pool_pre_ping=True)
    with engine.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = with_search_path(base, schema)
    app = create_app(base_config(screener, url))
    with app.app_context():
        upgrade()
    dispose(app)
    yield url
    with engine.begin() as connection:
        connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def truncate_all(app: Flask) -> None:
    """Empty every table of the data model (not alembic_version)."""
    from moderation.extensions import db

    with app.app_context():
        names = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
        db.session.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        db.session.commit()


@pytest.fixture
def pg_app(pg_url: str, screener: Any) -> Iterator[Flask]:
    """A fresh app over the per-run PostgreSQL schema, emptied before the test."""
    app = create_app(base_config(screener, pg_url))
    app.test_client_class = SpecCheckingClient
    truncate_all(app)
    yield app
    dispose(app)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend_app(request: pytest.FixtureRequest) -> Flask:
    """`app` on SQLite, then `pg_app` on PostgreSQL: the API suites run on both."""
    return request.getfixturevalue("app" if request.param == "sqlite" else "pg_app")


@pytest.fixture
def api_client(backend_app: Flask) -> FlaskClient:
    return backend_app.test_client()


# --- data -------------------------------------------------------------------------------


def seed_demo(app: Flask) -> list[dict[str, Any]]:
    """Run `moderation seed-demo` against `app`; returns the articles it read."""
    from moderation.cli import cli

    result = app.test_cli_runner().invoke(cli, ["seed-demo"])
    assert result.exit_code == 0, result.output
    return json.loads(DEMO_ARTICLES.read_text("utf-8"))


@pytest.fixture
def demo_articles(backend_app: Flask) -> list[dict[str, Any]]:
    """The demo articles in the backend's database (through `moderation seed-demo`)."""
    return seed_demo(backend_app)


@pytest.fixture
def moderator_token(backend_app: Flask) -> str:
    """The API token of a fresh moderator account."""
    from moderation import services

    with backend_app.app_context():
        _, token = services.create_moderator("mod", "correct horse battery", "moderator")
    return token
