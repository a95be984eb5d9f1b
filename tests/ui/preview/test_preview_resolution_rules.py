"""Preview resolution: Auto picks the smallest of quarter/half/full that fills the pane's device pixels."""

from __future__ import annotations

from editor_app.ui.preview.resolution import is_local_backend, preview_height


def test_fixed_choices_divide_the_timeline_height() -> None:
    assert preview_height("full", 1080, 300) == 1080
    assert preview_height("half", 1080, 300) == 540
    assert preview_height("quarter", 1080, 300) == 270


def test_auto_is_the_smallest_that_fills_the_pane() -> None:
    assert preview_height("auto", 1080, 250) == 270  # a small pane: a quarter fills it
    assert preview_height("auto", 1080, 400) == 540  # a quarter would be upscaled: half
    assert preview_height("auto", 1080, 800) == 1080
    assert preview_height("auto", 1080, 2000) == 1080  # never more than the timeline
    assert preview_height("auto", 720, 300) == 360


def test_only_loopback_is_the_local_backend() -> None:
    assert is_local_backend("http://127.0.0.1:5123")
    assert is_local_backend("http://localhost:8000/")
    assert not is_local_backend("https://api.videodb.io")
