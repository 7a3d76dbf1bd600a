"""Configuration that changes API behaviour: the length limit, a missing model."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.fixtures_app import dispose, seed_demo, sqlite_app
from tests.test_api_errors import error_of, post_raw, with_


def test_configured_length_limit(tmp_path: Path, sqlite_template: Path, screener: Any) -> None:
    app = sqlite_app(tmp_path, sqlite_template, screener, COMMENT_MAX_CHARS=50)
    seed_demo(app)
    client = app.test_client()
    assert post_raw(client, with_(text="é" * 50)).status_code == 201
    error = error_of(post_raw(client, with_(text="é" * 51)), 422)
    assert "at most 50" in error["fields"]["text"]
    dispose(app)


def test_no_model_is_503(tmp_path: Path, sqlite_template: Path) -> None:
    app = sqlite_app(tmp_path, sqlite_template, None, MODEL_DIR=str(tmp_path / "none"))
    seed_demo(app)
    client = app.test_client()
    error_of(post_raw(client, with_()), 503, "unavailable")
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.get_json()["checks"] == {"database": "ok", "model": "not loaded"}
    dispose(app)
