"""What the context signals add to screening a comment, measured per comment.

    python benchmarks/relevance.py [--model models] [--data ../shared/data] [--limit 2000]

Prints, for each comment scored against its article (the demo articles, fitted once):
* relevance (`RelevanceModel.score`): p50, p99 and mean (goal: under 0.5 ms added);
* the band keys for copy detection (`duplicates.band_keys`), the other per-comment
  computation the context signals add (its database look-ups are not counted: they
  depend on the database);
* with a model directory, the full `Screener.screen` on the same comments, and the
  share relevance adds to it.

Each comment is timed three times and the fastest kept (other processes on a shared
machine otherwise add pauses of several milliseconds that are not the code's cost).

Comments: `tests/data/relevance_dev.jsonl` (comments on the demo articles) plus real user
comments of every length from the shared data when it is there (Jigsaw rows), each
scored against the demo articles in turn.
"""
from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse  # noqa: E402
import csv  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def load_comments(data: Path, limit: int) -> list[str]:
    """The relevance dev set, then Jigsaw comments, up to `limit`."""
    dev = REPO / "tests" / "data" / "relevance_dev.jsonl"
    texts = [json.loads(line)["text"] for line in dev.read_text("utf-8").splitlines()
             if line.strip()]
    jigsaw = data / "jigsaw-toxic-comment" / "train_first_2886_rows.csv"
    if jigsaw.is_file():
        with open(jigsaw, encoding="utf-8") as f:
            texts += [row["comment_text"] for row in csv.DictReader(f)]
    return texts[:limit]


def per_call(function: Callable[[int, str], object], texts: list[str],
             repeat: int = 3) -> list[float]:
    """Seconds per call of `function(index, text)`, one value per text: the fastest of
    `repeat` calls, so that pauses caused by other processes on a shared machine do not
    count as the cost of the code."""
    timings = []
    for index, text in enumerate(texts):
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            function(index, text)
            best = min(best, time.perf_counter() - start)
        timings.append(best)
    return timings


def report(name: str, timings: list[float]) -> float:
    """Print p50 / p99 / mean in milliseconds; return the mean."""
    ordered = sorted(timings)
    p50 = statistics.median(ordered)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    mean = statistics.fmean(ordered)
    print(f"{name:<28} p50 {p50 * 1000:7.3f} ms   p99 {p99 * 1000:7.3f} ms   "
          f"mean {mean * 1000:7.3f} ms")
    return mean


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=REPO / "models")
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=2000)
    args = parser.parse_args()

    from moderation.context import duplicates
    from moderation.context.relevance import RelevanceModel, article_documents

    articles = json.loads((REPO / "moderation" / "demo_articles.json").read_text("utf-8"))
    start = time.perf_counter()
    model = RelevanceModel.fit(d for a in articles
                               for d in article_documents(a["title"], a["summary"], a["body"]))
    profiles = [model.profile(a["title"], a["summary"], a["body"]) for a in articles]
    print(f"fit + {len(profiles)} article profiles: {(time.perf_counter() - start) * 1000:.1f} ms"
          " (once per article change)")
    texts = load_comments(args.data, args.limit)
    lengths = sorted(len(t) for t in texts)
    print(f"{len(texts)} comments, median {statistics.median(lengths):.0f} characters, "
          f"longest {lengths[-1]}")

    def relevance(index: int, text: str) -> object:
        return model.score(text, profiles[index % len(profiles)])

    per_call(relevance, texts[:200])  # warm the word-weight cache as a live process has
    added = report("relevance", per_call(relevance, texts))
    report("band keys (copies)",
           per_call(lambda _, text: duplicates.band_keys(text, 8), texts))
    if (args.model / "model.joblib").is_file():
        from moderation.pipeline import Screener

        screener = Screener.from_path(args.model)
        per_call(lambda _, text: screener.screen(text), texts[:200])
        screen = report("Screener.screen", per_call(lambda _, text: screener.screen(text), texts))
        print(f"relevance adds {added / screen:.1%} to a screen")
    else:
        print(f"no model in {args.model}: Screener.screen not measured")
    verdict = "under" if added < 0.0005 else "OVER"
    print(f"relevance adds {added * 1000:.3f} ms a comment on average: {verdict} the 0.5 ms goal")


if __name__ == "__main__":
    main()
