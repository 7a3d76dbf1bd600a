"""Patterns scan only the windows around their trigger words on a long comment, and find
exactly what a scan of the whole text finds."""
import json
import re
import sys
from pathlib import Path

import pytest

from moderation.pipeline import patterns
from moderation.pipeline.rules import default_rules

DEV_SET = Path(__file__).parent / "data" / "news_dev.jsonl"
FILLER = "The council met again on Tuesday to discuss the budget and the new road. " * 12


def _long_variants() -> list[str]:
    texts = [json.loads(line)["text"] for line in DEV_SET.read_text("utf-8").splitlines()
             if line.strip()]
    return [variant for text in texts for variant in
            (FILLER + text + " " + FILLER, text + " " + FILLER * 2, FILLER * 2 + text)]


def test_windowed_scan_finds_what_a_whole_scan_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _long_variants()
    rules = default_rules()
    windowed = [rules.scan(text) for text in texts]
    monkeypatch.setattr(patterns, "windows", lambda text, needles: None)
    whole = [rules.scan(text) for text in texts]
    assert windowed == whole
    pattern_hits = [hit for hits in whole for hit in hits if not hit.name.startswith("list:")]
    assert len(pattern_hits) > 200  # the dev set's threats, attacks and adverts were found


def test_long_text_gets_windows_around_its_trigger_words() -> None:
    text = FILLER + "I will kill you." + FILLER
    spans = patterns.windows(text, ["kill"])
    start = text.index("kill")
    assert spans == [(start - patterns.REACH, start + 4 + patterns.REACH)]
    assert patterns.windows("I will kill you.", ["kill"]) is None  # short: scanned whole


def test_a_long_run_of_whitespace_stretches_the_windows() -> None:
    # A gap this wide could stretch one match past the windows' reach: it counts as 20.
    gap = " \n" * 200
    text = FILLER + "I will" + gap + "kill you." + FILLER
    start = text.index("kill")
    assert patterns.windows(text, ["kill"]) == [
        (start - len(gap) - len("I will") - (patterns.REACH - 6 - 20), start + 4 + patterns.REACH)]
    assert any(hit.name == "threat:promise" for hit in default_rules().scan(text))


def test_windows_and_anchors_find_what_a_whole_scan_finds_across_long_gaps(
        monkeypatch: pytest.MonkeyPatch) -> None:
    gap = " \n" * 40
    texts = [json.loads(line)["text"] for line in DEV_SET.read_text("utf-8").splitlines()
             if line.strip()]
    texts = [variant for text in texts for variant in (
        FILLER + gap + text + gap + FILLER, text.replace(" ", gap, 2) + FILLER * 2,
        FILLER + text.replace(" ", " " * 25) + FILLER, text.replace(" ", gap))]
    rules = default_rules()
    fast = [rules.scan(text) for text in texts]
    monkeypatch.setattr(patterns, "windows", lambda text, needles: None)
    monkeypatch.setattr(patterns, "_anchored",
                        lambda regex, text, needles, opening: list(regex.finditer(text)))
    whole = [rules.scan(text) for text in texts]
    assert fast == whole
    assert sum(1 for hits in whole for hit in hits if hit.name.startswith("abuse:")) > 40


def test_an_anchored_regex_is_tried_only_at_its_opening_words() -> None:
    regex = re.compile(r"\b(?:all\s+|the\s+)?(?:kurds|arabs)\s+are\s+(?:dogs|rats)\b"
                       r"|\b(?:i|we)(?:'ll|\s+will)?\s+hate\s+(?:kurds|arabs)\b")
    whole, prefixes = patterns.openers(regex)
    assert whole == {"all", "the", "kurds", "arabs", "i", "we"} and not prefixes  # "i'll": "i"
    assert patterns.openers(re.compile(r"\b\w+\s+are\s+dogs")) is None  # opens with any word
    assert patterns.openers(re.compile(r"(?:^|\.\s+)kill\s+them")) is None  # no \b
    text = "We hate Arabs? no. the kurds are rats, all arabs are dogs and i will hate kurds"
    text = text.lower()
    found = patterns.finditer(regex, text, lambda: ["kurds", "arabs"], patterns.openers(regex))
    assert [m.group() for m in found] == [m.group() for m in regex.finditer(text)]
    assert len(found) == 4


def test_every_whitespace_character_counts_as_space() -> None:
    every = {chr(code) for code in range(sys.maxunicode + 1) if re.match(r"\s", chr(code))}
    assert {chr(code) for code in patterns._AS_SPACE} | {" "} == every
