"""Turn facts about a comment's context into `Reason`s (source `context`).

`moderation.services` gathers the facts from the database into a `ContextFacts`;
`context_reasons` turns them into reasons that either hold the comment (passed to
`Screener.screen(..., reasons=...)`, which holds for any context reason) or reject it
(`banned`, and copies spread across articles as `promotion`), joined to the screener's
decision by `with_rejections`. Every reason says in `detail` what it saw, as
`key=value` pairs (the similar comment's id, the counts, the relevance score), so the
dashboard and the API show the evidence without knowing each signal.

Defaults are in `ContextSettings`; `moderation.config.Config` holds the same values as
`CONTEXT_*` settings, and the dashboard's `context` setting can override them.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from moderation.pipeline.types import REJECTED, Decision, Reason, Span

__all__ = [
    "AuthorFacts",
    "ContextFacts",
    "ContextReasons",
    "ContextSettings",
    "Copy",
    "context_reasons",
    "reported_reason",
    "stored_context_reasons",
    "with_rejections",
]

SOURCE = "context"


@dataclass(frozen=True, slots=True)
class ContextSettings:
    """Thresholds, windows and counts of the context signals (0 turns a count off)."""

    #: Top-level comments of at least `relevance_min_words` words scoring below the
    #: threshold are held as off_topic (chosen on tests/data/relevance_dev.jsonl).
    relevance_threshold: float = 0.035
    relevance_min_words: int = 10
    #: Copies: texts of at least `duplicate_min_words` words whose shingles overlap by at
    #: least `duplicate_min_similarity` (Jaccard), posted within the window.
    duplicate_window_minutes: int = 24 * 60
    duplicate_min_words: int = 8
    duplicate_min_similarity: float = 0.6
    #: The n-th copy is held; from `duplicate_reject_copies` on, when the copies span at
    #: least `duplicate_reject_articles` articles, it is rejected as promotion.
    duplicate_hold_copies: int = 2
    duplicate_reject_copies: int = 3
    duplicate_reject_articles: int = 2
    #: At most this many candidate copies (the most recent) are compared.
    duplicate_scan_limit: int = 50
    #: More than `flood_max_posts` comments by one author (or client) in the window: held.
    flood_window_minutes: int = 10
    flood_max_posts: int = 5
    #: Hold each author's first N comments (0: off).
    new_author_hold: int = 0
    #: Authors with this many rejected comments within the window are held (0: off).
    history_window_days: int = 30
    history_rejections: int = 3
    #: A published comment with this many reader reports returns to the queue (0: off).
    reports_threshold: int = 3

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> ContextSettings:
        """The settings from `CONTEXT_<NAME>` configuration keys, defaults elsewhere."""
        values = {f.name: config[f"CONTEXT_{f.name.upper()}"]
                  for f in dataclasses.fields(cls) if f"CONTEXT_{f.name.upper()}" in config}
        return cls().with_overrides(values)

    def with_overrides(self, values: Mapping[str, Any]) -> ContextSettings:
        """These settings with `values` replacing some; `ValueError` names a bad one."""
        fields = {f.name: f for f in dataclasses.fields(self)}
        checked: dict[str, Any] = {}
        for name, value in values.items():
            if name not in fields:
                raise ValueError(f"{name}: unknown context setting")
            checked[name] = _check_value(name, value, getattr(self, name))
        return dataclasses.replace(self, **checked)


def _check_value(name: str, value: Any, default: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name}: must be a number")
    if isinstance(default, int) and not float(value).is_integer():
        raise ValueError(f"{name}: must be a whole number")
    if value < 0 or (isinstance(default, float) and value > 1):
        raise ValueError(f"{name}: out of range")
    return type(default)(value)


@dataclass(frozen=True, slots=True)
class Copy:
    """An earlier comment whose text is nearly the same."""

    comment_id: str
    article_id: str
    same_author: bool
    similarity: float


@dataclass(frozen=True, slots=True)
class AuthorFacts:
    """What the site knows about an identified author."""

    banned: bool = False
    banned_by: str | None = None
    banned_at: datetime | None = None
    earlier_comments: int = 0
    recent_rejections: int = 0


@dataclass(frozen=True, slots=True)
class ContextFacts:
    """Everything the context signals look at for one new comment.

    `relevance` is None when it was not judged (a reply, a short comment, an article
    with too little text); `copies` are oldest first; `recent_posts` counts the author's
    (or, without an author id, the client's) earlier comments in the flood window;
    `author` is None for anonymous comments.
    """

    article_id: str
    relevance: float | None = None
    copies: tuple[Copy, ...] = ()
    recent_posts: int = 0
    author: AuthorFacts | None = None


@dataclass(frozen=True, slots=True)
class ContextReasons:
    """Reasons that hold the comment and reasons that reject it."""

    holds: tuple[Reason, ...] = ()
    rejects: tuple[Reason, ...] = ()


def context_reasons(facts: ContextFacts, settings: ContextSettings) -> ContextReasons:
    """The context reasons for a new comment (see the module docstring)."""
    holds: list[Reason] = []
    rejects: list[Reason] = []
    if facts.relevance is not None and facts.relevance < settings.relevance_threshold:
        holds.append(Reason("off_topic", SOURCE, facts.relevance, detail=(
            f"relevance={facts.relevance:.3f} threshold={settings.relevance_threshold}")))
    copy_reason = _copy_reason(facts, settings)
    if copy_reason is not None:
        (rejects if _rejects(copy_reason) else holds).append(copy_reason)
    limit = settings.flood_max_posts
    if limit and facts.recent_posts + 1 > limit:
        holds.append(Reason("flood", SOURCE, 1.0, detail=(
            f"posts={facts.recent_posts + 1} window_minutes={settings.flood_window_minutes} "
            f"limit={limit}")))
    if facts.author is not None:
        _author_reasons(facts.author, settings, holds, rejects)
    return ContextReasons(tuple(holds), tuple(rejects))


def _copy_reason(facts: ContextFacts, settings: ContextSettings) -> Reason | None:
    copies = facts.copies
    count = len(copies) + 1
    if not copies or not settings.duplicate_hold_copies or count < settings.duplicate_hold_copies:
        return None
    articles = len({copy.article_id for copy in copies} | {facts.article_id})
    first = copies[0]
    similarity = max(copy.similarity for copy in copies)
    detail = (f"similar_to={first.comment_id} similarity={first.similarity:.2f} "
              f"copies={count} articles={articles} "
              f"same_author={sum(copy.same_author for copy in copies)}")
    rejects = (settings.duplicate_reject_copies and count >= settings.duplicate_reject_copies
               and articles >= settings.duplicate_reject_articles)
    if rejects:
        return Reason("promotion", SOURCE, similarity, subtype="duplicate", detail=detail)
    return Reason("duplicate", SOURCE, similarity, detail=detail)


def _author_reasons(author: AuthorFacts, settings: ContextSettings,
                    holds: list[Reason], rejects: list[Reason]) -> None:
    if author.banned:
        since = author.banned_at.isoformat(timespec="seconds") if author.banned_at else "unknown"
        rejects.append(Reason("banned", SOURCE, 1.0,
                              detail=f"banned_by={author.banned_by} since={since}"))
    if settings.new_author_hold and author.earlier_comments < settings.new_author_hold:
        holds.append(Reason("new_author", SOURCE, 1.0, detail=(
            f"earlier_comments={author.earlier_comments} "
            f"hold_first={settings.new_author_hold}")))
    limit = settings.history_rejections
    if limit and author.recent_rejections >= limit:
        holds.append(Reason("author_history", SOURCE, 1.0, detail=(
            f"rejections={author.recent_rejections} "
            f"window_days={settings.history_window_days} limit={limit}")))


def reported_reason(report_reasons: Sequence[str], threshold: int) -> Reason:
    """The `reported` reason of a comment returned to the queue by reader reports."""
    counts = ",".join(f"{reason}:{n}" for reason, n in Counter(report_reasons).most_common())
    return Reason("reported", SOURCE, 1.0, detail=(
        f"reports={len(report_reasons)} threshold={threshold} reasons={counts}"))


def with_rejections(decision: Decision, rejects: Sequence[Reason]) -> Decision:
    """`decision` rejected by context reasons as well (none: unchanged). The rejecting
    context reasons lead unless the screener had already rejected on its own."""
    if not rejects:
        return decision
    if decision.status == REJECTED:
        reasons = (*decision.reasons, *rejects)
    else:
        reasons = (*rejects, *decision.reasons)
    return dataclasses.replace(decision, status=REJECTED, reasons=reasons)


def _rejects(reason: Reason) -> bool:
    return reason.category == "banned" or (
        reason.category == "promotion" and reason.subtype == "duplicate")


def stored_context_reasons(reasons: Iterable[Mapping[str, Any]]) -> ContextReasons:
    """The context reasons among a stored comment's reasons (as `Reason.to_dict` wrote
    them), split as at submission, so that re-screening keeps what the context found."""
    found = [
        Reason(r["category"], SOURCE, float(r.get("score") or 0.0),
               tuple(Span(s["start"], s["end"]) for s in r.get("spans") or ()),
               r.get("subtype"), r.get("detail"))
        for r in reasons if r.get("source") == SOURCE
    ]
    return ContextReasons(tuple(r for r in found if not _rejects(r)),
                          tuple(r for r in found if _rejects(r)))
