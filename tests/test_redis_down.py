"""Redis, as the rate-limit store, dies while the service runs: readers can still post.

The test starts its own throwaway `redis-server` on a free port (never the shared one),
points the app's limiter at it, checks the counters really live there, kills it, and
then posts comments, screens and reports: every request answers as usual (rate limiting
fails open, and the failure is logged), none with a 5xx. When Redis comes back on the
same port, the counters go back to it.
"""
from __future__ import annotations

import logging
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures_app import dispose, seed_demo, sqlite_app
from flask import Flask

pytestmark = pytest.mark.redis

REDIS_SERVER = shutil.which("redis-server")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_redis(port: int) -> subprocess.Popen[bytes]:
    assert REDIS_SERVER is not None
    process = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--daemonize", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("redis-server did not start")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.kill()
    process.wait(timeout=10)


@pytest.fixture
def redis_port() -> Iterator[int]:
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed")
    pytest.importorskip("redis")
    yield free_port()


@pytest.fixture
def limited_app(tmp_path: Path, sqlite_template: Path, screener: Any,
                redis_port: int) -> Iterator[Flask]:
    """An app limiting through a Redis started for it (the test kills it)."""
    server = start_redis(redis_port)
    app = sqlite_app(tmp_path, sqlite_template, screener, RATELIMIT_ENABLED=True,
                     RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{redis_port}/0",
                     RATELIMIT_COMMENTS="1000/minute", RATELIMIT_COMMENTS_PER_ADDRESS="1000/minute",
                     RATELIMIT_NAMESPACE=f"redis-down-{redis_port}")
    seed_demo(app)
    forget_dead_storage()
    app.config["REDIS_PROCESS"] = server
    yield app
    dispose(app)
    if app.config["REDIS_PROCESS"].poll() is None:
        stop(app.config["REDIS_PROCESS"])


def forget_dead_storage() -> None:
    """Flask-Limiter's limiter is process-global and remembers, across apps, that an
    earlier app's store died (it only re-checks with a growing back-off). A deployment
    has one app per process; this test process builds many, so start each from a clean
    slate."""
    from moderation.extensions import limiter

    limiter._storage_dead = False


def _post(app: Flask, index: int) -> Any:
    return app.test_client().post("/api/v1/comments", json={
        "article_id": "demo-1", "author": {"id": f"reader-{index}", "name": "Reader"},
        "text": f"Comment {index}: the new tram line should reach the hospital first."})


def _keys(port: int) -> list[bytes]:
    import redis

    client = redis.Redis(host="127.0.0.1", port=port)
    try:
        return list(client.scan_iter(match="*redis-down*"))
    finally:
        client.close()


def test_posting_survives_redis_going_away(limited_app: Flask, redis_port: int,
                                          caplog: pytest.LogCaptureFixture) -> None:
    server = limited_app.config["REDIS_PROCESS"]
    try:
        assert _post(limited_app, 0).status_code == 201
        assert _keys(redis_port), "the rate-limit counters live in this Redis"
        stop(server)

        caplog.set_level(logging.WARNING)
        client = limited_app.test_client()
        statuses = [_post(limited_app, index).status_code for index in range(1, 6)]
        screened = client.post("/api/v1/screen", json={"text": "Is the bridge open?"})
        comment_id = client.get("/api/v1/articles/demo-1/comments").get_json()
        reported = client.post("/api/v1/comments/00000000-0000-0000-0000-000000000000/reports",
                               json={"reason": "other"})
        form = client.post("/articles/demo-1/comments", data={
            "author_name": "Form", "text": "The no-JavaScript form still posts."})
        assert statuses == [201] * 5
        assert screened.status_code == 200 and comment_id is not None
        assert reported.status_code == 404  # answered normally (no such comment), not 5xx
        assert form.status_code == 303
        logged = " ".join(record.getMessage() for record in caplog.records)
        assert "redis" in logged.lower() or "storage" in logged.lower(), logged

        limited_app.config["REDIS_PROCESS"] = start_redis(redis_port)
        assert all(_post(limited_app, index).status_code == 201 for index in range(6, 9))
    finally:
        if server.poll() is None:
            stop(server)


def test_rate_limits_hold_while_redis_is_up(tmp_path: Path, sqlite_template: Path,
                                            screener: Any, redis_port: int) -> None:
    """The same configuration does limit while Redis answers (the test above is not
    passing merely because limiting is off)."""
    server = start_redis(redis_port)
    app = sqlite_app(tmp_path, sqlite_template, screener, RATELIMIT_ENABLED=True,
                     RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{redis_port}/0",
                     RATELIMIT_COMMENTS_PER_ADDRESS="3/minute",
                     RATELIMIT_NAMESPACE=f"redis-down-{redis_port}")
    try:
        seed_demo(app)
        forget_dead_storage()
        statuses = [_post(app, index).status_code for index in range(5)]
        assert statuses[:3] == [201] * 3 and statuses[3:] == [429, 429]
        assert _keys(redis_port)
    finally:
        stop(server)
        dispose(app)
