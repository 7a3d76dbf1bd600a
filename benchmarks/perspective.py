"""The Perspective-compatible API: speed under gunicorn, and the quality of its scores.

    python benchmarks/perspective.py speed   [--model models] [--duration 10] [--connections 8]
                                             [--rounds 3]
    python benchmarks/perspective.py quality [--model models] [--data ../shared/data]
                                             [--limit 4000]

`speed` starts gunicorn (2 workers, the project's gunicorn.conf.py) on a free loopback
port over a fresh SQLite database with one API key, and drives it with wrk (bounded:
`--duration` seconds per run, `--connections` connections): first the app's hello-world
(`GET /healthz`), then `comments:analyze` asking for one attribute (TOXICITY, Coral's
request) and for all eight, over news comments from `tests/data/news_dev.jsonl`. It prints
requests/s, p50 and p99 latency, and each analyze run as a share of the hello-world
throughput (goal: >= 25 %). The runs are interleaved over `--rounds` rounds and the best
of each is kept, so a burst of other work on the machine hurts every run alike.

`quality` scores labelled texts through the same code as the endpoint (`Screener` +
`score_attributes`) and prints, per attribute, the ROC-AUC against the matching labels on
the news dev set and on the model's held-out split of the shared data (rebuilt from the
card's seed and test size with the training loaders; at most `--limit` rows); then, for
TOXICITY, the reliability table and expected calibration error (ECE, 10 equal-width bins)
of the two ways of combining categories: max (what the endpoint uses) and noisy-or.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / "tests" / "data" / "news_dev.jsonl"
WRK = shutil.which("wrk") or "/usr/bin/wrk"

_LUA = """
local bodies = {}
for line in io.lines("%(bodies)s") do bodies[#bodies + 1] = line end
local i = 0
request = function()
  i = i %% #bodies + 1
  return wrk.format("POST", "%(path)s", {["Content-Type"] = "application/json"}, bodies[i])
end
"""


# --- speed -------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _prepare_database(workdir: Path, model: str) -> tuple[str, str]:
    """A migrated SQLite file with one key; returns (database URL, key)."""
    from flask_migrate import upgrade

    from moderation import create_app, services
    from moderation.extensions import db

    url = f"sqlite:///{workdir / 'bench.sqlite'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "MODEL_DIR": model, "LOG_LEVEL": "WARNING"})
    with app.app_context():
        upgrade()
        _, key = services.create_api_key("benchmark")
        db.session.remove()
        db.engine.dispose()
    return url, key


def _start_gunicorn(workdir: Path, model: str, database: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": database, "MODERATION_MODEL_DIR": model,
           "MODERATION_BIND": f"127.0.0.1:{port}", "MODERATION_WORKERS": "2",
           "MODERATION_LOG_LEVEL": "WARNING", "MODERATION_RATELIMIT_ENABLED": "false",
           "PROMETHEUS_MULTIPROC_DIR": str(workdir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(REPO / "gunicorn.conf.py"), "wsgi:app"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):
                return process, base
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def _seconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def _wrk(url: str, duration: int, connections: int, script: Path | None) -> dict[str, Any]:
    command = [WRK, "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s"]
    if script is not None:
        command += ["-s", str(script)]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    latencies = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
            "p50": _seconds(latencies["50"]), "p99": _seconds(latencies["99"]),
            "non_2xx": int(errors.group(1)) if errors else 0}


def _bodies(workdir: Path, attributes: Sequence[str]) -> Path:
    from moderation.pipeline.language import detect_language

    texts = [json.loads(line)["text"] for line in DEV.read_text("utf-8").splitlines() if line]
    path = workdir / f"bodies-{len(attributes)}.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for text in texts:
            if detect_language(text).covered:
                body = {"comment": {"text": text}, "doNotStore": True, "languages": ["en"],
                        "requestedAttributes": {name: {} for name in attributes}}
                handle.write(json.dumps(body) + "\n")
    return path


def speed(args: argparse.Namespace) -> None:
    from moderation.perspective.attributes import ATTRIBUTES

    workdir = Path(tempfile.mkdtemp(prefix="perspective-bench-"))
    database, key = _prepare_database(workdir, args.model)
    process, base = _start_gunicorn(workdir, args.model, database)
    plans: dict[str, tuple[str, Path | None]] = {"hello-world GET /healthz": (
        base + "/healthz", None)}
    for label, attributes in (("analyze, 1 attribute", ["TOXICITY"]),
                              ("analyze, 8 attributes", list(ATTRIBUTES))):
        script = workdir / f"analyze-{len(attributes)}.lua"
        script.write_text(_LUA % {"bodies": _bodies(workdir, attributes),
                                  "path": f"/v1alpha1/comments:analyze?key={key}"})
        plans[label] = (base + "/", script)
    runs: dict[str, dict[str, Any]] = {}
    try:
        for _ in range(args.rounds):  # interleaved rounds; the best of each is kept
            for label, (url, script) in plans.items():
                run = _wrk(url, args.duration, args.connections, script)
                if label not in runs or run["rps"] > runs[label]["rps"]:
                    runs[label] = run
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)
    hello = runs["hello-world GET /healthz"]["rps"]
    print(f"gunicorn 2 workers, wrk -t2 -c{args.connections} -d{args.duration}s, best of "
          f"{args.rounds} interleaved rounds, model {args.model}")
    print(f"{'run':28} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'vs hello':>9}")
    for label, run in runs.items():
        print(f"{label:28} {run['rps']:9.0f} {run['p50'] * 1e3:8.2f} {run['p99'] * 1e3:8.2f} "
              f"{run['non_2xx']:8d} {run['rps'] / hello:9.1%}")
    print("goal: each analyze run >= 25 % of the hello-world throughput")


# --- quality ------------------------------------------------------------------------------


def _dev_rows() -> list[tuple[str, dict[str, int]]]:
    from moderation.pipeline.types import CATEGORIES

    rows = []
    for line in DEV.read_text("utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            labels = {cat: int(cat in record["labels"]) for cat in CATEGORIES}
            rows.append((record["text"], labels))
    return rows


def _held_out_rows(model: str, data: Path, limit: int) -> list[tuple[str, dict[str, int]]]:
    """The model's held-out split, rebuilt as `moderation train` made it."""
    import numpy as np

    from moderation.training.datasets import load_training_data
    from moderation.training.train import (
        HANDWRITTEN_DIR,
        extra_training_files,
        sample_per_source,
        split_held_out,
    )

    config = json.loads((Path(model) / "model-card.json").read_text("utf-8"))["config"]
    examples = load_training_data(data, extra_training_files(None, HANDWRITTEN_DIR)).examples
    if config.get("limit"):
        examples = sample_per_source(examples, config["limit"], config["seed"])
    _, held_out = split_held_out(examples, config["test_size"], config["seed"])
    if len(held_out) > limit:
        keep = np.random.default_rng(0).choice(len(held_out), size=limit, replace=False)
        held_out = [held_out[i] for i in sorted(keep)]
    return [(example.text, dict(example.labels)) for example in held_out]


def _attribute_label(name: str, labels: dict[str, int]) -> int | None:
    """The label an attribute is measured against, or None when the row's source does
    not say. TOXICITY and SEVERE_TOXICITY: any violation; clean only when the source labels
    every category (a corpus that labels only hate speech does not call a profane row
    clean)."""
    from moderation.perspective.attributes import ATTRIBUTES

    attribute = ATTRIBUTES[name]
    known = [labels[c] for c in attribute.categories if c in labels]
    if len(attribute.categories) > 1:
        if any(known):
            return 1
        return 0 if len(known) == len(attribute.categories) else None
    return known[0] if known else None


def reliability(labels: Sequence[int], scores: Sequence[float], bins: int = 10) -> tuple[
        list[tuple[str, int, float, float]], float]:
    """Rows (bin, count, mean score, share positive) and the expected calibration error."""
    table, error, total = [], 0.0, len(scores)
    for index in range(bins):
        low, high = index / bins, (index + 1) / bins
        members = [(y, s) for y, s in zip(labels, scores, strict=True)
                   if low <= s < high or (index == bins - 1 and s == 1.0)]
        if not members:
            continue
        confidence = sum(s for _, s in members) / len(members)
        accuracy = sum(y for y, _ in members) / len(members)
        error += len(members) / total * abs(accuracy - confidence)
        table.append((f"{low:.1f}-{high:.1f}", len(members), confidence, accuracy))
    return table, error


def _evaluate(name: str, rows: list[tuple[str, dict[str, int]]], screener: Any) -> None:
    from sklearn.metrics import roc_auc_score

    from moderation.perspective.attributes import ATTRIBUTES, category_scores, score_attributes

    decisions = screener.screen_many([text for text, _ in rows])
    print(f"\n== {name}: {len(rows)} texts ==")
    print(f"{'attribute':18} {'ROC-AUC':>8} {'positives':>10} {'negatives':>10}")
    for attribute in ATTRIBUTES:
        pairs = [(label, score_attributes(d, [attribute])[attribute])
                 for (_, labels), d in zip(rows, decisions, strict=True)
                 if (label := _attribute_label(attribute, labels)) is not None]
        positives = sum(y for y, _ in pairs)
        auc = (roc_auc_score([y for y, _ in pairs], [s for _, s in pairs])
               if 0 < positives < len(pairs) else float("nan"))
        print(f"{attribute:18} {auc:8.3f} {positives:10d} {len(pairs) - positives:10d}")
    known = [(label, category_scores(d)) for (_, labels), d in zip(rows, decisions, strict=True)
             if (label := _attribute_label("TOXICITY", labels)) is not None]
    labels = [y for y, _ in known]
    for method, combine in (("max", lambda s: max(s.values())),
                            ("noisy-or", lambda s: 1 - _product(1 - v for v in s.values()))):
        table, ece = reliability(labels, [combine(scores) for _, scores in known])
        over = [(y, s) for y, s in zip(labels, [combine(sc) for _, sc in known], strict=True)
                if s >= 0.8]
        precision = sum(y for y, _ in over) / len(over) if over else float("nan")
        print(f"TOXICITY as {method}: ECE {ece:.3f}; at >= 0.8 (Coral's default) "
              f"{len(over)} texts, {precision:.1%} violations")
        print(f"  {'bin':9} {'n':>6} {'mean score':>11} {'violations':>11}")
        for interval, count, confidence, accuracy in table:
            print(f"  {interval:9} {count:6d} {confidence:11.3f} {accuracy:11.3f}")


def _product(values: Any) -> float:
    result = 1.0
    for value in values:
        result *= value
    return result


def quality(args: argparse.Namespace) -> None:
    from moderation.pipeline import Screener

    screener = Screener.from_path(args.model)
    print(f"model {args.model} ({screener.model_version})")
    _evaluate("news dev set (tests/data/news_dev.jsonl)", _dev_rows(), screener)
    _evaluate("held-out split of the shared data",
              _held_out_rows(args.model, Path(args.data), args.limit), screener)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("mode", choices=["speed", "quality"])
    parser.add_argument("--model", default=str(REPO / "models"))
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--limit", type=int, default=4000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    speed(args) if args.mode == "speed" else quality(args)


if __name__ == "__main__":
    main()
