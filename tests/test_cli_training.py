"""`moderation train` and `moderation evaluate` end to end, through the real CLI group."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.cli import ScriptInfo

from moderation.cli import cli
from moderation.pipeline.classifier import CARD_FILE, MODEL_FILE, load_classifier
from moderation.pipeline.types import CATEGORIES

LABELLED = [
    {"text": "Thank you for the careful reporting on the budget.", "labels": []},
    {"text": "The referee had a poor game, but the team deserved to lose.", "labels": []},
    {"text": "Interesting piece on the oil price; the second chart is unclear.", "labels": []},
    {"text": "you are a pathetic moron and should shut up", "labels": ["personal_attack"]},
    {"text": "What a load of sh1t, f u c k this paper", "labels": ["profanity"]},
    {"text": "Earn $500 a day from home, visit cashnow dot com", "labels": ["promotion"]},
]


def _no_app() -> None:
    raise AssertionError("train and evaluate must not build the Flask app")


def _invoke(args: list[str]):
    """Run the CLI with an app factory that fails if anything asks for the app."""
    return CliRunner().invoke(cli, args, obj=ScriptInfo(create_app=_no_app))


@pytest.fixture
def labelled_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "labelled.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in LABELLED), encoding="utf-8")
    return path


def test_train_with_limit_writes_a_loadable_model_and_reports_what_it_read(
    shared_data_dir, tmp_path
):
    output = tmp_path / "models"
    result = _invoke(
        ["train", "--data", str(shared_data_dir), "--output", str(output), "--limit", "40",
         "--hash-bits", "12", "--seed", "3"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "olid/olid-training-v1.0.tsv" in result.output
    assert "13240" in result.output
    for cat in CATEGORIES:
        assert cat in result.output
    assert "ROC-AUC" in result.output and "mean ROC-AUC" in result.output
    assert (output / MODEL_FILE).is_file()
    card = json.loads((output / CARD_FILE).read_text(encoding="utf-8"))
    assert card["config"] == {"seed": 3, "limit": 40, "test_size": 0.15}
    assert load_classifier(output).predict_proba(["hello"]).shape == (1, len(CATEGORIES))


def test_train_rejects_a_missing_data_directory(tmp_path):
    result = _invoke(["train", "--data", str(tmp_path / "nope"), "--output", str(tmp_path)])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_evaluate_prints_per_category_metrics_and_clean_rates(tiny_model_dir, labelled_jsonl):
    result = _invoke(["evaluate", "--data", str(labelled_jsonl), "--model", str(tiny_model_dir)])
    assert result.exit_code == 0, result.output
    assert "6 labelled texts" in result.output
    for heading in ("precision", "recall", "F1", "ROC-AUC", "clean rejected", "clean held"):
        assert heading in result.output
    for cat in CATEGORIES:
        assert cat in result.output
    assert "3 / 3" in result.output  # clean / violations


def test_evaluate_reads_csv_with_category_columns(tiny_model_dir, tmp_path):
    path = tmp_path / "labelled.csv"
    path.write_text(
        "text,personal_attack,promotion\n"
        '"Good article, thanks",0,0\n'
        "you idiot,1,0\n"
        "buy now at cheap-pills.example,0,1\n",
        encoding="utf-8",
    )
    result = _invoke(["evaluate", "--data", str(path), "--model", str(tiny_model_dir)])
    assert result.exit_code == 0, result.output
    assert "3 labelled texts" in result.output
    assert "1 / 2" in result.output


def test_evaluate_compares_peers_side_by_side(tiny_model_dir, labelled_jsonl):
    result = _invoke(
        ["evaluate", "--data", str(labelled_jsonl), "--model", str(tiny_model_dir),
         "--compare-peers"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "screener" in result.output and "better-profanity" in result.output
    note = "alt-profanity-check is not installed (pip install 'moderation[peers]')"
    try:
        import profanity_check  # noqa: F401
    except ImportError:
        assert note in result.output
    else:
        assert note not in result.output
        assert "alt-profanity-check" in result.output


def test_evaluate_without_a_model_is_a_clear_error(labelled_jsonl, tmp_path):
    result = _invoke(["evaluate", "--data", str(labelled_jsonl), "--model", str(tmp_path)])
    assert result.exit_code == 1
    assert "no model card" in result.output


def test_evaluate_rejects_unknown_label_names(tiny_model_dir, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "x", "labels": ["rude"]}\n', encoding="utf-8")
    result = _invoke(["evaluate", "--data", str(path), "--model", str(tiny_model_dir)])
    assert result.exit_code == 2
    assert "unknown categories" in result.output
