"""The Export Video dialog: where to, which format and quality, at which resolution; then Start.

Formats follow the backend's download contract: a backend that implements the seed's
`/timeline_v2/download` (the local one) exports mp4, webm and avi at low, medium or high
quality; one that offers only `/editor/download` (VideoDB cloud today) exports mp4 at its
own quality, and the dialog says so. The quality descriptions restate the local backend's
encoder table (`server/render/encoders.py`; a test keeps them in step).

Resolution: the dialog shows the timeline's resolution and may change it; a change is an
ordinary undo step ("Set Resolution") pushed when Start is pressed, so the export and the
project agree and the change can be undone like any other edit.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor_app.ui.inspector.timeline_settings import RESOLUTIONS
from editor_app.wire import ExportFormat, Quality

FORMAT_TITLES: dict[ExportFormat, str] = {
    "mp4": "MP4 (H.264 / AAC)",
    "webm": "WebM (VP9 / Opus)",
    "avi": "AVI (MPEG-4 XviD / MP3)",
}
FORMAT_FILTERS: dict[ExportFormat, str] = {
    "mp4": "MP4 video (*.mp4)",
    "webm": "WebM video (*.webm)",
    "avi": "AVI video (*.avi)",
}
QUALITY_NOTES: dict[ExportFormat, dict[Quality, str]] = {
    "mp4": {
        "low": "Low: H.264 CRF 28, veryfast preset, AAC 96 kb/s — small files for drafts and review",
        "medium": "Medium: H.264 CRF 23, veryfast preset, AAC 128 kb/s — balanced, for sharing online",
        "high": "High: H.264 CRF 20, fast preset, AAC 192 kb/s — for archiving and final delivery",
    },
    "webm": {
        "low": "Low: VP9 CRF 40, cpu-used 8, Opus 64 kb/s — small files for drafts and review",
        "medium": "Medium: VP9 CRF 33, cpu-used 6, Opus 96 kb/s — balanced, for the web",
        "high": "High: VP9 CRF 28, cpu-used 5, Opus 128 kb/s — best quality, slowest to encode",
    },
    "avi": {
        "low": "Low: MPEG-4 (XviD) q 8, MP3 128 kb/s — small files for old players",
        "medium": "Medium: MPEG-4 (XviD) q 5, MP3 192 kb/s — balanced",
        "high": "High: MPEG-4 (XviD) q 3, MP3 256 kb/s — best quality AVI, large files",
    },
}
MP4_ONLY_NOTE = (
    "This backend offers only /editor/download, which exports MP4 at the backend's own quality; "
    "WebM, AVI and the quality choice need a backend with the /timeline_v2/download contract."
)


class ExportDialog(QDialog):
    def __init__(
        self,
        suggested: Path,
        resolution: str,
        formats: tuple[ExportFormat, ...],
        parent: QWidget | None = None,
        ranges: dict[str, tuple[int, int]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Video")
        self.setObjectName("ExportDialog")
        self.formats = formats
        self.path_edit = QLineEdit(str(suggested), self)
        self.path_edit.setMinimumWidth(420)  # a whole path stays readable (issue 14, defect 8)
        # what to render: the whole timeline, the I/O range or the selection (those offered)
        self.range_box = QComboBox(self)
        self.range_box.addItem("Whole timeline", None)
        for key, title in (("io", "In/Out range"), ("selection", "Selection")):
            span = (ranges or {}).get(key)
            if span is not None:
                self.range_box.addItem(f"{title} ({(span[1] - span[0]) / 1000:.3f} s)", span)
        browse = QPushButton("Save As…", self)
        browse.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.format_box = QComboBox(self)
        for fmt in formats:
            self.format_box.addItem(FORMAT_TITLES[fmt], fmt)
        self.format_note = QLabel(MP4_ONLY_NOTE if formats == ("mp4",) else "", self)
        self.format_note.setWordWrap(True)
        self.format_note.setVisible(formats == ("mp4",))
        self.quality_box = QComboBox(self)
        for quality in ("low", "medium", "high"):
            self.quality_box.addItem(quality.capitalize(), quality)
        self.quality_box.setCurrentIndex(2)
        self.quality_box.setEnabled(formats != ("mp4",))
        self.quality_note = QLabel(self)
        self.quality_note.setWordWrap(True)
        self.resolution_box = QComboBox(self)
        self.resolution_box.setEditable(True)
        self.resolution_box.addItems(RESOLUTIONS if resolution in RESOLUTIONS else [resolution, *RESOLUTIONS])
        self.resolution_box.setCurrentText(resolution)
        form = QFormLayout()
        form.addRow("File", path_row)
        form.addRow("Format", self.format_box)
        form.addRow("", self.format_note)
        form.addRow("Quality", self.quality_box)
        form.addRow("", self.quality_note)
        form.addRow("Resolution", self.resolution_box)
        form.addRow("Range", self.range_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.start_button = buttons.addButton("Start", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self.quality_box.currentIndexChanged.connect(self._describe_quality)
        self._format_changed()

    # ---- values -----------------------------------------------------------------------------------
    @property
    def format(self) -> ExportFormat:
        fmt: ExportFormat = self.format_box.currentData()
        return fmt

    @property
    def quality(self) -> Quality:
        quality: Quality = self.quality_box.currentData()
        return quality

    @property
    def span(self) -> tuple[int, int] | None:
        """The part of the timeline to export (start, end in ticks), or None for all of it."""
        data = self.range_box.currentData()
        return (int(data[0]), int(data[1])) if data else None

    @property
    def path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    @property
    def resolution(self) -> str:
        return self.resolution_box.currentText().strip()

    # ---- reactions --------------------------------------------------------------------------------
    def _format_changed(self) -> None:
        text = self.path_edit.text().strip()
        if text:  # the extension follows the format
            self.path_edit.setText(str(Path(text).with_suffix("." + self.format)))
        self._describe_quality()

    def _describe_quality(self) -> None:
        if self.formats == ("mp4",):
            self.quality_note.setText("The backend chooses the quality.")
        else:
            self.quality_note.setText(QUALITY_NOTES[self.format][self.quality])

    def browse(self) -> None:
        path = self.ask_save_path()
        if path is not None:
            self.path_edit.setText(str(path.with_suffix("." + self.format)))

    def problem(self) -> str | None:
        """Why Start cannot go ahead yet, or None."""
        path = self.path
        if not self.path_edit.text().strip():
            return "Choose where to save the video."
        if not path.parent.is_dir():
            return f"The folder {path.parent} does not exist."
        if path.is_dir():
            return f"{path} is a folder."
        width, _, height = self.resolution.partition("x")
        if not (width.isdigit() and height.isdigit() and int(width) > 0 and int(height) > 0):
            return f"Resolution {self.resolution!r} is not WIDTHxHEIGHT, e.g. 1280x720."
        return None

    def try_accept(self) -> None:
        problem = self.problem()
        if problem is not None:
            self.show_problem(problem)
            return
        if self.path.exists() and not self.confirm_overwrite(self.path):
            return
        self.accept()

    # ---- questions (tests replace these) ------------------------------------------------------
    def ask_save_path(self) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export Video", str(self.path), FORMAT_FILTERS[self.format]
        )
        return Path(chosen) if chosen else None

    def confirm_overwrite(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self, "Replace file?", f"{path.name} already exists in {path.parent}. Replace it?"
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_problem(self, text: str) -> None:
        QMessageBox.warning(self, "Export Video", text)
