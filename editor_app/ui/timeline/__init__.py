"""The timeline canvas: `TimelineView` (headers, canvas, scroll bars) around `TimelineCanvas`."""
