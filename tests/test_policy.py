"""Policy: rule hits, model scores, language and context reasons -> Decision."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from moderation.pipeline.language import LanguageResult
from moderation.pipeline.normalize import normalize
from moderation.pipeline.patterns import condemns_hate, criticises_thing, defends_group
from moderation.pipeline.policy import addresses_someone, decide, message_for, model_may_hold
from moderation.pipeline.rules import Hit
from moderation.pipeline.screen import stance
from moderation.pipeline.types import APPROVED, CATEGORIES, PENDING, REJECTED, Reason, Span

THRESHOLDS = {category: {"review": 0.5, "reject": 0.9} for category in CATEGORIES}
LOW = dict.fromkeys(CATEGORIES, 0.01)
ENGLISH = LanguageResult("en", True, 1.0, "stopwords")


def _scores(**high: float) -> dict[str, float]:
    return {**LOW, **high}


def _hit(category: str, action: str, name: str = "list:x") -> Hit:
    return Hit(category, action, 0.85, name, (Span(0, 4),))


def test_clean_comment_is_approved() -> None:
    decision = decide((), LOW, THRESHOLDS, ENGLISH, model_version="v1")
    assert (decision.status, decision.reasons, decision.model_version) == (APPROVED, (), "v1")
    assert decision.scores == LOW and decision.language == "en"


def test_reject_rule_hit_rejects_with_evidence() -> None:
    decision = decide((_hit("profanity", "reject", "list:shit"),), LOW, THRESHOLDS, ENGLISH)
    assert decision.status == REJECTED
    reason = decision.reasons[0]
    assert (reason.category, reason.source, reason.spans, reason.detail) == (
        "profanity", "rule", (Span(0, 4),), "list:shit")


def test_review_list_word_holds_as_suspect() -> None:
    decision = decide((_hit("vulgarity", "review"),), LOW, THRESHOLDS, ENGLISH)
    assert decision.status == PENDING
    assert decision.reasons[0].category == "suspect"


def test_review_pattern_keeps_its_category() -> None:
    hit = _hit("promotion", "review", "promotion:link")
    decision = decide((hit,), LOW, THRESHOLDS, ENGLISH)
    assert (decision.status, decision.reasons[0].category) == (PENDING, "promotion")


def test_model_thresholds_hold_and_reject() -> None:
    assert decide((), _scores(threat=0.6), THRESHOLDS, ENGLISH).status == PENDING
    rejected = decide((), _scores(threat=0.95), THRESHOLDS, ENGLISH)
    assert rejected.status == REJECTED
    assert (rejected.reasons[0].source, rejected.reasons[0].spans) == ("model", ())


def test_model_alone_never_rejects_swearing() -> None:
    decision = decide((), _scores(profanity=0.99, vulgarity=0.99), THRESHOLDS, ENGLISH)
    assert decision.status == PENDING
    assert {r.category for r in decision.reasons} == {"profanity", "vulgarity"}


def test_model_rejects_a_personal_attack_only_when_someone_is_addressed() -> None:
    scores = _scores(personal_attack=0.99)
    assert decide((), scores, THRESHOLDS, ENGLISH, addressed=True).status == REJECTED
    held = decide((), scores, THRESHOLDS, ENGLISH, addressed=False)
    assert (held.status, held.reasons[0].category) == (PENDING, "personal_attack")
    # Other categories reject as before; an aimed-insult rule rejects whatever the model says.
    assert decide((), _scores(abuse=0.99), THRESHOLDS, ENGLISH, addressed=False).status == REJECTED
    aimed = _hit("personal_attack", "reject", "pattern:insult_aimed:idiot")
    assert decide((aimed,), LOW, THRESHOLDS, ENGLISH, addressed=False).status == REJECTED


def test_a_defended_group_needs_more_from_the_model() -> None:
    # "Refugees are not criminals.": held for abuse only at the reject threshold, never
    # rejected on the model alone; an abuse rule in the comment restores the usual limits.
    assert decide((), _scores(abuse=0.7), THRESHOLDS, ENGLISH, defends=True).status == APPROVED
    assert decide((), _scores(abuse=0.7), THRESHOLDS, ENGLISH).status == PENDING
    assert decide((), _scores(abuse=0.95), THRESHOLDS, ENGLISH, defends=True).status == PENDING
    rule = _hit("abuse", "review", "abuse:generalisation:racism")
    assert decide((rule,), _scores(abuse=0.95), THRESHOLDS, ENGLISH,
                  defends=True).status == REJECTED
    # Other categories are untouched.
    assert decide((), _scores(threat=0.7), THRESHOLDS, ENGLISH, defends=True).status == PENDING


def test_a_defended_group_needs_a_higher_threat_score_without_a_threat_rule() -> None:
    # "No Jew deserves to be hurt." scores threat 0.30: the model reads "hurt".
    thresholds = {**THRESHOLDS, "threat": {"review": 0.25, "reject": 0.995}}
    scores = _scores(threat=0.3)
    assert decide((), scores, thresholds, ENGLISH, defends=True).status == APPROVED
    assert decide((), scores, thresholds, ENGLISH).status == PENDING
    assert decide((), _scores(threat=0.6), thresholds, ENGLISH, defends=True).status == PENDING
    rule = _hit("threat", "review", "threat:veiled")
    assert decide((rule,), scores, thresholds, ENGLISH, defends=True).reasons[-1].source == "model"
    # So does a thing called bad ("This editorial is nonsense from start to finish.").
    assert decide((), scores, thresholds, ENGLISH, criticises=True).status == APPROVED


def test_a_defended_group_or_a_thing_criticised_is_no_personal_attack_unaddressed() -> None:
    # "Turks are not stupid.", "This policy is garbage.": the model reads "stupid".
    scores = _scores(personal_attack=0.99)
    assert decide((), scores, THRESHOLDS, ENGLISH, addressed=False,
                  defends=True).status == APPROVED
    assert decide((), scores, THRESHOLDS, ENGLISH, addressed=False,
                  criticises=True).status == APPROVED
    # Said to someone, or with an insult rule in it, the usual limits hold.
    assert decide((), scores, THRESHOLDS, ENGLISH, addressed=True,
                  defends=True).status == REJECTED
    insult = _hit("personal_attack", "review", "list:moron")
    assert decide((insult,), scores, THRESHOLDS, ENGLISH, addressed=False,
                  criticises=True).status == PENDING


def test_things_criticised() -> None:
    for text in ("This policy is garbage.", "The council's plan is stupid and wasteful.",
                 "Your article is rubbish.", "Their coverage is a joke.",
                 "This editorial is nonsense from start to finish."):
        assert criticises_thing(normalize(text)), text
    for text in ("You are garbage and your article is garbage.", "The minister is stupid.",
                 "@Ali your argument is stupid", "This policy is fine."):
        assert not criticises_thing(normalize(text)), text


def test_the_model_rejects_promotion_only_beside_a_promotion_rule() -> None:
    # "I subscribe to this view" scores high: without a link, number or handle, held.
    scores = _scores(promotion=0.95)
    assert decide((), scores, THRESHOLDS, ENGLISH).status == PENDING
    link = _hit("promotion", "review", "promotion:link")
    assert decide((link,), scores, THRESHOLDS, ENGLISH).status == REJECTED


def _defends(text: str) -> bool:
    return defends_group(normalize(text))


def test_groups_defended() -> None:
    for text in ("Refugees are not criminals.", "Muslims aren't terrorists.",
                 "Trans people are not mentally ill.", "Kurdish people are not animals.",
                 "Refugees are human beings.", "Kurds are our neighbours.",
                 "Muslims are people too.", "Kurds aren't the enemy, poverty is.",
                 "Refugees are welcome in this city.", "Arabs are humans like the rest of us.",
                 "It's a lie that Kurds are criminals.",
                 "Jews are not our enemies.", "Immigrants aren't stealing jobs.",
                 "Christians are not foreigners here.",
                 "Refugees fled the war. They are not criminals.",
                 'Saying "Muslims are animals" is racist.',
                 'Calling Kurds "subhuman" is vile.',
                 "No refugee deserves to be called vermin.",
                 "Nobody should be attacked for being Muslim.",
                 "Being gay is not a 'disease from the West'.", "Being Kurdish is no crime.",
                 "Being a Yazidi is not a sin."):
        assert _defends(text), text
    for text in ("Refugees are criminals.", "The refugees are not here yet.",
                 "Politicians are not criminals.", "Muslims are terrorists, not victims.",
                 "Refugees are human shields for the militias.",
                 "Arabs are people, but inferior ones.", "It is true that Kurds are brave.",
                 "These so-called 'refugees' are racist against us.",
                 "Being gay is a sin.", "Being a journalist is not a crime here, yet."):
        assert not _defends(text), text


def test_addressing_someone() -> None:
    assert addresses_someone(normalize("You are wrong"))
    assert addresses_someone(normalize("Y0U are wr0ng"))  # through the matching view
    assert addresses_someone(normalize("@Ali exactly"))
    assert addresses_someone(normalize("Ты неправ, you know it"))  # a non-ASCII view
    assert not addresses_someone(normalize("The plan is idiotic."))


def test_overridden_thresholds_apply() -> None:
    strict = {**THRESHOLDS, "abuse": {"review": 0.2, "reject": 0.3}}
    assert decide((), _scores(abuse=0.35), strict, ENGLISH).status == REJECTED
    assert decide((), _scores(abuse=0.35), THRESHOLDS, ENGLISH).status == APPROVED


def test_uncovered_language_is_held_never_approved() -> None:
    turkish = LanguageResult("tr", False, 0.99, "identifier")
    decision = decide((), LOW, THRESHOLDS, turkish)
    assert decision.status == PENDING
    assert (decision.reasons[0].category, decision.reasons[0].detail) == ("language", "tr")
    assert decision.language == "tr"


def test_reject_beats_language_hold() -> None:
    arabic = LanguageResult("arabic", False, 1.0, "script")
    decision = decide((_hit("abuse", "reject"),), LOW, THRESHOLDS, arabic)
    assert decision.status == REJECTED
    assert [r.category for r in decision.reasons] == ["abuse", "language"]


def test_context_reasons_hold() -> None:
    reported = Reason("reported", "context", 1.0, (), None, "3 reports")
    decision = decide((), LOW, THRESHOLDS, ENGLISH, (reported,))
    assert decision.status == PENDING and decision.reasons == (reported,)


def test_deciding_reasons_come_first_and_model_reasons_borrow_rule_spans() -> None:
    hits = (_hit("threat", "reject", "threat:promise"), _hit("personal_attack", "review"))
    decision = decide(hits, _scores(threat=0.7), THRESHOLDS, ENGLISH)
    assert [(r.category, r.source) for r in decision.reasons] == [
        ("threat", "rule"), ("personal_attack", "rule"), ("threat", "model")]
    assert decision.reasons[2].spans == (Span(0, 4),)


def test_messages_for_readers() -> None:
    approved = decide((), LOW, THRESHOLDS, ENGLISH)
    held = decide((), _scores(abuse=0.6), THRESHOLDS, ENGLISH)
    rejected = decide((_hit("personal_attack", "reject"),), LOW, THRESHOLDS, ENGLISH)
    assert "published" in message_for(approved)
    assert "awaiting moderation" in message_for(held)
    assert "personal attacks" in message_for(rejected)


@pytest.mark.parametrize(
    "text",
    [
        "Your comments about Kurds are racist.",
        "This remark on refugees sounds so xenophobic.",
        "The racism against Syrians in this thread is disgusting.",
        "Insulting gay people is cowardly.",
        "Stop blaming all refugees for the crime rate.",
    ],
)
def test_hate_condemned_reads_as_defence_and_criticism(text: str) -> None:
    view = normalize(text)
    assert condemns_hate(view)
    addressed, defends, criticises = stance(view)
    assert defends and criticises
    # So the model's abuse score alone holds it only at `reject`, and its insult score
    # ("racist", "cowardly") does not count without an insult rule.
    assert decide((), _scores(abuse=0.6, personal_attack=0.6), THRESHOLDS, ENGLISH,
                  addressed=addressed, defends=defends,
                  criticises=criticises).status == APPROVED


@pytest.mark.parametrize(
    "text",
    [
        "Calling Kurds terrorists is not racist, it's the truth.",
        "Your comment is not racist at all.",
        "Stop attacking the government, it is doing its best.",
        "This article is racist garbage.",
    ],
)
def test_hate_denied_or_plain_criticism_is_not_hate_condemned(text: str) -> None:
    assert not condemns_hate(normalize(text))



_SHARE = st.floats(min_value=0.0, max_value=1.0)
_HITS = st.lists(st.builds(_hit, st.sampled_from(CATEGORIES),
                           st.sampled_from(["reject", "review"])), max_size=3)


_LIMIT = st.floats(min_value=0.001, max_value=1.0)


@given(limits=st.fixed_dictionaries({category: st.tuples(_LIMIT, _LIMIT, _SHARE)
                                     for category in CATEGORIES}),
       hits=_HITS, standing=st.tuples(st.booleans(), st.booleans(), st.booleans()))
def test_stance_changes_nothing_when_no_model_score_can_hold(limits, hits, standing):
    """The screener skips `stance` when `model_may_hold` says no: then every stance must
    give the decision of every other (thresholds in either order, even reject < review).
    Each score is a share of its category's lower threshold, so it stays under both."""
    thresholds = {category: {"review": review, "reject": reject}
                  for category, (review, reject, _share) in limits.items()}
    scores = {category: share * min(review, reject) * 0.999
              for category, (review, reject, share) in limits.items()}
    assert not model_may_hold(scores, thresholds)
    assert decide(hits, scores, thresholds, ENGLISH, (), "v", *standing) == decide(
        hits, scores, thresholds, ENGLISH, (), "v", True, False, False)


def test_model_may_hold_at_either_threshold() -> None:
    thresholds = {"abuse": {"review": 0.4, "reject": 0.95},
                  "threat": {"review": 0.6, "reject": 0.3}}
    assert not model_may_hold({"abuse": 0.39, "threat": 0.29}, thresholds)
    assert model_may_hold({"abuse": 0.4, "threat": 0.0}, thresholds)
    assert model_may_hold({"abuse": 0.0, "threat": 0.3}, thresholds)
