"""Find the same or nearly the same text again, after normalisation.

Texts are compared as their *shingles*: the words of the pipeline's matching view
(`moderation.pipeline.normalize`: case, accents, look-alike letters, zero-width
characters, leetspeak and spaced letters undone; punctuation and emoji dropped) and
each pair of neighbouring words. So `Earn $500 a day!!`, `earn $500 a day 🔥` and
`EARN $500 A DAY` have the same shingles.

Two stages, so that finding copies is a few index look-ups whatever the traffic:

* `band_keys`: locality-sensitive hashing of a MinHash of the shingles (`datasketch`),
  `BANDS` bands of `ROWS` values, each band hashed to one integer. The service stores a
  comment's keys in the indexed `text_band` table; texts sharing any key are candidates.
  Texts whose shingle sets overlap by a Jaccard similarity J share a key with
  probability 1 - (1 - J^4)^16: 89 % at J = 0.6, 99.5 % at J = 0.73 (the least similar
  copies in tests/data/relevance_dev.jsonl), 12 % at J = 0.3 and 0.0003 % at J = 0.02
  (unrelated comments), so few candidates need their text compared.
* `similarity`: the exact Jaccard similarity of the two shingle sets, computed only for
  the candidates from their stored text; it decides, and it is the evidence shown.

Texts with fewer than `min_words` words get no keys: "I agree with you" posted by many
readers is not spam.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from moderation.pipeline.normalize import normalize

__all__ = ["BANDS", "ROWS", "band_keys", "shingles", "similarity", "words"]

BANDS = 16
ROWS = 4
#: Fixed, so that keys stored by one process match those computed by another.
_SEED = 20261125

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words (letters and digits) of the normalized matching view of `text`."""
    return _WORD.findall(normalize(text).text)


def shingles(text: str) -> frozenset[str]:
    """The words of `text` and its pairs of neighbouring words."""
    return _shingles_of(words(text))


def _shingles_of(tokens: list[str]) -> frozenset[str]:
    return frozenset(tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)])


@lru_cache(maxsize=65536)
def _hash32(shingle: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(shingle, digest_size=4).digest(), "little")


@lru_cache(maxsize=1)
def _template() -> MinHash:
    """The permutations, drawn once (drawing them is most of a new MinHash's cost)."""
    return MinHash(num_perm=BANDS * ROWS, seed=_SEED, hashfunc=_hash32)


def _signed(digest: bytes) -> int:
    return int.from_bytes(digest, "big", signed=True)


def band_keys(text: str, min_words: int) -> tuple[int, ...]:
    """The `BANDS` band keys of `text` (signed 64-bit integers, as databases store them),
    or none when the text has fewer than `min_words` words."""
    tokens = words(text)
    if len(tokens) < min_words:
        return ()
    template = _template()
    minhash = MinHash(num_perm=BANDS * ROWS, hashfunc=_hash32,
                      permutations=template.permutations, scheme=template.scheme)
    minhash.update_batch([s.encode("utf-8", "surrogatepass") for s in _shingles_of(tokens)])
    values = np.asarray(minhash.hashvalues, dtype="<u8").reshape(BANDS, ROWS)
    return tuple(
        _signed(hashlib.blake2b(bytes([band]) + values[band].tobytes(), digest_size=8).digest())
        for band in range(BANDS)
    )


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two shingle sets, in [0, 1]."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
