"""The exported Python script really rebuilds the timeline with the official SDK.

The script is run as `__main__` with `videodb.connect` replaced by a fake connection that
records what `generate_stream()` posts; that body must equal our `to_editor_json()`.
"""

from __future__ import annotations

import json
import pprint
import warnings
from typing import Any

import pytest
import videodb
from hypothesis import HealthCheck, given, settings

from editor_app.model import AudioAsset, Clip, InvalidTimelineJSON, TextAsset, Timeline, Track, VideoAsset
from editor_app.model.interchange.sdk_code import to_sdk_python
from editor_app.model.interchange.sdk_import import timeline_from_text
from tests.support.golden import our_timeline
from tests.support.strategies import timelines


class FakeConnection:
    def __init__(self) -> None:
        self.posts: list[tuple[str, dict[str, Any]]] = []
        self.collection_id = "default"

    def post(self, path: str, data: dict[str, Any]) -> dict[str, Any]:
        self.posts.append((path, data))
        return {"stream_url": "http://127.0.0.1/stream.m3u8", "player_url": "http://127.0.0.1/player"}


def run_script(code: str, monkeypatch: pytest.MonkeyPatch) -> tuple[FakeConnection, dict[str, Any]]:
    connection = FakeConnection()
    seen: dict[str, Any] = {}

    def fake_connect(**kwargs: Any) -> FakeConnection:
        seen.update(kwargs)
        return connection

    monkeypatch.setattr(videodb, "connect", fake_connect)
    monkeypatch.setenv("VIDEODB_API_KEY", "sk-test")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # CaptionAsset(src="auto") warns about indexing
        exec(compile(code, "timeline_script.py", "exec"), {"__name__": "__main__"})
    return connection, seen


def posted_timeline(connection: FakeConnection) -> dict[str, Any]:
    assert len(connection.posts) == 1
    path, body = connection.posts[0]
    assert path == "editor"
    return json.loads(json.dumps(body))  # type: ignore[no-any-return]


def test_the_script_compiles_the_same_timeline(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    timeline = our_timeline()
    connection, seen = run_script(to_sdk_python(timeline), monkeypatch)
    assert posted_timeline(connection) == json.loads(json.dumps(timeline.to_editor_json()))
    assert seen == {"api_key": "sk-test"}
    assert "stream.m3u8" in capsys.readouterr().out


def test_hidden_and_muted_tracks_compile_as_the_editor_does(monkeypatch: pytest.MonkeyPatch) -> None:
    timeline = Timeline(
        tracks=[
            Track(name="V1", clips=[Clip(start=0, duration=1500, asset=VideoAsset(id="m-1", volume=0.7))]),
            Track(
                name="Notes", hidden=True, clips=[Clip(start=0, duration=500, asset=TextAsset(text="todo"))]
            ),
            Track(
                name="A1",
                kind="audio",
                muted=True,
                clips=[Clip(start=250, duration=1000, asset=AudioAsset(id="a-1", volume=1.5))],
            ),
        ]
    )
    code = to_sdk_python(timeline, base_url="http://127.0.0.1:8765")
    assert "hidden in the editor" in code and "muted in the editor" in code
    connection, seen = run_script(code, monkeypatch)
    body = posted_timeline(connection)
    assert body == json.loads(json.dumps(timeline.to_editor_json()))
    assert len(body["timeline"]["tracks"]) == 2
    assert body["timeline"]["tracks"][1]["clips"][0]["clip"]["asset"]["volume"] == 0
    assert seen["base_url"] == "http://127.0.0.1:8765"


def test_text_is_quoted_safely(monkeypatch: pytest.MonkeyPatch) -> None:
    nasty = 'He said "hi"\n\'); import os; os.system("echo owned") #\\'
    injected = "V1\nraise SystemExit('a track name ran as code')"
    timeline = Timeline(
        tracks=[
            Track(name=injected, clips=[Clip(start=0, duration=1000, asset=TextAsset(text=nasty))]),
            Track(name=injected, hidden=True),
        ]
    )
    connection, _ = run_script(to_sdk_python(timeline), monkeypatch)
    assert posted_timeline(connection)["timeline"]["tracks"][0]["clips"][0]["clip"]["asset"]["text"] == nasty


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(timelines(allow_overlap=True))
def test_every_generated_timeline_survives_the_script(
    monkeypatch: pytest.MonkeyPatch, timeline: Timeline
) -> None:
    connection, _ = run_script(to_sdk_python(timeline), monkeypatch)
    assert posted_timeline(connection) == json.loads(json.dumps(timeline.to_editor_json()))


def sdk_built() -> Any:
    from videodb import editor as sdk

    timeline = sdk.Timeline(object())
    track = sdk.Track(z_index=2)
    track.add_clip(
        1.5,
        sdk.Clip(
            asset=sdk.VideoAsset(id="m-1", start=0.25),
            duration=2,
            fit=sdk.Fit.none,
            filter=sdk.Filter.negative,
            position=sdk.Position.bottom_right,
        ),
    )
    track.add_clip(4, sdk.Clip(asset=sdk.TextAsset(text='It\'s <b>"quoted"</b>'), duration=1))
    timeline.add_track(track)
    return timeline


def test_what_a_script_printed_imports_whether_json_or_a_python_dict() -> None:
    timeline = sdk_built()
    expected = json.loads(json.dumps(timeline.to_json()))
    expected["timeline"]["tracks"][0]["clips"][0]["clip"]["fit"] = None
    printed_dict = str(timeline.to_json())
    assert "<Fit.none: 'None'>" in printed_dict  # what print(timeline.to_json()) shows
    for text in (printed_dict, pprint.pformat(timeline.to_json()), json.dumps(timeline.to_json(), indent=2)):
        parsed = timeline_from_text(text, "clipboard")
        assert json.loads(json.dumps(parsed.to_editor_json())) == expected


def test_text_that_is_neither_json_nor_a_dict_gives_a_clear_error() -> None:
    with pytest.raises(InvalidTimelineJSON, match=r"^clipboard: line 1, column 1: .*neither JSON nor"):
        timeline_from_text("__import__('os').system('true')", "clipboard")
    with pytest.raises(InvalidTimelineJSON, match="the text is empty"):
        timeline_from_text("  \n", "clipboard")
    with pytest.raises(InvalidTimelineJSON, match=r"tracks\[0\]\.clips\[0\]\.clip\.duration"):
        timeline_from_text(
            "{'tracks': [{'clips': [{'start': 0, 'clip': {'asset': {'type': 'video', 'id': 'm'}}}]}]}"
        )


def test_a_value_that_bypassed_validation_cannot_become_code() -> None:
    clip = Clip(start=0, duration=1000, asset=VideoAsset(id="m-1"))
    clip.filter = "blur); import os; (Filter.blur"  # type: ignore[assignment]  # assignment is not validated
    with pytest.raises(ValueError, match="Filter has no member"):
        to_sdk_python(Timeline(tracks=[Track(clips=[clip])]))
