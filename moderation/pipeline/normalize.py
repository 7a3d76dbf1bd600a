"""Build a *matching view* of a comment, with a map back to the original text.

The view is what the rules and the classifier read; the original is never changed.
Every view character remembers which original code points produced it, so evidence
found in the view can be reported as a `Span` of the original (`View.span`).

Two views are offered:

* `fold(text)` undoes presentation tricks only: NFKD compatibility forms (full-width,
  mathematical and circled letters, ligatures), casefolding, format characters
  (zero-width spaces and joiners, U+2060, U+FEFF, soft hyphens, bidi marks), combining
  marks (accents, Zalgo text), Cyrillic/Greek look-alike letters and animal emoji used
  as insults (`EMOJI_WORDS`: 🐀 is read as "rats"); a lone surrogate
  (possible in a Python `str`, never in valid UTF-8) becomes U+FFFD. Digits and
  punctuation survive, so URLs, e-mail addresses and phone numbers can be matched in it.
* `normalize(text)` goes on from the folded view to undo word-level disguises:
  letters split by spaces, dots, dashes or underscores (`f.u.c.k`, `s h i t`) are
  joined; leetspeak inside words is mapped (`sh1t`, `@ss`, `$hit`), while numbers,
  prices and sentence punctuation (`$5`, `2024`, `100%`, `4th`, `Hello!`) are left
  alone; runs of three or more equal letters collapse to one (`fuuuuck` -> `fuck`).
  Collapsing to one letter loses real double letters (`cooool` -> `col`), so the view
  records where it collapsed (`View.collapsed`) and the rules try the doubled letter
  there as well.

Words with letters masked by `*` or `#` (`sc*m`, `wh*res`, `b*tch`) are filled in when
the mask fits a listed offensive word of the same length (`mask_targets`): a reader
who stars out letters is censoring a word the word lists know, and the rules, the group
patterns and the classifier should all read it. Words run together (`shitshitshit`) are
left to the rules, which know the words.

Speed matters (this is on the per-comment hot path): ASCII text skips the per-character
pass entirely, and each word-level step is one compiled regex scan that touches Python
code only where it matches.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from moderation.pipeline.groups import group_words
from moderation.pipeline.segment import MIN_RUN, SIGNAL_WORDS, split_run
from moderation.pipeline.types import Span
from moderation.pipeline.wordlist_files import tsv_rows, word_set

__all__ = ["EMOJI_WORDS", "View", "fold", "normalize", "view_words", "words_of"]

#: Cyrillic, Greek and Armenian letters (after casefolding) that look like Latin ones.
HOMOGLYPHS: dict[str, str] = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "і": "i", "ї": "i", "ј": "j", "к": "k",
    "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x",
    "ѕ": "s", "ԁ": "d", "һ": "h", "ӏ": "i", "ԛ": "q", "ԝ": "w", "ь": "b", "ү": "y",
    "ɡ": "g", "ı": "i",
    # Armenian
    "ս": "u", "օ": "o", "հ": "h", "ո": "n", "ց": "g",
    # Greek
    "α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n", "ι": "i", "κ": "k", "μ": "u",
    "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c",
}  # fmt: skip

#: Animal emoji that stand for the dehumanising word ("Jews are 🐀", "Black people are
#: 🐒"), read as that word, with spaces around it. Only animals that hate speech names a
#: group by; the monkeys that cover their eyes (🙈) mean embarrassment and are left alone.
EMOJI_WORDS: dict[str, str] = {
    "🐀": " rats ", "🐁": " mice ", "🐍": " snakes ", "🐒": " monkeys ", "🐵": " monkeys ",
    "🦍": " apes ", "🐖": " pigs ", "🐷": " pigs ", "🐽": " pigs ", "🐗": " pigs ",
    "🐕": " dogs ", "🐶": " dogs ", "🪳": " cockroaches ", "🦠": " a virus ",
}  # fmt: skip

#: Leetspeak digits and symbols, mapped only inside words.
LEET: dict[str, str] = {
    "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "9": "g", "@": "a", "$": "s",
    "!": "i",
}  # fmt: skip

_DROPPED_CATEGORIES = frozenset({"Mn", "Me", "Cf"})
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")

# Single letter-like characters standing alone, separated by spaces, dots, dashes,
# underscores and similar, at least three in a row: "f.u.c.k", "s h i t", "f-u-c-k".
_SEP = r"[\s._\-*|/+~]"
_LETTERISH = r"(?:[^\W_]|[@$!])"
# The separator must repeat exactly, so "e.g. U.S." is not read as one word "egus".
_LONE = r"(?![^\W_]|[@$]|![\w@$])"  # not followed by more of a word ("k!" ends a word)
_SPLIT_RUN = re.compile(
    rf"(?<!{_LETTERISH}){_LETTERISH}({_SEP}{{1,3}}){_LETTERISH}{_LONE}"
    rf"(?:\1{_LETTERISH}{_LONE})+"
)
_SPLIT_KEEP = re.compile(_LETTERISH)
# A cheap scan that any split run must pass (two lone letters in a row): the full
# pattern above is several times slower, so it only runs when this one matches.
_SPLIT_HINT = re.compile(rf"{_SEP}{_LETTERISH}{_SEP}{{1,3}}{_LETTERISH}{_LONE}")

_LEET_CHARS = frozenset(LEET)
# A leet character next to a letter (a trailing "!" does not count).
# It starts with a character class so that the regex engine can skip ahead quickly.
_LEET_HINT = re.compile(
    r"[0134579@$!](?:(?<=[^\W\d_][0134579@$])|(?<=[^\W\d_]!)(?=[\w@$])|(?=[^\W\d_]))"
)
_WORD_CHARS = r"[\w@$!]"
_WORD_END = re.compile(rf"{_WORD_CHARS}*")
# Numbers with a unit or ordinal suffix are not leetspeak: 4th, 5bn, 10am, 90s, 5g, $5m.
_NUMBER_WORD = re.compile(
    r"\$?\d[\d.,]*(?:st|nd|rd|th|s|k|m|bn|tn|km|kg|mg|ml|am|pm|g|p|x|mph|ft|cm|mm|gb|mb|tb|hz)?"
)

# A word with one to three masking characters inside it: "sc*m", "f**k", "wh*res". A star
# at either end is emphasis or a footnote ("*is*", "*once again*", "cunt*"), not a mask.
_MASKED = re.compile(
    r"(?<![\w*#&@%$!])[a-z]+[*#]{1,3}[a-z]+(?:[*#]{1,3}[a-z]+)?(?![\w*#&@%$!])"
)
#: The word lists whose single words a masked word may stand for.
_MASK_SOURCES = ("terms.tsv", "insults.tsv")
_MASK_CATEGORY_RANK = {"profanity": 0, "personal_attack": 1, "abuse": 2, "vulgarity": 3}

_STRETCH = re.compile(r"([^\W\d_])\1{2,}")
_STRETCH_ASCII = re.compile(r"([a-z])\1{2,}")  # the same for ASCII text, several times faster
_ASCII_TRIPLES = tuple(letter * 3 for letter in "abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True, slots=True)
class View:
    """A matching view of `original`.

    `offsets[i]` is the index in `original` of the first code point that produced view
    character `i`; `offsets[len(text)] == len(original)`. `ends[i]` is the index just
    past the last code point that produced it (dropped zero-width and combining
    characters count towards the character before them). `collapsed` lists the view
    positions where a run of three or more equal letters was collapsed to one. `words`,
    when known, is the set of letter runs of `text` (`normalize` finds them for ASCII
    text and the rules reuse them rather than scan the text again).
    """

    text: str
    original: str
    offsets: Sequence[int]
    ends: Sequence[int]
    collapsed: tuple[int, ...] = ()
    words: frozenset[str] | None = field(default=None, compare=False)

    def span(self, start: int, end: int) -> Span:
        """Map the view range `[start, end)` to the original text it came from."""
        size = len(self.text)
        start = min(max(start, 0), size)
        end = min(max(end, start), size)
        if end == start:
            return Span(self.offsets[start], self.offsets[start])
        return Span(self.offsets[start], self.ends[end - 1])


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    """The folded form of one code point (possibly empty, possibly several letters)."""
    if unicodedata.category(char) == "Cs":
        return "\ufffd"  # a lone surrogate cannot be encoded: the view stays valid Unicode
    if char in EMOJI_WORDS:
        return EMOJI_WORDS[char]
    out = []
    for part in unicodedata.normalize("NFKD", char):
        if unicodedata.category(part) in _DROPPED_CATEGORIES:
            continue
        for low in part.casefold():
            out.append(HOMOGLYPHS.get(low, low))
    return "".join(out)


def fold(text: str) -> View:
    """Undo presentation tricks (compatibility forms, case, invisible characters,
    accents, look-alike letters), keeping digits and punctuation."""
    if text.isascii():
        size = len(text)
        return View(text.lower(), text, range(size + 1), range(1, size + 1))
    size = len(text)
    table: dict[int, str] = {}
    for char in set(text):
        folded = _fold_char(char)
        if len(folded) != 1:
            break
        table[ord(char)] = folded
    else:  # every character folds to exactly one: offsets stay the identity
        return View(text.translate(table), text, range(size + 1), range(1, size + 1))
    chars: list[str] = []
    offsets: list[int] = []
    ends: list[int] = []
    pos = 0
    for match in _NON_ASCII.finditer(text):
        chars.append(text[pos : match.start()].lower())
        offsets.extend(range(pos, match.start()))
        ends.extend(range(pos + 1, match.start() + 1))
        for index in range(match.start(), match.end()):
            folded = _fold_char(text[index])
            if not folded:
                if ends:
                    ends[-1] = index + 1
                continue
            chars.append(folded)
            offsets.extend([index] * len(folded))
            ends.extend([index + 1] * len(folded))
        pos = match.end()
    chars.append(text[pos:].lower())
    offsets.extend(range(pos, len(text) + 1))
    ends.extend(range(pos + 1, len(text) + 1))
    return View("".join(chars), text, offsets, ends)


class _Builder:
    """Accumulates a rewritten view string with its offset arrays."""

    def __init__(self, view: View) -> None:
        self.source = view
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.ends: list[int] = []
        self.pos = 0

    def copy_to(self, index: int) -> None:
        source = self.source
        self.chars.append(source.text[self.pos : index])
        self.offsets.extend(source.offsets[self.pos : index])
        self.ends.extend(source.ends[self.pos : index])
        self.pos = index

    def emit(self, char: str, start: int, end: int) -> None:
        self.chars.append(char)
        self.offsets.append(start)
        self.ends.append(end)

    def finish(self, collapsed: tuple[int, ...] = ()) -> View:
        self.copy_to(len(self.source.text))
        self.offsets.append(len(self.source.original))
        return View(
            "".join(self.chars), self.source.original, self.offsets, self.ends, collapsed
        )


def _join_split_letters(view: View) -> View:
    text = view.text
    if not _SPLIT_HINT.search(text):
        return view
    builder: _Builder | None = None
    for match in _SPLIT_RUN.finditer(text):
        run = match.group()
        if not any(char.isalpha() for char in run):
            continue
        builder = builder or _Builder(view)
        builder.copy_to(match.start())
        for letter in _SPLIT_KEEP.finditer(run):
            index = match.start() + letter.start()
            builder.emit(letter.group(), view.offsets[index], view.ends[index])
        builder.pos = match.end()
    return builder.finish() if builder else view


def _leet_word(word: str) -> str | None:
    """The word with leetspeak mapped, or None when it should be left alone."""
    if _NUMBER_WORD.fullmatch(word):
        return None
    out = []
    changed = False
    for index, char in enumerate(word):
        if char in _LEET_CHARS:
            following = word[index + 1 : index + 2]
            preceding = word[index - 1 : index] if index else ""
            trailing_bang = char == "!" and (not following or following == "!" or preceding == "!")
            if not trailing_bang and (following or index):
                out.append(LEET[char])
                changed = True
                continue
        out.append(char)
    return "".join(out) if changed else None


def _words_with_leet(text: str) -> list[tuple[int, int]]:
    """The `[start, end)` ranges of the words that hold a leet character."""
    words: list[tuple[int, int]] = []
    done = 0
    for hint in _LEET_HINT.finditer(text):
        index = hint.start()
        if index < done:
            continue
        start = index
        while start > done and (text[start - 1].isalnum() or text[start - 1] in "_@$!"):
            start -= 1
        end = _WORD_END.match(text, index).end()
        words.append((start, end))
        done = end
    return words


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """Common English words, the listed offensive ones and the group names: what a leet
    `1` may spell."""
    listed = {word for group in mask_targets().values() for word in group}
    return word_set("english_words.txt") | listed | group_words()


@lru_cache(maxsize=1024)
def _leet_l(word: str, mapped: str) -> str:
    """`mapped` (a `1` read as `i`), or the same with those `1`s read as `l` when only that
    spells a known word: "mus1ims" is "muslims", "sh1t" stays "shit"."""
    as_l = "".join("l" if w == "1" else m for w, m in zip(word, mapped, strict=True))
    known = _known_words()
    words = _LETTER_RUN.findall
    if all(part in known for part in words(as_l)) and not all(
            part in known for part in words(mapped)):
        return as_l
    return mapped


_LETTER_RUN = re.compile(r"[^\W\d_]+")
_ASCII_LETTER_RUN = re.compile(r"[a-z]+")


def words_of(text: str) -> set[str]:
    """The set of words (letter runs) in a view's text."""
    return set((_ASCII_LETTER_RUN if text.isascii() else _LETTER_RUN).findall(text))


