"""Coral Talk's way of calling us, end to end: a Node client (global fetch, the URL built
as Coral builds it) against a live gunicorn serving the app on a free loopback port."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures_app import base_config, dispose

from moderation import create_app, services

REPO = Path(__file__).resolve().parent.parent
CLIENT = Path(__file__).resolve().parent / "node" / "coral_client.mjs"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_ready(url: str, process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} not ready after {timeout}s")


@pytest.fixture
def live_server(tmp_path: Path, sqlite_template: Path, screener: Any,
                tiny_model_dir: Path) -> Iterator[tuple[str, str, Path]]:
    """gunicorn (2 workers) on a copy of the migrated database; yields (base URL, key, db)."""
    database = tmp_path / "live.sqlite"
    shutil.copyfile(sqlite_template, database)
    app = create_app(base_config(screener, f"sqlite:///{database}"))
    with app.app_context():
        _, key = services.create_api_key("coral")
    dispose(app)
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}",
           "MODERATION_MODEL_DIR": str(tiny_model_dir), "MODERATION_BIND": f"127.0.0.1:{port}",
           "MODERATION_WORKERS": "2", "MODERATION_LOG_LEVEL": "WARNING",
           "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(REPO / "gunicorn.conf.py"), "wsgi:app"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base + "/healthz", process)
        yield base, key, database
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_coral_node_client_against_gunicorn(live_server: tuple[str, str, Path]) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    base, key, _ = live_server
    result = subprocess.run([node, str(CLIENT), f"{base}/v1alpha1", key], capture_output=True,
                            text=True, timeout=60, check=True)
    calls = json.loads(result.stdout)
    assert calls["toxic"]["url"] == f"{base}/v1alpha1/comments:analyze?key=KEY"
    assert calls["toxic"]["status"] == 200 and calls["toxic"]["score"] >= 0.8
    assert calls["clean"]["status"] == 200 and calls["clean"]["score"] < 0.8
    assert calls["suggested"] == {"status": 200, "clientToken": "comment:c-1"}
    assert calls["denied"]["status"] == 403
    assert calls["denied"]["error"]["status"] == "PERMISSION_DENIED"
