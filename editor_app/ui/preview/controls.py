"""The preview's control bar: transport buttons, seek slider, times, volume, loop, full screen,
and the compile state with its Compile and Retry buttons. Widgets only; no behaviour."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor_app.model import format_timecode
from editor_app.model.ticks import DEFAULT_FPS
from editor_app.ui.icons import painted_icon
from editor_app.ui.preview.resolution import CHOICES

STATE_COLOURS = {"failed": "#e5534b", "stale": "#d29922", "compiling": "#539bf5", "ready": "#57ab5a"}


class PreviewControls(QWidget):
    """Icons are painted in the palette's button text colour and repainted when the palette
    changes (a theme switch), so they read on light and dark backgrounds alike."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._playing = False
        self._icons: dict[QToolButton, str] = {}
        # times read HH:MM:SS:FF on the timeline's frame rate, as the status bar's playhead does
        self.fps_of: Callable[[], float] = lambda: DEFAULT_FPS

        def tool(name: str, icon: str, tip: str) -> QToolButton:
            button = QToolButton(self)
            button.setObjectName(name)
            self._icons[button] = icon
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space stays a window shortcut
            button.setAutoRaise(True)
            return button

        self.play = tool("PreviewPlay", "play", "Play / Pause (Space)")
        self.stop = tool("PreviewStop", "stop", "Stop")
        self.back_frame = tool("PreviewBackFrame", "previous_frame", "Previous frame")
        self.next_frame = tool("PreviewNextFrame", "next_frame", "Next frame")
        self.mute = tool("PreviewMute", "volume", "Mute")
        self.mute.setCheckable(True)
        self.fullscreen = tool("PreviewFullScreen", "fullscreen", "Full screen (Esc leaves)")
        self.loop = QCheckBox("Loop", self)
        self.loop.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.seek = QSlider(Qt.Orientation.Horizontal, self)
        self.seek.setObjectName("PreviewSeek")
        self.seek.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setObjectName("PreviewVolume")
        self.volume.setRange(0, 100)
        self.volume.setValue(100)
        self.volume.setMaximumWidth(80)
        self.seek.setMinimumWidth(60)
        self.volume.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.time = QLabel(self)
        self.time.setObjectName("PreviewTimecode")
        # a font, not a style sheet: a style sheet pins the label's palette at the first theme
        self.time.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.state = QLabel(self)
        self.state.setObjectName("PreviewState")
        self.state.setWordWrap(True)
        self.state.setMinimumWidth(40)
        self.live = QCheckBox("Live", self)
        self.live.setToolTip("Recompile shortly after each edit")
        self.live.setChecked(True)
        self.live.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.compile = QPushButton("Compile", self)
        self.compile.setObjectName("PreviewCompile")
        self.compile.setToolTip("Compile the timeline and play it (Ctrl+Enter)")
        self.compile.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.retry = QPushButton("Retry", self)
        self.retry.setObjectName("PreviewRetry")
        self.retry.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.retry.hide()
        self.resolution = QToolButton(self)
        self.resolution.setObjectName("PreviewResolution")
        self.resolution.setToolTip("Preview resolution (Auto: the smallest that fills the pane)")
        self.resolution.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.resolution.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        menu = QMenu(self.resolution)
        for key, title in CHOICES.items():
            action = menu.addAction(title)
            action.setData(key)
            action.setCheckable(True)
        self.resolution.setMenu(menu)
        self.show_resolution("auto")

        # three short rows: the dock must still fit beside the bin and inspector at 760 px
        buttons = QHBoxLayout()
        buttons.setContentsMargins(4, 0, 4, 0)
        for button in (self.play, self.stop, self.back_frame, self.next_frame):
            buttons.addWidget(button)
        buttons.addWidget(self.seek, 1)
        sound = QHBoxLayout()
        sound.setContentsMargins(6, 0, 4, 0)
        sound.addWidget(self.time)
        sound.addStretch(1)
        for item in (self.mute, self.volume, self.loop, self.fullscreen):
            sound.addWidget(item)
        status = QHBoxLayout()
        status.setContentsMargins(6, 0, 4, 2)
        status.addWidget(self.state, 1)
        for entry in (self.retry, self.resolution, self.live, self.compile):
            status.addWidget(entry)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(2)
        layout.addLayout(buttons)
        layout.addLayout(sound)
        layout.addLayout(status)
        self.show_times(0, 0)
        self._paint_icons()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._paint_icons()

    def _paint_icons(self) -> None:
        ink = self.palette().color(QPalette.ColorRole.ButtonText)
        for button, name in self._icons.items():
            if button is self.play and self._playing:
                name = "pause"
            button.setIcon(painted_icon(name, ink))

    def show_times(self, position: int, total: int) -> None:
        fps = self.fps_of()
        self.time.setText(f"{format_timecode(position, fps)} / {format_timecode(total, fps)}")
        if not self.seek.isSliderDown():
            self.seek.blockSignals(True)
            self.seek.setRange(0, max(total, 0))
            self.seek.setValue(position)
            self.seek.blockSignals(False)

    def show_playing(self, playing: bool) -> None:
        self._playing = playing
        self.play.setProperty("playing", playing)
        self._paint_icons()

    def show_state(self, state: str, text: str, retry: bool = False) -> None:
        colour = STATE_COLOURS.get(state)
        self.state.setStyleSheet(f"QLabel {{ color: {colour}; }}" if colour else "")
        self.state.setText(text)
        self.state.setProperty("compileState", state)
        self.retry.setVisible(retry)

    def show_resolution(self, choice: str) -> None:
        menu = self.resolution.menu()
        for action in menu.actions():
            action.setChecked(action.data() == choice)
        self.resolution.setText(CHOICES.get(choice, "Auto"))
