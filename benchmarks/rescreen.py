"""Re-screening throughput and memory, end to end, on SQLite and PostgreSQL.

    python benchmarks/rescreen.py [--count 50000,200000] [--backend sqlite,postgresql]
                                  [--model models] [--data ../shared/data]
                                  [--postgres-url postgresql+psycopg://postgres@127.0.0.1:5432/test]

For each backend and count: a fresh database (a SQLite file; a new PostgreSQL schema)
migrated to head, filled with `count` realistic comments in bulk (executemany), then
`moderation rescreen --apply` run as a fresh process exactly as an operator would run it.
Prints, per run: comments screened, changes written, wall time of the whole command
(process start, model load, every batch committed), comments per second end to end (goal
>= 2,000) and in the command's own loop, the CPU seconds of the command and its
screening workers (and comments per CPU second, which a busy machine does not distort;
the database server's CPU is not included), and the peak RSS of the largest process
(goal <= 400 MB, flat as the count grows). A second run of the
same command must then find nothing left to do (the resume/idempotence check).

Comments: three in five come from news-comment sentence templates (topics, opinions,
replies, some with insults, threats, links or swearing), two in five are real comments
from the shared data (Civil Comments toxic spans, Jigsaw, DynaHate, YouTube spam).
Stored statuses mimic a live site: mostly approved by the screen, some held or rejected,
a few decided by moderators (which the re-screen must leave alone).
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent
INSERT_CHUNK = 5000

TOPICS = ["the water rationing plan", "the oil revenue law", "the cup semi-final",
          "the new bus lanes", "the council budget", "the hospital strike", "the school reform",
          "the housing plan", "the drought", "the referee's decision", "the minister's speech",
          "the election debate", "the tax rise", "the bridge repairs", "the heatwave warning"]
OPINIONS = ["is long overdue", "makes no sense to me", "was handled badly", "is a good start",
            "will hurt small businesses", "deserves more coverage", "is exactly what we needed",
            "has been a disaster from day one", "raises more questions than it answers",
            "should have been debated in parliament"]
OPENERS = ["Honestly,", "As a resident,", "Great article.", "I have to say", "Frankly,",
           "Thanks for the report.", "With respect,", "Sadly,", "", "", ""]
CLOSERS = ["", "", "Just my two cents.", "Who is paying for this?", "We deserve better.",
           "Keep up the good work.", "Shame on the council.", "Well written piece.",
           "Read the actual law before commenting."]
REPLIES = ["@{name} you clearly did not read the article.", "@{name} good point, I agree.",
           "@{name} source?", "@{name} that is not what the minister said."]
VIOLATIONS = ["You are an idiot, {name}.", "Shut up, you stupid troll.",
              "People like you should be shot.", "I know where you live, {name}, watch your back.",
              "Buy cheap followers at www.growfast-now.com, DM me!",
              "What a load of sh1t this article is.", "{name} is a f u c k i n g moron.",
              "Earn $500 a day from home, subscribe to my channel!"]
NAMES = ["Maria", "Tom", "Ahmed", "Priya", "Jonas", "Leila", "Sam", "Chen", "Olu", "Anna"]


def shared_comments(data: Path) -> list[str]:
    """Real comments from the shared data sets."""
    texts: list[str] = []
    sources = [(data / "toxic-spans" / "tsd_train.csv", "text"),
               (data / "jigsaw-toxic-comment" / "train_first_2886_rows.csv", "comment_text"),
               (data / "dynahate" / "dev.csv", "text")]
    sources += [(path, "CONTENT") for path in sorted((data / "youtube-spam").glob("*.csv"))]
    for path, column in sources:
        with open(path, encoding="utf-8", newline="") as handle:
            texts += [row[column][:1500] for row in csv.DictReader(handle) if row[column].strip()]
    return [text.replace("\x00", "") for text in texts]


def template_comment(rng: random.Random) -> str:
    """One news comment from the sentence templates."""
    name = rng.choice(NAMES)
    roll = rng.random()
    if roll < 0.08:
        return rng.choice(VIOLATIONS).format(name=name)
    parts = [rng.choice(OPENERS), f"{rng.choice(TOPICS)} {rng.choice(OPINIONS)}."]
    if roll < 0.25:
        parts.insert(0, rng.choice(REPLIES).format(name=name))
    if rng.random() < 0.5:
        parts.append(f"Also, {rng.choice(TOPICS)} {rng.choice(OPINIONS)}.")
    parts.append(rng.choice(CLOSERS))
    text = " ".join(part for part in parts if part)
    return text[0].upper() + text[1:]


def stored_state(rng: random.Random) -> tuple[str, str, list[dict[str, Any]]]:
    """(status, decided_by, reasons) as a live site would have stored them."""
    roll = rng.random()
    held = [{"category": "personal_attack", "source": "model", "score": 0.7, "spans": []}]
    if roll < 0.80:
        return "approved", "system", []
    if roll < 0.90:
        return "pending", "system", held
    if roll < 0.96:
        return "rejected", "system", held
    return rng.choice(["approved", "rejected"]), "editor", []


def comment_rows(count: int, article_ids: list[int], real: list[str],
                 seed: int = 7) -> Iterator[list[dict[str, Any]]]:
    """`count` comment rows in chunks, spread over the last 60 days."""
    rng = random.Random(seed)
    start = datetime.now(UTC) - timedelta(days=60)
    chunk: list[dict[str, Any]] = []
    for index in range(count):
        text = rng.choice(real) if rng.random() < 0.4 else template_comment(rng)
        status, decided_by, reasons = stored_state(rng)
        created = start + timedelta(seconds=index * 60 * 86400 / max(count, 1))
        chunk.append({
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "article_id": rng.choice(article_ids), "parent_id": None,
            "author_name": rng.choice(NAMES), "author_id": f"u-{rng.randrange(20000)}",
            "text": text, "status": status, "decided_by": decided_by, "reasons": reasons,
            "scores": {}, "model_version": "previous", "language": "en",
            "created_at": created, "decided_at": created,
        })
        if len(chunk) == INSERT_CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def database_url(backend: str, workdir: Path, postgres_url: str) -> tuple[str, Any]:
    """A fresh database URL and a function that drops it afterwards."""
    import sqlalchemy as sa

    if backend == "sqlite":
        path = workdir / f"bench-{uuid.uuid4().hex[:8]}.sqlite"
        return f"sqlite:///{path}", lambda: [p.unlink(missing_ok=True)
                                            for p in workdir.glob(path.name + "*")]
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()

    separator = "&" if "?" in postgres_url else "?"
    return f"{postgres_url}{separator}options={quote(f'-csearch_path={schema}')}", drop


def fill(url: str, model: Path, count: int, real: list[str]) -> float:
    """Migrate the database at `url` and insert `count` comments; returns seconds."""
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from moderation import create_app, services
    from moderation.db import Comment
    from moderation.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "MODEL_DIR": str(model),
                      "LOG_LEVEL": "WARNING"})
    started = time.perf_counter()
    with app.app_context():
        upgrade()
        ids = [services.upsert_article(f"bench-{i}", f"Benchmark article {i}")[0].id
               for i in range(20)]
        with db.engine.begin() as connection:
            for chunk in comment_rows(count, ids, real):
                connection.execute(sa.insert(Comment.__table__), chunk)
        db.session.remove()
        db.engine.dispose()
    return time.perf_counter() - started


def run_rescreen(url: str, model: Path, batch_size: int, workers: int
                 ) -> tuple[float, float, int, str]:
    """Run `moderation rescreen --apply` in a fresh process: (wall seconds, CPU seconds of
    the command and its screening workers, peak RSS KiB of the largest process, output)."""
    env = {**os.environ, "DATABASE_URL": url, "MODERATION_MODEL_DIR": str(model),
           "MODERATION_LOG_LEVEL": "WARNING", "TERM": "dumb"}
    command = [sys.executable, "-c", "from moderation.cli import cli; cli()", "rescreen",
               "--apply", "--batch-size", str(batch_size), "--workers", str(workers)]
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as errors:
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=errors,
                                   text=True)
        peaks: dict[int, int] = {}
        done = threading.Event()
        sampler = threading.Thread(target=_sample_peaks, args=(process.pid, peaks, done))
        sampler.start()
        output = process.stdout.read() if process.stdout else ""
        done.set()  # stdout closed: the command is exiting; its high-water marks are read
        sampler.join()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"rescreen failed:\n{output}{errors.read()[-2000:]}")
    peak = max(peaks.values(), default=0) or usage.ru_maxrss
    return elapsed, usage.ru_utime + usage.ru_stime, peak, output


def _sample_peaks(pid: int, peaks: dict[int, int], done: threading.Event) -> None:
    """Record each process's `VmHWM` (KiB) in the tree under `pid` until `done`. Not
    `wait4`'s `ru_maxrss`: a child started by fork and exec also counts the pages of this
    benchmark it held before the exec, so it reported this process's size when larger.
    A high-water mark only grows, so sampling every 50 ms misses at most the last 50 ms."""
    while True:
        for process in _process_tree(pid):
            if (hwm := _vm_hwm(process)) is not None:
                peaks[process] = max(peaks.get(process, 0), hwm)
        if done.wait(0.05):
            return


def _process_tree(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as file:
                    queue.extend(int(child) for child in file.read().split())
        except OSError:
            continue
    return found


def _vm_hwm(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def number(pattern: str, output: str) -> int:
    match = re.search(pattern, output)
    return int(match.group(1)) if match else -1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", default="50000,200000",
                        help="comma-separated database sizes (e.g. 2000 for a quick check)")
    parser.add_argument("--backend", default="sqlite,postgresql")
    parser.add_argument("--model", type=Path, default=REPO / "models")
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--postgres-url", default=os.environ.get(
        "MODERATION_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2,
                        help="screening processes (this machine has 2 cores)")
    args = parser.parse_args()
    if not (args.model / "model.joblib").is_file():
        raise SystemExit(f"no model in {args.model}: train one or pass --model DIR")
    real = shared_comments(args.data)
    print(f"model {args.model}; {len(real):,} real comments from {args.data}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          f"{args.workers} screening workers, batches of {args.batch_size}")
    print(f"{'backend':<11}{'comments':>10}{'fill s':>8}{'screened':>10}{'changed':>9}"
          f"{'wall s':>8}{'comments/s':>12}{'loop/s':>8}{'CPU s':>7}{'per CPU s':>10}"
          f"{'peak RSS MB':>13}{'rerun':>7}")
    with tempfile.TemporaryDirectory() as workdir:
        for backend in args.backend.split(","):
            for count in (int(value) for value in args.count.split(",")):
                url, drop = database_url(backend, Path(workdir), args.postgres_url)
                try:
                    fill_seconds = fill(url, args.model, count, real)
                    seconds, cpu, rss, output = run_rescreen(url, args.model, args.batch_size,
                                                             args.workers)
                    again = run_rescreen(url, args.model, args.batch_size, args.workers)[3]
                finally:
                    drop()
                screened = number(r"(\d+) screened", output)
                changed = number(r"(\d+) changed", output)
                rerun = number(r"(\d+) screened", again)
                loop = number(r"\((\d+)/s\)", output.replace(",", ""))
                print(f"{backend:<11}{count:>10,}{fill_seconds:>8.1f}{screened:>10,}"
                      f"{changed:>9,}{seconds:>8.1f}{screened / seconds:>12,.0f}{loop:>8,}"
                      f"{cpu:>7.1f}{screened / cpu:>10,.0f}{rss / 1024:>13.0f}{rerun:>7}",
                      flush=True)

if __name__ == "__main__":
    main()
