"""The language check holds what the English model cannot read, not short English replies."""
import json
from pathlib import Path

import pytest

from moderation.pipeline.language import detect_language

DEV_SET = Path(__file__).parent / "data" / "language_dev.jsonl"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("هذا التعليق سيء جدا ولا يجب نشره", "arabic"),
        ("Это ужасная статья, автор лжёт", "cyrillic"),
        ("זה מאמר גרוע מאוד", "hebrew"),
        ("यह सरकार बिल्कुल बेकार है", "devanagari"),
        ("这篇文章很糟糕", "cjk"),
        ("این مقاله خیلی بد است", "arabic"),  # Persian, in Arabic script
    ],
)
def test_non_latin_scripts_are_not_covered(text: str, code: str) -> None:
    result = detect_language(text)
    assert (result.covered, result.code, result.method) == (False, code, "script")


@pytest.mark.parametrize(
    "text",
    [
        "Bu haber çok yanlış, hükümet yalan söylüyor",  # Turkish
        "Siktir git",  # Turkish, short
        "Ez ji te hez nakim, tu derewan dikî",  # Kurmanji
        "Hûn çawa ne? Ev nûçe pir xelet e",  # Kurmanji
        "tum bahut bure ho yaar",  # romanised Hindi
        "yeh sarkar bilkul bekar hai bhai",  # romanised Hindi
        "inta kalb ya ibn el kalb",  # romanised Arabic
        "ana mish fahem leh el hokoma bt3ml keda",  # romanised Arabic
        "Ce gouvernement est complètement nul",  # French: still not what the model reads
        "Bijî Kurdistan!",  # Kurmanji, one word besides the name
        "Teşekkürler",  # Turkish, one word
        "Şerefsiz!",  # a Turkish insult, one word
        "Serefsiz",  # the same, typed without its letters
        "Harika!",  # Turkish, "great"
        "Serkeftin",  # Kurmanji, "good luck"
        "Mashallah!",  # Arabic, typed in Latin letters
        "Inshallah",  # Arabic, though English text borrows it
        "Shukran",  # Arabic, "thanks"
        "Salam",  # Arabic and Persian greeting
        "Dastxosh",  # Sorani, "well done"
    ],
)
def test_latin_script_foreign_languages_are_held(text: str) -> None:
    assert detect_language(text).covered is False


@pytest.mark.parametrize(
    "text",
    [
        "Well said", "lol", "I agree", "Thanks!", "Great article", "Spot on", "Nonsense.",
        "So true", "Boris Johnson lied", "Putin must go", "Brexit disaster", "Erdogan dictator",
        "Bravo Zelensky", "Thanks Erdoğan", "Utter tosh", "Hear hear",
        "Disgraceful government incompetence", "Brexit!", "Kurdistan!", "Propaganda", "Super",
        "wallahi this is true", "100%", "👍👍", "",
        "You won a gift card, go to http://bit.ly/2xYz to claim it now",  # not Arabizi
        "lol @ali3ss and #5star, go to bit.ly/7ab1 now",
        "The minister's statement on the budget was misleading and the article says so.",
    ],
)
def test_english_and_short_replies_are_covered(text: str) -> None:
    assert detect_language(text).covered is True


def test_hand_labelled_dev_set() -> None:
    if not DEV_SET.is_file():
        pytest.skip("tests/data/language_dev.jsonl not written yet")
    rows = [json.loads(line) for line in DEV_SET.read_text("utf-8").splitlines() if line.strip()]
    wrong = [row["text"] for row in rows if detect_language(row["text"]).covered != row["covered"]]
    assert len(wrong) <= max(1, len(rows) // 50), wrong


@pytest.mark.parametrize(
    "text",
    [
        "A roadside bomb killed 12 people at the market in Tal Abyad this morning.",
        "Women make great ministers.",
        "Oil prices rose sharply after the pipeline explosion near Kirkuk.",
    ],
)
def test_english_with_few_function_words_is_known_by_its_vocabulary(text: str) -> None:
    result = detect_language(text)
    assert (result.covered, result.code, result.method) == (True, "en", "vocabulary")


@pytest.mark.parametrize(
    "text",
    [
        "bu haber cok yanlis hukumet yalan soyluyor",  # Turkish typed without its letters
        "ez ji te hez nakim tu derewan diki",  # Kurmanji typed without its letters
        "yeh sarkar bilkul bekar hai bhai",  # romanised Hindi
        "el gobierno de la ciudad miente",  # Spanish
    ],
)
def test_foreign_words_do_not_pass_as_english_vocabulary(text: str) -> None:
    result = detect_language(text)
    assert result.method != "vocabulary"
    assert result.covered is False