def view_words(view: View) -> frozenset[str] | set[str]:
    """The words of `view`: the set `normalize` found (ASCII text), else found now."""
    return view.words if view.words is not None else words_of(view.text)

#: Group names this long or longer are recognised one slip away ("Muslms", "Mulsims",
#: "imigrants"); shorter ones ("jews", "gays", "kurds") are a slip away from real words.
MIN_FUZZY_GROUP = 6


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


#: Names one slip from a place or a person's name ("india", "syriac", "christina",
#: "pakistan", "africa") or from common words ("whiter", "whines"): never corrected to.
_NOT_FUZZY = frozenset(["whites", "blacks", "asylum", "hindus", "indian", "indians", "syrian",
                        "pakistani", "african", "afghan", "christian", "mexican", "chinese",
                        # the regional minorities, added after the model was trained: a
                        # slip toward them took "Alexis", "Levis" and even "Yazidis"
                        "alevis", "alevi", "alawites", "alawite", "druze", "copts", "coptic",
                        "ezidis", "ezidi", "turkmen", "turkmens", "bedouins", "bedouin",
                        "azeris", "azeri", "circassians", "baluchis", "baluchi"])


def _delete_index(names: Iterable[str]) -> dict[str, str]:
    """Every name with one letter deleted (and whole), to the name (the first in sorted
    order when two share a key)."""
    index: dict[str, str] = {}
    for name in sorted(names):
        for key in (name, *_deletes(name)):
            index.setdefault(key, name)
    return index


