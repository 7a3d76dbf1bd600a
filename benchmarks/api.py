"""HTTP throughput of the comment API against a hello-world baseline, in one run.

    python benchmarks/api.py [--model models] [--duration 10] [--connections 8]
                             [--backend sqlite] [--backend postgresql]

For each backend (SQLite file; PostgreSQL in a throw-away schema when
MODERATION_TEST_POSTGRES_URL or --postgres-url is set) it starts `moderation serve`
(gunicorn, 2 preloaded workers, 127.0.0.1, a free port), then drives with wrk for a fixed
duration and connection count:

* `GET /api/v1/hello`: the baseline, the cheapest JSON answer of the same app;
* `POST /api/v1/comments`: validation, screening with the model, an INSERT of the
  comment and its decision_log row, commit, JSON answer (each request a different text).

It prints both throughputs, their ratio (goal >= 0.25) and p50 / p99 latency. Rate limits
are switched off for the run (MODERATION_RATELIMIT_ENABLED=false); logging stays on.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent

POST_SCRIPT = """
local counter = 0
local texts = {
  "Thanks for the clear explanation of the revenue law, request %d.",
  "I disagree with the minister: the audit clause is too weak (%d).",
  "The opposition walked out again, what a waste of a session %d.",
  "Where can I read the full text of the law? Number %d please.",
}
request = function()
  counter = counter + 1
  local text = string.format(texts[counter %% #texts + 1], counter)
  local body = '{"article_id": "demo-1", "author": {"id": "bench-' .. (counter %% 50) ..
               '", "name": "Bench"}, "text": "' .. text .. '"}'
  return wrk.format("POST", "/api/v1/comments",
                    {["Content-Type"] = "application/json"}, body)
end
"""


@dataclass
class Result:
    """One wrk run."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url: str, duration: int, connections: int, script: Path | None) -> Result:
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s",
               "--latency", url]
    if script is not None:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = to_ms(re.search(r"\s99%\s+(\S+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return Result(rate, p50, p99, int(errors.group(1)) if errors else 0)


def wait_ready(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("moderation serve exited:\n" + log.read_text())
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit("moderation serve did not become ready:\n" + log.read_text())


def serve(database: str, model: str, workdir: Path) -> tuple[subprocess.Popen, str, Path]:
    port = free_port()
    metrics = workdir / f"metrics-{port}"
    metrics.mkdir()
    env = {**os.environ, "DATABASE_URL": database, "MODERATION_MODEL_DIR": model,
           "MODERATION_BIND": f"127.0.0.1:{port}", "MODERATION_WORKERS": "2",
           "MODERATION_RATELIMIT_ENABLED": "false", "PROMETHEUS_MULTIPROC_DIR": str(metrics),
           "MODERATION_SECRET_KEY": uuid.uuid4().hex}
    log = workdir / f"serve-{port}.log"
    moderation = shutil.which("moderation") or str(Path(sys.executable).parent / "moderation")
    with log.open("wb") as sink:
        process = subprocess.Popen([moderation, "serve"], env=env, cwd=workdir, stdout=sink,
                                   stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    wait_ready(base, process, log)
    return process, base, log


def measure(name: str, database: str, args: argparse.Namespace, workdir: Path) -> None:
    process, base, _ = serve(database, args.model, workdir)
    try:
        script = workdir / "post.lua"
        script.write_text(POST_SCRIPT)
        run_wrk(f"{base}/api/v1/hello", 2, args.connections, None)  # warm-up
        hello = run_wrk(f"{base}/api/v1/hello", args.duration, args.connections, None)
        comments = run_wrk(base, args.duration, args.connections, script)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    ratio = comments.requests_per_second / hello.requests_per_second
    print(f"\n{name}: {args.connections} connections, {args.duration}s each, 2 workers")
    print(f"  {'endpoint':<24}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'non-2xx':>9}")
    for label, result in (("GET /api/v1/hello", hello), ("POST /api/v1/comments", comments)):
        print(f"  {label:<24}{result.requests_per_second:>10.0f}{result.p50_ms:>10.2f}"
              f"{result.p99_ms:>10.2f}{result.non_2xx:>9}")
    verdict = "meets" if ratio >= 0.25 else "BELOW"
    print(f"  ratio comments / hello = {ratio:.3f} ({verdict} the goal of 0.25)")


def postgres_database(url: str) -> tuple[str, str]:
    """A fresh schema in `url` and a URL whose connections use it."""
    import sqlalchemy as sa

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}')}", schema


def drop_schema(url: str, schema: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=str(REPO / "models"))
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--backend", action="append", choices=["sqlite", "postgresql"])
    parser.add_argument("--postgres-url", default=os.environ.get("MODERATION_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    args.model = str(Path(args.model).resolve())  # the server runs in another directory
    if not (Path(args.model) / "model.joblib").is_file():
        sys.exit(f"no model in {args.model}: run `moderation train` or pass --model DIR")
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (apt-get install wrk)")
    backends = args.backend or ["sqlite", "postgresql"]
    with tempfile.TemporaryDirectory(prefix="moderation-bench-") as tmp:
        workdir = Path(tmp)
        if "sqlite" in backends:
            measure("SQLite", f"sqlite:///{workdir / 'bench.sqlite'}", args, workdir)
        if "postgresql" in backends:
            if not args.postgres_url:
                print("\nPostgreSQL: skipped (set MODERATION_TEST_POSTGRES_URL or --postgres-url)")
                return
            database, schema = postgres_database(args.postgres_url)
            try:
                measure("PostgreSQL", database, args, workdir)
            finally:
                drop_schema(args.postgres_url, schema)


if __name__ == "__main__":
    main()
