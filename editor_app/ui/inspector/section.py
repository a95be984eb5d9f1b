"""What every Inspector section shares: a titled group with a form, and the way its fields change
the model (`ClipEdits`: undoable commands on the history, refusals shown in place)."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QGroupBox, QWidget

from editor_app.model import Clip, EditError, Font, TextAsset, Timeline
from editor_app.model.edits import Command, History, SetClipProperty

MAX_SECONDS = 24 * 3600.0


class ClipEdits:
    """The selection a section edits and the history it edits it through.

    `edit(build)` pushes what `build` makes, unless the fields are being filled from the model
    (`loading`). A refused edit is handed to `refused` (the Inspector shows it and snaps the
    fields back); `merge` lets a step join the previous one (slider drags, typing) until
    `break_merge` ends it.
    """

    def __init__(self, refused: Callable[[str], None], accepted: Callable[[], None]) -> None:
        self.history: History | None = None
        self.clip_ids: list[str] = []
        self.loading = False
        self._refused = refused
        self._accepted = accepted

    def timeline(self) -> Timeline:
        if self.history is None:
            raise EditError("no project is open")
        return self.history.timeline

    def clip(self, clip_id: str) -> Clip:
        clip: Clip = self.timeline().clip(clip_id)
        return clip

    def set(self, name: str, value: object) -> Command:
        """Set one property on every selected clip."""
        return SetClipProperty(self.clip_ids, name, value)

    def edit(
        self,
        build: Callable[[], Command | list[Command]],
        label: str = "",
        needs_clips: bool = True,
        merge: bool = False,
    ) -> None:
        """Push what `build` makes (a list is one step named `label`)."""
        history = self.history
        if self.loading or history is None or (needs_clips and not self.clip_ids):
            return
        try:
            built = build()
            if isinstance(built, list):
                with history.transaction(label or "Edit Clips"):
                    for command in built:
                        history.push(command)
            else:
                history.push(built)
        except (EditError, ValueError, KeyError) as exc:
            self._refused(str(exc))
            return
        if not merge:
            history.break_merge()
        self._accepted()

    def refuse(self, message: str) -> None:
        """Show a refusal found before any command was built (a field's own check)."""
        self._refused(message)

    def break_merge(self) -> None:
        if self.history is not None:
            self.history.break_merge()


class Section(QGroupBox):
    """One group of the Inspector; it builds its fields, fills them from the model and edits it.

    The hooks are abstract: mypy refuses to build a group that leaves one out. (Shiboken's
    metaclass does not run ABCMeta's instantiation check, so the check is static, not at runtime.)
    """

    def __init__(self, title: str, edits: ClipEdits, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.edits = edits
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

    @abstractmethod
    def applies_to(self, clips: list[Clip], timeline: Timeline) -> bool:
        """Whether the group is shown for this selection (no clips: the timeline itself)."""

    @abstractmethod
    def fill(self, clips: list[Clip], timeline: Timeline) -> None:
        """Copy the model into the fields (called only while the group applies)."""


class ClipSection(Section):
    """A group about the selected clips: shown for some kinds, filled from the first clip."""

    def shows(self, kinds: set[str]) -> bool:
        return True

    def applies_to(self, clips: list[Clip], timeline: Timeline) -> bool:
        return bool(clips) and self.shows({clip.kind for clip in clips})

    def fill(self, clips: list[Clip], timeline: Timeline) -> None:
        self.fill_clip(clips[0])

    @abstractmethod
    def fill_clip(self, clip: Clip) -> None:
        """Copy the first selected clip into the fields."""


class TitleSection(ClipSection):
    """A group about titles (text clips): shown while only titles are selected, filled from the
    first one's asset, which it keeps for the fields that other groups own (`font_with`)."""

    def __init__(self, title: str, edits: ClipEdits) -> None:
        super().__init__(title, edits)
        self._asset: TextAsset | None = None

    def shows(self, kinds: set[str]) -> bool:
        return kinds == {"text"}

    def fill_clip(self, clip: Clip) -> None:
        if isinstance(clip.asset, TextAsset):
            self._asset = clip.asset
            self.fill_title(clip.asset)

    @abstractmethod
    def fill_title(self, asset: TextAsset) -> None:
        """Copy the first selected title's asset into the fields."""

    def font_with(self, **changes: object) -> Font:
        """The shown title's font with `changes`; both groups edit parts of the one font."""
        font = self._asset.font if self._asset is not None else Font()
        return Font.model_validate({**font.model_dump(), **changes})
