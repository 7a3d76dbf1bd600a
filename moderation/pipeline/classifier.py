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
one comment, when the whole screen has 1 ms. The hashing is vectorised numpy (see
`NgramHasher`), and the linear models are sklearn's `LogisticRegression`.

`load_classifier(path)` checks the card before unpickling: a missing file or an artifact
trained with another scikit-learn version fails with `ModelLoadError`, never with a
pickle warning or a half-working model.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import scipy.sparse as sp
import sklearn
from joblib import Parallel, delayed
from sklearn.base import BaseEstimator, TransformerMixin
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

#: Texts featurised at once by `Classifier.predict_proba` (bounds its memory).
CHUNK = 256

#: Target value for "this row's source does not label this category" (masked in training).
UNKNOWN = -1

_WORD = re.compile(r"\w+")
_ASCII_WORD = re.compile(rb"\w+")  # on ASCII bytes, the same words as `_WORD` on the str


def _word_bytes(text: str) -> list[bytes]:
    """The UTF-8 bytes of each `\\w+` word of `text` (an ASCII text is encoded once and
    split as bytes, rather than encoding every word)."""
    if text.isascii():
        return _ASCII_WORD.findall(text.encode("ascii"))
    return [word.encode("utf-8", "surrogatepass") for word in _WORD.findall(text)]


class ModelLoadError(RuntimeError):
    """The model directory, file or card is missing, corrupt, or built for another
    scikit-learn version. The message says which and what to do."""


