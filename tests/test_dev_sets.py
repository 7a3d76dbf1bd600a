"""Checks on the hand-written labelled sets: formats, minimum counts, unique texts, labels
drawn from the known categories, and no text shared between a dev set and the training rows.

The dev sets (`tests/data/*.jsonl`) measure the screener and choose its thresholds; the
hand-written training rows (`moderation/training/data/*.jsonl`) teach the classifier. A
sentence in both would make the dev measure flatter than the truth, so overlap is checked
exactly and after casefolding and collapsing whitespace.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from moderation.pipeline.types import CATEGORIES
from moderation.training.identity import identity_examples
from moderation.training.reports import report_examples

ROOT = Path(__file__).resolve().parent.parent
DEV_DIR = ROOT / "tests" / "data"
TRAINING_DIR = ROOT / "moderation" / "training" / "data"
DEMO_ARTICLES = ROOT / "moderation" / "demo_articles.json"

SUBTYPES = {"racism", "sexism", "homophobia", "xenophobia", "religion"}
NEWS_KINDS = {"clean", "hard_negative", "direct", "obfuscated", "implicit"}
RELEVANCE_LABELS = {"on_topic", "off_topic", "short_reply", "spam_copy"}
DEMO_IDS = ["demo-1", "demo-2", "demo-3"]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every line of `path` as a JSON object; a blank or non-object line fails the test."""
    rows = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        record = json.loads(line)
        assert isinstance(record, dict), f"{path.name}:{number} is not an object"
        rows.append(record)
    return rows


