"""The Inspector edits the selected clips and the timeline through undoable commands."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from editor_app.model import MediaInfo, TextAsset, VideoAsset
from tests.support.inspector import inspector_timeline, make_inspector


def test_fields_show_the_selected_clip_and_only_its_groups(qtbot: QtBot) -> None:
    inspector, _history = make_inspector(qtbot)
    inspector.show()
    assert inspector.timeline_settings.isVisible() and not inspector.timing.isVisible()
    inspector.set_selection(["v1"])
    assert inspector.title.text() == "Beach (video)"
    assert inspector.timing.start.value() == 1.0 and inspector.timing.duration.value() == 4.0
    assert inspector.timing.asset_start.value() == 0.5 and inspector.audio.volume.value() == 1.0
    assert inspector.audio.isVisible() and not inspector.text.isVisible()
    inspector.set_selection(["t1"])
    assert inspector.text.isVisible() and not inspector.audio.isVisible()
    assert inspector.text.text_edit.toPlainText() == "Hello"


def test_a_volume_slider_drag_is_one_undo_step(qtbot: QtBot) -> None:
    inspector, history = make_inspector(qtbot)
    inspector.set_selection(["v1"])
    before = history.timeline.model_dump()
    for raw in (110, 130, 150, 170):  # slider units: hundredths
        inspector.audio.volume.slider.setValue(raw)
    inspector.audio.volume.slider.sliderReleased.emit()
    assert history.timeline.clip("v1").volume == 1.7
    assert history.index == 1 and history.undo_label is not None
    inspector.audio.volume.slider.setValue(50)  # a new drag after the release is a new step
    assert history.index == 2
    history.undo()
    history.undo()
    assert history.timeline.model_dump() == before
    assert inspector.audio.volume.value() == 1.0  # the field follows the model


def test_the_number_goes_past_the_sliders_range(qtbot: QtBot) -> None:
    inspector, history = make_inspector(qtbot)
    inspector.set_selection(["v1"])
    inspector.audio.volume.spin.setValue(3.5)
    assert history.timeline.clip("v1").volume == 3.5
    assert inspector.audio.volume.slider.value() == inspector.audio.volume.slider.maximum()


def test_a_refused_edit_is_shown_in_place_and_changes_nothing(qtbot: QtBot) -> None:
    inspector, history = make_inspector(qtbot)
    inspector.show()
    inspector.set_selection(["v1"])
    before = history.timeline.model_dump()
    inspector.timing.start.setValue(5.0)  # would overlap v2 at 6 s
    assert inspector.error.isVisible() and "overlap" in inspector.error.text()
    assert history.timeline.model_dump() == before
    assert inspector.timing.start.value() == 1.0  # snapped back to the model


def test_picture_transition_text_and_timeline_properties(qtbot: QtBot) -> None:
    inspector, history = make_inspector(qtbot)
    inspector.set_selection(["v1"])
    inspector.picture.fit.setCurrentIndex(inspector.picture.fit.findData("contain"))
    inspector.picture.position.setCurrentIndex(inspector.picture.position.findData("top_left"))
    inspector.picture.offset_x.setValue(0.25)
    inspector.picture.filter.setCurrentIndex(inspector.picture.filter.findData("greyscale"))
    inspector.crop.sides["left"].setValue(100)
    inspector.transition.fade_in.setChecked(True)
    clip = history.timeline.clip("v1")
    assert (clip.fit, clip.position, clip.offset.x, clip.filter) == ("contain", "top_left", 0.25, "greyscale")
    assert isinstance(clip.asset, VideoAsset) and clip.asset.crop.left == 100
    assert clip.transition is not None and clip.transition.in_ == "fade" and clip.transition.out is None

    inspector.set_selection(["t1"])
    inspector.text.text_edit.setPlainText("Goodbye")
    inspector.text.font_size.setValue(72)
    inspector.text.outline_width.setValue(2)
    inspector.text.box.setChecked(True)
    asset = history.timeline.clip("t1").asset
    assert isinstance(asset, TextAsset) and asset.text == "Goodbye" and asset.font.size == 72
    assert asset.border is not None and asset.border.width == 2
    assert asset.background is not None
    assert history.timeline.to_editor_json()["timeline"]["tracks"][1]["clips"][0]["clip"]["asset"]["border"]

    inspector.set_selection([])
    line = inspector.timeline_settings.resolution.lineEdit()
    assert line is not None
    line.setText("1920x1080")
    line.editingFinished.emit()
    assert history.timeline.resolution == "1920x1080"
    while history.can_undo:
        history.undo()
    assert history.timeline.model_dump() == inspector_timeline().model_dump()


def test_duration_and_source_in_respect_the_source(qtbot: QtBot) -> None:
    inspector, history = make_inspector(qtbot)
    inspector.set_selection(["v1"])
    inspector.timing.duration.setValue(3.0)
    assert history.timeline.clip("v1").duration == 3000
    inspector.timing.asset_start.setValue(2.0)  # a slip: same place and length, new in-point
    clip = history.timeline.clip("v1")
    assert (clip.start, clip.duration, clip.source_start) == (1000, 3000, 2000)
    assert history.undo_label == "Slip Clip"


def test_typing_a_font_family_is_one_undo_step(qtbot: QtBot) -> None:
    inspector, history = make_inspector(qtbot)
    inspector.set_selection(["t1"])
    line = inspector.text.font_family.lineEdit()
    assert line is not None
    line.clear()
    for partial in ("D", "De", "Dej", "DejaVu Serif"):
        inspector.text.font_family.setEditText(partial)
    line.editingFinished.emit()
    asset = history.timeline.clip("t1").asset
    assert isinstance(asset, TextAsset) and asset.font.family == "DejaVu Serif"
    assert history.index == 1
    history.undo()
    assert isinstance(history.timeline.clip("t1").asset, TextAsset)
    assert history.timeline.model_dump() == inspector_timeline().model_dump()


def test_crop_is_in_source_pixels_and_shows_the_size_left(qtbot: QtBot) -> None:
    inspector, history = make_inspector(qtbot)
    history.timeline.media["m-1"] = MediaInfo(
        id="m-1", kind="video", name="Beach", length=10_000, width=640, height=360
    )
    inspector.set_selection(["v1"])
    assert inspector.crop.cropped.text() == "640 x 360 of 640 x 360"
    inspector.crop.sides["top"].setValue(100)
    assert inspector.crop.cropped.text() == "640 x 260 of 640 x 360"
    asset = history.timeline.clip("v1").asset
    assert isinstance(asset, VideoAsset) and asset.crop.top == 100
