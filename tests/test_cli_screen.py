"""`moderation screen` end to end with click's CliRunner and a tiny trained model."""
import json
from pathlib import Path

from click.testing import CliRunner

from moderation.cli import cli


def _run(args: list[str], stdin: bytes | None = None) -> tuple[int, list[dict], str]:
    result = CliRunner().invoke(cli, ["screen", *args], input=stdin)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, lines, result.output


def test_jsonl_file_in_input_order_with_bad_lines(tmp_path: Path, tiny_model_dir: Path) -> None:
    source = tmp_path / "comments.jsonl"
    source.write_bytes(
        b'{"id": "c1", "text": "Thanks for the careful reporting."}\n'
        b'{"id": "c2", "text": "f.u.c.k you"}\n'
        b"this is not json\n"
        b'{"id": "c4"}\n'
        b'{"id": "c5", "text": "bad \xff byte"}\n'
        b'{"text": "I will kill you"}\n'
    )
    out = tmp_path / "out.jsonl"
    code, _, output = _run([str(source), "--output", str(out), "--model", str(tiny_model_dir)])
    assert code == 0, output
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [row["id"] for row in rows] == ["c1", "c2", 3, "c4", 5, 6]
    assert rows[0]["status"] != "rejected"  # the tiny model may hold, never reject, this
    assert rows[1]["status"] == "rejected"
    profanity = [r for r in rows[1]["reasons"] if r["category"] == "profanity"][0]
    assert {"category", "source", "score", "spans"} <= set(profanity)
    assert profanity["spans"][0] == {"start": 0, "end": 7}
    assert "error" in rows[2] and "error" in rows[3]
    assert rows[4]["error"] == "invalid UTF-8"
    assert rows[5]["status"] == "rejected"
    assert set(rows[0]["scores"]) == {"profanity", "vulgarity", "threat", "personal_attack",
                                      "abuse", "promotion"}
    assert rows[0]["model_version"]


def test_csv_file(tmp_path: Path, tiny_model_dir: Path) -> None:
    source = tmp_path / "comments.csv"
    source.write_text('id,text\n7,"Fair point, well made"\n8,watch your back\n', "utf-8")
    code, rows, output = _run([str(source), "--model", str(tiny_model_dir)])
    assert code == 0, output
    assert [row["id"] for row in rows] == ["7", "8"]
    assert rows[0]["status"] != "rejected" and rows[1]["status"] == "rejected"


def test_plain_text_from_stdin(tiny_model_dir: Path) -> None:
    code, rows, output = _run(["-", "--model", str(tiny_model_dir)],
                              stdin=b"Great article\n\nSubscribe to my channel\n")
    assert code == 0, output
    assert [row["id"] for row in rows] == [1, 3]
    assert rows[0]["status"] != "rejected" and rows[1]["status"] == "rejected"


def test_jsonl_from_stdin_is_sniffed(tiny_model_dir: Path) -> None:
    code, rows, _ = _run(["-", "--model", str(tiny_model_dir)],
                         stdin=b'{"id": 1, "text": "Well said"}\n')
    assert code == 0 and rows[0]["id"] == 1 and rows[0]["status"] != "rejected"


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "c.txt"
    source.write_text("hello\n", "utf-8")
    code, _, output = _run([str(source), "--model", str(tmp_path / "nowhere")])
    assert code != 0
    assert "does not exist" in output

