"""The desktop integration files validate with the distribution's own tools; the icons are complete."""

from __future__ import annotations

import os
import re
import runpy
import struct
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from editor_app import __version__

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
RESOURCES = ROOT / "resources"
DESKTOP = PACKAGING / "io.videodb.TimelineEditor.desktop"
METAINFO = PACKAGING / "io.videodb.TimelineEditor.metainfo.xml"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_desktop_file_validates() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr
    entries = dict(
        line.split("=", 1)
        for line in DESKTOP.read_text().splitlines()
        if "=" in line and not line.startswith("#")
    )
    assert entries["Exec"].split()[0] == "videodb-editor"  # the installed gui-script's name
    assert entries["Icon"] == "videodb-editor"


def test_metainfo_validates_and_names_the_desktop_file() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    root = ElementTree.parse(METAINFO).getroot()
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("id") == DESKTOP.name.removesuffix(".desktop")
    releases = [release.get("version") for release in root.iter("release")]
    assert releases and releases[0] == __version__  # the newest release is the package's version


def test_every_icon_size_is_there_and_square() -> None:
    for size in ICON_SIZES:
        assert _png_size(RESOURCES / "icons" / f"videodb-editor-{size}.png") == (size, size)
    assert _png_size(RESOURCES / "videodb-editor.png") == (256, 256)
    svg = ElementTree.parse(RESOURCES / "videodb-editor.svg").getroot()
    assert svg.tag.endswith("svg") and svg.get("viewBox") == "0 0 256 256"


def test_icons_render_from_the_svg(tmp_path: Path) -> None:
    """The script the PNGs come from still works (Qt's SVG renderer, offscreen)."""
    script = (PACKAGING / "render_icons.py").read_text()
    copy = tmp_path / "packaging" / "render_icons.py"
    copy.parent.mkdir()
    copy.write_text(script)
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "videodb-editor.svg").write_text((RESOURCES / "videodb-editor.svg").read_text())
    result = subprocess.run(
        [sys.executable, str(copy)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    for size in ICON_SIZES:
        rendered = tmp_path / "resources" / "icons" / f"videodb-editor-{size}.png"
        assert _png_size(rendered) == (size, size)
    # transparent corners (the tile is rounded) around an opaque picture
    image = QImage(str(tmp_path / "resources" / "icons" / "videodb-editor-512.png"))
    assert image.pixelColor(0, 0).alpha() == 0 and image.pixelColor(511, 511).alpha() == 0
    assert image.pixelColor(256, 256).alpha() == 255 and image.pixelColor(30, 256).alpha() == 255


def test_spec_and_makefile_agree() -> None:
    spec = (PACKAGING / "videodb-editor.spec").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^package: setup$", makefile, re.M)
    assert "packaging/videodb-editor.spec" in makefile
    assert 'name="videodb-editor"' in spec
    assert "editor_app.server.cli" in spec  # `serve` is imported by name: it must be in the bundle


def test_runtime_hook_points_python_vlc_at_a_bundled_libvlc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("PYTHON_VLC_LIB_PATH", "PYTHON_VLC_MODULE_PATH"):
        monkeypatch.setenv(name, "")  # recorded, so whatever the hook sets is undone after the test
        monkeypatch.delenv(name)
    (tmp_path / "libvlc.dll").write_bytes(b"")
    (tmp_path / "plugins").mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    runpy.run_path(str(PACKAGING / "rthook_vlc.py"))
    assert "PYTHON_VLC_LIB_PATH" not in os.environ  # Linux: the system's libvlc
    monkeypatch.setattr(sys, "platform", "win32")
    runpy.run_path(str(PACKAGING / "rthook_vlc.py"))
    assert os.environ["PYTHON_VLC_LIB_PATH"] == str(tmp_path / "libvlc.dll")
    assert os.environ["PYTHON_VLC_MODULE_PATH"] == str(tmp_path / "plugins")
