"""Project files: `.vdbproj` load/save with migrations, atomic writes, autosave and recovery."""

from editor_app.model.project.files import (
    ExportJobRecord,
    MediaRef,
    Project,
    load_project,
    project_from_json,
    project_to_json,
    save_project,
)

__all__ = [
    "ExportJobRecord",
    "MediaRef",
    "Project",
    "load_project",
    "project_from_json",
    "project_to_json",
    "save_project",
]
