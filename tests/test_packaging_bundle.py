"""Build the PyInstaller one-folder bundle and run its `--smoke-test` (slow: ~1 min build on 2 cores).

The bundle starts its own binary as the `serve` child, so this proves the frozen app can run the
embedded backend; libvlc stays the system's on Linux and must not be copied in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "videodb-editor.spec"
PYINSTALLER = (sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN")


@pytest.mark.slow
@pytest.mark.timeout(1200)  # the build alone takes 1-1.5 min here, more on a loaded machine
def test_bundle_builds_and_passes_its_smoke_test(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    started = time.monotonic()
    build = subprocess.run(
        [
            *PYINSTALLER,
            "--distpath",
            str(dist),
            "--workpath",
            str(ROOT / "build" / "pyinstaller-test"),
            str(SPEC),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    print(f"bundle built in {time.monotonic() - started:.0f} s")
    binary = dist / "videodb-editor" / "videodb-editor"
    assert binary.is_file() and os.access(binary, os.X_OK)
    bundled = {path.name for path in (dist / "videodb-editor").rglob("*")}
    assert not any(name.startswith(("libvlc.", "libvlccore.")) for name in bundled)
    assert not any(name.startswith("libQt6Qml") for name in bundled)

    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path))
    env.pop("PYTHONPATH", None)
    version = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=60, check=False)
    assert version.returncode == 0 and version.stdout.startswith("videodb-editor ")
    smoke = subprocess.run(
        [binary, "--smoke-test"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert smoke.returncode == 0, smoke.stderr[-3000:]
    report = json.loads(smoke.stdout.strip().splitlines()[-1])
    assert report["smoke_test"] == "passed" and report["clips"] >= 3
    print(f"bundle smoke test: {report}")
