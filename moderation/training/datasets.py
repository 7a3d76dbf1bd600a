"""Readers for the training data in ../shared/data and for hand-labelled JSONL files.

Each reader follows the reading notes in ../shared/data/SOURCES.md (separators, quoting,
CRLF, the literal `NULL`, fractional labels, escaped text) and applies the label mapping
documented in `moderation.training.labels`. The texts are returned as they are in the
file, except where the file itself encodes them (HTML entities, backslash escapes,
control characters standing for quotes), which are decoded so the model sees what a
reader would have typed.

`load_training_data` reads every file, merges rows whose text is the same (up to case
and whitespace) so no text lands on both sides of the held-out split, and records each
file's sha256 and row count for the model card.
"""

from __future__ import annotations

import csv
import html
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from moderation.pipeline.classifier import file_sha256
from moderation.pipeline.types import CATEGORIES
from moderation.training.labels import (
    CLEAN,
    INSULT_WORDS,
    TOXIC_CATEGORIES,
    fully_labelled,
    labelled,
)

# Some Jigsaw and toxic-spans texts are longer than csv's default field limit allows.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass(frozen=True, slots=True)
class Example:
    """One training text. `labels` holds only the categories its source labels."""

    text: str
    labels: Mapping[str, int]
    source: str


@dataclass(frozen=True, slots=True)
class DataFile:
    """A file that was read, for the model card."""

    path: str
    sha256: str
    rows: int


@dataclass
class TrainingData:
    """Everything read for one training run."""

    examples: list[Example] = field(default_factory=list)
    files: list[DataFile] = field(default_factory=list)


Reader = Callable[[Path], list[Example]]


def _rows(path: Path, **options: object) -> Iterator[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        yield from csv.reader(handle, **options)  # type: ignore[arg-type]


def _records(path: Path, **options: object) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle, **options)  # type: ignore[arg-type]


_TAG = re.compile(r"<[^>]*>")
_HREF = re.compile(r"""<a\s[^>]*href=["']?([^"' >]+)[^>]*>""", re.IGNORECASE)


def _unhtml(text: str) -> str:
    """Decode HTML entities and drop tags, keeping link targets as text."""
    text = _HREF.sub(r" \1 ", text)
    return html.unescape(_TAG.sub(" ", text))


def read_davidson(path: Path) -> list[Example]:
    by_class = {
        "0": labelled(["abuse"]),
        "1": labelled(["profanity", "vulgarity"], ["abuse"]),
        "2": dict(CLEAN),
    }
    return [
        Example(_unhtml(row["tweet"]), by_class[row["class"]], "davidson-hate-offensive")
        for row in _records(path)
    ]


def read_ethos_binary(path: Path) -> list[Example]:
    return [
        Example(row["comment"], {"abuse": int(float(row["isHate"]) >= 0.5)}, "ethos")
        for row in _records(path, delimiter=";")
    ]


def read_ethos_multi(path: Path) -> list[Example]:
    return [
        Example(
            row["comment"],
            {
                "abuse": 1,
                "threat": int(float(row["violence"]) >= 0.5),
                "personal_attack": int(float(row["directed_vs_generalized"]) >= 0.5),
            },
            "ethos",
        )
        for row in _records(path, delimiter=";")
    ]


def _olid_labels(a: str, b: str, c: str) -> dict[str, int]:
    if a == "NOT":
        return dict(CLEAN)
    if b == "UNT":
        return labelled(["profanity"], ["threat", "personal_attack", "abuse"])
    return {
        "IND": labelled(["personal_attack"], ["abuse"]),
        "GRP": labelled(["abuse"], ["personal_attack"]),
        "OTH": labelled([], ["abuse"]),
    }.get(c, {})


def read_olid(path: Path) -> list[Example]:
    # csv keeps the literal "NULL" as a string (pandas would need keep_default_na=False).
    return [
        Example(
            row["tweet"],
            _olid_labels(row["subtask_a"], row["subtask_b"], row["subtask_c"]),
            "olid",
        )
        for row in _records(path, delimiter="\t")
    ]


def _spam(is_spam: bool) -> dict[str, int]:
    return {**CLEAN, "promotion": int(is_spam)}


def read_youtube(path: Path) -> list[Example]:
    # DATE is never read: it leaks the label in the Eminem file.
    return [
        Example(_unhtml(row["CONTENT"]), _spam(row["CLASS"] == "1"), "youtube-spam")
        for row in _records(path)
    ]


def read_sms(path: Path) -> list[Example]:
    return [
        Example(html.unescape(text), _spam(label == "spam"), "sms-spam")
        for label, text in _rows(path, delimiter="\t", quoting=csv.QUOTE_NONE)
    ]


