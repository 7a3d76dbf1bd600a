from moderation.pipeline import Decision, Reason, Span


def test_decision_serialises_reasons_and_spans():
    decision = Decision(
        status="rejected",
        reasons=(Reason("profanity", "rule", 1.0, (Span(4, 8),), detail="shit"),),
        scores={"profanity": 0.98765},
        model_version="m1",
    )
    data = decision.to_dict()
    assert data["status"] == "rejected"
    assert data["reasons"][0]["spans"] == [{"start": 4, "end": 8}]
    assert data["reasons"][0]["detail"] == "shit"
    assert data["scores"] == {"profanity": 0.9877}
