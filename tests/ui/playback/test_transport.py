"""The playhead transport: real-time play, J/K/L shuttle speeds, frame steps, in/out points."""

from __future__ import annotations

import math

from pytestqt.qtbot import QtBot

from editor_app.ui.playback.transport import Transport


def test_play_moves_the_playhead_in_real_time_and_stops_at_the_end(qtbot: QtBot) -> None:
    transport = Transport()
    transport.set_duration(10_000)
    transport.seek(1_000)
    transport.play_pause()
    assert transport.playing
    qtbot.wait(300)
    moved = transport.position - 1_000
    assert 200 <= moved <= 600, moved  # about 300 ms of media for 300 ms of clock
    transport.seek(9_900)
    qtbot.waitUntil(lambda: not transport.playing, timeout=2000)
    assert transport.position == 10_000


def test_shuttle_speeds_and_direction(qtbot: QtBot) -> None:
    transport = Transport()
    transport.set_duration(60_000)
    transport.seek(30_000)
    transport.shuttle_forward()
    transport.shuttle_forward()
    assert transport.speed == 2
    transport.shuttle_reverse()
    assert transport.speed == -1
    for _ in range(5):
        transport.shuttle_reverse()
    assert transport.speed == -8  # capped
    start = transport.position
    qtbot.wait(200)
    assert transport.position < start - 800  # backwards at 8x
    transport.stop()
    assert not transport.playing and transport.speed == 0


def test_frame_steps_and_in_out_points() -> None:
    transport = Transport()
    transport.set_duration(5_000)
    transport.step(+3)
    assert transport.position == 100  # 30 fps (the model's default) when nothing says
    transport.step(-10)
    assert transport.position == 0  # clamped at the start
    transport.seek(2_000)
    transport.set_in()
    transport.seek(1_000)
    transport.set_out()  # an out before the in clears the in
    assert (transport.mark_in, transport.mark_out) == (None, 1_000)


def test_arrow_steps_are_one_frame_of_the_timelines_fps() -> None:
    transport = Transport()
    transport.set_duration(10_000)
    transport.set_fps_source(lambda: 30.0)
    positions = []
    for _ in range(30):
        transport.next_frame()
        positions.append(transport.position)
    assert positions[:4] == [34, 67, 100, 134]  # inside frames 1, 2, 3, 4 of 30 fps
    assert positions[-1] == 1000  # 30 steps: exactly one second, no drift
    assert [math.floor(p * 30 / 1000) for p in positions] == list(range(1, 31))
    transport.previous_frame()
    assert transport.position == 967
    transport.seek(1010)  # inside frame 30: a step back lands in frame 29
    transport.previous_frame()
    assert transport.position == 967
