"""The pure context-signal code: relevance on the labelled dev set, copy detection,
settings, and how the facts become reasons."""
from __future__ import annotations

import itertools
import json
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from moderation.context import duplicates
from moderation.context.relevance import RelevanceModel, article_documents, word_count
from moderation.context.signals import (
    AuthorFacts,
    ContextFacts,
    ContextSettings,
    Copy,
    context_reasons,
    reported_reason,
    with_rejections,
)
from moderation.pipeline.types import APPROVED, PENDING, REJECTED, Decision, Reason

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / "tests" / "data" / "relevance_dev.jsonl"
ARTICLES = REPO / "moderation" / "demo_articles.json"
DEFAULTS = ContextSettings()


def dev_rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DEV.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def relevance() -> tuple[RelevanceModel, dict[str, Any]]:
    articles = json.loads(ARTICLES.read_text("utf-8"))
    model = RelevanceModel.fit(d for a in articles
                               for d in article_documents(a["title"], a["summary"], a["body"]))
    profiles = {a["external_id"]: model.profile(a["title"], a["summary"], a["body"])
                for a in articles}
    return model, profiles


def off_topic_reason(model: RelevanceModel, profiles: dict[str, Any],
                     row: dict[str, Any]) -> Reason | None:
    """What the service does for a top-level comment: judge long ones only."""
    score = None
    if word_count(row["text"]) >= DEFAULTS.relevance_min_words and not row.get("parent"):
        score = model.score(row["text"], profiles[row["article_id"]])
    reasons = context_reasons(ContextFacts(row["article_id"], relevance=score), DEFAULTS)
    return next((r for r in reasons.holds if r.category == "off_topic"), None)


def test_relevance_targets_on_the_dev_set(relevance, record_property) -> None:
    model, profiles = relevance
    held: dict[str, list[bool]] = defaultdict(list)
    for row in dev_rows():
        held[row["label"]].append(off_topic_reason(model, profiles, row) is not None)
    rates = {label: sum(flags) / len(flags) for label, flags in held.items()}
    record_property("relevance_hold_rates", rates)
    print(f"\nrelevance hold rates on {DEV.name}: "
          + ", ".join(f"{label} {rate:.1%} of {len(held[label])}"
                      for label, rate in sorted(rates.items())))
    assert len(held["off_topic"]) >= 40 and len(held["on_topic"]) >= 50
    assert rates["off_topic"] >= 0.90
    assert rates["on_topic"] <= 0.05
    assert rates["short_reply"] == 0.0


def test_off_topic_reason_carries_the_score_and_never_rejects(relevance) -> None:
    model, profiles = relevance
    row = next(r for r in dev_rows() if r["label"] == "off_topic")
    reason = off_topic_reason(model, profiles, row)
    assert reason is not None and reason.source == "context"
    assert 0.0 <= reason.score < DEFAULTS.relevance_threshold
    assert reason.detail == (f"relevance={reason.score:.3f} "
                             f"threshold={DEFAULTS.relevance_threshold}")
    reasons = context_reasons(ContextFacts("demo-1", relevance=0.0), DEFAULTS)
    assert reasons.rejects == ()


def test_relevance_prefers_the_comments_own_article(relevance) -> None:
    model, profiles = relevance
    text = ("The goalkeeper should have saved the first goal, and the referee "
            "missed a clear penalty in the semi-final.")
    scores = {article: model.score(text, profile) for article, profile in profiles.items()}
    assert max(scores, key=scores.get) == "demo-2"
    assert scores["demo-2"] > DEFAULTS.relevance_threshold > scores["demo-1"]


def test_an_article_without_its_body_is_not_judged(relevance) -> None:
    model, _ = relevance
    for article in json.loads(ARTICLES.read_text("utf-8")):
        assert not model.profile(article["title"], article["summary"]).usable
        assert model.profile(article["title"], article["summary"], article["body"]).usable
    assert not model.profile("Budget vote").usable


def test_copies_in_the_dev_set_are_found_and_nothing_else() -> None:
    rows = [r for r in dev_rows() if r["label"] != "short_reply"]
    spam = [r["text"] for r in rows if r["label"] == "spam_copy"]
    groups = [spam[i:i + 5] for i in range(0, len(spam), 5)]
    for group in groups:
        for a, b in itertools.combinations(group, 2):
            shared = set(duplicates.band_keys(a, 5)) & set(duplicates.band_keys(b, 5))
            assert shared, (a, b)
            assert duplicates.similarity(duplicates.shingles(a), duplicates.shingles(b)) \
                >= DEFAULTS.duplicate_min_similarity, (a, b)
    group_of = {text: index for index, group in enumerate(groups) for text in group}
    for a, b in itertools.combinations([r["text"] for r in rows], 2):
        if a in group_of and group_of.get(b) == group_of[a]:
            continue
        similar = duplicates.similarity(duplicates.shingles(a), duplicates.shingles(b))
        assert similar < DEFAULTS.duplicate_min_similarity, (a, b)


def test_band_keys_ignore_disguises_and_skip_short_texts() -> None:
    text = "Earn five hundred dollars a day from home with forex trading, message me"
    disguised = ("EARN five hundr\u200bed dollars a day from h0me with forex trading!! "
                 "message me 🔥")
    keys = duplicates.band_keys(text, 8)
    assert keys == duplicates.band_keys(disguised, 8)
    assert len(set(keys)) == duplicates.BANDS
    assert all(-(2**63) <= key < 2**63 for key in keys)
    other = duplicates.band_keys("The ministry should publish every oil contract in full, "
                                 "with the buyers and the prices", 8)
    assert not set(keys) & set(other)
    assert duplicates.band_keys("I agree with you completely", 8) == ()