def folded(text: str) -> str:
    """The comparison key for overlap and duplicates: casefolded, whitespace collapsed."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def training_files() -> list[Path]:
    return sorted(TRAINING_DIR.glob("**/*.jsonl"))


def dev_files() -> list[Path]:
    names = ("news_dev.jsonl", "functional_dev.jsonl", "language_dev.jsonl",
             "relevance_dev.jsonl")
    return [DEV_DIR / name for name in names]


@pytest.fixture(scope="module")
def news() -> list[dict[str, Any]]:
    return read_jsonl(DEV_DIR / "news_dev.jsonl")


@pytest.fixture(scope="module")
def training_rows() -> list[dict[str, Any]]:
    """The hand-written rows and the templated identity and report sentences."""
    written = [row for path in training_files() for row in read_jsonl(path)]
    templated = [{"text": example.text, "labels": []}
                 for example in [*identity_examples(), *report_examples()]]
    return written + templated


def assert_unique(texts: list[str], name: str) -> None:
    repeated = [text for text, count in Counter(map(folded, texts)).items() if count > 1]
    assert not repeated, f"{name}: repeated texts {repeated}"


def test_news_dev_format_and_labels(news: list[dict[str, Any]]) -> None:
    ids = [row["id"] for row in news]
    assert len(set(ids)) == len(ids)
    for row in news:
        assert set(row) == {"id", "text", "labels", "subtype", "kind"}, row
        assert re.fullmatch(r"nd-\d{3}", row["id"]), row["id"]
        assert isinstance(row["text"], str) and row["text"].strip(), row
        assert isinstance(row["labels"], list), row
        assert set(row["labels"]) <= set(CATEGORIES), row
        assert len(set(row["labels"])) == len(row["labels"]), row
        assert row["kind"] in NEWS_KINDS, row
        assert (row["kind"] in {"clean", "hard_negative"}) == (not row["labels"]), row
        if row["subtype"] is not None:
            assert row["subtype"] in SUBTYPES and "abuse" in row["labels"], row
    assert_unique([row["text"] for row in news], "news_dev")


def test_news_dev_counts(news: list[dict[str, Any]]) -> None:
    clean = [row for row in news if not row["labels"]]
    assert len(news) >= 300
    assert len(clean) >= 150
    assert sum(row["kind"] == "hard_negative" for row in clean) >= 60
    per_category = Counter(label for row in news for label in row["labels"])
    for category in CATEGORIES:
        assert per_category[category] >= 25, (category, per_category[category])
    subtypes = {row["subtype"] for row in news if "abuse" in row["labels"]}
    assert subtypes >= SUBTYPES


def test_news_dev_keeps_disguises_in_the_text(news: list[dict[str, Any]]) -> None:
    """Zero-width characters and look-alike letters survive in the stored text, not only
    in intent: the set must exercise the normaliser."""
    texts = [row["text"] for row in news]
    assert any("\u200b" in text for text in texts)
    assert any(re.search("[\u0400-\u04ff]", text) for text in texts)
    assert sum(row["kind"] == "obfuscated" for row in news) >= 25


CLEAN_FUNCTIONALITIES = {
    "counter_speech", "negated", "identity_positive", "criticism", "news_vocabulary",
    "figurative", "citation",
}  # fmt: skip
FUNCTIONALITIES = CLEAN_FUNCTIONALITIES | {
    "hate_emotion", "dehumanisation", "implicit", "threat_group", "threat_person", "profanity",
    "profanity_attack", "attack", "spelling", "spam",
}  # fmt: skip


def test_functional_dev_format_and_counts() -> None:
    """The functional set: each row names the ability it tests (HateCheck's idea, for a
    news site); a clean functionality holds only clean rows and the reverse."""
    rows = read_jsonl(DEV_DIR / "functional_dev.jsonl")
    assert len(rows) >= 120
    ids = [row["id"] for row in rows]
    assert len(set(ids)) == len(ids)
    for row in rows:
        assert set(row) == {"id", "text", "labels", "subtype", "functionality"}, row
        assert row["functionality"] in FUNCTIONALITIES, row
        assert set(row["labels"]) <= set(CATEGORIES), row
        assert (row["functionality"] in CLEAN_FUNCTIONALITIES) == (not row["labels"]), row
        assert row["subtype"] is None or row["subtype"] in SUBTYPES, row
    assert_unique([row["text"] for row in rows], "functional_dev")
    counts = Counter(row["functionality"] for row in rows)
    assert all(counts[name] >= 3 for name in FUNCTIONALITIES), counts


def test_language_dev() -> None:
    rows = read_jsonl(DEV_DIR / "language_dev.jsonl")
    assert len(rows) >= 120
    for row in rows:
        assert set(row) == {"text", "lang", "covered"}, row
        assert isinstance(row["covered"], bool) and isinstance(row["lang"], str), row
        assert row["covered"] == (row["lang"] == "en"), row
    assert_unique([row["text"] for row in rows], "language_dev")
    covered = Counter(row["covered"] for row in rows)
    assert covered[True] >= 40 and covered[False] >= 40


def test_relevance_dev() -> None:
    rows = read_jsonl(DEV_DIR / "relevance_dev.jsonl")
    assert len(rows) >= 160
    for row in rows:
        assert set(row) == {"article_id", "text", "label", "parent"}, row
        assert row["article_id"] in DEMO_IDS and row["label"] in RELEVANCE_LABELS, row
        assert row["parent"] is None or isinstance(row["parent"], str), row
    # Spam copies are near-duplicates on purpose (case, punctuation); still never identical.
    assert len({row["text"] for row in rows}) == len(rows)
    assert_unique([row["text"] for row in rows if row["label"] != "spam_copy"], "relevance_dev")
    labels = Counter(row["label"] for row in rows)
    assert labels["off_topic"] >= 40 and labels["on_topic"] >= 40
    assert labels["short_reply"] >= 20 and labels["spam_copy"] >= 10
    spam_articles = {row["article_id"] for row in rows if row["label"] == "spam_copy"}
    assert spam_articles == set(DEMO_IDS)


def test_training_rows_format_and_counts(training_rows: list[dict[str, Any]]) -> None:
    assert training_files(), "no hand-written training files"
    for row in training_rows:
        assert isinstance(row["text"], str) and row["text"].strip(), row
        assert set(row["labels"]) <= set(CATEGORIES), row
        assert row.get("subtype") is None or row["subtype"] in SUBTYPES, row
    assert_unique([row["text"] for row in training_rows], "training rows")
    assert sum(not row["labels"] for row in training_rows) >= 300


@pytest.mark.parametrize("dev_path", dev_files(), ids=lambda path: path.name)
def test_no_dev_text_in_training_rows(dev_path: Path, training_rows: list[dict[str, Any]]) -> None:
    training_exact = {row["text"] for row in training_rows}
    training_folded = {folded(row["text"]) for row in training_rows}
    dev_texts = [row["text"] for row in read_jsonl(dev_path)]
    assert not [text for text in dev_texts if text in training_exact]
    assert not [text for text in dev_texts if folded(text) in training_folded]


def test_demo_articles() -> None:
    articles = json.loads(DEMO_ARTICLES.read_text("utf-8"))
    assert [article["external_id"] for article in articles] == DEMO_IDS
    for article in articles:
        assert set(article) == {"external_id", "title", "url", "summary", "body"}
        assert article["url"] == f"https://news.example/{article['external_id']}"
        assert article["title"].strip() and article["summary"].strip()
        assert 4 <= len(article["body"]) <= 6
        assert all(isinstance(paragraph, str) and paragraph for paragraph in article["body"])
