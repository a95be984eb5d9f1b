"""A hung test ends the run within its timeout with every thread's stack, instead of eating CI's
time (pyproject.toml: pytest-timeout, `timeout_method = "thread"`). Runs pytest on a generated
file, under this repo's pytest config, with a 1 s timeout."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

HANGING = """
import threading
import time

import pytest


@pytest.mark.timeout(30)
def test_a_longer_mark_is_let_run():
    time.sleep(1.5)


def test_hangs():
    threading.Thread(target=time.sleep, args=(60,), name="stuck-worker", daemon=True).start()
    threading.Event().wait()  # blocks for ever, as a deadlock would
"""


def test_a_hanging_test_fails_the_run_fast_with_every_threads_stack(tmp_path: Path) -> None:
    (tmp_path / "test_hang.py").write_text(HANGING, encoding="utf-8")
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-v", "-p", "no:cacheprovider", "-c", str(REPO / "pyproject.toml"),
         "--rootdir", str(tmp_path), "--timeout", "1", str(tmp_path / "test_hang.py")],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert time.monotonic() - started < 60
    assert "test_a_longer_mark_is_let_run PASSED" in output, output
    assert "+ Timeout +" in output, output  # the thread method's banner, then os._exit(1)
    assert "Failed: Timeout" not in output and " passed" not in output, output  # not "signal"
    assert "Stack of stuck-worker" in output and "Stack of MainThread" in output, output
    assert "in test_hangs" in output, output  # where the main thread was stuck
