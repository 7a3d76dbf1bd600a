"""Perspective attributes on top of our categories: the one mapping table, and scoring.

Pure (no Flask, no database): `score_attributes` turns one `Decision` from the Screener
into a probability per Perspective attribute, and `span_scores` turns its evidence spans
into Perspective `spanScores`.

How the scores are made, and why they are probabilities a Perspective user's threshold
(Coral Talk's default 0.8) can keep using:

* **Per category** the score is the larger of the classifier's calibrated probability
  (a Platt sigmoid fitted on out-of-fold margins at training time) and the confidence of
  the rule that fired for that category (0.7 to 1.0 by severity, see
  `moderation.pipeline.rules`). A reject-rule hit for profanity therefore sets PROFANITY
  to 0.85-1.0 even when the model has never seen the disguised spelling. A rule that only
  *holds* a comment (an insult not aimed at anyone, a bare link or @handle) counts for at
  most `HOLD_RULE_CAP`: on the held-out shared data about a third of the texts whose only
  evidence is such a hit are violations (mostly bare links in tweets), so 0.35.
  Review-list words (reason `suspect`) map to no attribute.
* **TOXICITY** is P(any violation), taken as the **maximum** of the category scores.
  Noisy-or (1 - prod(1 - p)) assumes the categories are independent, but they are not:
  an insult is often also profane, so noisy-or counts the same evidence twice. Measured
  with `benchmarks/perspective.py quality` (reliability tables, ECE over 10 bins): noisy-
  or has the lower ECE (0.053 vs 0.084 on the news dev set, 0.080 vs 0.099 on 4,000
  held-out shared rows) because max is under-confident between 0.4 and 0.7, but max is
  the more precise at Coral's 0.8 threshold (91.2 % vs 87.9 % of the texts at or above
  0.8 are violations on the held-out rows; 99 % for both on the dev set), which is the
  promise a Perspective user relies on. Max also never lets many weak signals add up to a
  confident "toxic".
* **SEVERE_TOXICITY** is "a violation our policy would reject outright": TOXICITY when the
  Screener's decision is `rejected`, and half of it otherwise (a comment our policy only
  holds or approves stays under 0.5, below any threshold a newsroom would act on).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from moderation.pipeline.types import CATEGORIES, REJECTED, Decision, Reason

__all__ = [
    "ATTRIBUTES",
    "HOLD_RULE_CAP",
    "Attribute",
    "category_scores",
    "score_attributes",
    "span_scores",
]

#: A hold-only rule hit (the comment is pending, not rejected) counts for at most this.
HOLD_RULE_CAP = 0.35
#: SEVERE_TOXICITY of a comment our policy does not reject, relative to its TOXICITY.
NOT_REJECTED_SEVERITY = 0.5


@dataclass(frozen=True, slots=True)
class Attribute:
    """A Perspective attribute: the categories it reads and how it combines them."""

    name: str
    categories: tuple[str, ...]
    description: str
    severe: bool = False


#: The mapping, in one place (the README's table is generated from the same words).
ATTRIBUTES: dict[str, Attribute] = {
    attribute.name: attribute
    for attribute in (
        Attribute("TOXICITY", CATEGORIES, "any guideline violation (max over categories)"),
        Attribute("SEVERE_TOXICITY", CATEGORIES,
                  "a violation our policy rejects outright", severe=True),
        Attribute("IDENTITY_ATTACK", ("abuse",), "abuse: attacks on who people are"),
        Attribute("INSULT", ("personal_attack",), "personal attacks and name-calling"),
        Attribute("PROFANITY", ("profanity",), "swearing, including disguised spellings"),
        Attribute("THREAT", ("threat",), "threats of violence or harm"),
        Attribute("SEXUALLY_EXPLICIT", ("vulgarity",), "sexual or crude language"),
        Attribute("SPAM", ("promotion",), "commercial or personal promotion"),
    )
}


def _evidence(decision: Decision) -> Iterable[Reason]:
    return (reason for reason in decision.reasons
            if reason.category in CATEGORIES and reason.source == "rule")


def category_scores(decision: Decision) -> dict[str, float]:
    """Per category: max(model probability, rule confidence), see the module docstring."""
    scores = {category: float(decision.scores.get(category, 0.0)) for category in CATEGORIES}
    cap = 1.0 if decision.status == REJECTED else HOLD_RULE_CAP
    for reason in _evidence(decision):
        scores[reason.category] = max(scores[reason.category], min(float(reason.score), cap))
    return scores


def score_attributes(decision: Decision, names: Iterable[str]) -> dict[str, float]:
    """The probability of each attribute in `names` (all must be in ATTRIBUTES)."""
    per_category = category_scores(decision)
    toxicity = max(per_category.values())
    result = {}
    for name in names:
        attribute = ATTRIBUTES[name]
        value = max(per_category[category] for category in attribute.categories)
        if attribute.severe:
            value = toxicity if decision.status == REJECTED else toxicity * NOT_REJECTED_SEVERITY
        result[name] = round(min(max(value, 0.0), 1.0), 6)
    return result


def span_scores(decision: Decision, name: str,
                per_category: Mapping[str, float]) -> list[dict[str, object]]:
    """Perspective `spanScores` for attribute `name`: each evidence span of the attribute's
    categories (code points of the original text), scored with its category's score."""
    attribute = ATTRIBUTES[name]
    spans: dict[tuple[int, int], float] = {}
    for reason in decision.reasons:
        if reason.category not in attribute.categories:
            continue
        for span in reason.spans:
            key = (span.start, span.end)
            spans[key] = max(spans.get(key, 0.0), per_category[reason.category])
    return [
        {"begin": begin, "end": end, "score": {"value": round(value, 6), "type": "PROBABILITY"}}
        for (begin, end), value in sorted(spans.items())
    ]
