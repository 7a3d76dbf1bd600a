"""`moderation rescreen` end to end, on SQLite and PostgreSQL.

Transitions come from a real settings change between submission and re-screen: the
model's thresholds are set out of reach (so only the rules decide and the tiny model's
weak scores cannot blur the outcome), comments are submitted through the service while a
review entry "quibbleton" holds some of them, then the review entry is removed and a
reject entry "zorblax" added.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from moderation import services
from moderation.cli import cli
from moderation.db import Comment, DecisionLog, WordlistEntry
from moderation.extensions import db
from moderation.pipeline.types import CATEGORIES
from moderation.rescreen import RescreenOptions, run_rescreen, target_status
from moderation.selection import Selection, Shard

CLEAN = [
    "The council vote on the water budget was long overdue.",
    "Thanks for explaining the rationing schedule so clearly.",
    "I disagree with the minister, but the article is fair.",
    "Our district has had no water since Tuesday morning.",
    "Good reporting on the semi-final, what a match.",
    "Could you publish the full text of the oil revenue law?",
]
ZORBLAX = [
    "This whole zorblax thing is getting out of hand.",
    "Only a zorblax would write such a headline.",
    "Zorblax, again, in the comments section.",
]
QUIBBLETON = [
    "The quibbleton plan for the reservoir is late.",
    "Nobody asked about the quibbleton contract yet.",
]


@dataclass
class Stored:
    """Ids of the comments `populate` stored, by role."""

    clean: list[str]
    approved_violation: list[str]
    held: list[str]
    held_violation: str
    moderator_approved: str
    moderator_approved_held: str

    @property
    def all(self) -> list[str]:
        return [*self.clean, *self.approved_violation, *self.held, self.held_violation,
                self.moderator_approved, self.moderator_approved_held]


def _submit(text: str, article: str = "demo-1") -> Any:
    return services.submit_comment(article, text, "Reader")


def populate(app: Flask) -> Stored:
    """Store comments through the services, then change the word lists."""
    with app.app_context():
        services.upsert_article("demo-1", "Water rationing")
        services.upsert_article("demo-2", "Cup semi-final")
        services.set_setting("thresholds", {c: {"review": 0.999, "reject": 1.0}
                                            for c in CATEGORIES}, "admin")
        review = services.add_wordlist_entry("quibbleton", "review", "admin", "personal_attack")
        review_id = review.id
        clean = [_submit(text, f"demo-{1 + i % 2}").comment for i, text in enumerate(CLEAN)]
        violations = [_submit(text).comment for text in ZORBLAX]
        held = [_submit(text).comment for text in QUIBBLETON]
        held_violation = _submit("Quibbleton and zorblax, the pair of them.").comment
        moderated = _submit("A moderator kept this zorblax remark up.").comment
        moderated_held = _submit("A moderator approved this quibbleton remark.").comment
        assert {c.status for c in clean + violations + [moderated]} == {"approved"}
        assert {c.status for c in held + [held_violation, moderated_held]} == {"pending"}
        services.decide(moderated.id, "approved", "mod")
        services.decide(moderated_held.id, "approved", "mod")
        stored = Stored([c.id for c in clean], [c.id for c in violations],
                        [c.id for c in held], held_violation.id, moderated.id,
                        moderated_held.id)
        services.delete_wordlist_entry(review_id, "admin")
        services.add_wordlist_entry("zorblax", "reject", "admin", "personal_attack")
    return stored


def snapshot(app: Flask) -> tuple[list[tuple[Any, ...]], int]:
    """Every comment row and the number of decision_log rows."""
    with app.app_context():
        rows = db.session.execute(sa.select(Comment.__table__).order_by(Comment.id)).all()
        logs = db.session.execute(sa.select(sa.func.count()).select_from(DecisionLog)).scalar()
        return [tuple(row) for row in rows], logs


def statuses(app: Flask) -> dict[str, tuple[str, str]]:
    with app.app_context():
        rows = db.session.execute(sa.select(Comment.id, Comment.status, Comment.decided_by))
        return {row.id: (row.status, row.decided_by) for row in rows}


def rescreen_logs(app: Flask) -> list[DecisionLog]:
    with app.app_context():
        logs = list(db.session.scalars(
            sa.select(DecisionLog).where(DecisionLog.actor == "rescreen")))
        db.session.expunge_all()
        return logs


def invoke(app: Flask, *args: str) -> Any:
    return app.test_cli_runner().invoke(cli, ["rescreen", *args])


def screened_count(output: str) -> int:
    match = re.search(r"(\d+) screened", output)
    assert match, output
    return int(match.group(1))


@pytest.fixture
def stored(backend_app: Flask) -> Stored:
    return populate(backend_app)


def test_target_status_policy() -> None:
    assert target_status("approved", "system", "rejected", "pending") == "pending"
    assert target_status("approved", "system", "rejected", "reject") == "rejected"
    assert target_status("pending", "system", "rejected", "pending") == "rejected"
    # Held by a re-screen or a moderator: waiting for a human, not rejected by default.
    assert target_status("pending", "rescreen", "rejected", "pending") == "pending"
    assert target_status("pending", "mod", "rejected", "pending") == "pending"
    assert target_status("pending", "system", "approved", "pending") == "approved"
    assert target_status("approved", "system", "pending", "reject") == "pending"


def test_dry_run_writes_nothing(backend_app: Flask, stored: Stored) -> None:
    before = snapshot(backend_app)
    result = invoke(backend_app)
    assert result.exit_code == 0, result.output
    assert "Dry run" in result.output and "6 would change" in result.output
    assert "approved → pending" in result.output and "pending → approved" in result.output
    assert snapshot(backend_app) == before


def test_apply_writes_transitions_and_logs(backend_app: Flask, stored: Stored,
                                           tmp_path: Path) -> None:
    before = statuses(backend_app)
    report = tmp_path / "changes.jsonl"
    result = invoke(backend_app, "--apply", "--report", str(report))
    assert result.exit_code == 0, result.output
    assert "6 changed" in result.output
    after = statuses(backend_app)
    expected = {
        **{i: ("pending", "rescreen") for i in stored.approved_violation},
        **{i: ("approved", "rescreen") for i in stored.held},
        stored.held_violation: ("rejected", "rescreen"),
    }
    for comment_id, state in after.items():
        assert state == expected.get(comment_id, before[comment_id]), comment_id
    logs = rescreen_logs(backend_app)
    with backend_app.app_context():
        version = services.current_screener().model_version
    assert sorted(log.comment_id for log in logs) == sorted(expected)
    assert {(log.from_status, log.to_status) for log in logs} == {
        ("approved", "pending"), ("pending", "approved"), ("pending", "rejected")}
    assert {log.model_version for log in logs} == {version}
    lines = [json.loads(line) for line in report.read_text("utf-8").splitlines()]
    assert sorted(line["id"] for line in lines) == sorted(expected)
    assert all(line["applied"] and line["to"] == expected[line["id"]][0] for line in lines)
    assert {tuple(line["categories"]) for line in lines if line["to"] != "approved"} == {
        ("personal_attack",)}


def test_moderated_comments_untouched_unless_asked(backend_app: Flask, stored: Stored) -> None:
    assert invoke(backend_app, "--apply").exit_code == 0
    after = statuses(backend_app)
    assert after[stored.moderator_approved] == ("approved", "mod")
    assert after[stored.moderator_approved_held] == ("approved", "mod")
    result = invoke(backend_app, "--apply", "--include-moderated")
    assert result.exit_code == 0, result.output
    assert statuses(backend_app)[stored.moderator_approved] == ("pending", "rescreen")
    # Re-screened with the same settings: only the moderator's violation changed now.
    assert [log.comment_id for log in rescreen_logs(backend_app)].count(
        stored.moderator_approved) == 1


def test_on_violation_reject(backend_app: Flask, stored: Stored) -> None:
    result = invoke(backend_app, "--apply", "--on-violation", "reject", "--status", "approved")
    assert result.exit_code == 0, result.output
    after = statuses(backend_app)
    assert all(after[i] == ("rejected", "rescreen") for i in stored.approved_violation)
    assert all(after[i][0] == "pending" for i in stored.held)  # not selected


def test_same_settings_change_nothing(backend_app: Flask, stored: Stored) -> None:
    assert invoke(backend_app, "--apply").exit_code == 0
    with backend_app.app_context():
        services.add_wordlist_entry("unrelatedword", "review", "admin", "promotion")
    before = snapshot(backend_app)[0]
    result = invoke(backend_app, "--apply", "--status", "any")
    assert result.exit_code == 0, result.output
    assert "0 changed" in result.output
    assert [row[:8] for row in snapshot(backend_app)[0]] == [row[:8] for row in before]


def test_interrupted_run_resumes_without_doing_anything_twice(backend_app: Flask,
                                                             stored: Stored) -> None:
    batches = []

    def interrupt_after_two(outcome: Any) -> None:
        batches.append(outcome)
        if len(batches) == 2:
            raise KeyboardInterrupt

    with backend_app.app_context(), pytest.raises(KeyboardInterrupt):
        run_rescreen(services.current_screener(),
                     RescreenOptions(Selection(include_moderated=False), apply=True,
                                     batch_size=3), interrupt_after_two)
    done = sum(outcome.screened for outcome in batches)
    assert done == 6
    result = invoke(backend_app, "--apply")
    assert result.exit_code == 0, result.output
    total = len(stored.all) - 2  # the two moderated comments are not selected
    assert screened_count(result.output) == total - done
    logs = rescreen_logs(backend_app)
    changed = [*stored.approved_violation, *stored.held, stored.held_violation]
    assert sorted(log.comment_id for log in logs) == sorted(changed)
    again = invoke(backend_app, "--apply")
    assert screened_count(again.output) == 0
    assert len(rescreen_logs(backend_app)) == len(changed)


def test_limit_then_rerun_finishes_the_job(backend_app: Flask, stored: Stored) -> None:
    first = invoke(backend_app, "--apply", "--limit", "4", "--batch-size", "3")
    assert first.exit_code == 0, first.output
    assert screened_count(first.output) == 4
    second = invoke(backend_app, "--apply")
    assert screened_count(second.output) == len(stored.all) - 2 - 4
    assert len(rescreen_logs(backend_app)) == 6


def test_shards_cover_every_comment_exactly_once(backend_app: Flask, stored: Stored,
                                                 tmp_path: Path) -> None:
    with backend_app.app_context():
        for i in range(40):  # enough ids that every shard has some
            assert _submit(f"Note {i}: a zorblax plan.", "demo-2").comment.status == "rejected"
    report = tmp_path / "report.jsonl"
    counts = []
    for index in range(3):
        result = invoke(backend_app, "--apply", "--status", "any", "--shard", f"{index}/3",
                        "--report", str(report), "--batch-size", "7")
        assert result.exit_code == 0, result.output
        counts.append(screened_count(result.output))
    assert all(counts) and sum(counts) == len(stored.all) - 2 + 40
    lines = [json.loads(line)["id"] for line in report.read_text("utf-8").splitlines()]
    assert len(lines) == len(set(lines)) == 6
    with backend_app.app_context():
        unscreened = db.session.execute(sa.select(sa.func.count()).where(
            Comment.screened_with.is_(None), Comment.decided_by != "mod")).scalar()
    assert unscreened == 0


def test_decision_taken_during_the_run_is_left_alone(backend_app: Flask, stored: Stored) -> None:
    comment_id = stored.approved_violation[0]
    with backend_app.app_context():
        stale = services.RescreenWrite(comment_id, "approved", "system", "pending", [], {}, "en")
        services.decide(comment_id, "rejected", "mod")
        applied = services.apply_rescreen([stale], "key", "v1", "test")
    assert applied == set()
    assert statuses(backend_app)[comment_id] == ("rejected", "mod")
    assert rescreen_logs(backend_app) == []


def test_shard_bounds_partition_the_id_space() -> None:
    shards = [Shard(i, 5).bounds() for i in range(5)]
    assert shards[0][0] is None and shards[-1][1] is None
    assert all(shards[i][1] == shards[i + 1][0] for i in range(4))
    for bad in ("5/5", "1/0", "a/b", "-1/2"):
        with pytest.raises(ValueError):
            Shard.parse(bad)


def test_bad_options_are_usage_errors(app: Flask) -> None:
    for args in (["--shard", "2/2"], ["--status", "spam"], ["--limit", "0"],
                 ["--since", "yesterday"], ["--on-violation", "ban"]):
        result = invoke(app, *args)
        assert result.exit_code == 2, (args, result.output)
        assert "Error: Invalid value" in result.output


def test_missing_model_is_a_clear_failure(app: Flask, tmp_path: Path) -> None:
    result = invoke(app, "--model", str(tmp_path / "nothing"))
    assert result.exit_code == 1
    assert f"No model in {tmp_path / 'nothing'}" in result.output


def test_corrupt_model_is_a_clear_failure(app: Flask, tmp_model_copy: Path) -> None:
    (tmp_model_copy / "model.joblib").write_bytes(b"not a model")
    result = invoke(app, "--model", str(tmp_model_copy))
    assert result.exit_code == 1
    assert f"Cannot load the model in {tmp_model_copy}" in result.output


def test_other_model_is_used_with_model_option(app: Flask, tmp_model_copy: Path) -> None:
    populate(app)
    result = invoke(app, "--model", str(tmp_model_copy))
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalars(sa.select(WordlistEntry)).first() is not None
    assert "6 would change" in result.output  # the dashboard's lists apply to it too


@pytest.fixture
def tmp_model_copy(tiny_model_dir: Path, tmp_path: Path) -> Path:
    import shutil

    return Path(shutil.copytree(tiny_model_dir, tmp_path / "model"))


def test_parallel_workers_write_the_same_outcome(app: Flask, tmp_path: Path) -> None:
    stored = populate(app)
    before = statuses(app)
    result = invoke(app, "--apply", "--workers", "2", "--batch-size", "2")
    assert result.exit_code == 0, result.output
    assert "12 screened" in result.output and "6 changed" in result.output
    after = statuses(app)
    assert all(after[i] == ("pending", "rescreen") for i in stored.approved_violation)
    assert all(after[i] == ("approved", "rescreen") for i in stored.held)
    assert after[stored.held_violation] == ("rejected", "rescreen")
    assert all(after[i] == before[i] for i in stored.clean)


def test_a_rescreen_refreshes_the_planner_statistics(backend_app: Flask, stored: Stored) -> None:
    """After a bulk import the database has no statistics for `comment` and pages every
    pending comment through a sort; the run analyzes the table first."""
    with backend_app.app_context():
        if db.engine.dialect.name == "postgresql":
            analyzed = sa.text("SELECT count(*) FROM pg_stats WHERE tablename = 'comment' "
                               "AND schemaname = current_schema()")
            db.session.execute(sa.text("DELETE FROM pg_statistic WHERE starelid = "
                                       "'comment'::regclass"))
        else:
            analyzed = sa.text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        db.session.commit()
        assert db.session.execute(analyzed).scalar() == 0
        run_rescreen(backend_app.extensions["screener"], RescreenOptions(Selection()))
        assert db.session.execute(analyzed).scalar() > 0
