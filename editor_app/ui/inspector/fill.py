"""Copies the model into the Inspector's fields and shows only the groups that apply."""

from __future__ import annotations

from typing import TYPE_CHECKING

from editor_app.model import to_seconds
from editor_app.model.assets import ImageAsset, TextAsset, VideoAsset
from editor_app.model.timeline import Clip
from editor_app.ui.inspector.widgets import set_choice

if TYPE_CHECKING:
    from editor_app.ui.inspector.dock import Inspector


def fill_inspector(inspector: Inspector) -> None:
    history = inspector.history
    timeline = history.timeline if history is not None else None
    clips: list[Clip] = []
    if timeline is not None:
        for clip_id in inspector.clip_ids:
            try:
                clips.append(timeline.clip(clip_id))
            except KeyError:
                continue  # deleted since it was selected
    inspector.clip_ids = [c.id for c in clips]
    kinds = {c.kind for c in clips}
    has_clips = bool(clips)
    for box in (inspector.timing_box, inspector.transition_box):
        box.setVisible(has_clips)
    inspector.audio_box.setVisible(has_clips and kinds <= {"video", "audio"})
    inspector.picture_box.setVisible(has_clips and "audio" not in kinds)
    inspector.text_box.setVisible(has_clips and kinds == {"text"})
    inspector.timeline_box.setVisible(not has_clips and timeline is not None)
    if not has_clips:
        inspector.title.setText("Timeline" if timeline is not None else "No project")
        if timeline is not None:
            inspector.resolution.setCurrentText(timeline.resolution)
            inspector.background.set_color(timeline.background)
        return
    first = clips[0]
    name = first.label()
    if timeline is not None and first.media_id and first.media_id in timeline.media:
        name = timeline.media[first.media_id].name or name
    inspector.title.setText(f"{name} ({first.kind})" if len(clips) == 1 else f"{len(clips)} clips selected")
    _fill_timing(inspector, first)
    _fill_picture(inspector, first)
    _fill_transition(inspector, first)
    if isinstance(first.asset, TextAsset):
        _fill_text(inspector, first.asset)


def _fill_timing(inspector: Inspector, clip: Clip) -> None:
    inspector.start.setValue(float(to_seconds(clip.start)))
    inspector.duration.setValue(float(to_seconds(clip.duration)))
    timed = clip.kind in ("video", "audio")
    inspector.asset_start.setEnabled(timed)
    inspector.asset_start.setValue(float(to_seconds(clip.source_start)))
    if clip.volume is not None:
        inspector.volume.set_value(clip.volume)


def _fill_picture(inspector: Inspector, clip: Clip) -> None:
    set_choice(inspector.fit, clip.fit)
    set_choice(inspector.position, clip.position)
    inspector.offset_x.setValue(clip.offset.x)
    inspector.offset_y.setValue(clip.offset.y)
    inspector.scale.set_value(clip.scale)
    inspector.opacity.set_value(clip.opacity)
    set_choice(inspector.filter, clip.filter)
    crop = clip.asset.crop if isinstance(clip.asset, VideoAsset | ImageAsset) else None
    for side, spin in inspector.crop.items():
        spin.setEnabled(crop is not None)
        spin.setValue(getattr(crop, side) if crop is not None else 0.0)


def _fill_transition(inspector: Inspector, clip: Clip) -> None:
    transition = clip.transition
    inspector.fade_in.setChecked(bool(transition and transition.in_))
    inspector.fade_out.setChecked(bool(transition and transition.out))
    inspector.fade_duration.setValue(float(to_seconds(transition.duration if transition else 500)))


def _fill_text(inspector: Inspector, asset: TextAsset) -> None:
    if inspector.text.toPlainText() != asset.text:
        inspector.text.setPlainText(asset.text)
    inspector.font_family.setCurrentText(asset.font.family)
    inspector.font_size.setValue(asset.font.size)
    inspector.font_color.set_color(asset.font.color)
    inspector.font_opacity.setValue(asset.font.opacity)
    set_choice(inspector.h_align, asset.alignment.horizontal)
    set_choice(inspector.v_align, asset.alignment.vertical)
    inspector.outline_width.setValue(asset.border.width if asset.border else 0.0)
    inspector.outline_color.set_color(asset.border.color if asset.border else "#000000")
    inspector.box.setChecked(asset.background is not None)
    inspector.box_color.set_color(asset.background.color if asset.background else "#000000")
