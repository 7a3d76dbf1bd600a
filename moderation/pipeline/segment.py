"""Split words typed run together (`ihatejews`, `#KurdsAreDisgusting`) into the words they
are made of, so the rules, the group patterns and the classifier read them as written.

A run is split only when every piece is a known word and one of them is a word the
screening looks for (a group name, a listed offensive word, a word of hatred or
violence): a run of ordinary words (`#breakingnews`) or a name (`Dickson`, typed with a
capital) is left as it is. This is how readers get hate past word filters (HateCheck's
"missing word boundary" cases), and the one disguise that splitting letters does not
undo.
"""
from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["MIN_RUN", "split_run"]

#: Runs shorter than this are words, or two short words (`fuckyou`) the rules know.
MIN_RUN = 7
MAX_RUN = 40
#: Pieces of one or two letters would split almost anything ("dick so nape"): only these
#: function words, which hate run together needs ("iwanttokillall", "deservetodie").
_SHORT_PIECES = frozenset([
    "i", "a", "u", "to", "be", "of", "we", "on", "in", "is", "at", "it", "my", "me", "us", "so",
    "do", "no", "up", "an", "or", "as", "by", "he", "go"
])
#: Words of hatred and violence that mark a run as worth splitting, besides group names
#: and listed offensive words.
SIGNAL_WORDS = frozenset(
    [
        "hate", "hates", "kill", "die", "death", "burn", "gas", "shoot", "hang", "deport",
        "exterminate", "rape", "behead", "murder", "slaughter", "disgusting", "vermin",
        "parasites", "animals", "subhuman", "inferior", "filthy", "dirty", "stupid", "scum",
        "trash", "garbage", "islam"
    ])
#: The short pieces a run may end with: a run ending "... as" or "... or" is some other
#: language's word ("beslutas"), not English run together.
_SHORT_ENDS = frozenset(["i", "u", "me", "us", "it", "up"])

_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")


def _pieces_of(run: str, vocabulary: frozenset[str]) -> list[str] | None:
    """The split of `run` into the fewest vocabulary words, or None."""
    size = len(run)
    best: list[tuple[int, int] | None] = [None] * (size + 1)  # (pieces, start of last piece)
    best[0] = (0, 0)
    for end in range(1, size + 1):
        for start in range(max(0, end - 20), end):
            before = best[start]
            if before is None:
                continue
            piece = run[start:end]
            if (len(piece) >= 3 or piece in _SHORT_PIECES) and piece in vocabulary and (
                    best[end] is None or before[0] + 1 < best[end][0]):
                best[end] = (before[0] + 1, start)
    if best[size] is None:
        return None
    pieces = []
    end = size
    while end:
        start = best[end][1]
        pieces.append(run[start:end])
        end = start
    return pieces[::-1]


@lru_cache(maxsize=16384)
def split_run(typed: str, vocabulary: frozenset[str], signals: frozenset[str]
              ) -> tuple[str, ...] | None:
    """The words `typed` (one run of ASCII letters as the reader typed it, any case) is
    made of, lowercased, when it is worth splitting; else None."""
    if not MIN_RUN <= len(typed) <= MAX_RUN:
        return None
    lower = typed.lower()
    if any(lower[:i] + lower[i + 1 :] in vocabulary for i in range(len(lower))):
        return None  # a word with a letter too many ("coonsidered"), not words run together
    # A capital and then small letters: a name ("Dickson", "Cockburn") if it splits in two.
    name_like = typed[0].isupper() and typed[1:].islower()
    if not name_like and not typed.isupper() and not typed.islower():  # split at the capitals
        parts = [part.lower() for part in _CAMEL.findall(typed)]
        if "".join(parts) != lower:
            return None
        pieces: list[str] = []
        for part in parts:
            if part in vocabulary or part in _SHORT_PIECES:
                pieces.append(part)
            elif (inner := _pieces_of(part, vocabulary)) is not None:
                pieces.extend(inner)
            else:
                return None
    else:
        found = _pieces_of(lower, vocabulary)
        if found is None:
            return None
        pieces = found
    if len(pieces[-1]) < 3 and pieces[-1] not in _SHORT_ENDS:
        return None
    if len(pieces) < (3 if name_like else 2) or signals.isdisjoint(pieces):
        return None
    return tuple(pieces)
