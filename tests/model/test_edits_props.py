"""Property edits: validated by the model's own rules, undone exactly, merged while dragging."""

import pytest

from editor_app.model import Crop, EditError, Font, Offset
from editor_app.model.edits import SetClipProperty, SetTimelineProperty, SetVolume
from editor_app.model.undo import History
from tests.support.edits import apply, sample


@pytest.mark.parametrize(
    ("clip_id", "name", "value", "read"),
    [
        ("c1", "fit", "contain", lambda c: c.fit),
        ("c1", "fit", None, lambda c: c.fit),
        ("c1", "position", "top_left", lambda c: c.position),
        ("c1", "offset", {"x": 0.25, "y": -0.1}, lambda c: (c.offset.x, c.offset.y)),
        ("c1", "scale", 2.5, lambda c: c.scale),
        ("c1", "opacity", 0.4, lambda c: c.opacity),
        (
            "c1",
            "transition",
            {"in": "fade", "duration": 700},
            lambda c: (c.transition.in_, c.transition.duration),
        ),
        ("c1", "filter", "greyscale", lambda c: c.filter),
        ("c1", "crop", Crop(top=0.1), lambda c: c.asset.crop.top),
        ("c3", "crop", {"left": 0.2}, lambda c: c.asset.crop.left),
        ("t1", "text", "Bye", lambda c: c.asset.text),
        ("t1", "font", Font(size=72, color="#FF0000"), lambda c: (c.asset.font.size, c.asset.font.color)),
        ("t1", "alignment", {"horizontal": "left"}, lambda c: c.asset.alignment.horizontal),
        ("t1", "line_spacing", 1.5, lambda c: c.asset.line_spacing),
        ("t1", "shadow", {"x": 2, "y": 2}, lambda c: c.asset.shadow.x),
    ],
)
def test_set_any_clip_property(clip_id: str, name: str, value: object, read: object) -> None:
    history = History(sample())
    apply(history, SetClipProperty([clip_id], name, value))
    assert callable(read)
    result = read(history.timeline.clip(clip_id))
    expected = {
        "offset": (0.25, -0.1),
        "transition": ("fade", 700),
        "crop": 0.1 if clip_id == "c1" else 0.2,
        "font": (72, "#FF0000"),
        "alignment": "left",
        "shadow": 2,
    }.get(name, value)
    assert result == expected


@pytest.mark.parametrize(
    ("clip_ids", "name", "value", "match"),
    [
        (["c1"], "scale", 11, "scale: Input should be less than or equal to 10"),
        (["c1"], "opacity", -0.5, "opacity: Input should be greater than or equal to 0"),
        (["c1"], "fit", "stretch", "fit: Input should be 'crop', 'cover' or 'contain'"),
        (["c1"], "filter", "sepia", "filter"),
        (["c1", "t1"], "crop", {"top": 0.1}, r"'Hello' \(text\) has no property 'crop'"),
        (["c1"], "id", "m-2", "has no property 'id'"),
        (["c1"], "start", 5, "has no property 'start'"),
        (["c1"], "bogus", 1, "has no property 'bogus'"),
        (["t1"], "volume", 0.5, r"\(text\) has no property 'volume'"),
        (["c1"], "offset", {"x": "left"}, "offset"),
        (["c1"], "volume", 12, "between 0 and 10"),
        (["c1"], "volume", -1, "greater than or equal to 0"),
    ],
)
def test_bad_values_are_refused_and_change_nothing(
    clip_ids: list[str], name: str, value: object, match: str
) -> None:
    history = History(sample())
    before = history.timeline.model_dump()
    with pytest.raises(EditError, match=match):
        history.push(SetClipProperty(clip_ids, name, value))
    assert history.timeline.model_dump() == before and history.entries() == []


def test_each_clip_gets_its_own_copy_of_a_shared_value() -> None:
    history = History(sample())
    offset = Offset(x=0.5)
    history.push(SetClipProperty(["c1", "c2"], "offset", offset))
    one, two = history.timeline.clip("c1").offset, history.timeline.clip("c2").offset
    assert one == two == offset and one is not two and one is not offset


def test_set_volume_on_several_clips_merges_while_dragging_and_checks_the_range() -> None:
    history = History(sample())
    for value in (1.2, 1.5, 0.25):
        history.push(SetVolume(["c1", "c4"], value))
    assert history.entries() == ["Set Volume"]
    assert history.timeline.clip("c4").volume == 0.25
    history.undo()
    assert history.timeline.clip("c4").volume == 1.0 and history.timeline.clip("c1").volume == 1.0
    with pytest.raises(EditError, match="between 0 and 10"):
        history.push(SetVolume(["c1"], 12))
    with pytest.raises(EditError, match="has no property 'volume'"):
        history.push(SetVolume(["c3"], 0.5))


def test_caption_position_is_reached_through_the_asset_prefix() -> None:
    from editor_app.model import CaptionAsset, Clip

    history = History(sample())
    caption = Clip(id="cap", start=8000, duration=1000, asset=CaptionAsset())
    history.timeline.attach(history.timeline.track("v2"), caption)
    apply(history, SetClipProperty(["cap"], "asset.position", {"alignment": "top_center"}))
    assert caption.asset.position.alignment == "top_center"  # type: ignore[union-attr]
    assert caption.position == "center"


def test_timeline_resolution_and_background() -> None:
    history = History(sample())
    apply(history, SetTimelineProperty("resolution", "1920x1080"))
    assert history.timeline.size == (1920, 1080)
    apply(history, SetTimelineProperty("background", "#102030"))
    for name, value, match in [
        ("resolution", "1921x1080", "even pixels"),
        ("resolution", "wide", "WIDTHxHEIGHT"),
        ("background", "blue", "colour"),
        ("fps", 0, "frame rate must be 1 to 240"),
        ("duration", 30, "no setting 'duration'"),
    ]:
        with pytest.raises(EditError, match=match):
            history.push(SetTimelineProperty(name, value))
    assert history.timeline.resolution == "1920x1080"
