"""File ▸ Import Media…: the media bin's file dialog (the files are uploaded to the backend);
File ▸ Make/Drop Proxy of the selected video (local backend only, proxies.py)."""

from __future__ import annotations

from editor_app.ui.commands.table import Command, MenuPlace, ToolbarPlace
from editor_app.ui.media.bin import MediaBin

MEDIA_COMMANDS: tuple[Command[MediaBin], ...] = (
    Command("file.import_media", "Import Media…", "File", MediaBin.choose_files, ("Ctrl+I",),
            MenuPlace("&File", 2), toolbar=ToolbarPlace(2, "import")),
    Command("media.make_proxy", "Make Proxy", "File", MediaBin.make_proxy, menu=MenuPlace("&File", 2),
            enabled=MediaBin.can_proxy),
    Command("media.drop_proxy", "Drop Proxy", "File", MediaBin.drop_proxy, menu=MenuPlace("&File", 2),
            enabled=MediaBin.can_proxy),
)  # fmt: skip
