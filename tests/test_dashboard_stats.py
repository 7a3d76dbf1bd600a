"""Statistics page and its SVG charts; the evidence splitter behind highlighting."""
from __future__ import annotations

import re

from fixtures_dashboard import BENIGN, submit
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import given
from hypothesis import strategies as st

from moderation.dashboard.charts import horizontal_bars, stacked_columns
from moderation.dashboard.evidence import split_evidence


def test_stats_page_draws_charts_from_the_log(dash_app: Flask, mod_client: FlaskClient) -> None:
    from moderation import services

    with dash_app.app_context():
        ids = [submit(text).id for text in BENIGN]
        services.create_moderator("<b>evil</b>", "long-enough-pw")
        services.decide(ids[0], "rejected", "<b>evil</b>", "threat")
        services.decide(ids[1], "approved", "mo")
    html = mod_client.get("/moderate/stats").get_data(as_text=True)
    assert html.count("<svg") == 4
    assert "&lt;b&gt;evil&lt;/b&gt;" in html and "<b>evil</b>" not in html
    assert re.search(r'<div class="tile"><span class="tile-value">2</span>'
                     r'<span class="tile-label">waiting for review', html)
    assert "decided automatically (4 of 6)" in html and ">67%<" in html
    assert "<title>&lt;b&gt;evil&lt;/b&gt;: 1 rejected</title>" in html
    assert "rx=" in html and mod_client.get("/moderate/stats?days=30").status_code == 200


def test_stats_page_without_data(mod_client: FlaskClient) -> None:
    html = mod_client.get("/moderate/stats?days=999").get_data(as_text=True)
    assert "No data in this period." in html and "14 days" in html


def test_stacked_columns_scale_to_the_tallest_column() -> None:
    chart = stacked_columns("t", ["2026-01-01", "2026-01-02"],
                            {"2026-01-01": {"a": 2, "b": 2}, "2026-01-02": {"a": 1}}, ["a", "b"])
    heights = {(bar.label): bar.height for bar in chart.bars}
    assert heights["2026-01-01: 2 a"] + heights["2026-01-01: 2 b"] == 170
    assert heights["2026-01-02: 1 a"] == 42.5
    assert chart.maximum == 4 and [label for *_, label in chart.labels] == ["01-01", "01-02"]


def test_horizontal_bars_one_row_per_label() -> None:
    chart = horizontal_bars("t", [("mo", {"approved": 3}), ("ada", {"rejected": 1})],
                            ["approved", "rejected"])
    assert [bar.series for bar in chart.bars] == ["approved", "rejected"]
    assert chart.bars[0].width == 440.0 and chart.kind == "rows"


def test_split_evidence_marks_overlaps() -> None:
    reasons = [{"category": "threat", "spans": [{"start": 0, "end": 5}]},
               {"category": "abuse", "spans": [{"start": 3, "end": 8}, {"start": 50, "end": 60}]}]
    pieces = split_evidence("abcdefghij", reasons)
    assert [(p.text, p.categories) for p in pieces] == [
        ("abc", ("threat",)), ("de", ("abuse", "threat")), ("fgh", ("abuse",)), ("ij", ())]


@given(st.text(max_size=40), st.lists(st.tuples(st.integers(-5, 50), st.integers(-5, 50)),
                                      max_size=5))
def test_split_evidence_pieces_join_back_to_the_text(text: str,
                                                     spans: list[tuple[int, int]]) -> None:
    reasons = [{"category": "x", "spans": [{"start": s, "end": e} for s, e in spans]}]
    pieces = split_evidence(text, reasons)
    assert "".join(p.text for p in pieces) == text
    assert all(p.text for p in pieces)
