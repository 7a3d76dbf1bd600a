"""Training: loaders, label mapping and masking, determinism, the model card."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
import sklearn

from moderation.pipeline.classifier import (
    CARD_FILE,
    UNKNOWN,
    CalibratedLinearScorer,
    load_classifier,
)
from moderation.pipeline.types import CATEGORIES
from moderation.training.datasets import (
    SHARED_FILES,
    Example,
    decode_impermium,
    merge_duplicates,
    read_labelled_jsonl,
    read_shared_file,
    toxic_span_text,
)
from moderation.training.evaluate import LabelledText
from moderation.training.labels import LABEL_MAPPING
from moderation.training.thresholds import (
    GRID,
    REJECT_GRID,
    cost,
    replay_matches_screener,
    tune_thresholds,
)
from moderation.training.train import (
    TrainConfig,
    sample_per_source,
    split_held_out,
    target_matrix,
    train_model,
)

#: Row counts from ../shared/data/SOURCES.md, which the reading notes are there to get right.
EXPECTED_ROWS = {
    "davidson-hate-offensive/labeled_data.csv": 24783,
    "ethos/Ethos_Dataset_Binary.csv": 998,
    "ethos/Ethos_Dataset_Multi_Label.csv": 433,
    "olid/olid-training-v1.0.tsv": 13240,
    "youtube-spam/Youtube01-Psy.csv": 350,
    "youtube-spam/Youtube02-KatyPerry.csv": 350,
    "youtube-spam/Youtube03-LMFAO.csv": 438,
    "youtube-spam/Youtube04-Eminem.csv": 448,
    "sms-spam/SMSSpamCollection.tsv": 5574,
    "jigsaw-toxic-comment/train_first_2886_rows.csv": 2886,
    "dynahate/dev.csv": 4125,
    "impermium-insults/train.csv": 3947,
    "impermium-insults/impermium_verification_labels.csv": 2235,
    "gab-hate-corpus/ghc_train.tsv": 22036,
    "hateval-semeval2019/train_en.tsv": 9000,
    "hateval-semeval2019/dev_en.tsv": 1000,
    "implicit-hate/implicit_hate_v1_stg1_posts.tsv": 21480,
    "implicit-hate/implicit_hate_v1_stg2_posts.tsv": 6346,
    "toxic-spans/tsd_train.csv": 7939,
    "toxic-spans/tsd_trial.csv": 690,
}

TINY = {"limit": 60, "hash_bits": 12, "calibration_folds": 2}


@pytest.fixture(scope="module")
def shared_rows(shared_data_dir: Path) -> dict[str, list[Example]]:
    """Every shared file read once, by its path."""
    return {
        relative: read_shared_file(shared_data_dir, relative, reader)[0]
        for relative, reader in SHARED_FILES
    }


def test_every_loader_reads_the_documented_row_count(shared_rows):
    assert {path: len(rows) for path, rows in shared_rows.items()} == EXPECTED_ROWS


def test_no_arabic_file_is_read_for_the_english_model():
    assert not [path for path, _ in SHARED_FILES if path.startswith("arabic")]


def _find(rows: list[Example], fragment: str) -> Example:
    return next(row for row in rows if fragment in row.text)


def test_labels_are_masked_where_a_source_does_not_label_a_category(shared_rows):
    hateval = shared_rows["hateval-semeval2019/train_en.tsv"]
    assert all(set(row.labels) <= {"abuse", "personal_attack"} for row in hateval)
    impermium = shared_rows["impermium-insults/train.csv"]
    assert all(set(row.labels) == {"personal_attack"} for row in impermium)
    # A "not hate" row says nothing about swearing or insults.
    implicit = shared_rows["implicit-hate/implicit_hate_v1_stg1_posts.tsv"]
    assert {tuple(sorted(row.labels.items())) for row in implicit} == {
        (("abuse", 0),),
        (("abuse", 1),),
    }


def test_davidson_classes_map_to_categories(shared_rows):
    rows = shared_rows["davidson-hate-offensive/labeled_data.csv"]
    kinds = {tuple(sorted(row.labels.items())) for row in rows}
    assert kinds == {
        (("abuse", 1),),
        (("abuse", 0), ("profanity", 1), ("vulgarity", 1)),
        tuple(sorted({cat: 0 for cat in CATEGORIES}.items())),
    }
    assert "&amp;" not in "".join(row.text for row in rows)


def test_olid_null_and_targets(shared_rows):
    rows = shared_rows["olid/olid-training-v1.0.tsv"]
    # "OFF UNT NULL": untargeted profanity, the NULL not read as missing data.
    untargeted = _find(rows, "She should ask a few native Americans")
    assert untargeted.labels == {
        "profanity": 1,
        "threat": 0,
        "personal_attack": 0,
        "abuse": 0,
    }
    individual = _find(rows, "Go home you’re drunk")
    assert individual.labels == {"personal_attack": 1, "abuse": 0}


def test_ethos_fractions_are_thresholded(shared_rows):
    binary = shared_rows["ethos/Ethos_Dataset_Binary.csv"]
    assert sum(row.labels["abuse"] for row in binary) == 433
    multi = shared_rows["ethos/Ethos_Dataset_Multi_Label.csv"]
    sloth = _find(multi, "You look like Sloth")
    assert sloth.labels == {"abuse": 1, "threat": 0, "personal_attack": 1}


def test_spam_sources_teach_promotion(shared_rows):
    sms = shared_rows["sms-spam/SMSSpamCollection.tsv"]
    assert sum(row.labels["promotion"] for row in sms) == 747
    youtube = [row for path, rows in shared_rows.items() if "youtube" in path for row in rows]
    assert sum(row.labels["promotion"] for row in youtube) == 175 + 175 + 236 + 245
    assert all(row.labels["abuse"] == 0 for row in youtube)


def test_gab_jigsaw_and_dynahate_labels(shared_rows):
    gab = shared_rows["gab-hate-corpus/ghc_train.tsv"]
    assert sum(row.labels.get("threat", 0) for row in gab) == 131
    jigsaw = shared_rows["jigsaw-toxic-comment/train_first_2886_rows.csv"]
    assert sum(row.labels.get("threat", 0) for row in jigsaw) == 12
    assert sum(row.labels.get("personal_attack", 0) for row in jigsaw) == 158
    dynahate = shared_rows["dynahate/dev.csv"]
    assert sum(row.labels.get("threat", 0) for row in dynahate) == 58
    assert sum("threat" not in row.labels for row in dynahate) == 698  # type notgiven
    assert not any(char in row.text for row in dynahate for char in "\x18\x19\x1c\x1d")


def test_implicit_hate_stage_two_threats(shared_rows):
    stage2 = shared_rows["implicit-hate/implicit_hate_v1_stg2_posts.tsv"]
    threats = sum(row.labels["threat"] for row in stage2)
    assert 666 <= threats <= 666 + 130  # threatening, plus extra_implicit_class threatening


def test_impermium_text_is_decoded():
    # csv has already turned the field's `"""…"""` into `"…"`.
    assert decode_impermium('"You fuck your dad."') == "You fuck your dad."
    decoded = decode_impermium('"point.\\xa0 It\\\\xc2\\xa0is\\u2019s\\nok"')
    assert decoded == "point.\xa0 It\xa0is’s\nok"


def test_toxic_spans_become_personal_attacks_only_for_strong_insults(shared_rows):
    text = "Because he's a moron and a bigot."
    assert toxic_span_text(text, [15, 16, 17, 18, 19, 27, 28, 29, 30, 31]) == "moron bigot"
    trial = shared_rows["toxic-spans/tsd_trial.csv"]
    moron = _find(trial, "Because he's a moron and a bigot")
    assert moron.labels == {"personal_attack": 1}
    assert any(row.labels == {} for row in trial)


def test_merge_duplicates_keeps_known_labels_and_drops_unlabelled_rows():
    rows = [
        Example("Same  TEXT", {"abuse": 0}, "a"),
        Example("same text", {"abuse": 1, "threat": 0}, "b"),
        Example("nothing known", {}, "c"),
    ]
    merged = merge_duplicates(rows)
    assert merged == [Example("Same  TEXT", {"abuse": 1, "threat": 0}, "a")]


def test_target_matrix_marks_unknown_categories():
    Y = target_matrix([Example("x", {"abuse": 1, "threat": 0}, "s")])
    expected = [UNKNOWN] * len(CATEGORIES)
    expected[CATEGORIES.index("abuse")] = 1
    expected[CATEGORIES.index("threat")] = 0
    assert Y.tolist() == [expected]


def test_unknown_rows_do_not_train_a_category():
    rng = np.random.default_rng(0)
    X = sp.csr_matrix(rng.random((120, 8)).astype(np.float32))
    Y = np.zeros((120, 2), dtype=np.int8)
    Y[:60, 0] = 1
    Y[::2, 1] = 1
    masked = Y.copy()
    masked[100:, 0] = UNKNOWN
    dropped = CalibratedLinearScorer(cv=2).fit(X[:100], Y[:100])
    with_unknown = CalibratedLinearScorer(cv=2).fit(X, masked)
    np.testing.assert_allclose(with_unknown.coef_[:, 0], dropped.coef_[:, 0], rtol=1e-6)
    assert not np.allclose(with_unknown.coef_[:, 1], dropped.coef_[:, 1])


def test_read_labelled_jsonl_marks_every_category_known(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text(
        '{"text": "I do not hate women.", "labels": []}\n\n'
        '{"text": "die, scum", "labels": ["threat", "personal_attack"]}\n',
        encoding="utf-8",
    )
    rows = read_labelled_jsonl(path, "handwritten")
    assert rows[0].labels == {cat: 0 for cat in CATEGORIES}
    assert rows[1].labels["threat"] == rows[1].labels["personal_attack"] == 1
    assert sum(rows[1].labels.values()) == 2
    path.write_text('{"text": "x", "labels": ["rudeness"]}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="rows.jsonl:1"):
        read_labelled_jsonl(path, "handwritten")


def test_sampling_and_split_are_deterministic_and_stratified():
    rows = [
        Example(f"{source} {i}", {"abuse": i % 2}, source) for source in "ab" for i in range(40)
    ]
    assert sample_per_source(rows, 10, 3) == sample_per_source(rows, 10, 3)
    assert sample_per_source(rows, 10, 3) != sample_per_source(rows, 10, 4)
    train, test = split_held_out(rows, 0.25, 0)
    assert sorted(e.source for e in test) == ["a"] * 10 + ["b"] * 10
    assert (train, test) == split_held_out(rows, 0.25, 0)


def test_two_trainings_give_identical_metrics_and_scores(shared_data_dir, tmp_path):
    config = TrainConfig(**TINY)
    first = train_model(shared_data_dir, tmp_path / "one", config, handwritten_dir=None)
    second = train_model(shared_data_dir, tmp_path / "two", config, handwritten_dir=None)
    assert first.card["held_out_metrics"] == second.card["held_out_metrics"]
    texts = ["you absolute idiot", "Thanks for covering the council vote."]
    np.testing.assert_array_equal(
        load_classifier(tmp_path / "one").predict_proba(texts),
        load_classifier(tmp_path / "two").predict_proba(texts),
    )


def test_card_records_data_versions_mapping_metrics_and_thresholds(tiny_model_dir):
    card = json.loads((tiny_model_dir / CARD_FILE).read_text(encoding="utf-8"))
    assert card["sklearn_version"] == sklearn.__version__
    assert card["categories"] == list(CATEGORIES)
    files = {entry["path"]: entry for entry in card["data_files"]}
    assert {path: files[path]["rows"] for path in EXPECTED_ROWS} == EXPECTED_ROWS
    assert files["olid/olid-training-v1.0.tsv"]["sha256"] == (
        "d976bd6faf7800571d06aa4fda00c11c1d39e6fd139747067f683d0c6e76d31f"
    )
    assert card["label_mapping"] == LABEL_MAPPING
    metrics = card["held_out_metrics"]
    for cat in CATEGORIES:
        assert 0.5 <= metrics[cat]["roc_auc"] <= 1
        assert set(metrics[cat]["at_review"]) == {"precision", "recall", "f1"}
    assert set(card["thresholds"]) == set(CATEGORIES)
    assert card["features"]["n_features"] == 2**16
    assert card["created_at"] and card["training_seconds"] > 0
    assert card["label_counts"]["all"]["threat"]["unknown"] > 0


def test_feedback_rows_are_trained_on_and_recorded(shared_data_dir, tmp_path):
    feedback = tmp_path / "feedback.jsonl"
    lines = [
        {"text": f"feedback spam number {i} buy now", "labels": ["promotion"]} for i in range(5)
    ]
    feedback.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = train_model(
        shared_data_dir,
        tmp_path / "model",
        TrainConfig(**TINY),
        feedback=feedback,
        handwritten_dir=None,
    )
    recorded = [
        entry for entry in result.card["data_files"] if entry["path"].endswith("feedback.jsonl")
    ]
    assert recorded and recorded[0]["rows"] == 5
    assert any(e.source == "feedback" for e in result.data.examples)


def test_threshold_tuning_meets_targets_it_can_and_stays_on_the_grid(screener):
    items = [
        LabelledText("Thank you for this careful reporting on the election.", frozenset()),
        LabelledText("The council vote was delayed again, which is frustrating.", frozenset()),
        LabelledText(
            "you are a stupid idiot and everyone hates you", frozenset({"personal_attack"})
        ),
        LabelledText("buy cheap followers at example dot com now", frozenset({"promotion"})),
    ]
    start = {cat: {"review": 0.5, "reject": 0.9} for cat in CATEGORIES}
    thresholds, evaluation = tune_thresholds(screener, items, start, passes=1)
    for values in thresholds.values():
        assert values["review"] in GRID + (0.5,) and values["reject"] in REJECT_GRID + (0.9,)
        assert values["review"] <= values["reject"]
    from moderation.training.evaluate import evaluate_screener

    before = evaluate_screener(screener.with_settings(thresholds=start), items)
    assert cost(evaluation) <= cost(before)


def test_threshold_tuning_keeps_the_fixed_reject_floors(screener):
    """`REJECT_FLOOR` holds even when the tuner starts below it and the dev rows would
    reward a lower value (spam with a link, which a low promotion threshold rejects)."""
    from moderation.training.thresholds import REJECT_FLOOR

    items = [
        LabelledText("Thank you for this careful reporting on the election.", frozenset()),
        LabelledText("buy cheap followers at example dot com now", frozenset({"promotion"})),
        LabelledText("Best deals at cheap-shop.xyz, visit today", frozenset({"promotion"})),
    ]
    start = {cat: {"review": 0.5, "reject": 0.5} for cat in CATEGORIES}
    thresholds, _ = tune_thresholds(screener, items, start, passes=1)
    for category, floor in REJECT_FLOOR.items():
        assert thresholds[category]["reject"] >= floor


def test_policy_replay_gives_the_screeners_own_decisions(screener):
    texts = [
        "Thank you for this careful reporting on the election.",
        "you are a stupid idiot and everyone hates you",
        "I will find you and you will pay for this",
        "Visit cheap-pills dot com for 50% off, DM me on telegram",
        "What a load of sh1t",
        "Les migrants sont partout, c'est une honte",
    ]
    for review, reject in ((0.05, 0.1), (0.3, 0.6), (0.5, 0.9), (0.95, 0.995)):
        thresholds = {cat: {"review": review, "reject": reject} for cat in CATEGORIES}
        assert replay_matches_screener(screener, texts, thresholds)


def test_report_templates_teach_only_that_reported_violence_is_not_a_threat():
    from moderation.training.reports import (
        BLAST_ROWS,
        BLAST_VERBS,
        BLASTS,
        ROWS,
        SOURCE,
        VERBS,
        report_examples,
    )

    rows = report_examples()
    texts = [row.text for row in rows]
    assert len(texts) == len(set(texts)) == ROWS + BLAST_ROWS
    assert all(row.source == SOURCE and dict(row.labels) == {"threat": 0} for row in rows)
    assert all(any(verb in text for verb in (*VERBS, *BLAST_VERBS, "exploded")) for text in texts)
    # Every blast is the subject of some sentence.
    assert all(any(blast in text for text in texts[ROWS:]) for blast in BLASTS)
    # Reports, never promises: no first- or second-person subject.
    words = {word.strip(".,:").lower() for text in texts for word in text.split()}
    assert not words & {"i", "i'll", "we", "we'll", "you", "you'll", "will", "gonna"}


def test_identity_templates_teach_only_that_naming_a_group_is_not_abuse():
    from moderation.training.identity import (
        COUNTER_STRIDE,
        COUNTER_TEMPLATES,
        GROUPS,
        MEMBER_TEMPLATES,
        MEMBERS,
        SOURCE,
        TEMPLATES,
        identity_examples,
    )

    rows = identity_examples()
    texts = [row.text for row in rows]
    assert len(set(texts)) == len(texts)
    assert all(row.source == SOURCE for row in rows)
    # Threat stays unknown: "violence against refugees must stop" is no clean threat row.
    assert all(dict(row.labels) == {"abuse": 0, "personal_attack": 0, "profanity": 0,
                                    "vulgarity": 0} for row in rows)
    assert "I love Muslims." in texts and "Gay people deserve equal rights." in texts
    assert "As a queer woman, I thought the reporting here was fair." in texts
    # Counter-speech quoting a hateful claim runs over a quarter of the groups only.
    counter = [text for text in texts if text.startswith("Saying ")]
    assert 0 < len(counter) <= len(GROUPS) // COUNTER_STRIDE + 1
    assert len(rows) == len(TEMPLATES) * len(GROUPS) + len(MEMBER_TEMPLATES) * len(MEMBERS) + sum(
        len(GROUPS[i % COUNTER_STRIDE :: COUNTER_STRIDE]) for i in range(len(COUNTER_TEMPLATES))
    )


def test_reject_floors_need_held_out_precision() -> None:
    """The model may reject alone only from a score where held-out comments above it are
    mostly violations; a category with no precise region gets the top of the grid."""
    import numpy as np

    from moderation.pipeline.types import CATEGORIES
    from moderation.training.thresholds import REJECT_GRID, reject_floors

    rng = np.random.default_rng(0)
    scores = rng.random((2000, len(CATEGORIES)))
    targets = np.full(scores.shape, -1, dtype=np.int8)
    # Column 0: violations exactly where the score is >= 0.7; column 1: noise.
    targets[:, 0] = scores[:, 0] >= 0.7
    targets[:, 1] = rng.random(2000) < 0.5
    floors = reject_floors(targets, scores)
    assert floors[CATEGORIES[0]] == 0.7
    assert floors[CATEGORIES[1]] == REJECT_GRID[-1]
    assert floors[CATEGORIES[2]] == REJECT_GRID[-1]  # unlabelled
