"""The dashboard's queries on both databases (SQLite, and PostgreSQL when
MODERATION_TEST_POSTGRES_URL is set): keyset pages, filters over the JSON reasons,
search, the reported queue, counts, the log and the statistics."""
from __future__ import annotations

import re
from datetime import UTC, datetime

from fixtures_dashboard import (
    BENIGN,
    MODERATOR,
    hold_everything,
    log_in,
    seed_accounts,
    seed_articles,
    submit,
)
from flask import Flask


def _ids(html: str) -> list[str]:
    return re.findall(r'<article class="card[^"]*" id="c-([0-9a-f-]{36})"', html)


def test_queue_queries_behave_the_same_on_every_backend(backend_app: Flask) -> None:
    from moderation import services

    backend_app.config["PER_PAGE_DEFAULT"] = 2
    with backend_app.app_context():
        seed_accounts()
        seed_articles()
        hold_everything()
        made = [submit(text, f"demo-{i % 2 + 1}", f"R{i}", f"u-{i}").id
                for i, text in enumerate(BENIGN)]
        services.decide(made[3], "approved", "ada")
        services.report_comment(made[3], "threat", reporter="reader")
        services.decide(made[2], "rejected", "ada", "threat")
    client = backend_app.test_client()
    assert log_in(client, *MODERATOR).status_code == 302

    def ids(url: str) -> list[str]:
        return _ids(client.get(url).get_data(as_text=True))

    first = client.get("/moderate/queue/all").get_data(as_text=True)
    assert _ids(first) == made[:2]
    after = re.search(r'rel="next" href="([^"]+)"', first).group(1).replace("&amp;", "&")
    assert ids(after) == made[2:]
    assert ids("/moderate/queue/all?order=newest") == made[:1:-1]
    assert ids("/moderate/queue/pending") == made[:2]
    assert ids("/moderate/queue/reported") == [made[3]]
    assert ids("/moderate/queue/pending?category=abuse&article=demo-2") == [made[1]]
    assert ids("/moderate/queue/all?q=MATCH+REPORT") == [made[1]]
    today = datetime.now(UTC).date().isoformat()
    assert ids(f"/moderate/queue/pending?since={today}&until={today}") == made[:2]
    counts = client.get("/moderate/api/counts").get_json()
    assert counts == {"pending": 2, "rejected": 1, "approved": 1, "reported": 1, "all": 4}
    log = client.get("/moderate/log?moderator=ada").get_data(as_text=True)
    assert log.count(">open</a>") == 2
    stats = client.get("/moderate/stats").get_data(as_text=True)
    assert "decided automatically (4 of 6)" in stats
    assert "<title>ada: 1 approved</title>" in stats
    assert "<title>" + today + ": 1 threat</title>" in stats
