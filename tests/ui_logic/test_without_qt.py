"""The timeline logic runs without Qt: importing all of it loads neither PySide6 nor vlc.

(import-linter checks the imports as written; this checks what Python really loads, parent
packages' `__init__` included, in a fresh interpreter.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import editor_app.ui.timeline.logic as logic

CHECK = """
import importlib, pkgutil, sys
import editor_app.ui.timeline.logic as logic
for module in pkgutil.iter_modules(logic.__path__):
    importlib.import_module(f"{logic.__name__}.{module.name}")
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6", "vlc"))
print(loaded)
"""


def test_the_logic_loads_no_qt_and_no_vlc() -> None:
    modules = sorted(p.stem for p in Path(logic.__path__[0]).glob("*.py") if p.stem != "__init__")
    assert {"drops", "geometry", "gestures", "lod", "ruler"} <= set(modules)
    done = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout
