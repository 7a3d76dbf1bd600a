"""The trained classifier: calibrated per-category probabilities for matching views.

The artifact is one scikit-learn `Pipeline` saved with joblib in `model.joblib`, next to
its model card `model-card.json` (data, label mapping, metrics, thresholds, versions):

    features  NgramHasher       word 1-2 grams + char 2-5 grams, hashed (no vocabulary)
    weights   SublinearTfidf    1 + log(tf), times idf, L2-normalised rows
    scorer    CalibratedLinearScorer
                                one (n_features x categories) weight matrix, so a batch
                                of comments is scored with one sparse product; then a
                                per-category Platt sigmoid turns margins into probabilities

The three steps are our own small estimators rather than HashingVectorizer, FeatureUnion
and TfidfTransformer because those validate their input on every call: about 1.6 ms for
one comment, when the whole screen has 1 ms. The hashing itself is sklearn's
`FeatureHasher` (MurmurHash3), and the linear models are sklearn's `LogisticRegression`.

`load_classifier(path)` checks the card before unpickling: a missing file or an artifact
trained with another scikit-learn version fails with `ModelLoadError`, never with a
pickle warning or a half-working model.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline

from moderation.pipeline.types import CATEGORIES

__all__ = [
    "CARD_FILE",
    "MODEL_FILE",
    "CalibratedLinearScorer",
    "Classifier",
    "ModelLoadError",
    "NgramHasher",
    "SublinearTfidf",
    "UNKNOWN",
    "build_pipeline",
    "file_sha256",
    "load_classifier",
]

MODEL_FILE = "model.joblib"
CARD_FILE = "model-card.json"

#: Target value for "this row's source does not label this category" (masked in training).
UNKNOWN = -1

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


class ModelLoadError(RuntimeError):
    """The model directory, file or card is missing, corrupt, or built for another
    scikit-learn version. The message says which and what to do."""


class NgramHasher(TransformerMixin, BaseEstimator):
    """Hash word n-grams and character n-grams of each text into one sparse count matrix.

    Character n-grams run over the whole whitespace-collapsed text (padded with a space),
    so they also see across word boundaries ("fuck you" -> "k yo"), which catches words
    run together. Stateless: `fit` only builds the hasher.
    """

    def __init__(
        self,
        word_ngrams: tuple[int, int] = (1, 2),
        char_ngrams: tuple[int, int] = (2, 5),
        n_features: int = 2**20,
    ) -> None:
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.n_features = n_features

    def fit(self, texts: Sequence[str], y: Any = None) -> NgramHasher:
        self.hasher_ = FeatureHasher(
            n_features=self.n_features,
            input_type="string",
            alternate_sign=False,
            dtype=np.float32,
        )
        return self

    def analyze(self, text: str) -> list[str]:
        """The n-grams of one text (words joined by one space, then char n-grams)."""
        words = _WORD.findall(text)
        low, high = self.word_ngrams
        grams: list[str] = list(words) if low <= 1 <= high else []
        for size in range(max(low, 2), high + 1):
            grams.extend(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))
        collapsed = _SPACE.sub(" ", text).strip()
        padded = f" {collapsed} " if collapsed else ""
        length = len(padded)
        low, high = self.char_ngrams
        for size in range(low, high + 1):
            grams.extend([padded[i : i + size] for i in range(length - size + 1)])
        return grams

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        return self.hasher_.transform(self.analyze(text) for text in texts)


class SublinearTfidf(TransformerMixin, BaseEstimator):
    """Sublinear term frequency (1 + log tf) times smoothed idf, rows L2-normalised.

    The same weighting as `TfidfTransformer(sublinear_tf=True)`, without its per-call
    input validation (which costs more than the whole product for one comment).
    """

    def fit(self, X: sp.csr_matrix, y: Any = None) -> SublinearTfidf:
        n_docs = X.shape[0]
        df = np.bincount(X.indices, minlength=X.shape[1])
        self.idf_ = (np.log((1 + n_docs) / (1 + df)) + 1).astype(np.float32)
        return self

    def transform(self, X: sp.csr_matrix) -> sp.csr_matrix:
        X = sp.csr_matrix(X, dtype=np.float32, copy=True)
        X.data = (np.log(X.data) + 1) * self.idf_[X.indices]
        rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
        norms = np.sqrt(np.bincount(rows, weights=X.data**2, minlength=X.shape[0]))
        X.data /= np.maximum(norms, 1e-12)[rows].astype(np.float32)
        return X


class CalibratedLinearScorer(BaseEstimator):
    """Per-category logistic regression on masked multi-label targets, Platt-calibrated.

    `fit(X, Y)` takes `Y` of shape (n, k) with 1 (positive), 0 (negative) or `UNKNOWN`.
    Each category is trained only on the rows whose source labels it. Calibration: the
    margins of `cv`-fold out-of-fold models are fitted with a sigmoid (Platt), then the
    category's model is refitted on all its rows. Coefficients are stacked into one
    float32 matrix so prediction is a single sparse-dense product.
    """

    def __init__(
        self,
        C: float | Sequence[float] = 4.0,
        class_weight: str | None = "balanced",
        cv: int = 3,
        random_state: int = 0,
        max_iter: int = 1000,
    ) -> None:
        self.C = C
        self.class_weight = class_weight
        self.cv = cv
        self.random_state = random_state
        self.max_iter = max_iter

    def _c_for(self, index: int) -> float:
        if isinstance(self.C, int | float):
            return float(self.C)
        return float(self.C[index])

    def _model(self, index: int) -> LogisticRegression:
        return LogisticRegression(
            C=self._c_for(index),
            class_weight=self.class_weight,
            solver="liblinear",
            max_iter=self.max_iter,
            random_state=self.random_state,
        )

    def fit(self, X: sp.csr_matrix, Y: np.ndarray) -> CalibratedLinearScorer:
        Y = np.asarray(Y)
        n_features, n_outputs = X.shape[1], Y.shape[1]
        self.coef_ = np.zeros((n_features, n_outputs), dtype=np.float32)
        self.intercept_ = np.zeros(n_outputs, dtype=np.float32)
        self.platt_ = np.zeros((2, n_outputs), dtype=np.float64)
        for index in range(n_outputs):
            rows = np.flatnonzero(Y[:, index] != UNKNOWN)
            Xk, yk = X[rows], Y[rows, index].astype(np.int8)
            if len(np.unique(yk)) < 2:
                raise ValueError(f"output {index} needs positive and negative rows, has {len(yk)}")
            self.platt_[:, index] = self._fit_sigmoid(self._oof_margins(index, Xk, yk), yk)
            model = self._model(index).fit(Xk, yk)
            self.coef_[:, index] = model.coef_[0]
            self.intercept_[index] = model.intercept_[0]
        return self

    def _oof_margins(self, index: int, X: sp.csr_matrix, y: np.ndarray) -> np.ndarray:
        """Out-of-fold decision values, so the sigmoid is fitted on unseen rows."""
        folds = StratifiedKFold(self.cv, shuffle=True, random_state=self.random_state)
        margins = np.zeros(len(y), dtype=np.float64)
        for train, test in folds.split(np.zeros(len(y)), y):
            margins[test] = self._model(index).fit(X[train], y[train]).decision_function(X[test])
        return margins

    def _fit_sigmoid(self, margins: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        """Platt scaling: p = sigmoid(a * margin + b), fitted by logistic regression."""
        platt = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000)
        platt.fit(margins.reshape(-1, 1), y)
        return float(platt.coef_[0, 0]), float(platt.intercept_[0])

    def decision_function(self, X: sp.csr_matrix) -> np.ndarray:
        return np.asarray(X @ self.coef_) + self.intercept_

    def predict_proba(self, X: sp.csr_matrix) -> np.ndarray:
        """Calibrated probabilities, shape (n, k)."""
        z = self.decision_function(X) * self.platt_[0] + self.platt_[1]
        return 1.0 / (1.0 + np.exp(-z))


def build_pipeline(
    *,
    word_ngrams: tuple[int, int] = (1, 2),
    char_ngrams: tuple[int, int] = (2, 5),
    n_features: int = 2**20,
    C: float | Sequence[float] = 4.0,
    class_weight: str | None = "balanced",
    cv: int = 3,
    random_state: int = 0,
) -> Pipeline:
    """The classifier pipeline, unfitted. `moderation train` is its one trainer."""
    return Pipeline(
        [
            ("features", NgramHasher(word_ngrams, char_ngrams, n_features)),
            ("weights", SublinearTfidf()),
            (
                "scorer",
                CalibratedLinearScorer(
                    C=C, class_weight=class_weight, cv=cv, random_state=random_state
                ),
            ),
        ]
    )


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class Classifier:
    """A loaded model with its card. `predict_proba` takes matching views
    (`normalize(text).text`), never raw comments."""

    pipeline: Pipeline
    card: Mapping[str, Any]
    version: str

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(self.card["categories"])

    @property
    def thresholds(self) -> dict[str, dict[str, float]]:
        """Per-category `{"review": x, "reject": y}` from the card."""
        return {cat: dict(values) for cat, values in self.card["thresholds"].items()}

    def predict_proba(self, view_texts: Sequence[str]) -> np.ndarray:
        """Calibrated probabilities, shape (len(view_texts), len(categories)).

        Calls the steps directly: `Pipeline.predict_proba` would be the same numbers
        with more per-call overhead."""
        features, weights, scorer = (step for _, step in self.pipeline.steps)
        if not len(view_texts):
            return np.zeros((0, len(self.categories)))
        return scorer.predict_proba(weights.transform(features.transform(view_texts)))


def _read_card(directory: Path) -> dict[str, Any]:
    card_path = directory / CARD_FILE
    if not card_path.is_file():
        raise ModelLoadError(
            f"no model card at {card_path}: train a model with "
            f"`moderation train --data ../shared/data --output {directory}`"
        )
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelLoadError(f"unreadable model card {card_path}: {error}") from error
    missing = {"sklearn_version", "categories", "thresholds", "model_sha256"} - set(card)
    if missing:
        raise ModelLoadError(f"model card {card_path} lacks {sorted(missing)}")
    return card


def model_version(card: Mapping[str, Any]) -> str:
    """A short, stable name for the artifact: creation date plus content hash."""
    created = str(card.get("created_at", ""))[:10] or "undated"
    return f"{created}-{card['model_sha256'][:12]}"


def load_classifier(path: str | Path) -> Classifier:
    """Load `model.joblib` and `model-card.json` from the directory `path`.

    Raises `ModelLoadError` when either file is missing, when the model file does not
    match the checksum in its card, or when the card names another scikit-learn version
    (checked before unpickling: pickles do not travel across sklearn versions).
    """
    directory = Path(path)
    if not directory.is_dir():
        raise ModelLoadError(f"model directory {directory} does not exist")
    card = _read_card(directory)
    if card["sklearn_version"] != sklearn.__version__:
        raise ModelLoadError(
            f"the model in {directory} was trained with scikit-learn "
            f"{card['sklearn_version']}, but scikit-learn {sklearn.__version__} is installed: "
            f"install scikit-learn=={card['sklearn_version']} or retrain with `moderation train`"
        )
    if tuple(card["categories"]) != CATEGORIES:
        raise ModelLoadError(f"model card categories {card['categories']} != {list(CATEGORIES)}")
    model_path = directory / MODEL_FILE
    if not model_path.is_file():
        raise ModelLoadError(f"no model file at {model_path} (the card is there)")
    if file_sha256(model_path) != card["model_sha256"]:
        raise ModelLoadError(f"{model_path} does not match the sha256 in its model card")
    pipeline = joblib.load(model_path)
    if not isinstance(pipeline, Pipeline):
        raise ModelLoadError(f"{model_path} holds a {type(pipeline).__name__}, not a Pipeline")
    return Classifier(pipeline=pipeline, card=card, version=model_version(card))
