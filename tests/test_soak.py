"""A short soak with faults (benchmarks/soak.py): gunicorn with two workers on PostgreSQL,
comments posted from several threads while one worker is SIGKILLed and the PostgreSQL
cluster restarts. No acknowledged comment may be lost, altered, unlogged or duplicated;
the outage answers 503 with a JSON error and Retry-After, never 500; the same server
recovers. The suite runs serially, so the restart only disturbs this test's own
connections; the run waits for `pg_isready` before it returns."""
from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

SOAK = Path(__file__).resolve().parent.parent / "benchmarks" / "soak.py"


def load_soak() -> ModuleType:
    spec = importlib.util.spec_from_file_location("soak", SOAK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["soak"] = module
    spec.loader.exec_module(module)
    return module


def test_soak_with_worker_kill_and_postgres_restart(tiny_model_dir: Path) -> None:
    url = os.environ.get("MODERATION_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("MODERATION_TEST_POSTGRES_URL is not set")
    if not (shutil.which("pg_ctlcluster") and shutil.which("pg_isready")
            and Path("/etc/postgresql").is_dir() and os.geteuid() == 0):
        pytest.skip("restarting PostgreSQL needs Debian's pg_ctlcluster, run as root")
    soak = load_soak()
    result = soak.run_soak(tiny_model_dir, duration=12, clients=6, postgres=url)
    summary = result.report() + "\n" + result.log_excerpt

    assert len(result.faults) == 2, summary
    assert result.created > 20, summary
    assert result.lost == [] and result.altered == [] and result.unlogged == [], summary
    assert result.duplicates == 0 and result.unacknowledged == 0, summary
    assert result.unavailable > 0 and result.bad_503 == [], summary
    assert result.other[500] == 0 and sum(result.other.values()) == 0, summary
    assert result.recovered and result.same_master, summary
    assert result.ok, summary
