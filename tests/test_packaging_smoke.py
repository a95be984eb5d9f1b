"""`videodb-editor --smoke-test` from source: passes on a working install, names the step that fails."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from editor_app.self_command import self_command


def _smoke(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*self_command("--smoke-test")],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_self_command_runs_the_cli_module_from_source() -> None:
    assert self_command("serve", "--port", "0") == [
        sys.executable,
        "-m",
        "editor_app.cli",
        "serve",
        "--port",
        "0",
    ]


def test_smoke_test_builds_and_compiles_the_demo(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path))
    env.pop("QT_QPA_PLATFORM", None)  # the smoke test goes offscreen by itself
    env.pop("DISPLAY", None)
    result = _smoke(env, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["smoke_test"] == "passed" and report["clips"] >= 3
    assert report["backend_ready_s"] < report["demo_ready_s"] < report["compiled_s"]
    assert not any(tmp_path.joinpath(".local").rglob("*.vdbproj"))  # it works in a throw-away folder


def test_smoke_test_fails_clearly_without_ffmpeg(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    env = dict(os.environ, PATH=str(empty), XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path))
    result = _smoke(env, tmp_path)
    assert result.returncode == 1
    assert "FAILED: ffmpeg: no ffmpeg on PATH" in result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["smoke_test"] == "failed"