def test_settings_from_config_and_overrides() -> None:
    settings = ContextSettings.from_config({"CONTEXT_FLOOD_MAX_POSTS": 2, "OTHER": 1})
    assert settings.flood_max_posts == 2
    assert settings.with_overrides({"relevance_threshold": 0.1}).relevance_threshold == 0.1
    for bad in ({"nope": 1}, {"flood_max_posts": 1.5}, {"flood_max_posts": -1},
                {"relevance_threshold": 2}, {"reports_threshold": "3"},
                {"new_author_hold": True}):
        with pytest.raises(ValueError):
            settings.with_overrides(bad)


def copies(*articles: str, same_author: bool = False) -> tuple[Copy, ...]:
    return tuple(Copy(f"c{i}", article, same_author, 0.9) for i, article in enumerate(articles))


def test_copies_are_held_then_rejected_as_promotion_across_articles() -> None:
    assert context_reasons(ContextFacts("demo-1"), DEFAULTS).holds == ()
    second = context_reasons(ContextFacts("demo-1", copies=copies("demo-1")), DEFAULTS)
    [held] = second.holds
    assert (held.category, held.source, second.rejects) == ("duplicate", "context", ())
    assert held.detail.startswith("similar_to=c0 similarity=0.90 copies=2 articles=1")
    same_article = context_reasons(ContextFacts("demo-1", copies=copies("demo-1", "demo-1")),
                                   DEFAULTS)
    assert [r.category for r in same_article.holds] == ["duplicate"]
    spread = context_reasons(ContextFacts("demo-3", copies=copies("demo-1", "demo-2")),
                             DEFAULTS)
    [rejected] = spread.rejects
    assert (rejected.category, rejected.subtype, rejected.source) == (
        "promotion", "duplicate", "context")
    assert "similar_to=c0" in rejected.detail and "articles=3" in rejected.detail
    lenient = DEFAULTS.with_overrides({"duplicate_reject_copies": 0})
    assert context_reasons(ContextFacts("demo-3", copies=copies("demo-1", "demo-2")),
                           lenient).rejects == ()


def test_flood_and_author_reasons_respect_their_thresholds() -> None:
    settings = DEFAULTS.with_overrides({"flood_max_posts": 3, "new_author_hold": 2,
                                        "history_rejections": 2})
    assert context_reasons(ContextFacts("a", recent_posts=2), settings).holds == ()
    [flood] = context_reasons(ContextFacts("a", recent_posts=3), settings).holds
    assert flood.category == "flood" and "posts=4" in flood.detail and "limit=3" in flood.detail
    new = context_reasons(ContextFacts("a", author=AuthorFacts(earlier_comments=1)), settings)
    assert [r.category for r in new.holds] == ["new_author"]
    known = AuthorFacts(earlier_comments=2, recent_rejections=1)
    assert context_reasons(ContextFacts("a", author=known), settings).holds == ()
    history = AuthorFacts(earlier_comments=9, recent_rejections=2)
    [held] = context_reasons(ContextFacts("a", author=history), settings).holds
    assert held.category == "author_history" and "rejections=2" in held.detail
    banned = AuthorFacts(banned=True, banned_by="moderator:ana", earlier_comments=9,
                         banned_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))
    [ban] = context_reasons(ContextFacts("a", author=banned), settings).rejects
    assert ban.category == "banned"
    assert ban.detail == "banned_by=moderator:ana since=2026-01-02T03:04:05+00:00"


def test_reported_reason_lists_the_counts() -> None:
    reason = reported_reason(["abuse", "other", "abuse"], 3)
    assert (reason.category, reason.source) == ("reported", "context")
    assert reason.detail == "reports=3 threshold=3 reasons=abuse:2,other:1"


def test_with_rejections_rejects_and_keeps_every_reason() -> None:
    hold = Reason("off_topic", "context", 0.01)
    ban = Reason("banned", "context", 1.0)
    pending = Decision(PENDING, (hold,), {}, "v1")
    assert with_rejections(pending, ()) is pending
    rejected = with_rejections(pending, [ban])
    assert rejected.status == REJECTED and rejected.reasons == (ban, hold)
    rule = Reason("promotion", "rule", 1.0)
    by_rule = with_rejections(Decision(REJECTED, (rule,), {}, "v1"), [ban])
    assert by_rule.reasons == (rule, ban)
    assert with_rejections(Decision(APPROVED), [ban]).status == REJECTED


def test_stored_context_reasons_split_as_at_submission() -> None:
    from moderation.context.signals import stored_context_reasons

    off_topic = Reason("off_topic", "context", 0.01, detail="relevance=0.010 threshold=0.035")
    copy = Reason("promotion", "context", 0.9, subtype="duplicate", detail="similar_to=c0")
    ban = Reason("banned", "context", 1.0, detail="banned_by=m since=unknown")
    stored = [r.to_dict() for r in (Reason("promotion", "rule", 1.0), off_topic, copy, ban)]
    found = stored_context_reasons(stored)
    assert found.holds == (off_topic,)
    assert found.rejects == (copy, ban)
