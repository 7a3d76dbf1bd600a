"""The classifier artifact: loading, checks before unpickling, probabilities."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import sklearn

from moderation.pipeline.classifier import (
    CARD_FILE,
    MODEL_FILE,
    ModelLoadError,
    NgramHasher,
    SublinearTfidf,
    _word_bytes,
    load_classifier,
)
from moderation.pipeline.normalize import normalize
from moderation.pipeline.types import CATEGORIES


@pytest.fixture
def model_copy(tiny_model_dir: Path, tmp_path: Path) -> Path:
    """A writable copy of the tiny model, for tests that damage it."""
    target = tmp_path / "model"
    shutil.copytree(tiny_model_dir, target)
    return target


def _edit_card(directory: Path, **changes: object) -> None:
    card_path = directory / CARD_FILE
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card.update(changes)
    card_path.write_text(json.dumps(card), encoding="utf-8")


def test_loaded_classifier_exposes_card_version_categories_and_thresholds(tiny_model_dir):
    classifier = load_classifier(tiny_model_dir)
    card = json.loads((tiny_model_dir / CARD_FILE).read_text(encoding="utf-8"))
    assert classifier.categories == CATEGORIES
    assert classifier.card == card
    assert classifier.thresholds == card["thresholds"]
    assert set(classifier.thresholds) == set(CATEGORIES)
    for values in classifier.thresholds.values():
        assert 0 < values["review"] <= values["reject"] <= 1
    assert card["model_sha256"][:12] in classifier.version
    assert classifier.version.startswith(card["created_at"][:10])


def test_predict_proba_gives_one_probability_row_per_text(tiny_model_dir):
    classifier = load_classifier(tiny_model_dir)
    texts = ["Thanks for the thorough report.", "you stupid idiot", "", "Ünïcödé ✓ 😀"]
    probabilities = classifier.predict_proba([normalize(text).text for text in texts])
    assert probabilities.shape == (4, len(CATEGORIES))
    assert np.all((probabilities > 0) & (probabilities < 1))
    assert classifier.predict_proba([]).shape == (0, len(CATEGORIES))


def test_batch_and_single_predictions_agree(tiny_model_dir):
    classifier = load_classifier(tiny_model_dir)
    texts = [normalize(t).text for t in ("you moron", "nice goal", "buy cheap pills now")]
    batch = classifier.predict_proba(texts)
    singles = np.vstack([classifier.predict_proba([text]) for text in texts])
    np.testing.assert_allclose(batch, singles, rtol=1e-6)


def test_fast_path_matches_the_sklearn_pipeline(tiny_model_dir):
    classifier = load_classifier(tiny_model_dir)
    texts = [normalize(t).text for t in ("go back where you came from", "great article")]
    np.testing.assert_allclose(
        classifier.predict_proba(texts), classifier.pipeline.predict_proba(texts), rtol=1e-6
    )


def test_insult_scores_higher_than_praise_for_personal_attack(tiny_model_dir):
    classifier = load_classifier(tiny_model_dir)
    column = CATEGORIES.index("personal_attack")
    scores = classifier.predict_proba(["you are a stupid idiot", "thank you for this article"])
    assert scores[0, column] > scores[1, column]


def test_missing_directory_is_a_clear_error(tmp_path):
    with pytest.raises(ModelLoadError, match="does not exist"):
        load_classifier(tmp_path / "nowhere")


def test_missing_card_is_a_clear_error(model_copy):
    (model_copy / CARD_FILE).unlink()
    with pytest.raises(ModelLoadError, match="no model card.*moderation train"):
        load_classifier(model_copy)


def test_missing_model_file_is_a_clear_error(model_copy):
    (model_copy / MODEL_FILE).unlink()
    with pytest.raises(ModelLoadError, match="no model file"):
        load_classifier(model_copy)


def test_other_sklearn_version_fails_before_unpickling(model_copy):
    _edit_card(model_copy, sklearn_version="0.24.2")
    # A garbage model file proves the check happens before joblib reads it.
    (model_copy / MODEL_FILE).write_bytes(b"not a pickle")
    with pytest.raises(ModelLoadError) as error:
        load_classifier(model_copy)
    message = str(error.value)
    assert "0.24.2" in message and sklearn.__version__ in message
    assert "moderation train" in message


def test_model_file_not_matching_its_card_is_refused(model_copy):
    with (model_copy / MODEL_FILE).open("ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(ModelLoadError, match="sha256"):
        load_classifier(model_copy)


def test_unreadable_card_is_a_clear_error(model_copy):
    (model_copy / CARD_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelLoadError, match="unreadable model card"):
        load_classifier(model_copy)


def test_hasher_counts_word_and_character_ngrams():
    hasher = NgramHasher(word_ngrams=(1, 2), char_ngrams=(3, 3), n_features=2**20).fit([])
    counts = hasher.transform(["you  fool", "fool", "", "fool fool"])
    # " you fool ": 8 char trigrams (whitespace collapsed) + 2 words + 1 bigram.
    assert counts[0].sum() == 8 + 2 + 1
    assert counts[1].sum() == 4 + 1
    assert counts[2].nnz == 0
    assert set(counts[1].indices) <= set(counts[0].indices)
    # Repeated n-grams are counted, not listed twice.
    assert counts[3].max() == 2 and counts[3].has_canonical_format


def test_hashing_is_the_same_in_every_process():
    # Another process with another PYTHONHASHSEED must put the n-grams in the same columns.
    code = (
        "from moderation.pipeline.classifier import NgramHasher;"
        "print(NgramHasher().fit([]).transform(['idiot']).indices.tolist())"
    )
    other = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONHASHSEED": "12345"},
        capture_output=True,
        text=True,
        check=True,
    )
    counts = NgramHasher().fit([]).transform(["idiot"])
    assert counts.nnz == 6 + 5 + 4 + 3 + 1  # " idiot ": char 2- to 5-grams, one word
    assert json.loads(other.stdout) == counts.indices.tolist()


def test_hasher_accepts_any_str():
    counts = NgramHasher(n_features=2**12).fit([]).transform(["\ud800 lone", "\x00", "😀 ok"])
    assert counts.shape == (3, 2**12)


def test_tfidf_rows_have_unit_length_and_empty_rows_stay_empty():
    hasher = NgramHasher(n_features=2**10).fit([])
    counts = hasher.transform(["a short text", "", "another short text text"])
    weights = SublinearTfidf().fit(counts).transform(counts)
    norms = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1))).ravel()
    np.testing.assert_allclose(norms, [1.0, 0.0, 1.0], rtol=1e-5)


@pytest.mark.parametrize(
    "text", ["you fool_2 don't 99 problems", "naïve café über", "a\tb\nc  d", "", "\ud800 lone"]
)
def test_words_split_as_bytes_are_the_words_of_the_text(text):
    # ASCII texts are split as bytes for speed: the same words, the same hashes.
    expected = [word.encode("utf-8", "surrogatepass") for word in re.findall(r"\w+", text)]
    assert _word_bytes(text) == expected
