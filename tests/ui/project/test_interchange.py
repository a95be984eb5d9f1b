"""File ▸ Import/Export OTIO and editor JSON, and Copy as Python SDK code, from the window."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor_app.model.project.files import Project
from editor_app.ui.document import Document
from editor_app.ui.project.interchange import Interchange
from editor_app.ui.window.main_window import MainWindow
from tests.support.demo_timeline import build_demo_timeline
from tests.support.export_window import make_window


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setenv("VIDEODB_EDITOR_DATA_DIR", str(tmp_path / "data"))
    win = make_window(qtbot, tmp_path)
    win.session.set_document(Document(Project(name="demo", timeline=build_demo_timeline())))
    return win


def _choose(window: MainWindow, path: Path) -> None:
    window.prompts.ask_path = lambda _title, _filters, save: path  # type: ignore[method-assign]


@pytest.mark.parametrize(("suffix", "export", "import_"), [
    (".otio", Interchange.export_otio, Interchange.import_otio),
    (".json", Interchange.export_editor_json, Interchange.import_editor_json),
])  # fmt: skip
def test_export_then_import_gives_the_same_timeline(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    suffix: str,
    export: Callable[[Interchange], None],
    import_: Callable[[Interchange], None],
) -> None:
    path = tmp_path / f"cut{suffix}"
    expected = build_demo_timeline().to_editor_json()
    _choose(window, path)
    export(window.interchange)
    qtbot.waitUntil(path.exists, timeout=10000)
    window.runner.wait(10000)
    if suffix == ".json":
        assert json.loads(path.read_text()) == expected
    window.files.new_project()
    assert window.session.document.timeline.clip_count == 0
    import_(window.interchange)
    qtbot.waitUntil(
        lambda: window.session.document.timeline.clip_count == 5,
        timeout=10000,
    )
    assert window.session.document.timeline.to_editor_json() == expected
    assert window.isWindowModified()  # an imported timeline is not saved anywhere yet


def test_a_broken_import_says_why_and_keeps_the_document(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"timeline": {"tracks": [{"clips": [{"start": 0}]}]}}')
    errors: list[str] = []
    window.prompts.report_error = lambda _title, message: errors.append(message)  # type: ignore[method-assign]
    before = window.session.document
    _choose(window, bad)
    window.interchange.import_editor_json()
    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert "bad.json" in errors[0] and "clip" in errors[0]
    assert window.session.document is before


def test_copy_as_python_sdk_code(window: MainWindow) -> None:
    window.interchange.copy_sdk_code()
    code = QApplication.clipboard().text()
    assert "videodb" in code and "m-beach" in code
    compile(code, "<clipboard>", "exec")  # it is Python that parses
