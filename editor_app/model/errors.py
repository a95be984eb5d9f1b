"""The model's exceptions, in one place.

ModelError
├── InvalidTimelineJSON   editor JSON that does not describe a timeline (names the field)
├── EditError             an edit refused with a reason (overlap, locked track, out of source)
├── TimelineV2Unsupported a timeline that the seed's simpler /timeline_v2 body cannot express
└── ProjectFileError      a project file that cannot be read or written (names file and problem)
"""

from __future__ import annotations


class ModelError(Exception):
    """Base of every error raised by `editor_app.model`."""


class InvalidTimelineJSON(ModelError, ValueError):
    """The editor JSON is malformed; the message names the offending field."""


class EditError(ModelError):
    """An edit was refused; the message says why in words a user understands."""


class TimelineV2Unsupported(ModelError, ValueError):
    """The timeline uses features the seed `/timeline_v2` compile body cannot carry."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        super().__init__("timeline does not fit /timeline_v2: " + "; ".join(reasons))


class ProjectFileError(ModelError):
    """A project file could not be loaded or saved."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")