def _slip_in(word: str, index: dict[str, str], slip: Callable[[str, str], bool]) -> str | None:
    """The name of `index` (`_delete_index`) that `word` is `slip`ped from, if any."""
    for key in (word, *_deletes(word)):
        name = index.get(key)
        if name is not None and slip(word, name):
            return name
    return None


@lru_cache(maxsize=1)
def _group_deletes() -> dict[str, str]:
    """Every long group name with one letter deleted (and whole), to its name."""
    return _delete_index(name for name in group_words() - _NOT_FUZZY
                         if len(name) >= MIN_FUZZY_GROUP)


def _one_slip(word: str, name: str) -> bool:
    """One letter inserted, dropped, replaced, or two neighbours swapped, before the last
    letter: a different ending is another form of the word ("homosexual", "transgenders"),
    not a slip."""
    if abs(len(word) - len(name)) > 1 or word == name or word[:-1] == name[:-1]:
        return False
    if word.startswith(name) or name.startswith(word):
        return False
    if len(word) != len(name):
        short, long_ = sorted((word, name), key=len)
        return short in _deletes(long_)
    diff = [i for i in range(len(word)) if word[i] != name[i]]
    return len(diff) == 1 or (
        len(diff) == 2 and diff[1] == diff[0] + 1
        and word[diff[0]] == name[diff[1]] and word[diff[1]] == name[diff[0]])


