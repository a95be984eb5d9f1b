"""The TaskRunner delivers results, errors and progress on the GUI thread, in order."""

from __future__ import annotations

import threading

import shiboken6
from pytestqt.qtbot import QtBot

from editor_app.ui.workers import Report, TaskRunner


def test_result_and_progress_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    seen: list[tuple[str, object, str]] = []
    gui_thread = threading.current_thread().name

    def work(report: Report) -> str:
        for step in range(5):
            report(step)
        return threading.current_thread().name

    task = runner.run(
        work,
        on_done=lambda v: seen.append(("done", v, threading.current_thread().name)),
        on_progress=lambda p: seen.append(("progress", p, threading.current_thread().name)),
    )
    qtbot.waitUntil(lambda: task.done and runner.active == 0, timeout=5000)
    assert [s[1] for s in seen if s[0] == "progress"] == [0, 1, 2, 3, 4]
    assert all(s[2] == gui_thread for s in seen)
    worker_name = seen[-1][1]
    assert seen[-1][0] == "done" and worker_name != gui_thread
    assert task.result == worker_name


def test_an_exception_in_the_worker_reaches_on_error(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []

    def work(_report: Report) -> None:
        raise ValueError("disk on fire")

    task = runner.run(work, on_error=errors.append)
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert len(errors) == 1 and isinstance(errors[0], ValueError)
    assert str(task.error) == "disk on fire"


def test_cancel_is_seen_by_the_work(qtbot: QtBot) -> None:
    runner = TaskRunner()
    started = threading.Event()
    holder: dict[str, object] = {}

    assigned = threading.Event()

    def work(_report: Report) -> str:
        started.set()
        assigned.wait(5)  # the test stores the task once run() returns
        task = holder["task"]
        while not task.cancelled:  # type: ignore[attr-defined]
            threading.Event().wait(0.01)
        return "stopped"

    holder["task"] = task = runner.run(work)
    assigned.set()
    assert started.wait(5)
    runner.cancel_all()
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert task.result == "stopped"


def test_outcomes_for_a_destroyed_owner_are_dropped(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLabel

    runner = TaskRunner()
    owner = QLabel("waiting")
    release = threading.Event()
    delivered: list[object] = []

    def work(_report: Report) -> str:
        release.wait(5)
        return "late"

    task = runner.run(work, on_done=delivered.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner), timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert delivered == [] and task.result == "late"


def test_a_runner_destroyed_before_its_task_ends_is_left_alone(qtbot: QtBot) -> None:
    runner = TaskRunner()
    release = threading.Event()
    outcomes: list[object] = []

    def work(_report: Report) -> str:
        release.wait(5)
        return "done"

    task = runner.run(work)
    task.ended.connect(lambda: outcomes.append("ended"))
    runner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(runner), timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: outcomes == ["ended"], timeout=5000)  # no error from the dead runner
