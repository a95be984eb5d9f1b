"""The timeline: `view.TimelineView` (headers, canvas, scroll bars) around `canvas.TimelineCanvas`,
and its Qt-free logic in `logic/`. Import from the modules; this package imports nothing, so the
logic can be used without Qt."""
