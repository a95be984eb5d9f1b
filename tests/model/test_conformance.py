"""The conformance table, its page, `videodb-editor check` and the clip issues the canvas marks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor_app.cli import main
from editor_app.model import Clip, ImageAsset, TextAsset, Timeline, Track
from editor_app.model.conformance import FIELDS, clip_issues, used_fields

DOC = Path(__file__).resolve().parents[2] / "docs" / "conformance.md"


def test_the_page_lists_every_field_with_its_verdict() -> None:
    text = DOC.read_text(encoding="utf-8")
    for field in FIELDS:
        assert f"| `{field.path}` |" in text, field.path


def timeline(effect: str | None) -> Timeline:
    title = TextAsset(text="Hi", line_spacing=4)
    return Timeline(
        tracks=[
            Track(
                name="V1", clips=[Clip(start=0, duration=1000, asset=ImageAsset(id="img-1"), effect=effect)]
            ),
            Track(name="V2", clips=[Clip(start=0, duration=1000, asset=title)]),
        ]
    )


def test_used_fields_and_issues() -> None:
    used = used_fields(timeline("zoomInSlow"))
    assert used["clip.effect"] == 1 and used["text.line_spacing"] == 1 and "clip.filter" not in used
    assert clip_issues(timeline("kenBurns").tracks[0].clips[0]) == [
        "effect 'kenBurns' is not rendered locally"
    ]


@pytest.mark.parametrize(("effect", "code"), [("zoomIn", 0), ("kenBurns", 1)])
def test_check_prints_the_verdicts_and_says_what_is_not_rendered(
    effect: str, code: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(timeline(effect).to_editor_json()), encoding="utf-8")
    assert main(["check", str(path)]) == code
    out = capsys.readouterr().out
    assert "clip.effect (1x): rendered by our documented choice" in out
    assert ("'kenBurns' is not rendered locally" in out) == (code == 1)


def test_check_of_an_unreadable_file_is_exit_2(tmp_path: Path) -> None:
    assert main(["check", str(tmp_path / "missing.json")]) == 2