@lru_cache(maxsize=1)
def _group_ends() -> tuple[frozenset[str], frozenset[str]]:
    """The first and the last three letters of the long group names. One slip in a name
    of six letters or more leaves one of the two as it was, so a word that shares neither
    with any name is no slip of one (most words, at the cost of two set look-ups)."""
    names = set(_group_deletes().values())
    return frozenset(name[:3] for name in names), frozenset(name[-3:] for name in names)


@lru_cache(maxsize=1)
def _z_plurals() -> dict[str, str]:
    """Plural group names with the final s typed as z ("kurdz", "jewz"), to the name."""
    return {name[:-1] + "z": name for name in group_words() if name.endswith("s")}


def _group_name_for(word: str) -> str | None:
    """The group name `word` misspells by one slip, if it is no word of its own."""
    if word[-1:] == "z" and (name := _z_plurals().get(word)) is not None:
        return name  # any length: "jewz" is as plain as "kurdz"
    heads, tails = _group_ends()
    if not MIN_FUZZY_GROUP - 1 <= len(word) <= _LONGEST_GROUP_NAME + 1 or (
            word[:3] not in heads and word[-3:] not in tails):
        return None  # (a 10,000-letter word is no slip, and its deletes cost seconds)
    return _slipped_group_name(word)


_LONGEST_GROUP_NAME = max(map(len, group_words()))


