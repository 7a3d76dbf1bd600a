"""The Screener facade over a tiny trained model (fixture `screener`)."""
from pathlib import Path

import pytest

from moderation.pipeline import APPROVED, CATEGORIES, PENDING, REJECTED, Screener
from moderation.pipeline.rules import Entry


@pytest.fixture
def rules_only(screener: Screener) -> Screener:
    """The tiny model's scores are weak: with its thresholds out of reach, the rules,
    language check and policy decide alone, which makes approvals testable."""
    return screener.with_settings(
        thresholds={category: {"review": 1.01, "reject": 1.01} for category in CATEGORIES})


def test_decision_shape(screener: Screener) -> None:
    decision = screener.screen("Thanks for this clear report on the budget.")
    assert decision.model_version == screener.model_version != ""
    assert set(decision.scores) == set(screener.categories)
    assert all(0.0 <= value <= 1.0 for value in decision.scores.values())
    assert decision.language == "en"


def test_rules_decide_through_the_facade(screener: Screener) -> None:
    text = "Read this, you f.u.c.k.i.n.g idiot"
    decision = screener.screen(text)
    assert decision.status == REJECTED
    evidence = {text[s.start : s.end] for r in decision.reasons for s in r.spans}
    assert "f.u.c.k.i.n.g" in evidence


def test_threat_and_promotion(screener: Screener) -> None:
    assert screener.screen("I will kill you").status == REJECTED
    assert screener.screen("Subscribe to my channel, link in bio").status == REJECTED


def test_uncovered_language_is_pending(screener: Screener) -> None:
    decision = screener.screen("هذا التعليق سيء جدا")
    assert decision.status in (PENDING, REJECTED)
    assert "language" in {reason.category for reason in decision.reasons}


def test_screen_many_matches_screen(screener: Screener) -> None:
    texts = [
        "Great reporting, thank you.",
        "You are a complete moron",
        "Visit example dot com",
        "The regime murdered civilians",
        "Bu haber çok yanlış, hükümet yalan söylüyor",
        "",
    ]
    assert screener.screen_many(texts) == [screener.screen(text) for text in texts]


def test_with_settings_shares_the_model_and_applies_thresholds(rules_only: Screener) -> None:
    text = "Great reporting, thank you."
    strict = rules_only.with_settings(thresholds={"abuse": {"review": 0.0, "reject": 0.0}})
    assert strict.classifier is rules_only.classifier
    assert strict.rules is rules_only.rules
    assert strict.screen(text).status == REJECTED
    assert rules_only.screen(text).status == APPROVED
    assert strict.thresholds["abuse"] == {"review": 0.0, "reject": 0.0}
    assert strict.thresholds["threat"] == rules_only.thresholds["threat"]


def test_with_settings_entries_rebuild_rules_only_when_changed(rules_only: Screener) -> None:
    entries = [{"term": "flibbertigibbet", "category": "personal_attack", "action": "reject"}]
    custom = rules_only.with_settings(entries=entries)
    assert custom.rules is not rules_only.rules
    assert custom.screen("What a flibbertigibbet").status == REJECTED
    assert rules_only.screen("What a flibbertigibbet").status == APPROVED
    same = custom.with_settings(entries=[Entry("flibbertigibbet", "personal_attack", 2, "reject")])
    assert same.rules is custom.rules
    assert custom.with_settings(entries=[]).rules is rules_only.rules


def test_clean_news_comments_are_approved_by_the_rules(rules_only: Screener) -> None:
    for text in ["The regime murdered civilians and bombed the hospital.",
                 "Dickens would have recognised this Scunthorpe housing scandal.",
                 "Source: https://www.reuters.com/world/ for the figures.",
                 "Well said", "lol"]:
        assert rules_only.screen(text).status == APPROVED, text


def test_allow_entry_from_the_dashboard(screener: Screener) -> None:
    relaxed = screener.with_settings(entries=[{"term": "bollocks", "action": "allow"}])
    assert "list:bollocks" in {r.detail for r in screener.screen("Bollocks").reasons}
    assert "list:bollocks" not in {r.detail for r in relaxed.screen("Bollocks").reasons}


