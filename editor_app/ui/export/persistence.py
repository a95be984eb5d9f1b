"""Export jobs are bookkeeping, not edits: they are saved into the project file on their own.

The records live in `Project.exports`, so Save writes them with everything else. Between
saves, every change worth keeping (a job started, its backend id, a state change) is also
patched into the file on disk: only the `exports` field is replaced, the rest of the file
(the last saved timeline) is left as it was, and the undo history's clean state is not
touched. So an export survives closing the project without saving, or the app dying, and
unsaved edits never reach the file behind the user's back. An untitled project has no file:
its exports are kept only in memory (and in autosave copies) until it is saved.

Every write of a project file takes `PROJECT_FILE_LOCK`, so a patch never reads the file
while a Save is replacing it and then writes the old timeline back.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import Any

from editor_app.model.project.atomic_file import atomic_write_text
from editor_app.model.project.files import FORMAT_MARKER, ExportJobRecord

log = logging.getLogger(__name__)
PROJECT_FILE_LOCK = threading.Lock()
MAX_SETTLED_KEPT = 50  # finished exports listed in a project; older ones are dropped


def records_json(records: list[ExportJobRecord]) -> list[dict[str, Any]]:
    return [record.model_dump(mode="json") for record in records]


def patch_exports(path: Path, records: list[dict[str, Any]]) -> bool:
    """Replace the `exports` of the project file at `path`; False (and logged) if it cannot."""
    with PROJECT_FILE_LOCK:
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError) as exc:
            log.warning("could not record export jobs in %s: %s", path, exc)
            return False
        if not isinstance(data, dict) or data.get("format") != FORMAT_MARKER:
            log.warning("could not record export jobs in %s: not a project file", path)
            return False
        data["exports"] = records
        try:
            atomic_write_text(path, json.dumps(data, indent=1))
        except OSError as exc:
            log.warning("could not record export jobs in %s: %s", path, exc)
            return False
    return True


def prune(records: list[ExportJobRecord]) -> list[ExportJobRecord]:
    """Keep every job in flight and the newest settled ones."""
    settled = [r for r in records if r.state in ("done", "failed", "cancelled")]
    if len(settled) <= MAX_SETTLED_KEPT:
        return records
    dropped = {id(r) for r in sorted(settled, key=lambda r: r.created_at)[:-MAX_SETTLED_KEPT]}
    return [r for r in records if id(r) not in dropped]