@lru_cache(maxsize=16384)
def _slipped_group_name(word: str) -> str | None:
    if word in _NOT_MISSPELT:
        return None
    return _slip_in(word, _group_deletes(), _one_slip)


#: Real words one slip from a group name that the common-word list lacks.
_NOT_MISSPELT = frozenset(["muslin", "muslins", "christen", "christens", "refuges", "newish",
                           "mericans", "merican", "christinas", "africas", "usians", "sunnier",
                           "sunnies", "quees", "asigns",
                           # and from the words of hatred (`SLIP_TARGETS`)
                           "salvages", "mortons", "morns"])


#: Words of hatred and abuse recognised one slip away ("dsigusting", "vermn", "subhumna"),
#: as the long group names are: the slips that get hate past a word filter. Only long
#: words, and no word one slip from a real word of any language readers here write in
#: (`not_slips.txt`, built by `vocabulary_build`: "verging" is not "vermin").
SLIP_TARGETS = frozenset(
    [
        "disgusting", "disgust", "pathetic", "parasites", "parasite", "vermin", "cockroaches",
        "cockroach", "subhuman", "subhumans", "inferior", "savages", "savage", "worthless",
        "filthy", "criminals", "terrorists", "rapists", "degenerates", "degenerate", "animals",
        "stupid", "idiots", "retarded", "retards", "morons", "bastards", "bastard", "bitches",
        "asshole", "assholes", "fucking", "motherfucker", "bullshit", "whores", "faggots",
        "faggot", "niggers", "nigger", "disease", "plague", "exterminate", "exterminated",
        "slaughter",
    ])


_LONGEST_SLIP_TARGET = max(map(len, SLIP_TARGETS))


@lru_cache(maxsize=1)
def _slip_deletes() -> dict[str, str]:
    return _delete_index(SLIP_TARGETS)


@lru_cache(maxsize=1)
def _not_slips() -> frozenset[str]:
    return word_set("not_slips.txt") | word_set("foreign_words.txt") | _NOT_MISSPELT


@lru_cache(maxsize=16384)
def slipped_target(word: str) -> str | None:
    """The word of `SLIP_TARGETS` that `word` misspells by one slip, real words aside."""
    if not MIN_FUZZY_GROUP - 1 <= len(word) <= _LONGEST_SLIP_TARGET + 1:
        return None  # (and no deletes of a 10,000-letter word)
    return _slip_in(word, _slip_deletes(), _typo_of)


def _typo_of(word: str, name: str) -> bool:
    """`_one_slip`, but no letter replaced and the first letter kept: a letter typed for
    another mostly spells another real word ("birches", "jigger", "papists")."""
    if word[0] != name[0]:
        return False
    if len(name) == len(word) + 1 and name[-1] == name[-2] and name.startswith(word):
        return True  # a doubled last letter typed once: "worthles"
    if not _one_slip(word, name):
        return False
    return len(word) != len(name) or sum(a != b for a, b in zip(word, name, strict=True)) == 2