def _committed_statuses(dev_set: str) -> list[tuple[list[str], str]]:
    """(labels, status) of every row of `tests/data/<dev_set>`, screened by the committed
    model with its own thresholds; skips when no model is committed."""
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    if not (root / "models" / "model.joblib").is_file():
        pytest.skip("no committed model in models/")
    rows = [json.loads(line) for line in
            (root / "tests" / "data" / dev_set).read_text("utf-8").splitlines()
            if line.strip()]
    decisions = Screener.from_path(root / "models").screen_many([row["text"] for row in rows])
    return [(row["labels"], d.status) for row, d in zip(rows, decisions, strict=True)]


def test_committed_model_meets_the_news_dev_targets() -> None:
    """The joint goal of issue 3, measured with the committed model and thresholds:
    clean comments rejected <= 2 % and held <= 10 %; violations approved <= 5 % overall
    and <= 10 % in every category."""
    statuses = _committed_statuses("news_dev.jsonl")
    clean = [status for labels, status in statuses if not labels]
    violations = [(labels, status) for labels, status in statuses if labels]
    assert clean.count(REJECTED) / len(clean) <= 0.02
    assert clean.count(PENDING) / len(clean) <= 0.10
    assert sum(status == APPROVED for _, status in violations) / len(violations) <= 0.05
    for category in CATEGORIES:
        in_category = [status for labels, status in violations if category in labels]
        assert in_category.count(APPROVED) / len(in_category) <= 0.10, category


def test_committed_model_on_the_functional_set() -> None:
    """`tests/data/functional_dev.jsonl` is never trained or tuned on: it measures how the
    committed model generalises to the abilities it names (hate said as a feeling,
    dehumanisation, disguised spellings, spam without a link; and, clean, counter-speech,
    negation, identity terms said kindly, harsh criticism, violent news). The bounds
    leave a margin over what the committed model measured (see the README)."""
    statuses = _committed_statuses("functional_dev.jsonl")
    clean = [status for labels, status in statuses if not labels]
    violations = [status for labels, status in statuses if labels]
    assert REJECTED not in clean
    assert clean.count(PENDING) / len(clean) <= 0.15
    assert violations.count(APPROVED) / len(violations) <= 0.10


