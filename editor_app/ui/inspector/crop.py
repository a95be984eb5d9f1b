"""Inspector ▸ Crop: source pixels cut from each side (as the Python SDK's `Crop` documents), and
the size of the picture that is left when the source's size is known."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from editor_app.model import Clip, Crop, ImageAsset, Timeline, VideoAsset
from editor_app.ui.inspector.section import ClipEdits, ClipSection
from editor_app.ui.inspector.widgets import number_field

SIDES = ("top", "right", "bottom", "left")


class CropSection(ClipSection):
    def __init__(self, edits: ClipEdits) -> None:
        super().__init__("Crop", edits)
        self.sides = {side: number_field(0, 7680, decimals=0, step=1, suffix=" px") for side in SIDES}
        for side, spin in self.sides.items():
            self.form.addRow(side.title(), spin)
            spin.valueChanged.connect(lambda _v: edits.edit(lambda: edits.set("crop", self._crop())))
        self.cropped = QLabel()
        self.form.addRow("Cropped size", self.cropped)

    def shows(self, kinds: set[str]) -> bool:
        return bool(kinds) and kinds <= {"video", "image"}

    def fill(self, clips: list[Clip], timeline: Timeline) -> None:
        clip = clips[0]
        self.fill_clip(clip)
        info = timeline.media.get(clip.media_id or "")
        asset = clip.asset
        if (
            info is None
            or not info.width
            or not info.height
            or not isinstance(asset, VideoAsset | ImageAsset)
        ):
            self.cropped.setText("unknown (the source's size is not known yet)")
            return
        crop = asset.crop
        width = max(info.width - round(crop.left) - round(crop.right), 2)
        height = max(info.height - round(crop.top) - round(crop.bottom), 2)
        self.cropped.setText(f"{width} x {height} of {info.width} x {info.height}")

    def fill_clip(self, clip: Clip) -> None:
        asset = clip.asset
        if isinstance(asset, VideoAsset | ImageAsset):
            for side, spin in self.sides.items():
                spin.setValue(getattr(asset.crop, side))

    def _crop(self) -> Crop:
        return Crop(**{side: spin.value() for side, spin in self.sides.items()})
