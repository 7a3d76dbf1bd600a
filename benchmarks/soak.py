"""Soak with faults: no comment is lost when a worker dies or PostgreSQL restarts.

    python benchmarks/soak.py [--model models] [--duration 60] [--clients 8]
                              [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/test]

Creates a fresh schema in the PostgreSQL database, starts `moderation serve` (gunicorn,
2 preloaded workers, rate limits off) on a free loopback port, and for `--duration`
seconds posts comments from `--clients` threads. Every comment has its own
Idempotency-Key and a unique text mixing emoji, right-to-left script and override
characters, CRLF and runs of spaces; a client whose post fails (no answer, or a 5xx)
posts the same body with the same key again until it gets a 201.

During the load it kills one gunicorn worker with SIGKILL (at 30 % of the duration) and
restarts the PostgreSQL cluster with `pg_ctlcluster` (at 55 %), which drops every open
connection. Afterwards it checks, straight in the database:

- every comment acknowledged with a 201 is stored once, its text byte for byte the text
  sent, with a decision_log row (lost = 0);
- no Idempotency-Key was stored twice (no duplicates from retries);
- every 5xx was a 503 with a JSON error and Retry-After (none was a 500);
- the same gunicorn master answered 201s after the faults (recovered without a restart).

It prints requests sent, 201s, 503s, dropped connections, other errors, requests/s held
and the faults survived, and exits 1 if any check fails. `run_soak` is what
`tests/test_soak.py` calls with a shorter duration.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests
import sqlalchemy as sa

REPO = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"

#: Pieces mixed into every comment: the service must store each one byte for byte.
FRAGMENTS = (
    "👍🏽 great reporting", "مرحبا بالجميع", "שלום לכולם", "\u202edesrever\u202c text",
    "line one\r\nline two", "tabs\tand   spaces", "Kurdî û Türkçe", "naïve café",
    "e\u0301 combining", "中文评论", "🏳️‍🌈 family emoji 👨‍👩‍👧", "«quotes» „here“",
)
WORDS = ("budget", "council", "harvest", "river", "school", "train", "vote", "rain",
         "bridge", "market", "library", "festival", "hospital", "tax", "election")


@dataclass
class Post:
    """One logical comment: what was sent and how it ended."""

    key: str
    body: dict[str, Any]
    comment_id: str | None = None
    attempts: int = 0


@dataclass
class SoakResult:
    """Counts from one soak run and the checks made afterwards."""

    duration: float = 0.0
    requests: int = 0
    created: int = 0
    replayed: int = 0
    unavailable: int = 0
    dropped: int = 0
    other: Counter[int] = field(default_factory=Counter)
    bad_503: list[str] = field(default_factory=list)
    unacknowledged: int = 0
    lost: list[str] = field(default_factory=list)
    altered: list[str] = field(default_factory=list)
    unlogged: list[str] = field(default_factory=list)
    duplicates: int = 0
    faults: list[str] = field(default_factory=list)
    recovered: bool = False
    same_master: bool = False
    log_excerpt: str = ""

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.duration if self.duration else 0.0

    @property
    def ok(self) -> bool:
        return (not self.lost and not self.altered and not self.unlogged
                and self.duplicates == 0 and not self.bad_503 and not self.other[500]
                and self.unacknowledged == 0 and self.recovered and self.same_master)

    def report(self) -> str:
        other = ", ".join(f"{code}: {n}" for code, n in sorted(self.other.items())) or "none"
        return "\n".join([
            f"load: {self.duration:.1f} s, {self.requests} requests sent "
            f"({self.requests_per_second:.1f} requests/s held)",
            f"201 created: {self.created} (of which idempotent replays: {self.replayed})",
            f"503 unavailable: {self.unavailable} (malformed: {len(self.bad_503)})",
            f"dropped connections: {self.dropped}",
            f"other errors: {other}",
            f"faults survived: {len(self.faults)} ({'; '.join(self.faults)})",
            f"recovered without restart: {self.recovered and self.same_master}",
            f"never acknowledged: {self.unacknowledged}",
            f"altered: {len(self.altered)}, without decision log: {len(self.unlogged)}, "
            f"duplicates: {self.duplicates}",
            f"lost = {len(self.lost)}",
        ])


# --- the server ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def with_search_path(url: str, schema: str) -> str:
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}')}"


def start_server(database_url: str, model_dir: Path, workdir: Path,
                 port: int) -> subprocess.Popen[bytes]:
    """`moderation serve` (migrate, seed, exec gunicorn): its pid is gunicorn's master."""
    metrics = workdir / "metrics"
    metrics.mkdir(exist_ok=True)
    env = {**os.environ, "DATABASE_URL": database_url, "MODERATION_MODEL_DIR": str(model_dir),
           "MODERATION_BIND": f"127.0.0.1:{port}", "MODERATION_WORKERS": "2",
           "MODERATION_THREADS": "1", "MODERATION_RATELIMIT_ENABLED": "false",
           "MODERATION_LOG_LEVEL": "WARNING", "MODERATION_SECRET_KEY": uuid.uuid4().hex,
           "PROMETHEUS_MULTIPROC_DIR": str(metrics)}
    moderation = Path(sys.executable).parent / "moderation"
    with (workdir / "server.log").open("wb") as log:
        return subprocess.Popen([str(moderation), "serve"], env=env, cwd=workdir,
                                stdout=log, stderr=subprocess.STDOUT)


