"""Build `moderation/pipeline/wordlists/english_words.txt`: common English words that
are not more common in a language a news reader might write in Latin script.

Run as `python -m moderation.training.vocabulary_build` when the cut-offs below change;
the output is committed and reviewed like code. The language check reads it to call a
comment English without running the language identifier (see `language.py`).

Source: wordfreq's frequency lists (data CC BY-SA 4.0, by Robyn Speer and the sources
wordfreq names; the built file carries the same licence). A word is kept when it is
alphabetic ASCII, at least `MIN_FREQUENCY` in English, and no more frequent in any of
`OTHER_LANGUAGES` than in English: "de", "la", "bir" and "hai" are out, "market",
"bomb" and "minister" are in. Kurmanji has no wordfreq list; its words are rare in English.
"""

from __future__ import annotations

from pathlib import Path

from wordfreq import get_frequency_dict

#: A word used at least once in a million English words (Zipf frequency 3).
MIN_FREQUENCY = 1e-6
OTHER_LANGUAGES = ("tr", "es", "fr", "de", "it", "pt", "nl", "id", "ms")

OUTPUT = Path(__file__).resolve().parent.parent / "pipeline" / "wordlists" / "english_words.txt"


def english_words() -> list[str]:
    """The kept words, sorted."""
    english = get_frequency_dict("en")
    words = {word for word, frequency in english.items()
             if frequency >= MIN_FREQUENCY and word.isascii() and word.isalpha()}
    for language in OTHER_LANGUAGES:
        other = get_frequency_dict(language)
        words = {word for word in words if other.get(word, 0.0) <= english[word]}
    return sorted(words)


def main() -> None:
    words = english_words()
    header = ("# Built by moderation.training.vocabulary_build from wordfreq's lists "
              "(CC BY-SA 4.0). One word a line.\n")
    OUTPUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {len(words)} words to {OUTPUT}")


if __name__ == "__main__":
    main()
