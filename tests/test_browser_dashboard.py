"""The dashboard in a real browser (Debian's Chromium through Playwright), against a
live server: log in, clear a queue with the keyboard only, bulk-reject, change a
threshold and see the next comment decided differently, and show hostile comments as
text that runs nothing. Also takes the README screenshot `docs/queue.png` when
MODERATION_WRITE_DOCS=1."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fixtures_browser import LiveServer
from fixtures_dashboard import ADMIN, BENIGN, MODERATOR, submit
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parent.parent / "docs"

PAYLOADS = (
    '<script>window.__xss = "script"</script>',
    '<img src=x onerror="window.__xss = \'img\'">',
    '"><svg onload="window.__xss = \'svg\'"><b id="injected">bold</b>',
    "<iframe src=\"javascript:window.__xss='iframe'\"></iframe>",
)


def log_in(page: Any, server: LiveServer, user: tuple[str, str]) -> None:
    page.goto(f"{server.url}/moderate/login")
    page.fill("#username", user[0])
    page.fill("#password", user[1])
    page.press("#password", "Enter")
    page.wait_for_url("**/moderate/queue/pending")


def statuses(server: LiveServer) -> dict[str, tuple[str, str]]:
    """text -> (status, decided_by) for every comment in the server's database."""
    from moderation.db import Comment
    from moderation.extensions import db

    with server.app.app_context():
        rows = db.session.execute(sa.select(Comment.text, Comment.status, Comment.decided_by))
        return {text: (status, by) for text, status, by in rows}


def test_login_and_clear_queue_with_keyboard_only(live_server: LiveServer, page: Any,
                                                  tmp_path: Path) -> None:
    with live_server.app.app_context():
        for index, text in enumerate(BENIGN):
            submit(text, f"demo-{index % 3 + 1}", author=f"Reader {index}", author_id=f"u-{index}")
    log_in(page, live_server, MODERATOR)
    assert page.locator(".count[data-queue=pending]").inner_text() == "4"
    page.locator(".card").first.wait_for()
    page.keyboard.press("?")
    assert page.locator("#help").is_visible()
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    page.keyboard.press("k")
    page.keyboard.press("a")                      # approve the first
    expect(page.locator(".card")).to_have_count(3)
    page.keyboard.press("r")                      # reject the next, reason 4: personal attack
    assert page.locator("#picker").is_visible()
    page.keyboard.press("4")
    page.screenshot(path=str(tmp_path / "picker.png"))
    page.keyboard.press("Enter")
    expect(page.locator(".card")).to_have_count(2)
    page.keyboard.press("j")                      # move to the last and approve it
    page.keyboard.press("a")
    expect(page.locator(".card")).to_have_count(1)
    page.keyboard.press("a")
    page.wait_for_selector("#cleared:not(.hidden)")
    assert page.locator(".count[data-queue=pending]").inner_text() == "0"
    assert page.url.endswith("/moderate/queue/pending")  # no page load happened

    decided = statuses(live_server)
    assert sorted(s for s, _ in decided.values()) == ["approved"] * 3 + ["rejected"]
    assert {by for _, by in decided.values()} == {MODERATOR[0]}
    rejected_text = next(t for t, (s, _) in decided.items() if s == "rejected")
    assert rejected_text == BENIGN[1]
    page.reload()
    assert page.locator(".card").count() == 0


def test_bulk_reject_selection(live_server: LiveServer, page: Any, tmp_path: Path) -> None:
    with live_server.app.app_context():
        for text in BENIGN:
            submit(text)
    log_in(page, live_server, MODERATOR)
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("x")
    assert page.locator("#selected-count").inner_text() == "2 selected"
    page.select_option("#bulk-reason", "promotion")
    page.click("#bulk-reject")
    expect(page.locator(".card")).to_have_count(2)
    decided = statuses(live_server)
    assert decided[BENIGN[0]] == ("rejected", MODERATOR[0])
    assert decided[BENIGN[2]] == ("rejected", MODERATOR[0])
    assert decided[BENIGN[1]][0] == decided[BENIGN[3]][0] == "pending"
    page.goto(f"{live_server.url}/moderate/log?action=rejected")
    assert page.locator(".log-table tbody tr").count() == 2
    assert "Promotion" in page.locator(".log-table tbody").inner_text()
    page.goto(f"{live_server.url}/moderate/stats")
    assert page.locator("svg.chart-svg").count() == 4
    page.screenshot(path=str(tmp_path / "stats.png"), full_page=True)


