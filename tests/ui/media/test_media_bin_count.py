"""Defect 7: the Media Bin's count follows imports without a Refresh, and a file imported while
a filter is typed is filtered like the rest (real local backend)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from editor_app.model import MediaInfo
from editor_app.ui.media.bin import MediaBin
from tests.support.media import MediaFactory
from tests.ui.media.test_media_bin import media_bin  # noqa: F401 - the fixture


def test_the_count_and_the_filter_follow_imports(
    qtbot: QtBot,
    media_bin: MediaBin,  # noqa: F811 - the fixture
    media_factory: MediaFactory,
) -> None:
    before = media_bin.list.count()
    uploaded: list[MediaInfo] = []
    media_bin.mediaUploaded.connect(uploaded.append)
    media_bin.filter_edit.setText("zebra")
    media_bin.upload_files([str(media_factory.make_video(color="red", seconds=1))])
    qtbot.waitUntil(lambda: bool(uploaded), timeout=20000)
    row = media_bin.row_for(uploaded[0].id)
    assert row is not None and row.isHidden()  # its name has no "zebra"
    assert media_bin.status_label.text() == f"0 of {before + 1} media item{'s' if before else ''}"
    media_bin.filter_edit.setText("")
    assert media_bin.status_label.text().startswith(f"{before + 1} media item")