def test_committed_model_rejects_insults_at_people_not_at_things() -> None:
    """Insult words about a policy or an article are held at most; said to someone they
    are rejected (the model rejects a personal attack only in a comment that addresses
    someone)."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    if not (root / "models" / "model.joblib").is_file():
        pytest.skip("no committed model in models/")
    screener = Screener.from_path(root / "models")
    things = ["The plan is idiotic.", "This is a stupid article.", "What a dumb idea."]
    assert REJECTED not in {screener.screen(text).status for text in things}
    people = ["You are stupid.", "@Ali you absolute moron."]
    assert {screener.screen(text).status for text in people} == {REJECTED}


def _probe_statuses(name: str) -> tuple[list[str], list[str], int]:
    """The committed model's statuses on a probe file in tests/data: those expected
    approved, those expected not approved, and the number of rows."""
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    if not (root / "models" / "model.joblib").is_file():
        pytest.skip("no committed model in models/")
    rows = [json.loads(line) for line in
            (root / "tests" / "data" / name).read_text("utf-8").splitlines()]
    decisions = Screener.from_path(root / "models").screen_many([row["text"] for row in rows])
    clean = [d.status for row, d in zip(rows, decisions, strict=True)
             if row["expected"] == "approved"]
    violations = [d.status for row, d in zip(rows, decisions, strict=True)
                  if row["expected"] == "not_approved"]
    return clean, violations, len(rows)


def test_committed_model_on_the_probes() -> None:
    """`tests/data/probes.jsonl`: 1,195 comments written in the session of 2026-12-02
    by helpers that saw neither the rules nor the dev sets (functional tests of hate
    speech in HateCheck's manner, spam of many sources, readers' comments under news; a
    second set, `probe` = "second", written after the first round of fixes), each expected
    `approved` or `not_approved`. The rules were then fixed against their failures, so
    this guards those fixes rather than measuring them fairly. Measured then: clean
    rejected 0 of 572, held 35 of 572; violations approved 43 of 623."""
    clean, violations, total = _probe_statuses("probes.jsonl")
    assert len(clean) + len(violations) == total
    assert clean.count(REJECTED) / len(clean) <= 0.01
    assert clean.count(PENDING) / len(clean) <= 0.08
    assert violations.count(APPROVED) / len(violations) <= 0.09


@pytest.mark.parametrize(("name", "size", "most_held", "most_approved"), [
    ("probes_fifth.jsonl", 160, 16, 40),
    ("probes_sixth.jsonl", 150, 10, 32),
    ("probes_eighth.jsonl", 150, 10, 30),
    ("probes_tenth.jsonl", 150, 10, 20),
    ("probes_eleventh.jsonl", 150, 20, 28),
    ("probes_twelfth.jsonl", 150, 15, 10),
    ("probes_fourteenth.jsonl", 150, 20, 20),
    ("probes_fifteenth.jsonl", (152, 129), 12, 15),
])
def test_committed_model_on_the_blind_probes_of_2026_12_03(
        name: str, size: int | tuple[int, int], most_held: int, most_approved: int) -> None:
    """Comments under news written blind on 2026-12-03 (helpers that saw no code, rules,
    data or other probes), half clean: `probes_fifth.jsonl` (320) and
    `probes_sixth.jsonl` (300, written after the first round of fixes). Out of sample they
    measured 249 of 320 and 247 of 300 passing; the day's threat, phone, sexism, slur and
    leering rules were then fixed against them (277 and 271 pass), so this guards those
    fixes: no clean comment rejected, at most `most_held` held, at most `most_approved`
    violations approved (measured 10 and 33; 3 and 26). `probes_eighth.jsonl` (300), written
    blind after those fixes, measured 242 of 300 out of sample (violations approved 53);
    after the next round of rules and the model 2026-12-03-58c8fcb877f3, 271 (held 6, approved 23).
    `probes_tenth.jsonl` (300), written blind later that day, measured 250 out of sample
    (held 5, approved 45); after its rules and the model 2026-12-03-4dc643946bc9, 282
    (held 5, approved 13). `probes_eleventh.jsonl` (300), written blind after that, measured
    242 out of sample (held 14, approved 44; the session's starting rules and model: 241);
    after its rules, 266. With the model 2026-12-03-10b20bb80218 (veiled-threat rows): 281
    (held 7, approved 12) and 266 (held 15, approved 19). `probes_twelfth.jsonl` (300),
    written blind last, measured 266 out of sample against all of that (held 11, approved
    23; the session's starting rules and model: 261, held 8, approved 31); after its rules,
    289 (held 9, approved 2). `probes_fourteenth.jsonl` (300, written after the thirteenth,
    which is kept unfixed) measured 257 out of sample (held 15, approved 28; start: 252);
    after its rules, 273 (held 14, approved 13). `probes_fifteenth.jsonl` (152 clean, 129
    violations; written in the next session, 2026-12-03 afternoon) measured 247 of 281 out
    of sample (held 9, approved 25); after its rules, 261 (held 9, approved 11); with the
    model 2026-12-03-d571266de480, 259 (held 10, approved 12); with the evening's rules
    and the model 2026-12-03-dab7d1f8722e, 264 (held 6, approved 11). The README
    names what still passes."""
    clean, violations, _ = _probe_statuses(name)
    assert (len(clean), len(violations)) == (size if isinstance(size, tuple) else (size, size))
    assert REJECTED not in clean
    assert clean.count(PENDING) <= most_held
    assert violations.count(APPROVED) <= most_approved


@pytest.mark.parametrize("name", sorted(
    path.name for path in (Path(__file__).resolve().parent / "data").glob("probes*.jsonl")))
def test_committed_model_rejects_no_clean_probe_comment(name: str) -> None:
    """Every probe, the standing blind ones included (`probes_ninth`, `_heldout`,
    `_thirteenth`, `_sixteenth`, `_seventeenth`, `_eighteenth`: never fixed against):
    a wrongly rejected comment silences a reader, so none of their clean comments may be
    rejected (held is for a moderator to decide). Measured: 0 of 2,681."""
    clean, _, _ = _probe_statuses(name)
    assert clean and REJECTED not in clean
