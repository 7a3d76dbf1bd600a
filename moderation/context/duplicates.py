"""Find the same or nearly the same text again, after normalisation.

Texts are compared as their *shingles*: the words of the pipeline's matching view
(`moderation.pipeline.normalize`: case, accents, look-alike letters, zero-width
characters, leetspeak and spaced letters undone; punctuation and emoji dropped) and
each pair of neighbouring words. So `Earn $500 a day!!`, `earn $500 a day 🔥` and
`EARN $500 A DAY` have the same shingles.

Two stages, so that one indexed integer per comment is enough to search a window of
thousands of comments:

* `fingerprint`: a 64-bit SimHash of the shingles, stored with each comment. Texts with
  nearly the same shingles have fingerprints a few bits apart; `CANDIDATE_BITS` is a
  loose bound that lets every near-copy through and very few unrelated texts.
* `similarity`: the Jaccard similarity of the two shingle sets, computed only for those
  candidates from their stored text; it decides, and it is the evidence shown.

Texts with fewer than `min_words` words are never fingerprinted: "I agree with you"
posted by many readers is not spam.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np

from moderation.pipeline.normalize import normalize

__all__ = ["CANDIDATE_BITS", "distance", "fingerprint", "shingles", "similarity", "words"]

#: Fingerprints at most this many bits apart are compared by `similarity`.
CANDIDATE_BITS = 18

_WORD = re.compile(r"[^\W_]+")
_MASK = (1 << 64) - 1


def words(text: str) -> list[str]:
    """The words (letters and digits) of the normalized matching view of `text`."""
    return _WORD.findall(normalize(text).text)


def shingles(text: str) -> frozenset[str]:
    """The words of `text` and its pairs of neighbouring words."""
    return _shingles_of(words(text))


def _shingles_of(tokens: list[str]) -> frozenset[str]:
    return frozenset(tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)])


@lru_cache(maxsize=65536)
def _hash64(shingle: str) -> bytes:
    return hashlib.blake2b(shingle.encode("utf-8", "surrogatepass"), digest_size=8).digest()


def fingerprint(text: str, min_words: int) -> int | None:
    """The SimHash of `text` as a signed 64-bit integer (as databases store it), or None
    when the text has fewer than `min_words` words."""
    tokens = words(text)
    if len(tokens) < min_words:
        return None
    features = _shingles_of(tokens)
    digests = np.frombuffer(b"".join(map(_hash64, sorted(features))), dtype=np.uint8)
    bits = np.unpackbits(digests.reshape(len(features), 8), axis=1)
    majority = bits.sum(axis=0, dtype=np.int64) * 2 > len(features)
    value = int.from_bytes(np.packbits(majority).tobytes(), "big")
    return value - (1 << 64) if value >= 1 << 63 else value


def distance(a: int, b: int) -> int:
    """The number of differing bits of two fingerprints."""
    return ((a ^ b) & _MASK).bit_count()


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two shingle sets, in [0, 1]."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
