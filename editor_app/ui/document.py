"""The open document: a Project, its undo History and where it lives on disk."""

from __future__ import annotations

from pathlib import Path

from editor_app.model import Timeline, Track
from editor_app.model.project.files import MediaRef, Project
from editor_app.model.undo import History

UNTITLED = "Untitled"


def blank_timeline() -> Timeline:
    return Timeline(
        tracks=[
            Track(name="V1", kind="video", z_index=0),
            Track(name="V2", kind="video", z_index=1),
            Track(name="A1", kind="audio", z_index=2),
        ]
    )


def new_project(name: str = UNTITLED) -> Project:
    return Project(name=name, timeline=blank_timeline())


class Document:
    def __init__(self, project: Project, path: Path | None = None) -> None:
        self.project = project
        self.path = path
        self.history = History(project.timeline)
        self.history.mark_clean()
        self.recovered = False  # shown as unsaved although no edit happened since opening

    @property
    def timeline(self) -> Timeline:
        return self.history.timeline

    @property
    def name(self) -> str:
        if self.path is not None:
            return self.path.stem
        return self.project.name or UNTITLED

    @property
    def modified(self) -> bool:
        return self.recovered or not self.history.is_clean

    def snapshot(self) -> Project:
        """The project as it stands now: the live timeline, and a media reference per source."""
        project = self.project
        project.timeline = self.history.timeline
        refs = {ref.id: ref for ref in project.media}
        for info in project.timeline.media.values():
            old = refs.get(info.id)
            refs[info.id] = MediaRef(
                id=info.id,
                kind=info.kind,
                name=info.name,
                original_path=info.original_path or (old.original_path if old else None),
                backend=project.backend,
                collection_id=project.collection_id,
            )
        project.media = list(refs.values())
        return project
