"""Properties of screening any string: never raises, spans inside the text, input unchanged."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moderation.pipeline import Screener
from moderation.pipeline.normalize import normalize
from moderation.pipeline.rules import default_rules

# Text that exercises the disguises: look-alikes, zero-width characters, combining marks,
# leet characters, separators and words from the lists, mixed with arbitrary Unicode.
_PIECES = st.sampled_from([
    "fuck", "sh1t", "f.u.c.k", "s h i t", "ѕһіт", "\u200b", "\u0301", "ﬁ", "ｆ", "$", "@", "!",
    "0800 123 4567", "www.x.biz", "dot com", " you idiot", "I will kill you", "Scunthorpe",
    "ß", "İ", "\ufeff", "\ud800", "aaa", " ", ".", "-", "_", "\n", "هذا", "Это",
])
TEXTS = st.one_of(st.text(max_size=200), st.lists(_PIECES, max_size=20).map("".join))

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(TEXTS)
def test_view_offsets_are_consistent(text: str) -> None:
    view = normalize(text)
    assert len(view.offsets) == len(view.text) + 1
    for start in range(len(view.text)):
        span = view.span(start, start + 1)
        assert 0 <= span.start < span.end <= len(text)


@SETTINGS
@given(TEXTS)
def test_rule_spans_lie_inside_the_text(text: str) -> None:
    for hit in default_rules().scan(text):
        for span in hit.spans:
            assert 0 <= span.start < span.end <= len(text)


@SETTINGS
@given(TEXTS)
def test_screen_never_raises_and_never_changes_the_input(screener: Screener, text: str) -> None:
    copy = "".join(list(text))
    decision = screener.screen(text)
    assert text == copy
    assert decision.status in ("approved", "pending", "rejected")
    for reason in decision.reasons:
        for span in reason.spans:
            assert 0 <= span.start <= span.end <= len(text)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(TEXTS, max_size=8))
def test_screen_many_equals_screen(screener: Screener, texts: list[str]) -> None:
    assert screener.screen_many(texts) == [screener.screen(text) for text in texts]