def test_threshold_change_applies_to_next_comment(live_server: LiveServer, page: Any,
                                                  tmp_path: Path) -> None:
    with live_server.app.app_context():           # every review threshold is 0
        assert submit("Thank you for explaining the water rationing plan.").status == "pending"
    log_in(page, live_server, ADMIN)
    page.goto(f"{live_server.url}/moderate/settings")
    for field in page.locator("input[id$=_review]").all():
        field.fill("0.99")
    for field in page.locator("input[id$=_reject]").all():
        field.fill("1")
    page.click("#save-thresholds")
    page.wait_for_selector(".flash-success")
    latest = page.locator("#change-log li").first.inner_text()
    assert "ada" in latest and "Personal attack 0.99/1.0" in latest
    page.screenshot(path=str(tmp_path / "settings.png"), full_page=True)
    with live_server.app.app_context():
        # the next comment (not a copy: copies are held as duplicates), no restart
        assert submit("A fair summary of the rationing debate, thanks.").status == "approved"


def test_hostile_comments_are_shown_as_text(live_server: LiveServer, page: Any,
                                            tmp_path: Path) -> None:
    with live_server.app.app_context():
        for payload in PAYLOADS:
            submit(payload, author='<i id="injected-author">Mallory</i>')
    log_in(page, live_server, MODERATOR)
    page.locator(".card").first.wait_for()
    shown = [text for text in page.locator(".card .text").all_inner_texts()]
    stored = statuses(live_server)
    assert sorted(shown) == sorted(t for t, (s, _) in stored.items() if s == "pending")
    assert set(shown) <= set(PAYLOADS) and len(shown) >= 3
    assert page.locator("#injected, #injected-author, .card script, .card img, .card iframe,"
                        " .card svg").count() == 0
    assert page.locator(".author").first.inner_text() == '<i id="injected-author">Mallory</i>'
    page.goto(f"{live_server.url}/moderate/queue/all")
    page.keyboard.press("o")
    page.wait_for_url("**/moderate/comments/*")
    assert page.locator(".timeline li").count() == 1
    page.screenshot(path=str(tmp_path / "comment.png"), full_page=True)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.dialogs == []


DEMO_QUEUE = (
    ("This minister is a complete idiot and should resign.", "demo-1", "Karwan", "u-1"),
    ("Ez bawer dikim ku ev qanûn baş e", "demo-1", "Dilan", "u-2"),
    ("هذا القانون سيء جدا", "demo-3", "Samir", None),
    ("The referee was blind, absolute clown show from start to finish.", "demo-2", "Rebin",
     "u-4"),
)


def test_queue_page_with_demo_comments(live_server: LiveServer, page: Any,
                                       tmp_path: Path) -> None:
    """The queue as a moderator sees it: evidence highlighted, reasons listed; the
    screenshot is the README's docs/queue.png. The tiny model's insult scores swing with
    its few training rows, so it may hold but not reject a personal attack here: the
    insult is held by its review-list rule, which is what the queue shows."""
    from moderation import services

    with live_server.app.app_context():
        services.set_setting("thresholds", {"personal_attack": {"review": 0.5, "reject": 1.0}},
                             "fixture")
        held = [submit(text, article, author, author_id).status
                for text, article, author, author_id in DEMO_QUEUE]
        submit("Thanks, a clear explanation of the oil revenue law.", "demo-1", "Karwan", "u-1")
    log_in(page, live_server, MODERATOR)
    expect(page.locator(".card")).to_have_count(held.count("pending"))
    assert page.locator(".card").count() >= 3
    first = page.locator(".card").first
    assert first.locator("mark").all_inner_texts() == ["idiot"]
    assert "2 approved" not in first.locator(".history").inner_text()
    assert "1 approved" in first.locator(".history").inner_text()
    page.screenshot(path=str(tmp_path / "queue.png"))
    if os.environ.get("MODERATION_WRITE_DOCS") == "1":
        DOCS.mkdir(exist_ok=True)
        shutil.copyfile(tmp_path / "queue.png", DOCS / "queue.png")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(tmp_path / "queue-phone.png"))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # no sideways scrolling on a phone