def _correct_slips(view: View) -> View:
    """Group names and words of hatred one slip away spelt right (`Muslms`, `dsigusting`)."""
    text = view.text
    if not text.isascii():
        return view  # the slips readers make in these words are typed in ASCII
    words = frozenset(_ASCII_LETTER_RUN.findall(text))
    unknown = words.difference(_known_words())
    fixes = {word: name for word in unknown if (name := _group_name_for(word)) is not None}
    for word in unknown.difference(_not_slips()):
        if word not in fixes and (name := slipped_target(word)) is not None:
            fixes[word] = name
    if not fixes:  # (the constructor: `dataclasses.replace` costs twice as much)
        return View(view.text, view.original, view.offsets, view.ends, view.collapsed, words)
    builder = _Builder(view)
    for match in re.finditer(r"\b(?:" + "|".join(map(re.escape, fixes)) + r")\b", text):
        name = fixes[match.group()]
        start, end = match.start(), match.end()
        builder.copy_to(start)
        for index, char in enumerate(name):  # each letter from the letter at its place
            at = min(start + index, end - 1)
            last = index == len(name) - 1  # ... and the last one reaches the word's end
            builder.emit(char, view.offsets[at], view.ends[end - 1 if last else at])
        builder.pos = end
    # A name one letter longer or shorter moves the collapsed positions after it: rare
    # enough (a slip and a stretched word in one comment) to drop them then.
    done = builder.finish(view.collapsed if len(builder.offsets) == len(view.offsets) else ())
    return View(done.text, done.original, done.offsets, done.ends, done.collapsed,
                words.difference(fixes).union(fixes.values()))


def _map_leet(view: View) -> View:
    text = view.text
    builder: _Builder | None = None
    for start, end in _words_with_leet(text):
        word = text[start:end]
        if not any(char.isalpha() for char in word):
            continue
        mapped = _leet_word(word)
        if mapped is None:
            continue
        if "1" in word:
            mapped = _leet_l(word, mapped)
        builder = builder or _Builder(view)
        builder.copy_to(start)
        for offset, char in enumerate(mapped):
            builder.emit(char, view.offsets[start + offset], view.ends[start + offset])
        builder.pos = end
    return builder.finish() if builder else view


def _collapse_runs(view: View) -> View:
    text = view.text
    if text.isascii():
        # 26 substring searches cost less than one backreferencing regex scan, and most
        # comments hold no run at all.
        if not any(triple in text for triple in _ASCII_TRIPLES):
            return view
        stretch = _STRETCH_ASCII
    else:
        stretch = _STRETCH
    builder: _Builder | None = None
    collapsed: list[int] = []
    for match in stretch.finditer(text):
        builder = builder or _Builder(view)
        builder.copy_to(match.start())
        collapsed.append(len(builder.offsets))
        builder.emit(match.group(1), view.offsets[match.start()], view.ends[match.end() - 1])
        builder.pos = match.end()
    return builder.finish(tuple(collapsed)) if builder else view


@lru_cache(maxsize=1)
def mask_targets() -> dict[int, tuple[str, ...]]:
    """The single offensive words of the shipped word lists (`wordlists/terms.tsv` and
    `insults.tsv`; allow-listed entries aside), by length, best guess first: swearing
    before sexual words, then the most widely listed spelling (`f**k` fits `fcuk`, `feck`
    and `fuck`, and four lists spell `fuck`)."""
    sources: dict[str, tuple[int, int]] = {}
    for name in _MASK_SOURCES:
        for row in tsv_rows(name):
            term = row["term"]
            if row.get("action") == "allow" or not (term.isascii() and term.isalpha()):
                continue
            # The rank: swearing before sexual words ("f***ing" is "fucking", not
            # "fisting"), then how many lists hold the term (the hand-written insults count
            # as two, ahead of one list's misspelling).
            category = row.get("category", "personal_attack")
            count = len(row["sources"].split(",")) if "sources" in row else 2
            rank = (_MASK_CATEGORY_RANK.get(category, 9), -count)
            sources[term.lower()] = min(sources.get(term.lower(), rank), rank)
    by_length: dict[int, list[str]] = {}
    for word in sorted(sources, key=lambda word: (sources[word], word)):
        by_length.setdefault(len(word), []).append(word)
    return {length: tuple(group) for length, group in by_length.items()}


