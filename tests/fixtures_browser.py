"""Fixtures for browser tests: a live server and Debian's Chromium driven by Playwright.

`live_server` serves a real app (CSRF on, a real SQLite file copied from the dashboard
template: migrated, with accounts and demo articles; the tiny model's screener) with
werkzeug's threaded server on a free port in a background thread. `browser` is one
headless Chromium per session; `page` a fresh context per test with every JavaScript
dialog recorded in `page.dialogs` (registered before any navigation), so a test can
assert that nothing popped up.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fixtures_app import dispose, sqlite_app
from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server

CHROMIUM = Path("/usr/bin/chromium")


@dataclass
class LiveServer:
    """A running app: its base URL and the app object (for seeding and checks)."""

    url: str
    app: Flask


@pytest.fixture
def live_server(tmp_path: Path, dashboard_template: Path,
                screener: Any) -> Iterator[LiveServer]:
    app = sqlite_app(tmp_path, dashboard_template, screener, WTF_CSRF_ENABLED=True)
    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.server_port}", app)
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()
    dispose(app)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium, or skip when Debian's chromium is not installed."""
    if not CHROMIUM.is_file():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context and page; `page.dialogs` lists any dialog that opened."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.dialogs = []

    def record(dialog: Any) -> None:
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", record)
    yield tab
    context.close()
