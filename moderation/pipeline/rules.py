"""Fast, explainable rules over the matching view: word lists and phrase patterns.

Word lists (data files in `moderation/pipeline/wordlists/`, see `wordlist_build`):
`terms.tsv` (profanity, vulgarity, abuse; action `reject` or `review`), `insults.tsv`
(personal attacks) and `allow.tsv` (news vocabulary and innocent look-alikes). Matching
is by whole words of the normalized view (a set intersection of the comment's words with
the list, so "Scunthorpe", "assassination" and "Dickens" never match "cunt", "ass" or
"dick"); multi-word entries are matched word by word. Words run together (`fuckshit`,
`shitshitshit`, `a s h i t` read as `ashit`) are caught by a short list of stems so strong
that any word containing them is a swear (`COMPOUND_STEMS`), unless the word is on the
allow list (`scunthorpe`, `shiitake`, `sniggering`). Where the normalizer collapsed a
stretched letter (`piiiiss` -> `pis`), the doubled letter is tried too.

Personal attacks: an insult word on its own is `review` (it may be aimed at a policy, or
quoted); aimed at the reader ("you idiot", "you're a complete moron") it is `reject`.
Some insults (`liar`, `coward`, `hypocrite`: `alone` = `none` in `insults.tsv`) are
common in fair criticism of public figures and count only when aimed at the reader.

Threat, group-attack and promotion patterns live in `moderation.pipeline.patterns`.

Every hit carries its category, action, a score, the entry or pattern name and spans in
the ORIGINAL text (through `View.span`).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from moderation.pipeline.normalize import View, fold, normalize, view_words, words_of
from moderation.pipeline.patterns import (
    Hit,
    condemned_quotes,
    defences,
    finditer,
    occurrences,
    openers,
    pattern_hits,
)
from moderation.pipeline.types import Span
from moderation.pipeline.wordlist_files import tsv_rows

__all__ = [
    "ACTIONS",
    "COMPOUND_STEMS",
    "Entry",
    "Hit",
    "RuleSet",
    "default_rules",
    "load_entries",
]

ACTIONS: tuple[str, ...] = ("reject", "review", "allow")

#: Stems that make any word containing them a swear or slur (unless allow-listed).
COMPOUND_STEMS: dict[str, str] = {
    "fuck": "fuck", "shit": "shit", "cunt": "cunt", "nigger": "nigger", "nigga": "nigger",
    "faggot": "faggot", "motherfuck": "motherfucker",
}  # fmt: skip

def _may_hold_stem(text: str) -> bool:
    """Whether `text` may hold one of `COMPOUND_STEMS` (each holds one of these words): most
    comments hold none, and five substring searches cost a third of one regex scan."""
    return ("fuck" in text or "shit" in text or "cunt" in text or "nigg" in text
            or "faggot" in text)


_SCORES = {1: 0.7, 2: 0.85, 3: 1.0}


@dataclass(frozen=True, slots=True)
class Entry:
    """One word-list entry: a word or phrase (normalized like comment text) and its verdict."""

    term: str
    category: str
    severity: int = 2
    action: str = "reject"
    subtype: str | None = None


def _key(term: str) -> str:
    return " ".join(normalize(term).text.split())


@cache
def load_entries() -> tuple[Entry, ...]:
    """The shipped entries: built terms, hand-written insults and the allow list."""
    entries = [
        Entry(row["term"], row["category"], int(row["severity"]), row["action"],
              row["subtype"] or None)
        for row in tsv_rows("terms.tsv")
    ]
    entries += [
        Entry(row["term"], "personal_attack", int(row["severity"]), "review")
        for row in tsv_rows("insults.tsv") if row["alone"] == "review"
    ]
    entries += [Entry(row["term"], "allow", 0, "allow") for row in tsv_rows("allow.tsv")]
    return tuple(entries)


@cache
def aimed_only_insults() -> frozenset[str]:
    """Insults that count only when aimed at the reader: "you liar" is an attack, while
    "the mayor is a liar: he promised clean water" is criticism of a public figure."""
    return frozenset(row["term"] for row in tsv_rows("insults.tsv") if row["alone"] == "none")



_YOU = r"(?:you|u|ya|ye|yall|y'all)"


def _insult_patterns(insults: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted({re.escape(word) for word in insults if " " not in word},
                   key=lambda word: (-len(word), word))  # longest first; one order every run
    if not words:
        return None
    insult = "(?:" + "|".join(words) + ")"
    adjectives = (
        r"(?:such|a|an|the|absolute|complete|total|utter|fucking|fuckin|bloody|stupid|pathetic"
        r"|little|ignorant|brainless|clueless|sad|ugly|dumb|lying|bunch|of|big|fat|worthless"
        r"|useless|old|silly|deluded|typical)"
    )
    return re.compile(
        rf"\b{_YOU}(?:\s*(?:'re|are|re|r|is)\b)?(?:\s+{adjectives}){{0,4}}\s+(?P<w>{insult})\b"
        rf"|\byour\s+(?:an?\s+)?(?:{adjectives}\s+){{0,3}}(?P<w2>{insult})\b"
        rf"|\b(?P<w3>{insult})\s+like\s+{_YOU}\b"
        rf"|\bwhat\s+an?\s+(?:{adjectives}\s+){{0,3}}(?P<w4>{insult})\s+{_YOU}\s+are\b"
        rf"|\bare\s+{_YOU}\s+(?:an?\s+)?(?:{adjectives}\s+){{0,3}}(?P<w5>{insult})\b"
    )


_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_HYPHEN = re.compile("-")


def _hyphenated_words(text: str) -> list[tuple[int, int]]:
    """`[start, end)` of words joined by hyphens; found from the hyphens, which are few."""
    found: list[tuple[int, int]] = []
    for hyphen in _HYPHEN.finditer(text):
        index = hyphen.start()
        if found and index < found[-1][1]:
            continue
        if 0 < index < len(text) - 1 and text[index - 1].isalpha() and text[index + 1].isalpha():
            start = index - 1
            while start > 0 and text[start - 1].isalpha():
                start -= 1
            match = _HYPHENATED.match(text, start)
            if match:
                found.append(match.span())
    return found
#: Self-censored swears: the first letter says which word is meant.
_MASKED = re.compile(
    r"(?<![\w*#])(?:f[*#]{1,3}(?:ck|k|ing|in|cking|cked|cker|ckers)?|fu[*#]{1,2}k\w*"
    r"|sh[*#]t\w*|s[*#]{2}t|c[*#]nt\w*|c[*#]{2}t|a[*#]{2}hole\w*|n[*#]{3,5}rs?|n[*#]{2,4}ers?"
    r"|n[*#]gg[*#]?rs?)"
    r"(?![\w*#])"
)
_MASKED_WORDS = {"f": "fuck", "s": "shit", "c": "cunt", "a": "asshole", "n": "nigger"}


def _held_insult(hit: Hit) -> bool:
    """An insult word held, not aimed at anyone ("vermin" alone)."""
    return hit.category == "personal_attack" and hit.action == "review"


def _quotable(hit: Hit) -> bool:
    """A threat, group attack or held insult, which a quotation may report: not a listed
    swear or slur, which quoting still prints."""
    if hit.category in ("threat", "abuse"):
        return not hit.name.startswith("list:")
    return _held_insult(hit)


def _without(hits: list[Hit], kind: Callable[[Hit], bool], ranges: list[Span]) -> list[Hit]:
    """`hits` without those of `kind` whose every span lies inside one of `ranges`: held
    insults inside a defence of a group ("vermin" in "Muslims are not vermin"), `_quotable`
    hits inside a quotation the comment condemns ('"Women belong in the kitchen" is a
    sexist line')."""
    if not ranges:
        return hits
    return [hit for hit in hits if not (kind(hit) and all(
        any(r.start <= span.start and span.end <= r.end for r in ranges) for span in hit.spans))]


def _words_around(text: str, positions: Iterable[int]) -> list[tuple[int, int]]:
    """The `[start, end)` of each distinct word (letter run) holding one of `positions`."""
    found: list[tuple[int, int]] = []
    for position in positions:
        if position >= len(text) or not text[position].isalpha():
            continue
        if found and found[-1][0] <= position < found[-1][1]:
            continue
        start, end = position, position + 1
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        while end < len(text) and text[end].isalpha():
            end += 1
        found.append((start, end))
    return found


def _phrase_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    """The words of a phrase as whole words in a row, anything but letters between them."""
    return re.compile(
        r"(?<![^\W\d_])" + r"[\W\d_]+".join(map(re.escape, words)) + r"(?![^\W\d_])")


_Phrase = tuple[tuple[str, ...], Entry, frozenset[str], re.Pattern[str]]


class RuleSet:
    """A compiled set of word-list entries and patterns. Immutable once built."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        singles: dict[str, Entry] = {}
        phrases: dict[tuple[str, ...], Entry] = {}
        allow_words: set[str] = set()
        allow_phrases: set[tuple[str, ...]] = set()
        insults: set[str] = set()
        for entry in self.entries:
            key = _key(entry.term)
            if not key:
                continue
            words = tuple(key.split())
            if entry.action == "allow":
                (allow_words.add(key) if len(words) == 1 else allow_phrases.add(words))
                continue
            if entry.category == "personal_attack" and len(words) == 1:
                insults.add(key)
            target = singles if len(words) == 1 else phrases
            target[key if len(words) == 1 else words] = entry  # later entries override
        self._singles = singles
        self._single_keys = frozenset(singles)
        self._phrases_by_head: dict[str, list[_Phrase]] = {}
        for words, entry in phrases.items():
            self._phrases_by_head.setdefault(words[0], []).append(
                (words, entry, frozenset(words), _phrase_regex(words)))
        self._heads = frozenset(self._phrases_by_head)
        self._allow_words = frozenset(allow_words)
        self._allow_phrases_by_head: dict[str, list[tuple[frozenset[str], re.Pattern[str]]]] = {}
        for words in sorted(allow_phrases):
            self._allow_phrases_by_head.setdefault(words[0], []).append(
                (frozenset(words), _phrase_regex(words)))
        self._allow_heads = frozenset(self._allow_phrases_by_head)
        self._insult_keys = frozenset(insults) | aimed_only_insults()
        self._insults = _insult_patterns(self._insult_keys)
        self._insult_openers = openers(self._insults) if self._insults is not None else None


    def with_entries(self, extra: Iterable[Entry]) -> RuleSet:
        """A new rule set with `extra` entries added; they override shipped ones."""
        return RuleSet(self.entries + tuple(extra))

    # -- matching -----------------------------------------------------------------

    def scan(self, text: str, view: View | None = None, folded: View | None = None
             ) -> tuple[Hit, ...]:
        """All rule hits in `text`, spans in the original. `view` / `folded` may be passed
        in when the caller already has them (they must be `normalize(text)` / `fold(text)`)."""
        folded = folded if folded is not None else fold(text)
        view = view if view is not None else normalize(text, folded)
        words = view_words(view)
        hits = self._word_hits(view, words)
        if self._insults is not None and (insults := words & self._insult_keys):
            hits += self._aimed_insults(view, insults)
        folded_words = words if folded.text == view.text else words_of(folded.text)
        hits += pattern_hits(view, folded, words, folded_words)
        if any(map(_held_insult, hits)):
            hits = _without(hits, _held_insult, defences(view))
        if any(map(_quotable, hits)) and (quoted := condemned_quotes(view)):
            hits = _without(hits, _quotable, [view.span(start, end) for start, end in quoted])
        return tuple(hits)

    def _word_hits(self, view: View, words: set[str]) -> list[Hit]:
        found = self._find_words(view, words)
        if not found:
            return []
        allowed = self._allowed_ranges(view, words)
        hits = []
        # In the order the words occur (then by name), not the word set's: the same
        # comment gives its reasons in the same order in every process.
        ordered = sorted(found.items(), key=lambda item: (min(item[1][1]), item[0]))
        for name, (entry, ranges) in ordered:
            kept = [r for r in sorted(ranges)
                    if not any(a <= r[0] and r[1] <= b for a, b in allowed)]
            if kept:
                spans = tuple(view.span(start, end) for start, end in kept)
                hits.append(Hit(entry.category, entry.action, _SCORES.get(entry.severity, 0.85),
                                f"list:{name}", spans, entry.subtype))
        return hits

    def _find_words(self, view: View,
                    words: set[str]) -> dict[str, tuple[Entry, list[tuple[int, int]]]]:
        """Listed words and phrases in the view, by entry name, with their view ranges.
        Works from the comment's word set, so a clean comment costs a few set look-ups."""
        text = view.text
        # (name, entry, view ranges) in the order found; most clean comments add none.
        added: list[tuple[str, Entry, list[tuple[int, int]]]] = []
        if listed := words & self._single_keys:
            for word in listed - self._allow_words:
                added.append((word, self._singles[word], occurrences(text, word)))
        if _may_hold_stem(text):
            for word in words - self._single_keys:
                if stem := self._compound_stem(word):
                    added.append((stem, self._singles[stem], occurrences(text, word)))
        if "-" in text:  # hyphenated compounds: "c0ck-sucking", "mother-fucker"
            for start, end in _hyphenated_words(text):
                joined = text[start:end].replace("-", "")
                entry = self._singles.get(joined)
                name = joined if entry else self._compound_stem(joined)
                if name and name not in self._allow_words:
                    added.append((name, self._singles[name], [(start, end)]))
        if "*" in text or "#" in text:  # self-censored: "f*ck", "c*nt", "sh*t"
            for match in _MASKED.finditer(text):
                name = _MASKED_WORDS[match.group()[0]]
                if name in self._singles:
                    added.append((name, self._singles[name], [match.span()]))
        if heads := words & self._heads:
            for head in heads:
                for phrase, entry, needed, regex in self._phrases_by_head[head]:
                    if needed <= words:
                        added.append((" ".join(phrase), entry,
                                      [m.span() for m in regex.finditer(text)]))
        if view.collapsed:
            collapsed = set(view.collapsed)
            for start, end in _words_around(text, view.collapsed):
                word = text[start:end]
                if word not in self._singles:
                    variant = self._stretched_variant(word, start, collapsed)
                    if variant:
                        added.append((variant, self._singles[variant], [(start, end)]))
        found: dict[str, tuple[Entry, list[tuple[int, int]]]] = {}
        for name, entry, ranges in added:
            if ranges:
                found.setdefault(name, (entry, []))[1].extend(ranges)
        return found

    def _stretched_variant(self, word: str, start: int, collapsed: set[int]) -> str | None:
        positions = [pos - start for pos in sorted(collapsed) if start <= pos < start + len(word)]
        for mask in range(1, 1 << min(len(positions), 3)):
            chars = list(word)
            for bit, pos in enumerate(positions[:3]):
                if mask >> bit & 1:
                    chars[pos] = chars[pos] * 2
            variant = "".join(chars)
            if variant in self._singles and variant not in self._allow_words:
                return variant
        return None

    def _compound_stem(self, word: str) -> str | None:
        if len(word) < 5 or word in self._allow_words:  # "shit" itself is a single entry
            return None
        for stem, canonical in COMPOUND_STEMS.items():
            if stem in word and canonical in self._singles:
                return canonical
        return None

    def _allowed_ranges(self, view: View, words: set[str]) -> list[tuple[int, int]]:
        """The view ranges of allow-listed phrases ("cocktail party"), tried only where
        their first word occurs."""
        if not (heads := words & self._allow_heads):
            return []
        text = view.text
        ranges = []
        for head in heads:
            for needed, regex in self._allow_phrases_by_head[head]:
                if needed <= words:
                    ranges += [match.span() for start, _end in occurrences(text, head)
                               if (match := regex.match(text, start))]
        return sorted(ranges)

    def _aimed_insults(self, view: View, insults: set[str]) -> list[Hit]:
        assert self._insults is not None
        hits = []
        for match in finditer(self._insults, view.text, lambda: insults, self._insult_openers):
            word = next(w for w in match.group("w", "w2", "w3", "w4", "w5") if w)
            entry = self._singles.get(word)
            subtype = entry.subtype if entry else None
            hits.append(Hit("personal_attack", "reject", 0.9, f"pattern:insult_aimed:{word}",
                            (view.span(match.start(), match.end()),), subtype))
        return hits


@cache
def default_rules() -> RuleSet:
    """The shipped rule set (built once per process)."""
    return RuleSet(load_entries())