@lru_cache(maxsize=1024)
def _unmasked(word: str) -> str | None:
    """The listed word `word` stands for with each `*`/`#` a letter (the best guess of
    `mask_targets` when several fit), or None."""
    letters = sum(char.isalpha() for char in word)
    if letters < 2 or letters < len(word) - letters:
        return None  # "**" or "f***": too little is left to tell which word it was
    for target in mask_targets().get(len(word), ()):
        if all(w == t or w in "*#" for w, t in zip(word, target, strict=True)):
            return target
    return None


def _fill_masks(view: View) -> View:
    text = view.text
    if "*" not in text and "#" not in text:
        return view
    chars: list[str] | None = None
    for match in _MASKED.finditer(text):
        word = _unmasked(match.group())
        if word is not None:
            chars = chars if chars is not None else list(text)
            chars[match.start() : match.end()] = word  # one letter for one mark: offsets hold
    if chars is None:
        return view
    return View("".join(chars), view.original, view.offsets, view.ends, view.collapsed)


@lru_cache(maxsize=1)
def segmenting_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """What `split_run` splits into (the known words and the signals), and what makes a
    run worth splitting (group names, listed offensive words, `SIGNAL_WORDS`)."""
    signals = _listed_words() | group_words() | SIGNAL_WORDS
    return _known_words() | signals | _allowed_words(), signals


@lru_cache(maxsize=1)
def _unsplit() -> frozenset[str]:
    """Runs never split: real words (`unsplit_words.txt`: "translate", "gassing"), the
    words of other languages the language check knows, and allow-listed words."""
    return word_set("unsplit_words.txt") | word_set("foreign_words.txt") | _allowed_words()


@lru_cache(maxsize=1)
def _listed_words() -> frozenset[str]:
    return frozenset(word for group in mask_targets().values() for word in group)


@lru_cache(maxsize=1)
def _allowed_words() -> frozenset[str]:
    return frozenset(row["term"].lower() for row in tsv_rows("allow.tsv")
                     if " " not in row["term"])


def _in_word(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")


def _split_run_together(view: View) -> View:
    """Words run together (`ihatejews`) split into their words; a space put in between
    two of them maps to the last letter of the first."""
    words = view.words
    if words is None:  # (non-ASCII text: `_correct_slips` left it alone)
        return view
    vocabulary, signals = segmenting_vocabulary()
    unsplit = _unsplit()
    listed = _listed_words()
    # Most comments hold a long word the vocabulary lacks (a name, a typo); few of those
    # split, so the text is scanned only for the runs that do in lower case.
    runs = {word for word in words.difference(vocabulary).difference(unsplit)
            if len(word) >= MIN_RUN and split_run(word, vocabulary, signals) is not None}
    if not runs:
        return view
    text = view.text
    builder: _Builder | None = None
    for match in _ASCII_LETTER_RUN.finditer(text):
        if match.group() not in runs:
            continue
        start, end = match.span()
        if _in_word(text, start - 1) or _in_word(text, end):
            continue  # part of a word with digits in it, as `\b` sees words
        typed = view.original[view.offsets[start] : view.ends[end - 1]]
        if typed.lower() != match.group():
            continue  # leetspeak or joined letters: "nick@user" is no "nicka user"
        pieces = split_run(typed, vocabulary, signals)
        if pieces is None or listed.issuperset(pieces):
            continue  # (swearing run together, "shitshitshit": the rules read it whole)
        builder = builder or _Builder(view)
        builder.copy_to(start)
        at = start
        for number, piece in enumerate(pieces):
            if number:  # the space comes from the letter before it, as every view
                builder.emit(" ", view.offsets[at - 1], view.ends[at - 1])  # char comes from one
            for _char in piece:
                builder.emit(text[at], view.offsets[at], view.ends[at])
                at += 1
        builder.pos = end
    if builder is None:
        return view
    done = builder.finish()  # collapsed positions moved: dropped, as for group names
    return View(done.text, done.original, done.offsets, done.ends, (),
                frozenset(_ASCII_LETTER_RUN.findall(done.text)))


def normalize(text: str, folded: View | None = None) -> View:
    """The matching view of `text`: folded, split letters joined, leetspeak mapped
    inside words, stretched letters collapsed, masked letters filled in. Never raises
    for any `str`.

    Pass `folded` (`fold(text)`) when you already have it, to save the work."""
    base = folded if folded is not None else fold(text)
    return _split_run_together(_correct_slips(
        _fill_masks(_collapse_runs(_map_leet(_join_split_letters(base))))))
