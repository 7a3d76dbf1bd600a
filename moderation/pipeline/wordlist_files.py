"""Reading the data files in `moderation/pipeline/wordlists/`: one reader for every
module that needs them (the normalizer, the rules, the patterns, the language check).

Lines starting with `#` are comments and blank lines are skipped, in every file."""
from __future__ import annotations

import csv
from functools import cache
from importlib import resources

__all__ = ["tsv_rows", "word_set"]


def _lines(name: str) -> list[str]:
    text = resources.files("moderation.pipeline").joinpath("wordlists", name).read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def word_set(name: str) -> frozenset[str]:
    """The words (or domains) of a one-entry-a-line file, read once per process."""
    return frozenset(line.strip() for line in _lines(name))


def tsv_rows(name: str) -> list[dict[str, str]]:
    """The rows of a tab-separated file with a header line, as dicts."""
    return list(csv.DictReader(_lines(name), delimiter="\t"))
