"""Build `moderation/pipeline/wordlists/english_words.txt`: common English words that
are not more common in a language a news reader might write in Latin script; and
`foreign_words.txt`: common Turkish words (typed without their letters, as on a phone:
`tesekkurler`, `serefsiz`), common Kurmanji words, and Arabic and Persian words of short
replies typed in Latin letters (`mashallah`, `shukran`), that English does not use.

`not_slips.txt`: real words one slip from a word the normalizer corrects
(`normalize.SLIP_TARGETS`: "verging" is not "vermin"), which it leaves alone.
`unsplit_words.txt`: real words (in English or a language readers here also write) that
`segment.split_run` would otherwise split as words run together ("translate" is not
"trans late", "gassing" not "gas sing"), so that the normalizer leaves them whole.

Run as `python -m moderation.training.vocabulary_build` when the cut-offs below change
(or the word lists and `segment.SIGNAL_WORDS` that the splitter reads);
the output is committed and reviewed like code. The language check reads it to call a
comment English without running the language identifier (see `language.py`).

Source: wordfreq's frequency lists (data CC BY-SA 4.0, by Robyn Speer and the sources
wordfreq names; the built file carries the same licence). A word is kept when it is
alphabetic ASCII, at least `MIN_FREQUENCY` in English, and no more frequent in any of
`OTHER_LANGUAGES` than in English: "de", "la", "bir" and "hai" are out, "market",
"bomb" and "minister" are in. Kurmanji has no wordfreq list; its words are rare in English.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

from wordfreq import get_frequency_dict

#: A word used at least once in a million English words (Zipf frequency 3).
MIN_FREQUENCY = 1e-6
OTHER_LANGUAGES = ("tr", "es", "fr", "de", "it", "pt", "nl", "id", "ms")

WORDLISTS = Path(__file__).resolve().parent.parent / "pipeline" / "wordlists"
OUTPUT = WORDLISTS / "english_words.txt"
FOREIGN_OUTPUT = WORDLISTS / "foreign_words.txt"
UNSPLIT_OUTPUT = WORDLISTS / "unsplit_words.txt"
#: Words this frequent or more (Zipf 1 in English, 2 elsewhere) count as real words.
UNSPLIT_FREQUENCY = {"en": 1e-8, "tr": 1e-7, "de": 1e-7, "fr": 1e-7, "es": 1e-7, "it": 1e-7,
                     "nl": 1e-7, "pt": 1e-7, "id": 1e-7}
NOT_SLIPS_OUTPUT = WORDLISTS / "not_slips.txt"
#: Real enough not to be read as a slip: Zipf 2.3 in English, 2.5 elsewhere. Rarer words
#: one slip from a target are mostly the misspellings themselves ("digusting" is 1.4,
#: "fcking" 2.1), which is what the normalizer should correct.
NOT_SLIP_FREQUENCY = {language: 2e-7 if language == "en" else 3e-7
                      for language in UNSPLIT_FREQUENCY}

#: A Turkish word used at least 3 times in a million Turkish words (Zipf 3.5), of 4
#: letters or more, that English uses less than once in ten million words ("harika",
#: "yalan", "serefsiz" are in; "istanbul", "allah", "kurdistan" are English too).
TURKISH_FREQUENCY = 10 ** (3.5 - 9)
ENGLISH_CEILING = 1e-7
#: Common Kurmanji (and romanised Sorani) words of short replies, written for this
#: project; wordfreq has no Kurmanji list. ASCII, as typed without ê, î, û, ç, ş.
KURDISH_WORDS = (
    "spas supas serkeftin biji bijin xwes xweshe rast rasteqin bele ere nexer silav rojbas "
    "evarbas sevbas azadi welat piroz pirozbe destxwes mala bese beseref bexiret qehpik "
    "kere heval hevalno bra brano xwede xwedeke gelek zor bash bashe chaka sipas ezman "
    "kurdistana bijikurdistan"
)
#: Arabic and Persian words of short replies as typed in Latin letters, written for this
#: project. Kept even where English text borrows them ("inshallah", "salam"): a reply of
#: that one word is not English, so a moderator who reads the language should see it.
#: Words English also spells ("spas", "bash", "merci", "akbar") are left out.
ROMANISED_WORDS = (
    "inshallah inshalla insha mashallah mashalla alhamdulillah alhamdulilah hamdulillah "
    "subhanallah astaghfirullah wallah wallahi yalla yallah habibi habibti shukran mabrook "
    "mabruk salam salaam marhaba ahlan khalas mamnoon mamnun mersi khodahafez dorood "
    "zendebad afarin kheili khaili khob sipas zorspas dastxosh jwan bashe bijit"
)


def _ascii_fold(word: str) -> str:
    word = word.replace("ı", "i")  # dotless i has no decomposition
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode("ascii")


def foreign_words(english: set[str]) -> list[str]:
    """Turkish words as typed in ASCII and the Kurmanji words above, none of them English,
    and the romanised Arabic and Persian words above, English or not."""
    english_frequency = get_frequency_dict("en")
    romanised = set(ROMANISED_WORDS.split())
    words = {word for word in KURDISH_WORDS.split()
             if english_frequency.get(word, 0.0) < ENGLISH_CEILING}  # not "bra", "bash"
    words |= romanised
    for word, frequency in get_frequency_dict("tr").items():
        typed = _ascii_fold(word)
        if (frequency >= TURKISH_FREQUENCY and len(typed) >= 4 and typed.isalpha()
                and english_frequency.get(typed, 0.0) < ENGLISH_CEILING):
            words.add(typed)
    return sorted(words - (english - romanised))


def english_words() -> list[str]:
    """The kept words, sorted."""
    english = get_frequency_dict("en")
    words = {word for word, frequency in english.items()
             if frequency >= MIN_FREQUENCY and word.isascii() and word.isalpha()}
    for language in OTHER_LANGUAGES:
        other = get_frequency_dict(language)
        words = {word for word in words if other.get(word, 0.0) <= english[word]}
    return sorted(words)


def unsplit_words() -> list[str]:
    """The real words that `split_run` splits, sorted."""
    from moderation.pipeline.normalize import segmenting_vocabulary
    from moderation.pipeline.segment import MIN_RUN, split_run

    vocabulary, signals = segmenting_vocabulary()
    return sorted({word for word in _real_words(UNSPLIT_FREQUENCY)
                   if len(word) >= MIN_RUN and word not in vocabulary
                   and split_run(word, vocabulary, signals) is not None})


def not_slips() -> list[str]:
    """The real words one slip from a word the normalizer corrects (`SLIP_TARGETS`)."""
    from moderation.pipeline.normalize import SLIP_TARGETS, slipped_target

    return sorted({word for word in _real_words(NOT_SLIP_FREQUENCY)
                   if word not in SLIP_TARGETS and slipped_target(word) is not None})


def _real_words(floors: dict[str, float]) -> Iterator[str]:
    """The alphabetic ASCII words at least as frequent as `floors[language]` in each
    language (a word in several languages comes once for each)."""
    for language, floor in floors.items():
        for word, frequency in get_frequency_dict(language).items():
            if frequency >= floor and word.isascii() and word.isalpha():
                yield word


def _write(path: Path, words: list[str]) -> None:
    header = ("# Built by moderation.training.vocabulary_build from wordfreq's lists "
              "(CC BY-SA 4.0). One word a line.\n")
    path.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {len(words)} words to {path}")


def main() -> None:
    words = english_words()
    _write(OUTPUT, words)
    _write(FOREIGN_OUTPUT, foreign_words(set(words)))
    # (after the two above: the splitter and the slip check read them)
    _write(UNSPLIT_OUTPUT, unsplit_words())
    _write(NOT_SLIPS_OUTPUT, not_slips())


if __name__ == "__main__":
    main()
