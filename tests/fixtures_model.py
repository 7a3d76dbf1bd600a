"""Fixtures for the screening engine: a tiny model trained once per session.

The tiny model goes through the same code as `moderation train` (`train_model`), on a
fixed random sample of at most 150 rows per source and 2**16 hashed features, so it
trains in a few seconds. Its scores are weak; tests that need a good model use the
committed one in `models/`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

#: Where the shared training data lives (`../shared/data` beside the checkout).
SHARED_DATA = Path(os.environ.get("MODERATION_TRAINING_DATA", REPO.parent / "shared" / "data"))

TINY_LIMIT = 150
TINY_HASH_BITS = 16


@pytest.fixture(scope="session")
def shared_data_dir() -> Path:
    """The shared training data, or skip when this machine has none."""
    if not (SHARED_DATA / "SOURCES.md").is_file():
        pytest.skip(f"no shared training data at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory, shared_data_dir: Path) -> Path:
    """A directory holding a tiny trained `model.joblib` and its `model-card.json`."""
    from moderation.training.train import TrainConfig, train_model

    output = tmp_path_factory.mktemp("tiny-model")
    config = TrainConfig(limit=TINY_LIMIT, hash_bits=TINY_HASH_BITS)
    train_model(shared_data_dir, output, config)
    return output


@pytest.fixture(scope="session")
def screener(tiny_model_dir: Path):
    """A `Screener` over the tiny model (imported lazily: screen.py is its own module)."""
    from moderation.pipeline import Screener

    return Screener.from_path(tiny_model_dir)
