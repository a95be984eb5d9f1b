"""File ▸ Import Media…: the media bin's file dialog (the files are uploaded to the backend)."""

from __future__ import annotations

from editor_app.ui.commands.table import Command, MenuPlace, ToolbarPlace
from editor_app.ui.media.bin import MediaBin

MEDIA_COMMANDS: tuple[Command[MediaBin], ...] = (
    Command("file.import_media", "Import Media…", "File", MediaBin.choose_files, ("Ctrl+I",),
            MenuPlace("&File", 2), toolbar=ToolbarPlace(2, "import")),
)  # fmt: skip