def wait_ready(base: str, process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server exited during start-up")
        try:
            if requests.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError("the server did not become ready")


def worker_pids(master: int) -> list[int]:
    """The gunicorn workers: processes whose parent is the master."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == master:
            pids.append(int(entry.name))
    return sorted(pids)


def postgres_cluster() -> str:
    """The installed PostgreSQL major version (Debian's /etc/postgresql/<version>)."""
    versions = sorted(Path("/etc/postgresql").iterdir(), key=lambda p: p.name)
    return versions[-1].name


def wait_postgres(timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"],
                          check=False).returncode == 0:
            return
        time.sleep(0.2)
    raise RuntimeError("PostgreSQL did not come back")


def restart_postgres() -> None:
    """Restart the cluster (drops every connection) and wait until it accepts again."""
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", postgres_cluster(), "main",
                    "restart"], check=True, capture_output=True, timeout=120)
    wait_postgres()


# --- the load -----------------------------------------------------------------------------


def make_post(rng: random.Random, index: int) -> Post:
    """A unique comment: varied Unicode, CRLF and spaces, leading and trailing too."""
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 9)))
    pieces = rng.sample(FRAGMENTS, 2)
    text = f"  {pieces[0]} #{index} {uuid.uuid4().hex[:8]} {words}\r\n{pieces[1]}  "
    key = f"soak-{uuid.uuid4().hex}"
    body = {"article_id": rng.choice(("demo-1", "demo-2", "demo-3")),
            "author": {"id": f"soak-{index}", "name": rng.choice(("Reader", "Léa", "علي"))},
            "text": text}
    return Post(key, body)


