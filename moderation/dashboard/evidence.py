"""Evidence highlighting: the ORIGINAL comment text cut at span boundaries.

The template renders each piece escaped and wraps the evidence pieces in `<mark>`; no
HTML is ever built from comment text here. Spans are code-point offsets into the stored
text (Python string indices), so pieces join back to the text exactly.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Piece:
    """A run of the comment text; `categories` is empty for text that is not evidence."""

    text: str
    categories: tuple[str, ...] = ()

    @property
    def is_evidence(self) -> bool:
        return bool(self.categories)


def _spans(reasons: Iterable[Mapping[str, Any]], length: int) -> list[tuple[int, int, str]]:
    found = []
    for reason in reasons:
        for span in reason.get("spans") or ():
            start, end = max(0, int(span["start"])), min(length, int(span["end"]))
            if start < end:
                found.append((start, end, str(reason.get("category", ""))))
    return found


def split_evidence(text: str, reasons: Iterable[Mapping[str, Any]]) -> list[Piece]:
    """`text` as consecutive pieces whose concatenation is `text`; pieces inside any
    reason's span carry the categories of the spans covering them."""
    spans = _spans(reasons, len(text))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = tuple(sorted({cat for s, e, cat in spans if s <= start and end <= e}))
        if pieces and pieces[-1].categories == covering:
            pieces[-1] = Piece(pieces[-1].text + text[start:end], covering)
        else:
            pieces.append(Piece(text[start:end], covering))
    return pieces
