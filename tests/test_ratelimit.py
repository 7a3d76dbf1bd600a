"""Rate limits per author and per client address: in memory, on the real Redis, and
failing open when Redis is unreachable."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests.fixtures_app import dispose, seed_demo, sqlite_app

LIMITS = {"RATELIMIT_ENABLED": True, "RATELIMIT_COMMENTS": "2/minute",
          "RATELIMIT_COMMENTS_PER_ADDRESS": "3/minute"}


def post(client: Any, author_id: str | None, address: str = "10.0.0.1") -> Any:
    author = {"name": "Reader"} | ({"id": author_id} if author_id else {})
    return client.post("/api/v1/comments", environ_base={"REMOTE_ADDR": address},
                       json={"article_id": "demo-1", "author": author, "text": "Fair point."})


@pytest.fixture
def limited_app(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path,
                screener: Any) -> Iterator[Flask]:
    app = sqlite_app(tmp_path, sqlite_template, screener, **LIMITS, **request.param)
    seed_demo(app)
    yield app
    dispose(app)


def check_limits(app: Flask) -> None:
    client = app.test_client()
    assert [post(client, "u-1").status_code for _ in range(2)] == [201, 201]
    limited = post(client, "u-1")
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) > 0
    error = limited.get_json()["error"]
    assert error["code"] == "rate_limited" and "2 per 1 minute" in error["message"]
    assert post(client, "u-2").status_code == 201  # another author, third from this address
    assert post(client, "u-3").status_code == 429  # the address limit
    assert post(client, "u-3", address="10.0.0.2").status_code == 201
    assert [post(client, None, "10.0.0.3").status_code for _ in range(4)] == [201] * 3 + [429]


@pytest.mark.parametrize("limited_app", [{}], indirect=True)
def test_limits_in_memory(limited_app: Flask) -> None:
    check_limits(limited_app)


def redis_url() -> str:
    url = os.environ.get("MODERATION_TEST_REDIS_URL")
    if not url:
        pytest.skip("MODERATION_TEST_REDIS_URL is not set")
    return url


@pytest.mark.redis
def test_limits_on_redis(tmp_path: Path, sqlite_template: Path, screener: Any) -> None:
    import redis

    prefix = f"moderation-test-{uuid.uuid4().hex[:12]}"
    url = redis_url()
    app = sqlite_app(tmp_path, sqlite_template, screener, **LIMITS,
                     RATELIMIT_STORAGE_URI=url, RATELIMIT_NAMESPACE=prefix)
    seed_demo(app)
    server = redis.Redis.from_url(url)
    try:
        check_limits(app)
        keys = server.keys(f"*{prefix}*")
        assert keys, "the counters live in Redis"
        assert not any(b"u-1" in key or b"10.0.0.1" in key for key in keys if b"author" in key)
    finally:
        for key in server.scan_iter(f"*{prefix}*"):
            server.delete(key)
        server.close()
        dispose(app)


@pytest.mark.parametrize("limited_app", [{"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1/0"}],
                         indirect=True)
def test_unreachable_redis_fails_open(limited_app: Flask, caplog) -> None:
    client = limited_app.test_client()
    assert post(client, "u-1").status_code == 201
    assert post(client, "u-1").status_code == 201
    # The in-memory fallback keeps limiting while Redis is down.
    assert post(client, "u-1").status_code == 429
