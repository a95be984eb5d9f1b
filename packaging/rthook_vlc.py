"""PyInstaller runtime hook: point python-vlc at the libvlc bundled on Windows and macOS.

On Linux nothing is bundled and python-vlc finds the system's libvlc as usual.
"""

import os
import sys

_bundle = getattr(sys, "_MEIPASS", "")
_library = {"win32": "libvlc.dll", "darwin": "libvlc.dylib"}.get(sys.platform)
if _bundle and _library and os.path.isfile(os.path.join(_bundle, _library)):
    os.environ.setdefault("PYTHON_VLC_LIB_PATH", os.path.join(_bundle, _library))
    if os.path.isdir(os.path.join(_bundle, "plugins")):
        os.environ.setdefault("PYTHON_VLC_MODULE_PATH", os.path.join(_bundle, "plugins"))