def read_jigsaw(path: Path) -> list[Example]:
    examples = []
    for row in _records(path):
        flags = {name: int(row[name]) for name in ("obscene", "insult", "threat", "identity_hate")}
        if not any(int(row[name]) for name in ("toxic", "severe_toxic", *flags)):
            labels = dict(CLEAN)
        else:
            labels = {
                "profanity": flags["obscene"],
                "vulgarity": flags["obscene"],
                "personal_attack": flags["insult"],
                "threat": flags["threat"],
                "abuse": flags["identity_hate"],
            }
        examples.append(Example(row["comment_text"], labels, "jigsaw-toxic-comment"))
    return examples


_DYNAHATE_QUOTES = str.maketrans({"\x18": "‘", "\x19": "’", "\x1c": "“", "\x1d": "”", "\r": " "})


def _dynahate_labels(label: str, kind: str) -> dict[str, int]:
    if label == "nothate":
        return labelled([], ["abuse", "threat"])
    if kind == "notgiven":
        return labelled(["abuse"])
    return {"abuse": 1, "threat": int(kind == "threatening")}


def read_dynahate(path: Path) -> list[Example]:
    return [
        Example(
            row["text"].translate(_DYNAHATE_QUOTES),
            _dynahate_labels(row["label"], row["type"]),
            "dynahate",
        )
        for row in _records(path)
    ]


_ESCAPES = re.compile(r"(?:\\x[0-9a-fA-F]{2})+|\\u[0-9a-fA-F]{4}|\\[nrt]|\\(?=[\\'\"])")


def _unescape_match(match: re.Match[str]) -> str:
    token = match.group()
    if token.startswith("\\x"):
        raw = bytes(int(part, 16) for part in token.split("\\x")[1:])
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:  # a lone `\xa0` is Latin-1, not a UTF-8 fragment
            return raw.decode("latin-1")
    if token.startswith("\\u"):
        return chr(int(token[2:], 16))
    if token in ("\\n", "\\r", "\\t"):
        return {"\\n": "\n", "\\r": " ", "\\t": " "}[token]
    return ""


def decode_impermium(comment: str) -> str:
    """Strip the extra outer quotes and decode the literal backslash escapes
    (`\\n`, `\\xc2\\xa0`, `\\u2019`, also doubled as `\\\\n`)."""
    if len(comment) >= 2 and comment[0] == comment[-1] == '"':
        comment = comment[1:-1]
    comment = comment.replace("\\\\", "\\")
    return _ESCAPES.sub(_unescape_match, comment)


def read_impermium(path: Path) -> list[Example]:
    return [
        Example(
            decode_impermium(row["Comment"]),
            {"personal_attack": int(row["Insult"])},
            "impermium-insults",
        )
        for row in _records(path)
    ]


def read_gab(path: Path) -> list[Example]:
    examples = []
    for row in _records(path, delimiter="\t"):
        hd, cv, vo = (int(row[name]) for name in ("hd", "cv", "vo"))
        if not (hd or cv or vo):
            labels = dict(CLEAN)
        else:
            labels = {"abuse": hd | cv, "threat": cv, "profanity": vo, "vulgarity": vo}
        examples.append(Example(row["text"], labels, "gab-hate-corpus"))
    return examples


def read_hateval(path: Path) -> list[Example]:
    examples = []
    for row in _records(path, delimiter="\t", quoting=csv.QUOTE_NONE):
        if row["HS"] == "1":
            labels = {"abuse": 1, "personal_attack": int(row["TR"] == "1")}
        else:
            labels = {"abuse": 0}
        examples.append(Example(html.unescape(row["text"]), labels, "hateval-semeval2019"))
    return examples


def read_implicit_stage1(path: Path) -> list[Example]:
    return [
        Example(row["post"], {"abuse": int(row["class"] != "not_hate")}, "implicit-hate")
        for row in _records(path, delimiter="\t")
    ]


def read_implicit_stage2(path: Path) -> list[Example]:
    return [
        Example(
            row["post"],
            {
                "abuse": 1,
                "threat": int(
                    "threatening" in (row["implicit_class"], row["extra_implicit_class"])
                ),
            },
            "implicit-hate",
        )
        for row in _records(path, delimiter="\t")
    ]


_SPAN_WORD = re.compile(r"[a-z]+")


def toxic_span_text(text: str, offsets: Iterable[int]) -> str:
    """The characters the raters marked, with a space wherever the offsets jump."""
    parts: list[str] = []
    previous = None
    for offset in offsets:
        if previous is not None and offset != previous + 1:
            parts.append(" ")
        if 0 <= offset < len(text):
            parts.append(text[offset])
        previous = offset
    return "".join(parts)


def read_toxic_spans(path: Path) -> list[Example]:
    examples = []
    for row in _records(path):
        marked = toxic_span_text(row["text"], json.loads(row["spans"])).lower()
        insult = any(word in INSULT_WORDS for word in _SPAN_WORD.findall(marked))
        examples.append(
            Example(row["text"], {"personal_attack": 1} if insult else {}, "toxic-spans")
        )
    return examples


