"""Dashboard page speed with a big queue: 100,000 comments in a SQLite file.

    python benchmarks/dashboard_queue.py [--count 100000] [--pages 50]

Builds a fresh database migrated to head, bulk-inserts `count` comments over 60 days
(40% pending, 10% rejected, 50% approved, some with reader reports) and one decision-log
row each, logs a moderator in, and times (median of 5 requests, whole request through the
test client: query, template, response) the dashboard pages a moderator uses:
the first page of each queue, a page deep in the pending queue reached by following
`after` cursors (keyset pagination: it should cost the same as the first), filters,
searches (a common word and a word that matches nothing, which scans), the decision log
and the statistics page. Prints milliseconds per page and the deep/first ratio.
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SENTENCE = ("the council budget is a disgrace and the minister should explain the water plan "
            "before the vote because farmers and families deserve better than this")
WORDS = SENTENCE.split(" ")
REASONS = [[], [{"category": "personal_attack", "source": "model", "score": 0.72,
                 "spans": [{"start": 4, "end": 9}]}],
           [{"category": "threat", "source": "rule", "score": 0.95, "spans": []}],
           [{"category": "language", "source": "rule", "score": 1.0, "spans": []}]]


def fill(app, count: int) -> None:
    import sqlalchemy as sa

    from moderation import services
    from moderation.db import Comment, DecisionLog, Report
    from moderation.extensions import db

    rng = random.Random(7)
    with app.app_context():
        for n in range(1, 4):
            services.upsert_article(f"demo-{n}", f"Article {n}", f"https://example.org/{n}")
        article_ids = db.session.scalars(sa.select(sa.text("id")).select_from(
            sa.table("article"))).all()
        services.create_moderator("bench", "bench-password", "admin")
        start = datetime.now(UTC) - timedelta(days=60)
        comments, logs, reports = [], [], []
        for i in range(count):
            status = rng.choices(("pending", "rejected", "approved"), (4, 1, 5))[0]
            at = start + timedelta(seconds=i * 60 * 24 * 60 * 60 // count)
            cid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            comments.append({"id": cid, "article_id": rng.choice(article_ids),
                             "author_name": f"Reader {rng.randrange(5000)}",
                             "author_id": f"u-{rng.randrange(5000)}",
                             "text": " ".join(rng.choices(WORDS, k=rng.randrange(8, 40))),
                             "status": status, "decided_by": "system",
                             "reasons": rng.choice(REASONS), "scores": {"threat": 0.1},
                             "created_at": at, "decided_at": at})
            logs.append({"comment_id": cid, "actor": "system", "from_status": None,
                         "to_status": status, "reasons": [], "at": at})
            if status == "approved" and rng.random() < 0.02:
                reports.append({"comment_id": cid, "reason": "other",
                                "at": at + timedelta(hours=1)})
        for table, rows in ((Comment, comments), (DecisionLog, logs), (Report, reports)):
            for chunk in range(0, len(rows), 5000):
                db.session.execute(sa.insert(table), rows[chunk:chunk + 5000])
        db.session.commit()


def timed(client, url: str, repeat: int = 5) -> tuple[float, str]:
    times, html = [], ""
    for _ in range(repeat):
        began = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        html = response.get_data(as_text=True)
    return statistics.median(times), html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=50, help="how deep to walk the queue")
    args = parser.parse_args()

    from flask_migrate import upgrade

    from moderation import create_app

    folder = Path(tempfile.mkdtemp(prefix="dashboard-bench-"))
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite'}",
                      "MODEL_DIR": str(folder / "no-model"), "WTF_CSRF_ENABLED": False,
                      "RATELIMIT_ENABLED": False, "LOG_LEVEL": "ERROR", "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
    began = time.perf_counter()
    fill(app, args.count)
    print(f"filled {args.count:,} comments in {time.perf_counter() - began:.1f} s")

    client = app.test_client()
    client.post("/moderate/login", data={"username": "bench", "password": "bench-password"})
    first, html = timed(client, "/moderate/queue/pending")
    url, walked = "/moderate/queue/pending", 0
    walk_began = time.perf_counter()
    while walked < args.pages:
        found = re.search(r'rel="next" href="([^"]+)"', client.get(url).get_data(as_text=True))
        url, walked = found.group(1).replace("&amp;", "&"), walked + 1
    walk = (time.perf_counter() - walk_began) * 1000 / args.pages
    deep, _ = timed(client, url)
    print(f"{'page':58} {'ms':>8}")
    print(f"{'pending, first page (20 cards)':58} {first:8.1f}")
    print(f"{f'pending, page {args.pages + 1} (after cursor)':58} {deep:8.1f}")
    print(f"{f'walking {args.pages} pages with next links, per page':58} {walk:8.1f}")
    for label, page in (
        ("pending, newest first", "/moderate/queue/pending?order=newest"),
        ("all, first page", "/moderate/queue/all"),
        ("rejected, first page", "/moderate/queue/rejected"),
        ("reported, first page", "/moderate/queue/reported"),
        ("pending, category=threat", "/moderate/queue/pending?category=threat"),
        ("pending, article=demo-2", "/moderate/queue/pending?article=demo-2"),
        ("pending, author=u-42", "/moderate/queue/pending?author=u-42"),
        ("pending, search 'farmers' (common)", "/moderate/queue/pending?q=farmers"),
        ("pending, search 'zebra' (no match: full scan)", "/moderate/queue/pending?q=zebra"),
        ("decision log, first page", "/moderate/log"),
        ("statistics, 14 days", "/moderate/stats"),
    ):
        print(f"{label:58} {timed(client, page)[0]:8.1f}")
    print(f"deep/first ratio: {deep / first:.2f} (keyset pagination: ~1 expected)")


if __name__ == "__main__":
    main()
