"""Turn rule hits, model probabilities, the language check and context into a Decision.

A pure function (`decide`) with these semantics, in order of strength:

* **rejected** when a rule with action `reject` fired (a listed swear or slur, an insult
  aimed at the reader, a threat phrase, disguised or commercial promotion), or when the
  model's probability for a category reaches that category's `reject` threshold, except
  for `profanity` and `vulgarity`: swearing is decided by the word lists, which see the
  words themselves; the model can only hold a comment for them. The model rejects a
  personal attack only in a comment that addresses someone (`addresses_someone`: "you",
  "your", an @handle), as the insult rules do: "The plan is idiotic." and "This is a
  stupid article." criticise things, and "The minister is an idiot." is for a moderator.
  It rejects promotion only beside a promotion rule's hit (a link, a number, a handle, a
  selling phrase): without one no reader can reach the promoter, and "I subscribe to
  this view" scores 0.94.
  A comment that defends a group ("Refugees are not criminals.", "Refugees are human
  beings.": `patterns.defends_group`) and fires no abuse rule is held for abuse only when
  the model's probability reaches the `reject` threshold, and never rejected on it: the
  classifier reads "refugees" and "criminals", not the "not" between them; without a
  threat rule's hit it is held for a threat only from `DEFENDED_THREAT_REVIEW` (as is a
  comment that calls a thing bad). Nor, when it
  addresses no one and no insult rule fired, is it held for a personal attack ("Turks are
  not stupid."); an insult word the defence denies ("Muslims are not vermin") fires none.
  Likewise a comment that calls a thing bad ("This policy is garbage.":
  "Your article is rubbish.": `patterns.criticises_thing`), speaks to no one but of their
  things, and fires no insult rule.
* **pending** (held for a moderator) when a `review` rule fired (a review-list word,
  reason `suspect`; an insult not aimed at the reader; a bare link or phone number), a
  model probability reached the `review` threshold, the language is not covered
  (reason `language`: an English model never approves what it cannot read), or the
  caller passed context reasons (reports, duplicates, relevance, ...).
* **approved** otherwise.

Reasons come deciding-first: the reasons that set the status lead, so `message_for` can
name the guideline that was broken. Rule reasons carry evidence spans in the original
text; model reasons carry the spans of rule hits of the same category when there are
any, and none otherwise.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from moderation.pipeline.language import LanguageResult
from moderation.pipeline.normalize import View, view_words
from moderation.pipeline.rules import Hit
from moderation.pipeline.types import APPROVED, CATEGORIES, PENDING, REJECTED, Decision, Reason

__all__ = ["MODEL_HOLD_ONLY", "SECOND_PERSON", "addresses_someone", "decide", "message_for",
           "model_may_hold"]

#: Categories the model may hold but never reject on its own.
MODEL_HOLD_ONLY: frozenset[str] = frozenset({"profanity", "vulgarity"})

#: The threat score that holds a comment defending a group ("No Jew deserves to be hurt.",
#: "Nobody should be attacked for being Muslim.") or calling a thing bad ("This editorial
#: is nonsense from start to finish."), where no threat rule fired: the model reads "hurt"
#: and "attacked", not the refusal around them (0.30 and 0.26 on those two), and after
#: the veiled-threat rows of 2026-12-03 "editorial" itself scores 0.23.
DEFENDED_THREAT_REVIEW = 0.5

#: Words that address the reader or another commenter (as the normalizer writes them).
SECOND_PERSON: frozenset[str] = frozenset(
    ["you", "your", "yours", "yourself", "yourselves", "u", "ur", "ya", "ye", "youre", "yall"])


def addresses_someone(view: View) -> bool:
    """Whether a comment speaks to someone: a second-person word among the words of its
    matching view (`normalize(text)`), or an @handle in the original."""
    return not SECOND_PERSON.isdisjoint(view_words(view)) or "@" in view.original


_GUIDELINE_NAMES = {
    "profanity": "profanity",
    "vulgarity": "vulgar language",
    "threat": "threats",
    "personal_attack": "personal attacks",
    "abuse": "abuse (such as racism, sexism or homophobia)",
    "promotion": "promotion and spam",
}


def _rule_reason(hit: Hit) -> Reason:
    category = hit.category
    if hit.action == "review" and hit.name.startswith("list:") and category != "personal_attack":
        category = "suspect"  # a review-list word: not by itself a broken guideline
    return Reason(category, "rule", hit.score, hit.spans, hit.subtype, hit.name)


def model_may_hold(probabilities: Mapping[str, float],
                   thresholds: Mapping[str, Mapping[str, float]]) -> bool:
    """Whether any model score reaches the lower of its category's thresholds. When none
    does, `decide` gives the same decision whatever `addressed`, `defends` and
    `criticises` say (a stance only raises a threshold to the other one or higher, or
    drops a model reason), so a caller may skip working the stance out: most comments
    score low, and the stance costs about a tenth of a screen."""
    for category, limits in thresholds.items():
        score = probabilities.get(category)
        if score is not None and score >= min(limits.get("review", 1.0),
                                               limits.get("reject", 1.0)):
            return True
    return False


def _model_reasons(
    hits: Sequence[Hit],
    probabilities: Mapping[str, float],
    thresholds: Mapping[str, Mapping[str, float]],
    addressed: bool = True,
    defends: bool = False,
    criticises: bool = False,
) -> tuple[list[Reason], list[Reason]]:
    """(rejecting, holding) model reasons."""
    rejecting: list[Reason] = []
    holding: list[Reason] = []
    # A group defended: the abuse score must reach `reject` to hold, and only holds.
    doubted = defends and not any(hit.category == "abuse" for hit in hits)
    # ... and "Turks are not stupid", said to no one, is no personal attack: the model
    # reads "stupid", not the "not" before it.
    # So is "This policy is garbage.": a thing called bad (`criticises_thing`).
    unaimed = ((doubted and not addressed) or criticises) and not any(
        hit.category == "personal_attack" for hit in hits)
    # Promotion needs a way to reach the promoter (a link, a number, a handle, a promotion
    # phrase) for the model to reject it: "I subscribe to this view" scores 0.94.
    promoted = any(hit.category == "promotion" for hit in hits)
    for category in CATEGORIES:
        limits = thresholds.get(category)
        score = probabilities.get(category)
        if limits is None or score is None or (unaimed and category == "personal_attack"):
            continue
        lenient = doubted and category == "abuse"
        review = limits.get("reject" if lenient else "review", 1.0)
        if ((doubted or criticises) and category == "threat"
                and not any(hit.category == "threat" for hit in hits)):
            review = max(review, DEFENDED_THREAT_REVIEW)
        if score < review:
            continue
        spans = tuple(span for hit in hits if hit.category == category for span in hit.spans)
        subtype = next((hit.subtype for hit in hits if hit.category == category and hit.subtype),
                       None)
        reason = Reason(category, "model", float(score), spans, subtype)
        rejects = (score >= limits.get("reject", 1.0) and category not in MODEL_HOLD_ONLY
                   and (addressed or category != "personal_attack") and not lenient
                   and (category != "promotion" or promoted))
        (rejecting if rejects else holding).append(reason)
    return rejecting, holding


def decide(
    hits: Sequence[Hit],
    probabilities: Mapping[str, float],
    thresholds: Mapping[str, Mapping[str, float]],
    language: LanguageResult | None = None,
    context: Sequence[Reason] = (),
    model_version: str = "",
    addressed: bool = True,
    defends: bool = False,
    criticises: bool = False,
) -> Decision:
    """The decision for one comment (see the module docstring for the rules).
    `addressed`: `addresses_someone` of the comment; `defends`: `defends_group` of it;
    `criticises`: `criticises_thing` of it (the defaults are the stricter)."""
    rule_rejects = [_rule_reason(hit) for hit in hits if hit.action == "reject"]
    rule_holds = [_rule_reason(hit) for hit in hits if hit.action == "review"]
    model_rejects, model_holds = _model_reasons(hits, probabilities, thresholds, addressed,
                                                defends, criticises)
    holds = rule_holds + model_holds
    if language is not None and not language.covered:
        holds.append(Reason("language", "rule", language.score, (), None, language.code))
    holds.extend(context)
    rejects = rule_rejects + model_rejects
    if rejects:
        status = REJECTED
    elif holds:
        status = PENDING
    else:
        status = APPROVED
    return Decision(
        status=status,
        reasons=tuple(rejects + holds),
        scores={category: float(value) for category, value in probabilities.items()},
        model_version=model_version,
        language=language.code if language is not None else None,
    )


def message_for(decision: Decision) -> str:
    """A short sentence for the reader who posted the comment."""
    if decision.status == APPROVED:
        return "Thank you: your comment has been published."
    if decision.status == PENDING:
        return "Thank you: your comment is awaiting moderation and will appear once approved."
    broken = next((r.category for r in decision.reasons if r.category in _GUIDELINE_NAMES), None)
    if broken is None:
        return "Your comment was not published because it breaks our community guidelines."
    return (
        "Your comment was not published because it breaks our community guidelines on "
        f"{_GUIDELINE_NAMES[broken]}."
    )