def read_labelled_jsonl(path: Path, source: str) -> list[Example]:
    """Hand-labelled rows: JSONL objects with `text` and `labels` (a list of categories;
    empty means clean). Every category is known for these rows."""
    examples = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                examples.append(
                    Example(record["text"], fully_labelled(record.get("labels", [])), source)
                )
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{path}:{number}: bad labelled row: {error}") from error
    return examples


#: Every shared data file the English model reads, with its reader.
SHARED_FILES: tuple[tuple[str, Reader], ...] = (
    ("davidson-hate-offensive/labeled_data.csv", read_davidson),
    ("ethos/Ethos_Dataset_Binary.csv", read_ethos_binary),
    ("ethos/Ethos_Dataset_Multi_Label.csv", read_ethos_multi),
    ("olid/olid-training-v1.0.tsv", read_olid),
    ("youtube-spam/Youtube01-Psy.csv", read_youtube),
    ("youtube-spam/Youtube02-KatyPerry.csv", read_youtube),
    ("youtube-spam/Youtube03-LMFAO.csv", read_youtube),
    ("youtube-spam/Youtube04-Eminem.csv", read_youtube),
    ("sms-spam/SMSSpamCollection.tsv", read_sms),
    ("jigsaw-toxic-comment/train_first_2886_rows.csv", read_jigsaw),
    ("dynahate/dev.csv", read_dynahate),
    ("impermium-insults/train.csv", read_impermium),
    ("impermium-insults/impermium_verification_labels.csv", read_impermium),
    ("gab-hate-corpus/ghc_train.tsv", read_gab),
    ("hateval-semeval2019/train_en.tsv", read_hateval),
    ("hateval-semeval2019/dev_en.tsv", read_hateval),
    ("implicit-hate/implicit_hate_v1_stg1_posts.tsv", read_implicit_stage1),
    ("implicit-hate/implicit_hate_v1_stg2_posts.tsv", read_implicit_stage2),
    ("toxic-spans/tsd_train.csv", read_toxic_spans),
    ("toxic-spans/tsd_trial.csv", read_toxic_spans),
)

_KEY_SPACE = re.compile(r"\s+")


def text_key(text: str) -> str:
    """Texts equal up to case and whitespace are the same training row."""
    return _KEY_SPACE.sub(" ", text).strip().casefold()


def merge_duplicates(examples: Iterable[Example]) -> list[Example]:
    """One row per text key, in first-seen order. Labels are merged per category: known
    if any copy knows it, positive if any copy says positive. Rows with no known
    category are dropped."""
    merged: dict[str, Example] = {}
    for example in examples:
        key = text_key(example.text)
        if not key:
            continue
        first = merged.get(key)
        if first is None:
            merged[key] = example
            continue
        labels = dict(first.labels)
        for cat, value in example.labels.items():
            labels[cat] = max(labels.get(cat, 0), value)
        merged[key] = Example(first.text, labels, first.source)
    return [example for example in merged.values() if example.labels]


def read_shared_file(
    data_dir: Path, relative: str, reader: Reader
) -> tuple[list[Example], DataFile]:
    """Read one shared file; a missing file is an error (the card must say what was read)."""
    path = data_dir / relative
    if not path.is_file():
        raise FileNotFoundError(f"training file {path} is missing")
    examples = reader(path)
    return examples, DataFile(relative, file_sha256(path), len(examples))


def _display_path(path: Path) -> str:
    """The path relative to the working directory when it is inside it (the repository)."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load_training_data(
    data_dir: Path,
    extra_files: Iterable[tuple[Path, str]] = (),
) -> TrainingData:
    """Read every shared file and the extra hand-labelled JSONL files `(path, source)`,
    merging duplicate texts."""
    data = TrainingData()
    raw: list[Example] = []
    for relative, reader in SHARED_FILES:
        examples, info = read_shared_file(data_dir, relative, reader)
        raw.extend(examples)
        data.files.append(info)
    for path, source in extra_files:
        examples = read_labelled_jsonl(path, source)
        raw.extend(examples)
        data.files.append(DataFile(_display_path(path), file_sha256(path), len(examples)))
    data.examples = merge_duplicates(raw)
    return data


def label_counts(examples: Iterable[Example]) -> dict[str, dict[str, int]]:
    """Per category: positive, negative and unknown row counts."""
    counts = {cat: {"positive": 0, "negative": 0, "unknown": 0} for cat in CATEGORIES}
    for example in examples:
        for cat in CATEGORIES:
            value = example.labels.get(cat)
            key = "unknown" if value is None else ("positive" if value else "negative")
            counts[cat][key] += 1
    return counts


__all__ = [
    "DataFile",
    "Example",
    "SHARED_FILES",
    "TOXIC_CATEGORIES",
    "TrainingData",
    "label_counts",
    "load_training_data",
    "merge_duplicates",
    "read_labelled_jsonl",
    "text_key",
]
