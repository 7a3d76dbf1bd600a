"""Measure the full screener (and, side by side, peer libraries) on a labelled set.

Labelled sets come in two documented formats:

* JSONL: one object per line with `text` and `labels`, a list of violated categories
  (`[]` = a clean comment that must be approved); other fields (`id`, `kind`) are kept
  out of the way.
* CSV: a `text` column and one 0/1 column per category (`profanity`, `vulgarity`,
  `threat`, `personal_attack`, `abuse`, `promotion`); a missing category column counts
  as 0 throughout.

A directory means every `*.jsonl` and `*.csv` file in it. The metrics come from the
screener's decisions (what readers and moderators see): a comment is *flagged* for a
category when it is not approved and one of its reasons names that category; ROC-AUC uses
the model's probability for the category.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import roc_auc_score

from moderation.pipeline.types import APPROVED, CATEGORIES, REJECTED, Decision


@dataclass(frozen=True, slots=True)
class LabelledText:
    """A comment and the categories it violates (empty: clean)."""

    text: str
    labels: frozenset[str]


def _jsonl(path: Path) -> list[LabelledText]:
    items = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                items.append(LabelledText(record["text"], _checked(record.get("labels", []))))
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{path}:{number}: {error}") from error
    return items


def _csv(path: Path) -> list[LabelledText]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if "text" not in (reader.fieldnames or []):
            raise ValueError(f"{path}: a labelled CSV needs a `text` column")
        return [
            LabelledText(
                row["text"],
                frozenset(cat for cat in CATEGORIES if (row.get(cat) or "0").strip() == "1"),
            )
            for row in reader
        ]


def _checked(labels: Sequence[str]) -> frozenset[str]:
    unknown = set(labels) - set(CATEGORIES)
    if unknown:
        raise ValueError(f"unknown categories {sorted(unknown)}")
    return frozenset(labels)


def read_labelled(path: Path) -> list[LabelledText]:
    """Read a labelled JSONL or CSV file, or every such file in a directory."""
    if path.is_dir():
        files = sorted([*path.glob("*.jsonl"), *path.glob("*.csv")])
        if not files:
            raise ValueError(f"{path} holds no .jsonl or .csv files")
        return [item for file in files for item in read_labelled(file)]
    if path.suffix == ".jsonl":
        return _jsonl(path)
    if path.suffix == ".csv":
        return _csv(path)
    raise ValueError(f"{path}: expected a .jsonl or .csv file (or a directory of them)")


def _share(count: int, total: int) -> float | None:
    return round(count / total, 4) if total else None


@dataclass
class Evaluation:
    """What one system did on one labelled set."""

    system: str
    texts: int
    clean: int
    violations: int
    clean_rejected: float | None
    clean_held: float | None
    violations_approved: float | None
    violations_rejected: float | None
    roc_auc_any: float | None
    seconds_per_comment: float
    per_category: dict[str, dict[str, Any]] = field(default_factory=dict)

    def meets_targets(self) -> bool:
        """The dev-set targets: clean rejected <= 2 %, held <= 10 %; violations approved
        <= 5 % overall and <= 10 % in every category."""
        worst = max((entry["approved"] or 0.0 for entry in self.per_category.values()), default=0.0)
        return (
            (self.clean_rejected or 0.0) <= 0.02
            and (self.clean_held or 0.0) <= 0.10
            and (self.violations_approved or 0.0) <= 0.05
            and worst <= 0.10
        )


def _auc(truth: np.ndarray, scores: np.ndarray) -> float | None:
    if truth.all() or not truth.any():
        return None
    return round(float(roc_auc_score(truth, scores)), 4)


def _prf(truth: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    true_positives = int(np.sum(truth & predicted))
    precision = true_positives / max(int(predicted.sum()), 1)
    recall = true_positives / max(int(truth.sum()), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def evaluate_decisions(
    items: Sequence[LabelledText], decisions: Sequence[Decision], seconds: float = 0.0
) -> Evaluation:
    """Per-category precision/recall/F1/ROC-AUC and the clean/violation rates of a run."""
    approved = np.array([d.status == APPROVED for d in decisions])
    rejected = np.array([d.status == REJECTED for d in decisions])
    violating = np.array([bool(item.labels) for item in items])
    scores = np.array([[d.scores.get(cat, 0.0) for cat in CATEGORIES] for d in decisions])
    evaluation = _rates("screener", items, approved, rejected, seconds)
    evaluation.roc_auc_any = _auc(violating, scores.max(axis=1)) if len(items) else None
    for col, cat in enumerate(CATEGORIES):
        truth = np.array([cat in item.labels for item in items])
        flagged = np.array(
            [d.status != APPROVED and any(r.category == cat for r in d.reasons) for d in decisions]
        )
        evaluation.per_category[cat] = {
            "support": int(truth.sum()),
            **_prf(truth, flagged),
            "roc_auc": _auc(truth, scores[:, col]),
            "approved": _share(int(np.sum(truth & approved)), int(truth.sum())),
        }
    return evaluation


def _rates(
    system: str,
    items: Sequence[LabelledText],
    approved: np.ndarray,
    rejected: np.ndarray,
    seconds: float,
) -> Evaluation:
    violating = np.array([bool(item.labels) for item in items], dtype=bool)
    clean = ~violating
    return Evaluation(
        system=system,
        texts=len(items),
        clean=int(clean.sum()),
        violations=int(violating.sum()),
        clean_rejected=_share(int(np.sum(clean & rejected)), int(clean.sum())),
        clean_held=_share(int(np.sum(clean & ~approved & ~rejected)), int(clean.sum())),
        violations_approved=_share(int(np.sum(violating & approved)), int(violating.sum())),
        violations_rejected=_share(int(np.sum(violating & rejected)), int(violating.sum())),
        roc_auc_any=None,
        seconds_per_comment=seconds / max(len(items), 1),
    )


def evaluate_flags(
    system: str,
    items: Sequence[LabelledText],
    flags: Sequence[bool],
    scores: Sequence[float] | None,
    seconds: float,
) -> Evaluation:
    """Rates for a peer that only says flagged (rejected) or not, with an optional score."""
    flagged = np.array(flags, dtype=bool)
    evaluation = _rates(system, items, ~flagged, flagged, seconds)
    violating = np.array([bool(item.labels) for item in items], dtype=bool)
    if scores is not None:
        evaluation.roc_auc_any = _auc(violating, np.asarray(scores, dtype=float))
    for cat in CATEGORIES:
        truth = np.array([cat in item.labels for item in items], dtype=bool)
        evaluation.per_category[cat] = {
            "support": int(truth.sum()),
            **_prf(truth, flagged),
            "roc_auc": None,
            "approved": _share(int(np.sum(truth & ~flagged)), int(truth.sum())),
        }
    return evaluation


def _timed(function: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def evaluate_screener(screener: Any, items: Sequence[LabelledText]) -> Evaluation:
    """Screen every text with `screen_many` and score the decisions."""
    decisions, seconds = _timed(lambda: screener.screen_many([item.text for item in items]))
    return evaluate_decisions(items, decisions, seconds)


def evaluate_peers(items: Sequence[LabelledText]) -> tuple[list[Evaluation], list[str]]:
    """better-profanity's `contains_profanity` and, when installed, alt-profanity-check,
    on the same texts. Returns the evaluations and notes about skipped peers."""
    texts = [item.text for item in items]
    results: list[Evaluation] = []
    notes: list[str] = []
    from better_profanity import profanity

    profanity.load_censor_words()
    flags, seconds = _timed(lambda: [profanity.contains_profanity(text) for text in texts])
    results.append(evaluate_flags("better-profanity", items, flags, None, seconds))
    try:
        from profanity_check import predict_prob
    except ImportError:
        notes.append(
            "alt-profanity-check is not installed (pip install 'moderation[peers]'): skipped"
        )
    else:
        probabilities, seconds = _timed(lambda: predict_prob(texts))
        flags = [p >= 0.5 for p in probabilities]
        results.append(
            evaluate_flags("alt-profanity-check", items, flags, list(probabilities), seconds)
        )
    return results, notes
