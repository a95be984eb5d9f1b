"""The timeline canvas: `TimelineView` (headers, canvas, scroll bars) around `TimelineCanvas`."""

from editor_app.ui.timeline.canvas import TimelineCanvas
from editor_app.ui.timeline.dropping import MEDIA_MIME, media_mime_data
from editor_app.ui.timeline.thumbnails_cache import ThumbnailProvider
from editor_app.ui.timeline.view import TimelineView

__all__ = ["MEDIA_MIME", "ThumbnailProvider", "TimelineCanvas", "TimelineView", "media_mime_data"]
