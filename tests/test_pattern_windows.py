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


def test_a_long_run_of_whitespace_is_scanned_whole() -> None:
    # A gap this wide could stretch one match past the windows' reach.
    text = FILLER + "I will" + " \n" * 200 + "kill you." + FILLER
    assert patterns.windows(text, ["kill"]) is None
    assert any(hit.name == "threat:promise" for hit in default_rules().scan(text))


def test_every_whitespace_character_counts_as_space() -> None:
    every = {chr(code) for code in range(sys.maxunicode + 1) if re.match(r"\s", chr(code))}
    assert {chr(code) for code in patterns._AS_SPACE} | {" "} == every
