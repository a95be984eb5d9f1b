"""Autosave and crash recovery, without threads or Qt (the UI drives it with a timer).

After an edit the Autosaver waits for a short quiet period (at most `max_wait_seconds`, 5 s by
default, after the first unsaved edit), then the UI writes a recovery
copy of the project into the recovery folder. A saved project's copy is named from a hash
of its path; an untitled project's copy is `untitled-<uuid>`. Opening a project whose
recovery copy is newer than the file means the editor did not close cleanly: offer it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid
from pathlib import Path

import platformdirs

from editor_app.model.errors import ProjectFileError
from editor_app.model.project.files import Project, load_project, save_project

DATA_DIR_ENV = "VIDEODB_EDITOR_DATA_DIR"
APP_NAME = "videodb-editor"
RECOVERY_SUFFIX = ".vdbproj"
UNTITLED_PREFIX = "untitled-"


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def recovery_dir() -> Path:
    return data_dir() / "recovery"


def _key(source: Path) -> str:
    resolved = str(Path(source).expanduser().resolve())
    return hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:24]


class Autosaver:
    """Decides when to autosave and where the recovery copy of a document lives."""

    def __init__(
        self, quiet_seconds: float = 2.0, max_wait_seconds: float = 5.0, folder: Path | None = None
    ) -> None:
        self.quiet_seconds = quiet_seconds
        # edits that never pause (one a second, for minutes) still get saved this often: a crash
        # loses at most this much work (issue 16)
        self.max_wait_seconds = max_wait_seconds
        self._folder = folder
        self._untitled_id = uuid.uuid4().hex
        self._changed_at: float | None = None
        self._first_change_at: float | None = None

    @property
    def folder(self) -> Path:
        return self._folder if self._folder is not None else recovery_dir()

    # ---- scheduling -------------------------------------------------------------------------
    def note_change(self, now: float) -> None:
        """An edit happened at `now` (monotonic seconds); the quiet period starts again."""
        self._changed_at = now
        if self._first_change_at is None:
            self._first_change_at = now

    def due(self, now: float) -> bool:
        """True once edits have been quiet for `quiet_seconds`, or waited `max_wait_seconds`.

        Call `write` when it says so; it answers True once per batch of edits.
        """
        if self._changed_at is None or self._first_change_at is None:
            return False
        quiet = now - self._changed_at >= self.quiet_seconds
        overdue = now - self._first_change_at >= self.max_wait_seconds
        if not (quiet or overdue):
            return False
        self._changed_at = self._first_change_at = None
        return True

    @property
    def pending(self) -> bool:
        return self._changed_at is not None

    # ---- recovery copies ----------------------------------------------------------------------
    def path_for(self, source: Path | None) -> Path:
        name = f"{UNTITLED_PREFIX}{self._untitled_id}" if source is None else _key(source)
        return self.folder / f"{name}{RECOVERY_SUFFIX}"

    def write(self, project: Project, source: Path | None) -> Path:
        """Write the recovery copy atomically and return where it went (ProjectFileError if not)."""
        target = self.path_for(source)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ProjectFileError(str(target.parent), f"could not create: {exc.strerror or exc}") from exc
        copy = project.model_copy(
            update={"autosaved_from": None if source is None else str(Path(source).resolve())}
        )
        save_project(copy, target)
        if source is None:
            _claim(target)
        return target

    def recovery_for(self, source: Path) -> Path | None:
        """The recovery copy of `source` when it is newer than the file itself."""
        copy = self.path_for(source)
        try:
            copy_time = copy.stat().st_mtime_ns
        except OSError:
            return None
        try:
            file_time = Path(source).stat().st_mtime_ns
        except OSError:
            return copy  # the file is gone: the copy is all there is
        return copy if copy_time > file_time else None

    def discard(self, source: Path | None) -> None:
        """Forget the recovery copy of `source`, and this session's untitled copy.

        The untitled copy goes too: the only document it can belong to is the one being
        saved or closed now.
        """
        paths = {self.path_for(None)}
        if source is not None:
            paths.add(self.path_for(source))
        for path in paths:
            for file in (path, _owner_file(path)):
                with contextlib.suppress(FileNotFoundError):
                    file.unlink()

    def list_orphans(self) -> list[Path]:
        """Untitled recovery copies left by sessions that ended without saving, newest first.

        A copy whose owning editor process is still running (another window) is not an orphan.
        """
        try:
            found = list(self.folder.glob(f"{UNTITLED_PREFIX}*{RECOVERY_SUFFIX}"))
        except OSError:
            return []
        own = self.path_for(None)
        with contextlib.suppress(OSError):  # owner files whose copy was deleted are litter
            for owner in self.folder.glob(f"{UNTITLED_PREFIX}*.pid"):
                if not owner.with_suffix(RECOVERY_SUFFIX).exists():
                    owner.unlink(missing_ok=True)
        dated: list[tuple[int, Path]] = []
        for path in found:
            if path == own or _owner_alive(path):
                continue
            with contextlib.suppress(OSError):  # another session may discard it meanwhile
                dated.append((path.stat().st_mtime_ns, path))
        return [path for _, path in sorted(dated, reverse=True)]

    def titled_recoveries(self) -> list[Path]:
        """Project files that have a recovery copy newer than themselves (unsaved work left by a
        session that ended without saving), newest copy first."""
        try:
            found = [
                p for p in self.folder.glob(f"*{RECOVERY_SUFFIX}") if not p.name.startswith(UNTITLED_PREFIX)
            ]
        except OSError:
            return []
        dated: list[tuple[int, Path]] = []
        for copy in found:
            try:
                source = json.loads(copy.read_text(encoding="utf-8")).get("autosaved_from")
            except (OSError, ValueError, AttributeError):
                continue  # unreadable: opening that project will say so
            if isinstance(source, str) and self.recovery_for(Path(source)) is not None:
                with contextlib.suppress(OSError):
                    dated.append((copy.stat().st_mtime_ns, Path(source)))
        return [source for _, source in sorted(dated, reverse=True)]

    def adopt(self, orphan: Path) -> Project:
        """Load an orphan to recover it; it becomes this session's untitled copy."""
        project = load_project(orphan)
        target = self.path_for(None)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(orphan, target)
        with contextlib.suppress(FileNotFoundError):
            _owner_file(orphan).unlink()
        _claim(target)
        return project


# ---- which process owns an untitled copy ---------------------------------------------------------
def _owner_file(copy: Path) -> Path:
    return copy.with_suffix(".pid")


def _claim(copy: Path) -> None:
    with contextlib.suppress(OSError):  # without it the copy is merely offered a little early
        _owner_file(copy).write_text(str(os.getpid()), encoding="ascii")


def _owner_alive(copy: Path) -> bool:
    try:
        pid = int(_owner_file(copy).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return False
    if pid == os.getpid():
        return False  # another Autosaver of this process: the copy is not this one's to guard
    if os.name != "posix":
        return False  # os.kill(pid, 0) is not a harmless probe on Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, it is just someone else's
    return True
