"""How related a comment is to its article: a weighted cosine of content words.

A comment and its article (title, summary and body paragraphs) become vectors of
stemmed content words (English stop words dropped, Snowball stems so that `revenues`
meets `revenue`). Each word is weighted twice:

* by how rare it is in general English (`wordfreq`'s Zipf frequency: `year`, `new` or
  `week` say little about a topic, `groundwater` or `goalkeeper` a lot), which works
  from the first article on;
* by an IDF fitted on the site's own articles (`RelevanceModel.fit`), so words every
  article shares (`region`, `government`) count less than the ones that tell articles
  apart.

The title counts twice. The score is the cosine of the two vectors, in [0, 1]; a long
comment that shares no distinctive word with its article scores near 0. Articles with too
little text to judge (registered without their body) get no score at all
(`ArticleProfile.usable`): no judgement is better than holding half the on-topic comments.

Cost: a fold, one regex scan, one C stemming call and dictionary look-ups: a few tens of
microseconds a comment (`benchmarks/relevance.py`).
"""
from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import Stemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from wordfreq import get_frequency_dict

from moderation.pipeline.normalize import fold

__all__ = [
    "MIN_ARTICLE_TERMS",
    "ArticleProfile",
    "RelevanceModel",
    "article_documents",
    "word_count",
]

#: Words of two letters or more (no digits): what relevance reads.
_WORD = re.compile(r"[^\W\d_]{2,}")
#: A word's general-English weight is `_RARE - zipf` (Zipf 7 is "the", 3 a rare word),
#: never below `_FLOOR`; words missing from wordfreq's list get the full `_RARE`.
_RARE = 7.0
_FLOOR = 0.1
#: How much each part of an article counts.
_TITLE_WEIGHT = 2.0
_TEXT_WEIGHT = 1.0
#: An article with fewer distinct content words than this is not judged. A title and a
#: summary alone have 20-35: too few for word overlap to tell on-topic comments apart
#: (on tests/data/relevance_dev.jsonl, 45 % of on-topic comments would be held), so
#: relevance needs the article's body (the demo articles have 97-122).
MIN_ARTICLE_TERMS = 60

#: Snowball stemmers are not thread-safe: one per thread (gunicorn may run threads).
_local = threading.local()


def _stem(words: list[str]) -> list[str]:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer.stemWords(words)


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    """wordfreq's small English list (about 29,000 words), loaded once on first use."""
    return get_frequency_dict("en", wordlist="small")


@lru_cache(maxsize=65536)
def _background_weight(word: str) -> float:
    frequency = _frequencies().get(word, 0.0)
    zipf = math.log10(frequency) + 9.0 if frequency > 0 else 0.0
    return max(_FLOOR, _RARE - zipf)


def _terms(text: str) -> list[tuple[str, float]]:
    """(stem, general-English weight) for each content word of `text`, in order."""
    words = [w for w in _WORD.findall(fold(text).text) if w not in ENGLISH_STOP_WORDS]
    stems = _stem(words)
    return [(stem, _background_weight(word)) for stem, word in zip(stems, words, strict=True)]


def word_count(text: str) -> int:
    """The number of words (two letters or more) in `text`: what "long" means."""
    return len(_WORD.findall(fold(text).text))


def article_documents(title: str, summary: str | None,
                      body: Sequence[str] | None) -> list[str]:
    """An article as documents for `RelevanceModel.fit`: title, summary, each paragraph."""
    return [title, *([summary] if summary else []), *(body or [])]


@dataclass(frozen=True, slots=True)
class ArticleProfile:
    """An article's weighted term vector and its Euclidean norm."""

    weights: Mapping[str, float]
    norm: float

    @property
    def usable(self) -> bool:
        """True when the article has enough text for a relevance judgement."""
        return len(self.weights) >= MIN_ARTICLE_TERMS and self.norm > 0


class RelevanceModel:
    """Document frequencies of stems over the site's articles; scores comments."""

    def __init__(self, document_frequency: Mapping[str, int], documents: int) -> None:
        self.documents = documents
        self._idf = {stem: self._smooth_idf(count) for stem, count in document_frequency.items()}
        self._unseen_idf = self._smooth_idf(0)

    def _smooth_idf(self, count: int) -> float:
        return math.log((1 + self.documents) / (1 + count)) + 1.0

    @classmethod
    def fit(cls, documents: Iterable[str]) -> RelevanceModel:
        """Fit on documents (see `article_documents`); an empty corpus is allowed."""
        frequency: dict[str, int] = {}
        total = 0
        for document in documents:
            total += 1
            for stem in {stem for stem, _ in _terms(document)}:
                frequency[stem] = frequency.get(stem, 0) + 1
        return cls(frequency, total)

    def _vector(self, parts: Iterable[tuple[str, float]]) -> dict[str, float]:
        vector: dict[str, float] = {}
        idf, unseen = self._idf, self._unseen_idf
        for text, part_weight in parts:
            for stem, weight in _terms(text):
                vector[stem] = vector.get(stem, 0.0) + part_weight * weight * idf.get(stem, unseen)
        return vector

    def profile(self, title: str, summary: str | None = None,
                body: Sequence[str] | None = None) -> ArticleProfile:
        """The vector of an article (build once per article version and keep it)."""
        parts = [(title, _TITLE_WEIGHT)]
        parts += [(text, _TEXT_WEIGHT) for text in article_documents(title, summary, body)[1:]]
        vector = self._vector(parts)
        return ArticleProfile(vector, math.sqrt(sum(v * v for v in vector.values())))

    def score(self, text: str, profile: ArticleProfile) -> float:
        """Cosine similarity in [0, 1] of `text` to the article; 0 for no content words."""
        vector = self._vector([(text, 1.0)])
        norm = math.sqrt(sum(v * v for v in vector.values()))
        if norm == 0 or profile.norm == 0:
            return 0.0
        weights = profile.weights
        dot = sum(value * weights.get(stem, 0.0) for stem, value in vector.items())
        return min(1.0, dot / (norm * profile.norm))
