"""No comment can attack the reader or the moderator reading it.

Each payload is posted through the API (as the comment text and as the author name),
then a moderator's note carries it too; the article page and every dashboard view
(queues, a comment's page, the decision log, search results, an author's comments,
statistics, the Perspective admin page) are opened in headless Chromium. On every page:
no dialog opened, no Content-Security-Policy violation was reported (the payload never
reached the DOM as markup), no element carries an inline event handler or a
`javascript:` URL, no payload element exists, the payload text is shown literally, and
the response's CSP allows no inline script.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest
import requests
from fixtures_browser import LiveServer
from fixtures_dashboard import ADMIN

pytestmark = pytest.mark.browser

PAYLOADS = (
    "<script>alert('xss-01')</script>",
    "<img src=x onerror=alert('xss-02') class=xss>",
    "<svg onload=alert('xss-03') class=xss></svg>",
    "<svg><script>alert('xss-04')</script></svg>",
    "\"><script>alert('xss-05')</script>",
    "' onmouseover='alert(\"xss-06\")' x='",
    "\" autofocus onfocus=\"alert('xss-07')",
    "<a href=\"javascript:alert('xss-08')\" class=xss>click me</a>",
    "javascript:alert('xss-09')",
    "<iframe src=\"javascript:alert('xss-10')\" class=xss></iframe>",
    "<body onload=alert('xss-11')>",
    "<details open ontoggle=alert('xss-12') class=xss>",
    "{{7*7}} {{ config }} xss-13",
    "{% for x in range(3) %}xss-14{% endfor %}",
    "${7*7} #{7*7} <%= 7*7 %> xss-15",
    "\u202egnp.exe xss-16 \u202c and \u2067isolated\u2069",
    "</textarea><script>alert('xss-17')</script>",
    "</title><script>alert('xss-18')</script>",
    "<style>body{display:none}</style><b class=xss>xss-19</b>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss-20')>",
    "<object data=\"javascript:alert('xss-21')\" class=xss></object>",
    "&lt;script&gt;alert('xss-22')&lt;/script&gt; &amp; &#x3C;b&#x3E;",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('xss-23')\">",
    "<base href=\"https://evil.example/\"> xss-24",
    "<input value=\"xss-25\" onfocus=alert(1) autofocus class=xss>",
)

#: Elements only an injection could have put on these pages.
INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(el.tagName + '[' + attr.name + ']');
      if (/^\\s*javascript:/i.test(attr.value)) found.push(el.tagName + '[' + attr.name + ']');
    }
    if (el.classList.contains('xss')) found.push(el.tagName + '.xss');
  }
  for (const el of document.querySelectorAll(
      'script:not([src]), iframe, object, embed, base, meta[http-equiv], body style, math')) {
    found.push(el.tagName);
  }
  return found;
}"""


def test_payload_count() -> None:
    assert len(PAYLOADS) >= 20 and len(set(PAYLOADS)) == len(PAYLOADS)


def _post_all(base: str) -> list[dict[str, Any]]:
    posted = []
    for index, payload in enumerate(PAYLOADS):
        response = requests.post(f"{base}/api/v1/comments", timeout=10, json={
            "article_id": "demo-1", "text": f"Comment {index}: {payload}",
            "author": {"id": f"xss-author-{index}", "name": payload[:100]}})
        assert response.status_code == 201, response.text
        posted.append(response.json())
    return posted


def _log_in(page: Any, base: str) -> None:
    page.goto(f"{base}/moderate/login")
    page.fill("input[name=username]", ADMIN[0])
    page.fill("input[name=password]", ADMIN[1])
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_url(re.compile(r".*/moderate/queue/.*"))


class Visit:
    """Opens pages in one tab, recording CSP violations reported on the console."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.violations: list[str] = []
        page.on("console", self._console)

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.violations.append(message.text)

    def open(self, url: str) -> str:
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, url
        policy = response.headers.get("content-security-policy", "")
        script_src = re.search(r"script-src([^;]*)", policy) or re.search(
            r"default-src([^;]*)", policy)
        assert script_src and "unsafe-inline" not in script_src.group(1), (url, policy)
        assert "unsafe-eval" not in policy and "frame-ancestors 'none'" in policy, url
        assert self.page.dialogs == [], (url, self.page.dialogs)
        assert self.violations == [], (url, self.violations)
        injected = self.page.evaluate(INJECTED)
        assert injected == [], (url, injected)
        return self.page.inner_text("body")


def _shown_literally(body: str, payloads: Any, where: str) -> None:
    for payload in payloads:
        assert payload.strip() in body, f"{where}: {payload!r} not shown literally"


def test_payloads_are_inert_everywhere(live_server: LiveServer, page: Any) -> None:
    from moderation import services

    base = live_server.url
    posted = _post_all(base)
    visit = Visit(page)
    _log_in(page, base)
    queues = ("pending", "rejected", "all")
    bodies = {name: visit.open(f"{base}/moderate/queue/{name}") for name in queues}
    _shown_literally(bodies["all"], PAYLOADS[:10], "queue all")
    for index, payload in enumerate(PAYLOADS):
        detail = visit.open(f"{base}/moderate/comments/{posted[index]['id']}")
        _shown_literally(detail, [payload], f"comment page {index}")
        term = f"Comment {index}:"
        found = visit.open(f"{base}/moderate/queue/all?q={quote(term)}")
        assert payload.strip() in found, f"search results {index}"
        by_author = visit.open(f"{base}/moderate/queue/all?author=xss-author-{index}")
        assert payload.strip() in by_author, f"author view {index}"

    with live_server.app.app_context():
        for index, comment in enumerate(posted):
            services.decide(comment["id"], "approved", "moderator:ada", None,
                            f"note {index}: {PAYLOADS[index]}")
        services.store_score_suggestions(f"suggested: {PAYLOADS[0]} {PAYLOADS[2]}",
                                         {"TOXICITY": 0.9}, PAYLOADS[5], PAYLOADS[7][:100])
    article = visit.open(f"{base}/articles/demo-1")
    _shown_literally(article, PAYLOADS, "article page")
    approved = visit.open(f"{base}/moderate/queue/approved")
    assert PAYLOADS[1] in approved
    decisions = visit.open(f"{base}/moderate/log")
    assert PAYLOADS[0] in decisions or "note" not in decisions
    visit.open(f"{base}/moderate/stats")
    admin = visit.open(f"{base}/moderate/perspective/")
    assert PAYLOADS[0] in admin and PAYLOADS[2] in admin
    visit.open(f"{base}/moderate/settings")
    visit.open(f"{base}/moderate/accounts")
    assert page.dialogs == [] and visit.violations == []