class Load:
    """Client threads posting until told to stop, retrying failures with the same key."""

    def __init__(self, base: str, clients: int, seed: int) -> None:
        self.base = base
        self.clients = clients
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.posts: list[Post] = []
        self.result = SoakResult()
        self.stop = threading.Event()
        self.give_up = threading.Event()
        self.last_created = 0.0

    def run(self) -> list[threading.Thread]:
        threads = [threading.Thread(target=self._client, daemon=True)
                   for _ in range(self.clients)]
        for thread in threads:
            thread.start()
        return threads

    def _next(self) -> Post:
        with self.lock:
            post = make_post(self.rng, len(self.posts))
            self.posts.append(post)
        return post

    def _client(self) -> None:
        with requests.Session() as session:
            while not self.stop.is_set():
                self._deliver(session, self._next())

    def _deliver(self, session: requests.Session, post: Post) -> None:
        """Post until a 201 (or a 4xx, which is a bug here), retrying with the same key."""
        data = json.dumps(post.body, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json", "Idempotency-Key": post.key}
        while not self.give_up.is_set():
            post.attempts += 1
            try:
                response = session.post(f"{self.base}/api/v1/comments", data=data,
                                        headers=headers, timeout=15)
            except requests.RequestException:
                self._count(dropped=True)
                time.sleep(0.1)
                continue
            if self._record(post, response):
                return
            time.sleep(min(float(response.headers.get("Retry-After", 0.2)), 0.5))

    def _count(self, dropped: bool = False) -> None:
        with self.lock:
            self.result.requests += 1
            self.result.dropped += dropped

    def _record(self, post: Post, response: requests.Response) -> bool:
        """Count one answer; True when the post is finished (201, or a non-retryable 4xx)."""
        self._count()
        status = response.status_code
        with self.lock:
            if status == 201:
                self.result.created += 1
                self.result.replayed += response.headers.get("Idempotent-Replayed") == "true"
                post.comment_id = response.json()["id"]
                self.last_created = time.monotonic()
                return True
            if status == 503:
                self.result.unavailable += 1
                problem = _malformed_503(response)
                if problem:
                    self.result.bad_503.append(problem)
                return False
            self.result.other[status] += 1
            return status < 500


def _malformed_503(response: requests.Response) -> str | None:
    """Why a 503 is not the documented shape (JSON error + Retry-After), or None."""
    if "Retry-After" not in response.headers:
        return "no Retry-After"
    try:
        error = response.json()["error"]
    except (ValueError, KeyError, TypeError):
        return f"not a JSON error: {response.text[:120]!r}"
    return None if error.get("code") == "unavailable" else f"code {error.get('code')!r}"


# --- the checks ---------------------------------------------------------------------------


def verify(engine: sa.Engine, posts: Sequence[Post], result: SoakResult) -> None:
    """Every acknowledged comment stored once, byte for byte, with its decision log row."""
    with engine.connect() as connection:
        stored = {row.id: row for row in connection.execute(sa.text(
            "SELECT id, text, idempotency_key FROM comment"))}
        logged = set(connection.execute(sa.text(
            "SELECT DISTINCT comment_id FROM decision_log")).scalars())
        result.duplicates = connection.execute(sa.text(
            "SELECT count(*) - count(DISTINCT idempotency_key) FROM comment "
            "WHERE idempotency_key IS NOT NULL")).scalar_one()
    for post in posts:
        if post.comment_id is None:
            result.unacknowledged += 1
            continue
        row = stored.get(post.comment_id)
        if row is None:
            result.lost.append(post.comment_id)
        elif row.text.encode("utf-8") != post.body["text"].encode("utf-8") \
                or row.idempotency_key != post.key:
            result.altered.append(post.comment_id)
        elif post.comment_id not in logged:
            result.unlogged.append(post.comment_id)


# --- the run ------------------------------------------------------------------------------


def inject_faults(master: int, duration: float, started: float, result: SoakResult) -> None:
    """SIGKILL one worker at 30 % of the run, restart PostgreSQL at 55 %."""
    time.sleep(max(0.0, started + duration * 0.30 - time.monotonic()))
    workers = worker_pids(master)
    if workers:
        os.kill(workers[0], signal.SIGKILL)
        result.faults.append(f"worker {workers[0]} SIGKILLed")
    time.sleep(max(0.0, started + duration * 0.55 - time.monotonic()))
    began = time.monotonic()
    restart_postgres()
    result.faults.append(f"PostgreSQL restarted ({time.monotonic() - began:.1f} s)")


def run_soak(model_dir: Path, duration: float = 60, clients: int = 8,
             postgres: str = DEFAULT_POSTGRES, seed: int = 0) -> SoakResult:
    """Run the whole soak (server, load, faults, checks) and return what it found."""
    schema = f"soak_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(postgres, pool_pre_ping=True)
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = with_search_path(postgres, schema)
    workdir = Path(tempfile.mkdtemp(prefix="moderation-soak-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = start_server(url, model_dir, workdir, port)
    try:
        wait_ready(base, process)
        return _soak(process, base, url, duration, clients, seed, workdir)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        wait_postgres()
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _soak(process: subprocess.Popen[bytes], base: str, url: str, duration: float,
          clients: int, seed: int, workdir: Path) -> SoakResult:
    load = Load(base, clients, seed)
    result = load.result
    started = time.monotonic()
    threads = load.run()
    faults = threading.Thread(target=inject_faults,
                              args=(process.pid, duration, started, result), daemon=True)
    faults.start()
    time.sleep(max(0.0, started + duration - time.monotonic()))
    load.stop.set()
    faults.join(timeout=180)
    for thread in threads:  # let retries in flight finish, within a bound
        thread.join(timeout=max(0.0, started + duration + 60 - time.monotonic()))
    load.give_up.set()
    result.duration = time.monotonic() - started
    after_faults = started + duration * 0.55
    result.recovered = load.last_created > after_faults and _fresh_posts_succeed(base)
    result.same_master = process.poll() is None and bool(worker_pids(process.pid))
    engine = sa.create_engine(url)
    try:
        verify(engine, load.posts, result)
    finally:
        engine.dispose()
    result.log_excerpt = (workdir / "server.log").read_text("utf-8", "replace")[-3000:]
    return result


def _fresh_posts_succeed(base: str, count: int = 5) -> bool:
    """After the faults, new posts on the same server all get 201 at the first try."""
    rng = random.Random(1)
    for index in range(count):
        post = make_post(rng, 10_000_000 + index)
        response = requests.post(f"{base}/api/v1/comments", json=post.body, timeout=15,
                                 headers={"Idempotency-Key": post.key})
        if response.status_code != 201:
            return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=REPO / "models")
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--postgres", default=os.environ.get("MODERATION_TEST_POSTGRES_URL",
                                                             DEFAULT_POSTGRES))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    args.model = args.model.resolve()  # the server runs in a temporary directory
    if not (args.model / "model.joblib").is_file():
        parser.error(f"no model in {args.model}: train one with `moderation train`")
    result = run_soak(args.model, args.duration, args.clients, args.postgres, args.seed)
    print(result.report())
    if not result.ok:
        print("FAILED: see above; server log tail:\n" + result.log_excerpt, file=sys.stderr)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
