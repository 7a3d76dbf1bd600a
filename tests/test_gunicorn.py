"""`moderation serve` end to end: a fresh SQLite database migrated and seeded, gunicorn
with two preloaded workers on a free port, the API answering over real HTTP, metrics
aggregated across workers, JSON logs with the request id, and a clean shutdown."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

pytestmark = pytest.mark.slow

TEXT = " Kurdî û عربي 👍🏽\r\nsecond line\u0301 "


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(tmp_path: Path, tiny_model_dir: Path) -> Iterator[tuple[str, Path]]:
    port = free_port()
    stderr = tmp_path / "serve.log"
    env = {**os.environ, "MODERATION_BIND": f"127.0.0.1:{port}", "MODERATION_WORKERS": "2",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'served.sqlite'}",
           "MODERATION_MODEL_DIR": str(tiny_model_dir), "MODERATION_SECRET_KEY": "s3cret",
           "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics")}
    (tmp_path / "metrics").mkdir()
    moderation = Path(sys.executable).parent / "moderation"
    with stderr.open("wb") as log:
        process = subprocess.Popen([str(moderation), "serve"], env=env, cwd=tmp_path,
                                   stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base}/readyz", timeout=2).status_code == 200:
                break
        except requests.ConnectionError:
            assert process.poll() is None, stderr.read_text()
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("gunicorn did not become ready:\n" + stderr.read_text())
    yield base, stderr
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0, stderr.read_text()


def test_serve_from_scratch(served: tuple[str, Path]) -> None:
    base, log = served
    site = requests.get(f"{base}/", timeout=5)
    assert site.status_code == 200 and "/articles/demo-1" in site.text
    assert "Content-Security-Policy" in site.headers

    request_id = f"test-{uuid.uuid4().hex}"
    posted = requests.post(f"{base}/api/v1/comments", timeout=10, headers={
        "Idempotency-Key": "live-1", "X-Request-ID": request_id},
        json={"article_id": "demo-1", "author": {"id": "u-9", "name": "Live"}, "text": TEXT})
    assert posted.status_code == 201, posted.text
    assert posted.headers["X-Request-ID"] == request_id
    comment_id = posted.json()["id"]
    again = requests.post(f"{base}/api/v1/comments", timeout=10, headers={
        "Idempotency-Key": "live-1"},
        json={"article_id": "demo-1", "author": {"id": "u-9", "name": "Live"}, "text": TEXT})
    assert again.json() == posted.json() and again.headers["Idempotent-Replayed"] == "true"

    fetched = requests.get(f"{base}/api/v1/comments/{comment_id}", timeout=5)
    assert fetched.json()["text"] == TEXT
    assert json.loads(fetched.content.decode("utf-8"))["text"].encode() == TEXT.encode()

    bad = requests.post(f"{base}/api/v1/comments", data=b"{nope", timeout=5,
                        headers={"Content-Type": "application/json"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "malformed_json"
    huge = requests.post(f"{base}/api/v1/comments", data=b"x" * 300_000, timeout=5,
                         headers={"Content-Type": "application/json"})
    assert huge.status_code == 413 and huge.json()["error"]["code"] == "payload_too_large"

    for _ in range(6):  # spread over both workers
        assert requests.get(f"{base}/api/v1/hello", timeout=5).json() == {"message": "hello"}
    metrics = requests.get(f"{base}/metrics", timeout=5).text
    assert "moderation_decisions_total{" in metrics
    assert 'moderation_request_duration_seconds_count{endpoint="/api/v1/hello"' in metrics
    hello_count = next(line for line in metrics.splitlines() if line.startswith(
        'moderation_request_duration_seconds_count{endpoint="/api/v1/hello"'))
    assert float(hello_count.rsplit(" ", 1)[1]) == 6.0  # summed over the workers

    spec = requests.get(f"{base}/api/v1/openapi.json", timeout=5).json()
    assert spec["openapi"] == "3.1.0"

    lines = [json.loads(line) for line in log.read_text().splitlines()
             if line.startswith("{")]
    assert any(line.get("request_id") == request_id and line.get("status") == 201
               for line in lines)


def test_demo_articles_are_seeded(served: tuple[str, Path]) -> None:
    base, log = served
    assert "Seeded 3 demo articles." in log.read_text()
    listing = requests.get(f"{base}/api/v1/articles/demo-2/comments", timeout=5)
    assert listing.status_code == 200 and listing.json()["total"] == 0
