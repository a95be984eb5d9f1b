"""Caption commands: a caption clip at the playhead (typed, or from a subtitle file), the
timeline's captions exported as SRT/WebVTT, and a transcript attached to a media item for
captions with `src: "auto"`. Files are read and written on the TaskRunner; each edit is one
undoable command."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from editor_app.model import CaptionAsset, Clip, EditError
from editor_app.model.captions import CaptionSourceError, Cue, encode_cues, parse_subtitles
from editor_app.ui.captions.cues import timeline_subtitles
from editor_app.ui.commands.table import Command, MenuPlace
from editor_app.ui.editing.controller import place_on_top
from editor_app.ui.media.bin import MediaBin
from editor_app.ui.playback.transport import Transport
from editor_app.ui.session import Session
from editor_app.ui.timeline.view import TimelineView

SUBTITLE_FILTER = "Subtitles (*.srt *.vtt *.ass *.ssa);;All files (*)"
EXPORT_FILTER = "SubRip (*.srt);;WebVTT (*.vtt)"
TYPED_TICKS = 3000
MAX_SUBTITLE_BYTES = 8 * 1024 * 1024


def read_subtitle_file(path: Path) -> tuple[str, list[Cue]]:
    """A subtitle file's text and cues (on a worker); ValueError when it is not one."""
    if path.stat().st_size > MAX_SUBTITLE_BYTES:
        raise ValueError(f"{path.name} is larger than {MAX_SUBTITLE_BYTES // (1024 * 1024)} MiB")
    text = path.read_text(encoding="utf-8-sig")
    try:
        return text, parse_subtitles(text)
    except CaptionSourceError as exc:
        raise ValueError(f"{path.name}: {exc}") from None


class CaptionsController:
    def __init__(
        self, session: Session, transport: Transport, view: TimelineView, media_bin: MediaBin
    ) -> None:
        self.session = session
        self.transport = transport
        self.view = view
        self.media_bin = media_bin

    def add_typed(self) -> None:
        """A caption clip with one cue to type over in the Inspector's cue table."""
        self._place([Cue(0, TYPED_TICKS, "Caption")], "Add Caption Clip")

    def _place(self, cues: list[Cue], label: str) -> None:
        duration = max(max(c.end for c in cues), 1)
        clip = Clip(
            start=self.transport.position, duration=duration, asset=CaptionAsset(src=encode_cues(cues))
        )
        place_on_top(self.session, self.view, clip, label)

    def add_from_file(self) -> None:
        prompts = self.session.prompts
        path = prompts.ask_path("Add Captions from File", SUBTITLE_FILTER, save=False)
        if path is None:
            return
        document = self.session.document

        def place(result: tuple[str, list[Cue]]) -> None:
            if document is self.session.document:
                try:
                    self._place(result[1], "Add Captions")
                except EditError as exc:
                    prompts.status(f"Could not add captions: {exc}", 8000)

        self.session.runner.run(
            lambda _r: read_subtitle_file(path),
            on_done=place,
            on_error=lambda e: prompts.report_error("Could not read captions", str(e)),
        )

    def export_subtitles(self) -> None:
        prompts = self.session.prompts
        try:
            srt = timeline_subtitles(self.session.document.timeline, "srt")
            vtt = timeline_subtitles(self.session.document.timeline, "vtt")
        except ValueError as exc:
            raise EditError(str(exc)) from None
        path = prompts.ask_path("Export Captions", EXPORT_FILTER, save=True)
        if path is None:
            return
        text = vtt if path.suffix.lower() == ".vtt" else srt
        self.session.runner.run(
            lambda _r: path.write_text(text, encoding="utf-8"),
            on_done=lambda _v: prompts.status(f"Exported captions to {path}", 4000),
            on_error=lambda e: prompts.report_error("Could not export captions", str(e)),
        )

    def _media_for_transcript(self) -> str | None:
        row = self.media_bin.list.currentItem()
        data = row.data(Qt.ItemDataRole.UserRole) if row is not None else None
        if isinstance(data, dict) and data.get("kind") in ("video", "audio"):
            return str(data["id"])
        timeline = self.session.document.timeline
        for clip_id in self.view.canvas.selected_clip_ids():
            clip = timeline.clip(clip_id)
            if clip.kind in ("video", "audio") and clip.media_id:
                return clip.media_id
        return None

    def can_attach(self) -> bool:
        return self.session.client is not None

    def attach_transcript(self) -> None:
        """The chosen subtitle file as the transcript of the media selected in the bin (or of the
        selected clip's media): what caption clips with src "auto" show over it."""
        media_id = self._media_for_transcript()
        if media_id is None:
            raise EditError("select a video or audio in the Media Bin (or its clip) first")
        client, prompts = self.session.client, self.session.prompts
        if client is None:
            raise EditError("not connected to a backend")
        path = prompts.ask_path("Attach Transcript", SUBTITLE_FILTER, save=False)
        if path is None:
            return

        def attach() -> str:
            text, _cues = read_subtitle_file(path)
            info = client.attach_transcript(media_id, text, path.name)
            return f"Attached {info.name} to {media_id}: {info.cues} cues"

        self.session.runner.run(
            lambda _r: attach(),
            on_done=lambda message: prompts.status(str(message), 6000),
            on_error=lambda e: prompts.report_error("Could not attach the transcript", str(e)),
        )


CAPTIONS = MenuPlace("&Timeline", 0)
EXPORTS = MenuPlace("&File", 2)
CAPTION_COMMANDS: tuple[Command[CaptionsController], ...] = (
    Command("timeline.add_captions", "Add Caption Clip", "Timeline", CaptionsController.add_typed,
            ("Shift+T",), CAPTIONS, short="Add Captions"),
    Command("timeline.add_captions_file", "Add Captions from File…", "Timeline",
            CaptionsController.add_from_file, menu=CAPTIONS),
    Command("timeline.attach_transcript", "Attach Transcript to Media…", "Timeline",
            CaptionsController.attach_transcript, menu=CAPTIONS, enabled=CaptionsController.can_attach),
    Command("file.export_captions", "Export Captions (SRT/VTT)…", "File", CaptionsController.export_subtitles,
            menu=EXPORTS),
)  # fmt: skip
