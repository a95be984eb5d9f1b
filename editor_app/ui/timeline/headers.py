"""Track headers beside the canvas: name (editable), kind, mute / lock / hide (and solo on audio
tracks), add, remove, reorder, and the row's height by dragging its bottom edge (saved per track).

One small widget per track (tracks are few; clips never get widgets). Rows sit at the canvas'
row positions, so they scroll with it. Dragging a row by its kind badge reorders the tracks.
Every change is an undoable command.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from editor_app.model.edits import AddTrack, RemoveTrack, RestackTrack, SetTrackState, new_track
from editor_app.model.timeline import Track, TrackKind
from editor_app.ui.timeline import style
from editor_app.ui.timeline.logic.geometry import RULER_HEIGHT, TRACK_HEIGHTS

if TYPE_CHECKING:
    from editor_app.ui.timeline.canvas import TimelineCanvas

HEADER_WIDTH = 200
TOGGLES = (
    ("muted", "M", "Mute"),
    ("solo", "S", "Solo: while any audio track is soloed, only soloed ones sound"),
    ("locked", "L", "Lock"),
    ("hidden", "H", "Hide"),
)
RESIZE_PX = 5  # the band at a row's bottom that resizes it
MIN_HEIGHT, MAX_HEIGHT = 24, 400
SHEET = """
QFrame#TrackHeader { background: #2a2c31; border-bottom: 1px solid #34373d; }
QLineEdit { background: transparent; border: none; color: #e6e8eb; font-weight: bold; }
QLineEdit:focus { background: #1b1c1f; border: 1px solid #4e87d8; }
QToolButton { color: #c9cdd3; background: #35383e; border: 1px solid #44474e; border-radius: 3px;
  min-width: 18px; max-width: 18px; min-height: 18px; max-height: 18px; font-size: 10px; }
QToolButton:checked { background: #d9822a; color: #111; }
QToolButton#remove:hover { background: #b3403a; }
QLabel#badge { color: white; border-radius: 3px; font-weight: bold; padding: 0 4px; }
"""


class TrackHeaderRow(QFrame):
    def __init__(self, headers: TrackHeaders, track: Track) -> None:
        super().__init__(headers)
        self.setObjectName("TrackHeader")
        self.track_id = track.id
        self.headers = headers
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 4, 2)
        layout.setSpacing(3)
        self.badge = QLabel(self)
        self.badge.setObjectName("badge")
        self.badge.setCursor(Qt.CursorShape.SizeVerCursor)
        self.badge.setToolTip("Drag to reorder tracks")
        self.name = QLineEdit(self)
        self.name.setToolTip("Track name")
        self.name.editingFinished.connect(self._rename)
        layout.addWidget(self.badge)
        layout.addWidget(self.name, 1)
        self.toggles: dict[str, QToolButton] = {}
        self._resize: tuple[float, int] | None = None  # press y, height then
        self.setMouseTracking(True)
        for field_name, text, tip in TOGGLES:
            if field_name == "solo" and track.kind != "audio":
                continue
            button = QToolButton(self)
            button.setText(text)
            button.setCheckable(True)
            button.setToolTip(tip)
            button.setObjectName(f"toggle_{field_name}")
            button.clicked.connect(lambda checked, f=field_name: self._toggle(f, checked))
            layout.addWidget(button)
            self.toggles[field_name] = button
        self.remove = QToolButton(self)
        self.remove.setObjectName("remove")
        self.remove.setText("\u00d7")  # multiplication sign
        self.remove.setToolTip("Remove track")
        self.remove.clicked.connect(lambda: headers.push(RemoveTrack(self.track_id)))
        layout.addWidget(self.remove)

    def refresh(self, track: Track, label: str) -> None:
        sheet = f"background: {style.kind_colour(track.kind).name()};"
        if self.badge.text() != label:
            self.badge.setText(label)
        if self.badge.styleSheet() != sheet:  # restyling is costly; this runs on every scroll
            self.badge.setStyleSheet(sheet)
        if not self.name.hasFocus() and self.name.text() != track.name:
            self.name.setText(track.name)
        for field_name, button in self.toggles.items():
            if button.isChecked() != bool(getattr(track, field_name)):
                button.setChecked(bool(getattr(track, field_name)))

    # ---- the height, by dragging the bottom edge ---------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and event.position().y() >= self.height() - RESIZE_PX:
            self._resize = (event.globalPosition().y(), self.height())
            event.accept()
        else:
            event.ignore()  # the headers reorder by dragging a row

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._resize is not None:
            self.headers.canvas.preview_height(self.track_id, self._dragged_height(event))
        elif event.position().y() >= self.height() - RESIZE_PX:
            self.setCursor(Qt.CursorShape.SizeVerCursor)
        else:
            self.unsetCursor()
        event.ignore() if self._resize is None else event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._resize is None:
            event.ignore()
            return
        height = self._dragged_height(event)
        self._resize = None
        self.headers.canvas.preview_height(self.track_id, None)
        track = self.headers.timeline_track(self.track_id)
        if track is not None and height != self.height_of(track):
            self.headers.push(SetTrackState(self.track_id, height=height))

    def _dragged_height(self, event: QMouseEvent) -> int:
        assert self._resize is not None
        y0, h0 = self._resize
        return int(min(max(h0 + event.globalPosition().y() - y0, MIN_HEIGHT), MAX_HEIGHT))

    @staticmethod
    def height_of(track: Track) -> int:
        return track.height or TRACK_HEIGHTS[track.kind]

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.headers.canvas.track_menu(self.track_id, event.globalPos())

    def _rename(self) -> None:
        track = self.headers.timeline_track(self.track_id)
        new = self.name.text().strip()
        if track is not None and new and new != track.name:
            self.headers.push(SetTrackState(self.track_id, name=new))
        elif track is not None:
            self.name.setText(track.name)

    def _toggle(self, field_name: str, checked: bool) -> None:
        changes: dict[str, Any] = {field_name: checked}
        self.headers.push(SetTrackState(self.track_id, **changes))


def _labels(tracks: list[Track]) -> list[str]:
    """V1, V2, ... and A1, A2, ... by list order: V1 is the bottom video track, as in other editors."""
    counts = {"video": 0, "audio": 0}
    labels = []
    for track in tracks:
        counts[track.kind] += 1
        labels.append(f"{'A' if track.kind == 'audio' else 'V'}{counts[track.kind]}")
    return labels


class TrackHeaders(QWidget):
    def __init__(self, canvas: TimelineCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.setFixedWidth(HEADER_WIDTH)
        self.setStyleSheet(SHEET)
        self.rows: dict[str, TrackHeaderRow] = {}
        self.top_bar = QFrame(self)
        self.top_bar.setStyleSheet("background: #2b2d31; border-bottom: 1px solid #45484f;")
        bar = QHBoxLayout(self.top_bar)
        bar.setContentsMargins(6, 3, 6, 3)
        self.add_video = QToolButton(self.top_bar)
        self.add_video.setText("+ Video")
        self.add_audio = QToolButton(self.top_bar)
        self.add_audio.setText("+ Audio")
        for button in (self.add_video, self.add_audio):
            button.setStyleSheet("min-width: 52px; max-width: 60px; color: #dfe2e6;")
            bar.addWidget(button)
        bar.addStretch(1)
        self.add_video.clicked.connect(lambda: self.add_track("video"))
        self.add_audio.clicked.connect(lambda: self.add_track("audio"))
        self._drag: tuple[str, float] | None = None  # track id, current y
        self.indicator = QFrame(self)  # where a dragged row would land; above the rows
        self.indicator.setStyleSheet(f"background: {style.SNAP_GUIDE.name()};")
        self.indicator.hide()
        canvas.viewChanged.connect(self.sync)
        self.sync()

    def timeline_track(self, track_id: str) -> Track | None:
        try:
            return self.canvas.timeline.track(track_id)
        except KeyError:
            return None

    def push(self, command: Any) -> None:
        self.canvas.push(command)

    def add_track(self, kind: TrackKind) -> None:
        """A new video track goes on top of the video stack; a new audio track below the others."""
        self.push(AddTrack(new_track(self.canvas.timeline, kind), None))

    def sync(self) -> None:
        """Match the rows to the tracks and to the canvas' vertical scroll."""
        timeline = self.canvas.timeline
        layout = self.canvas.layout_rows()
        ids = {t.id for t in timeline.tracks}
        for track_id in [tid for tid in self.rows if tid not in ids]:
            self.rows.pop(track_id).deleteLater()
        labels = _labels(timeline.tracks)
        for row in layout.rows:
            track = timeline.tracks[row.index]
            widget = self.rows.get(track.id)
            if widget is None:
                widget = self.rows[track.id] = TrackHeaderRow(self, track)
                widget.show()
            widget.refresh(track, labels[row.index])
            widget.setGeometry(0, int(row.top), HEADER_WIDTH, int(row.height))
        self.top_bar.setGeometry(0, 0, HEADER_WIDTH, RULER_HEIGHT)
        self.top_bar.raise_()
        self.update()

    # ---- reorder by dragging a row ----------------------------------------------------------------
    def _target_row(self, y: float) -> int:
        """The display row a dragged header would be inserted before."""
        rows = self.canvas.layout_rows().rows
        middles = [r.top + r.height / 2 for r in rows]
        return bisect.bisect_left(middles, y)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        row = self.canvas.layout_rows().row_at(event.position().y())
        if event.button() == Qt.MouseButton.LeftButton and row is not None:
            self._drag = (row.track_id, event.position().y())
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            self._drag = (self._drag[0], event.position().y())
            rows = self.canvas.layout_rows().rows
            target = self._target_row(self._drag[1])
            y = rows[target].top if target < len(rows) else rows[-1].bottom
            self.indicator.setGeometry(0, int(y) - 1, HEADER_WIDTH, 3)
            self.indicator.show()
            self.indicator.raise_()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is None:
            return super().mouseReleaseEvent(event)
        track_id, y = self._drag
        self._drag = None
        self.indicator.hide()
        command = RestackTrack(track_id, self._target_row(y))
        if command.changes(self.canvas.timeline):
            self.push(command)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), style.BACKGROUND)
        painter.end()