_BASE = np.uint64(0x100000001B3)  # the 64-bit FNV prime: odd, so multiplying mixes
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def _mix(values: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser, vectorised (uint64 arithmetic wraps, as intended).

    Works in place on `values` (callers pass a fresh array) with one scratch array: on
    the screening hot path the temporaries of the plain expression cost as much as the
    arithmetic."""
    scratch = np.right_shift(values, np.uint64(30))
    values ^= scratch
    values *= _MIX1
    np.right_shift(values, np.uint64(27), out=scratch)
    values ^= scratch
    values *= _MIX2
    np.right_shift(values, np.uint64(31), out=scratch)
    values ^= scratch
    return values


#: One salt per n-gram size, so n-grams of different sizes and kinds hash apart.
_CHAR_SALTS = _mix(np.arange(1, 33, dtype=np.uint64))
_WORD_SALTS = _mix(np.arange(101, 133, dtype=np.uint64))


def _joined(rows: list[np.ndarray], hashes: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    if not rows:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.uint64)
    return np.concatenate(rows), np.concatenate(hashes)


class NgramHasher(TransformerMixin, BaseEstimator):
    """Hash word n-grams and character n-grams of each text into one sparse count matrix.

    Character n-grams run over the whole whitespace-collapsed text (padded with a space),
    so they also see across word boundaries ("fuck you" -> "k yo"), which catches words
    run together. Words are `\\w+` runs; a word n-gram is hashed from its words' hashes.

    Why not `HashingVectorizer`/`FeatureHasher`: they hash one Python string per n-gram,
    about 200 ns each, and a 300-character comment has over a thousand n-grams, which
    alone would exceed the screening budget. Here every character n-gram of a whole batch
    is hashed at once with numpy (a polynomial rolling hash over the code points, then
    SplitMix64's finaliser), and only words are hashed one by one (CRC-32). The hashes
    are fixed arithmetic, identical across processes and platforms. Stateless: `fit`
    does nothing.
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
        return self

    def _char_features(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(document, unmixed hash) of every character n-gram of the batch."""
        padded = []
        for text in texts:
            collapsed = " ".join(text.split())  # what `\s+` -> " " and strip() give, faster
            padded.append(f" {collapsed} " if collapsed else "")
        lengths = np.fromiter(map(len, padded), dtype=np.int64, count=len(padded))
        # Documents are joined with one separator that no n-gram may cross.
        joined = "\x00".join(padded).encode("utf-32-le", "surrogatepass")
        points = np.frombuffer(joined, dtype=np.uint32).astype(np.uint64)
        doc_of = np.repeat(np.arange(len(padded), dtype=np.int32), lengths + 1)[: len(points)]
        ends = np.cumsum(lengths + 1) - 1
        room = np.repeat(ends, lengths + 1)[: len(points)] - np.arange(len(points))
        rows, hashes = [], []
        rolling = points
        low, high = self.char_ngrams
        for size in range(1, high + 1):
            if size > 1:
                rolling = rolling[:-1] * _BASE
                rolling += points[size - 1 :]
            if size >= low:
                valid = room[: len(rolling)] >= size
                rows.append(doc_of[: len(rolling)][valid])
                salted = rolling[valid]
                salted ^= _CHAR_SALTS[size]
                hashes.append(salted)
        return _joined(rows, hashes)

    def _word_features(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(document, unmixed hash) of every word n-gram of the batch."""
        words = [_word_bytes(text) for text in texts]
        counts = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        flat = [word for doc in words for word in doc]
        unigrams = np.fromiter(map(zlib.crc32, flat), dtype=np.uint64, count=len(flat))
        doc_of = np.repeat(np.arange(len(words), dtype=np.int32), counts)
        rows, hashes = [], []
        rolling = unigrams
        low, high = self.word_ngrams
        for size in range(1, high + 1):
            if size > 1:
                rolling = rolling[:-1] * _BASE + unigrams[size - 1 :]
                same_doc = doc_of[: len(rolling)] == doc_of[size - 1 :]
                rows.append(doc_of[: len(rolling)][same_doc])
                hashes.append(rolling[same_doc] ^ _WORD_SALTS[size])
            elif low <= 1:
                rows.append(doc_of)
                hashes.append(rolling ^ _WORD_SALTS[1])
        return _joined(rows, hashes)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Counts of hashed n-grams, shape (len(texts), n_features), float32."""
        counts, columns, indptr = self.count(texts)
        matrix = sp.csr_matrix((counts, columns, indptr), shape=(len(texts), self.n_features))
        matrix.has_sorted_indices = True
        return matrix

    def count(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The CSR arrays of `transform` (counts, columns, indptr) without the matrix,
        for callers that score them directly."""
        if self.n_features & (self.n_features - 1):
            raise ValueError(f"n_features must be a power of two, not {self.n_features}")
        char_rows, char_hashes = self._char_features(texts)
        word_rows, word_hashes = self._word_features(texts)
        hashes = _mix(np.concatenate((char_hashes, word_hashes)))
        bits = self.n_features.bit_length() - 1
        # One sort of (row, column) keys groups repeated n-grams; scipy's COO -> CSR
        # conversion does the same with a per-row sort that is several times slower.
        # A screening batch fits its keys in 32 bits, which sort twice as fast.
        key_type = np.uint32 if (len(texts) << bits) <= 2**32 else np.uint64
        keys = np.concatenate((char_rows, word_rows)).astype(key_type)
        keys <<= key_type(bits)
        keys |= (hashes & np.uint64(self.n_features - 1)).astype(key_type)
        keys.sort()
        starts = np.flatnonzero(np.diff(keys, prepend=keys[:1] ^ key_type(1)))
        unique = keys[starts]
        counts = np.diff(np.append(starts, len(keys))).astype(np.float32)
        columns = (unique & key_type(self.n_features - 1)).astype(np.int32)
        indptr = np.searchsorted(unique >> key_type(bits), np.arange(len(texts) + 1,
                                                                   dtype=key_type))
        return counts, columns, indptr.astype(np.int32)


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
        X.data, norms = self.weigh(X.data, X.indices, X.indptr)
        X.data /= np.repeat(norms, np.diff(X.indptr))
        return X

    def weigh(
        self, counts: np.ndarray, columns: np.ndarray, indptr: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """The weights of CSR counts before normalisation, and each row's L2 norm
        (at least 1e-12), which `transform` divides them by: the screener's fused path
        calls this on the hasher's arrays, without building a counts matrix."""
        weights = np.log(counts, dtype=np.float32)
        weights += 1
        weights *= self.idf_[columns]
        squares = np.concatenate(([0.0], np.cumsum(weights * weights, dtype=np.float64)))
        norms = np.sqrt(np.maximum(squares[indptr[1:]] - squares[indptr[:-1]], 0.0))
        return weights, np.maximum(norms, 1e-12).astype(np.float32)


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
        n_jobs: int | None = None,
    ) -> None:
        self.n_jobs = n_jobs
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

    def fit(
        self, X: sp.csr_matrix, Y: np.ndarray, sample_weight: np.ndarray | None = None
    ) -> CalibratedLinearScorer:
        """`sample_weight` (optional, per row) lets few hand-written rows count for more."""
        Y = np.asarray(Y)
        n_features, n_outputs = X.shape[1], Y.shape[1]
        weights = np.ones(X.shape[0]) if sample_weight is None else np.asarray(sample_weight)
        # liblinear releases the GIL, so threads train categories side by side.
        fitted = Parallel(n_jobs=self.n_jobs, prefer="threads")(
            delayed(self._fit_one)(index, X, Y[:, index], weights) for index in range(n_outputs)
        )
        self.coef_ = np.zeros((n_features, n_outputs), dtype=np.float32)
        self.intercept_ = np.zeros(n_outputs, dtype=np.float32)
        self.platt_ = np.zeros((2, n_outputs), dtype=np.float64)
        for index, (coef, intercept, platt) in enumerate(fitted):
            self.coef_[:, index] = coef
            self.intercept_[index] = intercept
            self.platt_[:, index] = platt
        return self

    def _fit_one(
        self, index: int, X: sp.csr_matrix, y: np.ndarray, weights: np.ndarray
    ) -> tuple[np.ndarray, float, tuple[float, float]]:
        """One category: (coefficients, intercept, Platt parameters) from its known rows."""
        rows = np.flatnonzero(y != UNKNOWN)
        Xk, yk, wk = X[rows], y[rows].astype(np.int8), weights[rows]
        if len(np.unique(yk)) < 2:
            raise ValueError(f"output {index} needs positive and negative rows")
        platt = self._fit_sigmoid(self._oof_margins(index, Xk, yk, wk), yk)
        model = self._model(index).fit(Xk, yk, sample_weight=wk)
        return model.coef_[0], float(model.intercept_[0]), platt

    def _oof_margins(
        self, index: int, X: sp.csr_matrix, y: np.ndarray, weights: np.ndarray
    ) -> np.ndarray:
        """Out-of-fold decision values, so the sigmoid is fitted on unseen rows."""
        folds = StratifiedKFold(self.cv, shuffle=True, random_state=self.random_state)
        margins = np.zeros(len(y), dtype=np.float64)
        for train, test in folds.split(np.zeros(len(y)), y):
            model = self._model(index).fit(X[train], y[train], sample_weight=weights[train])
            margins[test] = model.decision_function(X[test])
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
    n_jobs: int | None = None,
) -> Pipeline:
    """The classifier pipeline, unfitted. `moderation train` is its one trainer."""
    return Pipeline(
        [
            ("features", NgramHasher(word_ngrams, char_ngrams, n_features)),
            ("weights", SublinearTfidf()),
            (
                "scorer",
                CalibratedLinearScorer(
                    C=C,
                    class_weight=class_weight,
                    cv=cv,
                    random_state=random_state,
                    n_jobs=n_jobs,
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

        Calls the steps directly (`Pipeline.predict_proba` gives the same numbers with
        more per-call overhead), in chunks so a large batch does not hold every n-gram
        of every text in memory at once."""
        features, weights, scorer = (step for _, step in self.pipeline.steps)
        chunks = [self._chunk_proba(features, weights, scorer, view_texts[i : i + CHUNK])
                  for i in range(0, len(view_texts), CHUNK)]
        if not chunks:
            return np.zeros((0, len(self.categories)))
        return np.vstack(chunks)

    @staticmethod
    def _chunk_proba(
        features: NgramHasher, weights: SublinearTfidf, scorer: CalibratedLinearScorer,
        texts: Sequence[str],
    ) -> np.ndarray:
        """The pipeline's three steps fused, with the same arithmetic in the same order
        (so the same probabilities) but no intermediate matrix validated or copied."""
        counts, columns, indptr = features.count(texts)
        values, norms = weights.weigh(counts, columns, indptr)
        values /= np.repeat(norms, np.diff(indptr))
        matrix = sp.csr_matrix((values, columns, indptr), shape=(len(texts), features.n_features))
        return scorer.predict_proba(matrix)


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
