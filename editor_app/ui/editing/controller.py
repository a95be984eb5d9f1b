"""Edits with no home on the canvas: a title at the playhead, a new video or audio track, and
files dropped from the desktop (uploaded first, then placed where they fell).

Each is one undoable command; a refusal raises `EditError` to the command that ran it (the
window says why in its status bar).
"""

from __future__ import annotations

from editor_app.model import Clip, EditError, MediaInfo, TextAsset
from editor_app.model.edits import AddTrack, PlaceClip, new_track, track_with_room
from editor_app.model.timeline import TrackKind
from editor_app.ui.commands.table import Command, MenuPlace
from editor_app.ui.media.bin import MediaBin
from editor_app.ui.playback.transport import Transport
from editor_app.ui.session import Session
from editor_app.ui.timeline.logic.drops import DroppedMedia, clip_for
from editor_app.ui.timeline.view import TimelineView

TITLE_TICKS = 3000


def place_on_top(session: Session, view: TimelineView, clip: Clip, label: str) -> None:
    """`clip` on the topmost video track with room for it (or a new track), then selected: how a
    title or a caption clip made at the playhead is placed."""
    history = session.document.history
    target = track_with_room(history.timeline, "video", clip.start, clip.end)
    history.push(PlaceClip(clip, target.id if target is not None else None, label))
    view.canvas.set_selection([clip.id])


class EditController:
    def __init__(
        self, session: Session, transport: Transport, view: TimelineView, media_bin: MediaBin
    ) -> None:
        self.session = session
        self.transport = transport
        self.view = view
        self.media_bin = media_bin

    def add_title(self) -> None:
        """A text clip at the playhead on the topmost video track with room there (or a new one)."""
        clip = Clip(start=self.transport.position, duration=TITLE_TICKS, asset=TextAsset(text="Title"))
        place_on_top(self.session, self.view, clip, "Add Title")

    def add_video_track(self) -> None:
        self._add_track("video")

    def add_audio_track(self) -> None:
        self._add_track("audio")

    def _add_track(self, kind: TrackKind) -> None:
        timeline = self.session.document.timeline
        track = new_track(timeline, kind)  # z_index above the rest
        # video tracks go above the other video tracks, audio tracks at the bottom
        index = len(timeline.tracks)
        if kind == "video":
            index = max((i + 1 for i, t in enumerate(timeline.tracks) if t.kind == "video"), default=0)
        self.session.document.history.push(AddTrack(track, index))

    def place_files(self, paths: list[str], track_id: str | None, ticks: int) -> None:
        """Files from the desktop onto the canvas: upload each, then place it where it fell."""
        session = self.session
        document = session.document

        def place(info: MediaInfo) -> None:
            if document is not session.document:
                return
            length = info.length if info.kind != "image" else None
            media = DroppedMedia(info.id, info.kind, info.name or info.id, length)
            try:
                document.history.push(PlaceClip(clip_for(media, ticks), track_id))
            except EditError as exc:
                session.prompts.status(f"Could not place {info.name}: {exc}", 8000)

        self.media_bin.upload_files(paths, on_uploaded=place)


ADDING = MenuPlace("&Timeline", 0)
EDITING_COMMANDS: tuple[Command[EditController], ...] = (
    Command("timeline.add_video_track", "Add Video Track", "Timeline", EditController.add_video_track,
            menu=ADDING, short="Add Track"),
    Command("timeline.add_audio_track", "Add Audio Track", "Timeline", EditController.add_audio_track,
            menu=ADDING, short="Add Track"),
    Command("timeline.add_title", "Add Title Clip", "Timeline", EditController.add_title, ("T",), ADDING,
            short="Add Title"),
)  # fmt: skip
