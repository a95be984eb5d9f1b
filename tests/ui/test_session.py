"""The Session: the document and client every part works with, and the signals they follow."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.model.edits import SetTimelineProperty
from editor_app.model.project.files import Project
from editor_app.ui.document import Document, new_project
from editor_app.ui.prompts import Prompts
from editor_app.ui.session import Session
from editor_app.ui.workers import TaskRunner
from tests.support.demo_timeline import build_demo_timeline


def test_a_session_follows_the_document_it_shows(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    first = Document(new_project())
    session = Session(first, TaskRunner(), Prompts(window))
    seen: list[str] = []
    session.documentChanged.connect(lambda document: seen.append(f"document {document.name}"))
    session.changed.connect(lambda: seen.append("changed"))
    session.clientChanged.connect(lambda client: seen.append(f"client {client is not None}"))
    first.history.push(SetTimelineProperty("background", "#112233"))
    assert seen == ["changed"] and session.timeline_body() is None  # nothing to compile yet
    second = Document(Project(name="demo", timeline=build_demo_timeline()))
    session.set_document(second)
    assert seen[1:] == ["document demo", "changed"] and session.document is second
    first.history.undo()  # the old document is no longer followed
    assert len(seen) == 3
    body = session.timeline_body()
    assert body is not None and body == second.timeline.to_editor_json()
    client = VideoDBClient("http://127.0.0.1:9", "key")
    session.set_client(client)
    session.touch()
    assert seen[3:] == ["client True", "changed"] and session.client is client
    client.close()
