"""The Screener facade over a tiny trained model (fixture `screener`)."""
from moderation.pipeline import APPROVED, PENDING, REJECTED, Screener
from moderation.pipeline.rules import Entry


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


def test_with_settings_shares_the_model_and_applies_thresholds(screener: Screener) -> None:
    text = "Great reporting, thank you."
    strict = screener.with_settings(thresholds={"abuse": {"review": 0.0, "reject": 0.0}})
    assert strict.classifier is screener.classifier
    assert strict.rules is screener.rules
    assert strict.screen(text).status == REJECTED
    assert screener.screen(text).status == APPROVED
    assert strict.thresholds["abuse"] == {"review": 0.0, "reject": 0.0}
    assert strict.thresholds["threat"] == screener.thresholds["threat"]


def test_with_settings_entries_rebuild_rules_only_when_changed(screener: Screener) -> None:
    entries = [{"term": "flibbertigibbet", "category": "personal_attack", "action": "reject"}]
    custom = screener.with_settings(entries=entries)
    assert custom.rules is not screener.rules
    assert custom.screen("What a flibbertigibbet").status == REJECTED
    assert screener.screen("What a flibbertigibbet").status == APPROVED
    same = custom.with_settings(entries=[Entry("flibbertigibbet", "personal_attack", 2, "reject")])
    assert same.rules is custom.rules
    assert custom.with_settings(entries=[]).rules is screener.rules


def test_allow_entry_from_the_dashboard(screener: Screener) -> None:
    relaxed = screener.with_settings(entries=[{"term": "bollocks", "action": "allow"}])
    assert "list:bollocks" in {r.detail for r in screener.screen("Bollocks").reasons}
    assert "list:bollocks" not in {r.detail for r in relaxed.screen("Bollocks").reasons}
