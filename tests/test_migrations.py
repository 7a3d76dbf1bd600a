"""Migrations: empty to head on SQLite and PostgreSQL, the models match the migrations
(an `alembic check`), and downgrade to empty works."""
from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from moderation import create_app
from moderation.extensions import db
from tests.fixtures_app import base_config, dispose, postgres_url, with_search_path

TABLES = {"article", "comment", "decision_log", "report", "moderator", "wordlist_entry",
          "setting", "api_key", "score_suggestion", "author", "alembic_version"}


def check_round_trip(url: str, screener: Any) -> None:
    app = create_app(base_config(screener, url))
    try:
        with app.app_context():
            upgrade()
            inspector = sa.inspect(db.engine)
            assert set(inspector.get_table_names()) >= TABLES
            with db.engine.connect() as connection:
                context = MigrationContext.configure(connection, opts={"compare_type": True})
                assert compare_metadata(context, db.metadata) == []
            indexes = {index["name"] for index in inspector.get_indexes("comment")}
            assert {"ix_comment_status_created_at",
                    "ix_comment_article_status_created_at"} <= indexes
            downgrade(revision="base")
            assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}
    finally:
        dispose(app)


def test_sqlite_empty_to_head_and_back(tmp_path: Path, screener: Any) -> None:
    check_round_trip(f"sqlite:///{tmp_path / 'fresh.sqlite'}", screener)


@pytest.mark.postgres
def test_postgresql_empty_to_head_and_back(screener: Any) -> None:
    base = postgres_url()
    if not base:
        pytest.skip("MODERATION_TEST_POSTGRES_URL is not set")
    schema = f"mig_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(base, pool_pre_ping=True)
    with engine.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        check_round_trip(with_search_path(base, schema), screener)
    finally:
        with engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()
