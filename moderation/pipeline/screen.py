"""The facade the rest of the code calls: `Screener`.

    screener = Screener.from_path("models")      # once per process
    decision = screener.screen(text)             # normalize -> rules -> model -> policy
    decisions = screener.screen_many(texts)      # the same decisions, one model call

A `Screener` is immutable. `with_settings` returns a new one that shares the loaded model,
with dashboard-edited thresholds and extra word-list entries, so settings apply without a
restart; the rule set is rebuilt only when the entries change.

Screening never changes the text it is given, and never raises for any `str`.
"""
from __future__ import annotations

import gc
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from moderation.pipeline.classifier import Classifier, load_classifier
from moderation.pipeline.language import detect_language, warm_up
from moderation.pipeline.normalize import View, fold, normalize
from moderation.pipeline.patterns import condemns_hate, criticises_thing, defends_group
from moderation.pipeline.policy import addresses_someone, decide, model_may_hold
from moderation.pipeline.rules import Entry, RuleSet, default_rules
from moderation.pipeline.types import Decision, Reason, ScreenContext

__all__ = ["Screener", "Thresholds", "entry_from_dict", "merge_thresholds", "stance"]

Thresholds = Mapping[str, Mapping[str, float]]


def merge_thresholds(base: Thresholds, override: Thresholds | None) -> dict[str, dict[str, float]]:
    """`base` with the values in `override` replacing it, category by category."""
    merged = {category: dict(values) for category, values in base.items()}
    for category, values in (override or {}).items():
        merged.setdefault(category, {}).update({k: float(v) for k, v in values.items()})
    return merged


def stance(view: View) -> tuple[bool, bool, bool]:
    """What the policy needs to know of a comment beyond its hits and scores (`decide`'s
    `addressed`, `defends` and `criticises`): whether it speaks to someone, defends a
    group, and calls a thing bad. Hate condemned ("Your comment about women is sexist")
    defends its target and criticises a thing said, not the person who said it."""
    condemned = condemns_hate(view)
    return (addresses_someone(view), condemned or defends_group(view),
            condemned or criticises_thing(view))


#: `stance` of a comment no model score can hold for: any value gives the same decision.
_NO_STANCE = (True, False, False)


def entry_from_dict(data: Mapping[str, Any]) -> Entry:
    """An `Entry` from a dashboard row: `term`, `category`, `action`, optional `severity`
    (1-3) and `subtype`. An `allow` entry needs no category."""
    action = str(data.get("action", "reject"))
    category = str(data.get("category") or ("allow" if action == "allow" else "suspect"))
    return Entry(str(data["term"]), category, int(data.get("severity") or 2), action,
                 data.get("subtype") or None)


class Screener:
    """Screens comments with one loaded model, a rule set and per-category thresholds."""

    def __init__(
        self,
        classifier: Classifier,
        rules: RuleSet | None = None,
        thresholds: Thresholds | None = None,
        extra_entries: Sequence[Entry] = (),
    ) -> None:
        self.classifier = classifier
        self.rules = rules if rules is not None else default_rules()
        self.thresholds = merge_thresholds(classifier.thresholds, thresholds)
        self.extra_entries: tuple[Entry, ...] = tuple(extra_entries)

    @classmethod
    def from_path(cls, path: str | Path) -> Screener:
        """Load the model in directory `path` (and the language identifier) once."""
        classifier = load_classifier(path)
        warm_up()
        # What is loaded by now (the model, word lists, compiled patterns, the language
        # identifier: over 100,000 objects) lives as long as the process. Moved out of
        # the collector's generations, it is not walked again by every full collection
        # that screening's own short-lived objects set off: 4 % of `screen_many`.
        gc.freeze()
        return cls(classifier)

    @property
    def model_version(self) -> str:
        return self.classifier.version

    @property
    def categories(self) -> tuple[str, ...]:
        return self.classifier.categories

    def with_settings(
        self,
        thresholds: Thresholds | None = None,
        entries: Iterable[Entry | Mapping[str, Any]] | None = None,
    ) -> Screener:
        """A new screener sharing this one's model: `thresholds` override the model
        card's (category by category), `entries` are extra word-list entries added to the
        shipped lists (`None` keeps the current extra entries)."""
        if entries is None:
            extra = self.extra_entries
        else:
            extra = tuple(e if isinstance(e, Entry) else entry_from_dict(e) for e in entries)
        if extra == self.extra_entries:
            rules = self.rules
        else:
            rules = default_rules().with_entries(extra) if extra else default_rules()
        merged = merge_thresholds(self.thresholds, thresholds)
        return Screener(self.classifier, rules, merged, extra)

    def screen(
        self,
        text: str,
        context: ScreenContext | None = None,
        reasons: Sequence[Reason] = (),
    ) -> Decision:
        """Screen one comment. `reasons` are context signals found by the caller
        (reports, duplicates, relevance to `context`'s article); they hold the comment."""
        return self.screen_many([text], [context], [tuple(reasons)])[0]

    def screen_many(
        self,
        texts: Sequence[str],
        contexts: Sequence[ScreenContext | None] | None = None,
        reasons: Sequence[Sequence[Reason]] | None = None,
    ) -> list[Decision]:
        """Screen a batch: the same decisions as `screen` one at a time, with a single
        model call for the whole batch. `contexts` and `reasons`, when given, run
        parallel to `texts`."""
        for name, values in (("contexts", contexts), ("reasons", reasons)):
            if values is not None and len(values) != len(texts):
                raise ValueError(f"{name} has {len(values)} items for {len(texts)} texts")
        folded = [fold(text) for text in texts]
        views = [normalize(text, fold_view) for text, fold_view in zip(texts, folded, strict=True)]
        # As Python floats in one call: indexing numpy rows costs more per comment.
        probabilities = self.classifier.predict_proba([view.text for view in views]).tolist()
        categories = self.classifier.categories
        decisions = []
        for index, text in enumerate(texts):
            hits = self.rules.scan(text, views[index], folded[index])
            scores = dict(zip(categories, probabilities[index], strict=True))
            context_reasons = tuple(reasons[index]) if reasons is not None else ()
            # The stance matters only to a model score that can hold (`model_may_hold`).
            standing = (stance(views[index]) if model_may_hold(scores, self.thresholds)
                        else _NO_STANCE)
            decisions.append(
                decide(hits, scores, self.thresholds, detect_language(text), context_reasons,
                       self.model_version, *standing)
            )
        return decisions
