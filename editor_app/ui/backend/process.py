"""The embedded local backend as a child process, watched from the GUI thread without blocking.

`videodb-editor serve --port 0 --data-dir DIR` prints one JSON line `{"base_url", "api_key"}`
once it accepts requests. QProcess reads it asynchronously, so the GUI never waits on the
child. If the child dies while we want it running, it is restarted after a short back-off
(and says so through `stateChanged`); after too many deaths in a row it gives up with a reason.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

from editor_app.self_command import SERVE_KEY_ENV, self_command

log = logging.getLogger(__name__)

STARTING = "starting"
READY = "ready"
RESTARTING = "restarting"
STOPPED = "stopped"
FAILED = "failed"
STABLE_AFTER_S = 30.0


class BackendProcess(QObject):
    """Starts, watches, restarts and stops `editor_app.cli serve` as a QProcess."""

    ready = Signal(str, str)  # base_url, api_key
    stateChanged = Signal(str, str)  # state, human-readable message
    outputLine = Signal(str)  # anything else the child printed (stderr/stdout), for the log

    def __init__(
        self,
        data_dir: Path,
        *,
        api_key: str | None = None,
        startup_timeout_ms: int = 30000,
        max_restarts: int = 5,
        command: list[str] | None = None,
        tools: list[str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self._api_key = api_key
        self._tools = list(tools or [])  # e.g. ["--ffmpeg", PATH, "--ffprobe", PATH]
        self._command = command  # another program speaking the same one-line protocol
        self.startup_timeout_ms = startup_timeout_ms
        self.max_restarts = max_restarts
        self.base_url: str | None = None
        self.api_key: str | None = None
        self.state = STOPPED
        self.message = "not started"
        self.restarts = 0
        self._wanted = False
        self._ready_since: float | None = None
        self._stdout_buffer = b""
        self._process: QProcess | None = None
        self._startup_timer = QTimer(self)
        self._startup_timer.setSingleShot(True)
        self._startup_timer.timeout.connect(self._startup_timed_out)
        self._restart_timer = QTimer(self)
        self._restart_timer.setSingleShot(True)
        self._restart_timer.timeout.connect(self._spawn)

    # ---- public ---------------------------------------------------------------------------
    def start(self) -> None:
        self._wanted = True
        self.restarts = 0
        self._spawn()

    def stop(self, wait_ms: int = 5000) -> None:
        """Ask the child to shut down (SIGTERM), then kill it if it lingers. Called on exit."""
        self._wanted = False
        self._startup_timer.stop()
        self._restart_timer.stop()
        process = self._process
        if process is not None and process.state() != QProcess.ProcessState.NotRunning:
            process.terminate()
            if not process.waitForFinished(wait_ms):
                process.kill()
                process.waitForFinished(1000)
        self._process = None
        self.base_url = None
        self._set_state(STOPPED, "local backend stopped")

    @property
    def pid(self) -> int | None:
        if self._process is None:
            return None
        pid = int(self._process.processId())
        return pid or None

    def command(self) -> list[str]:
        if self._command is not None:
            return list(self._command)
        # --parent-watch: the backend ends itself if the editor is killed without a chance to stop it
        args = self_command(
            "serve", "--port", "0", "--parent-watch", "--data-dir", str(self.data_dir), *self._tools
        )
        return args

    # ---- child lifecycle ------------------------------------------------------------------
    def _spawn(self) -> None:
        if not self._wanted:
            return
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.base_url = None
        self._stdout_buffer = b""
        process = QProcess(self)
        process.readyReadStandardOutput.connect(self._read_stdout)
        process.readyReadStandardError.connect(self._read_stderr)
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._error)
        self._process = process
        if self._api_key:  # in the environment: other users can read command lines (ps), not it
            environment = QProcessEnvironment.systemEnvironment()
            environment.insert(SERVE_KEY_ENV, self._api_key)
            process.setProcessEnvironment(environment)
        program, *arguments = self.command()
        self._set_state(STARTING if self.restarts == 0 else RESTARTING, "starting the local backend…")
        process.start(program, arguments)
        self._startup_timer.start(self.startup_timeout_ms)

    def _read_stdout(self) -> None:
        process = self.sender()
        if not isinstance(process, QProcess) or process is not self._process:
            return
        self._stdout_buffer += bytes(process.readAllStandardOutput().data())
        while b"\n" in self._stdout_buffer:
            raw, self._stdout_buffer = self._stdout_buffer.split(b"\n", 1)
            self._handle_line(raw.decode("utf-8", "replace").strip())

    def _handle_line(self, line: str) -> None:
        if not line:
            return
        if self.base_url is None and line.startswith("{"):
            try:
                info = json.loads(line)
                base_url, api_key = str(info["base_url"]), str(info["api_key"])
            except (ValueError, KeyError, TypeError):
                self.outputLine.emit(line)
                return
            self._startup_timer.stop()
            self.base_url, self.api_key = base_url, api_key
            self._ready_since = time.monotonic()
            self._set_state(READY, f"local backend at {base_url}")
            self.ready.emit(base_url, api_key)
            return
        self.outputLine.emit(line)

    def _read_stderr(self) -> None:
        process = self.sender()
        if not isinstance(process, QProcess):
            return
        text = bytes(process.readAllStandardError().data()).decode("utf-8", "replace")
        for line in text.splitlines():
            if line.strip():
                log.debug("backend: %s", line)
                self.outputLine.emit(line)

    def _finished(self, exit_code: int, _status: QProcess.ExitStatus) -> None:
        process = self.sender()
        if process is not self._process:
            return  # an old child we already replaced
        self._startup_timer.stop()
        self._process = None
        self.base_url = None
        if not self._wanted:
            return
        self._schedule_restart(f"the local backend exited (code {exit_code})")

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self.sender() is self._process:
            self._startup_timer.stop()
            self._process = None
            self._schedule_restart("the local backend could not be started")

    def _startup_timed_out(self) -> None:
        process = self._process
        if process is None:
            return
        self.outputLine.emit("the local backend did not report ready in time")
        process.kill()  # `_finished` then schedules the restart

    def _schedule_restart(self, reason: str) -> None:
        # a backend that ran well for a while before dying starts a fresh count of attempts
        if self._ready_since is not None and time.monotonic() - self._ready_since > STABLE_AFTER_S:
            self.restarts = 0
        self._ready_since = None
        self.restarts += 1
        if self.restarts > self.max_restarts:
            self._wanted = False
            self._set_state(FAILED, f"{reason}; gave up after {self.max_restarts} restarts")
            return
        delay = min(250 * 2 ** (self.restarts - 1), 8000)
        self._set_state(RESTARTING, f"{reason}; restarting (attempt {self.restarts})…")
        self._restart_timer.start(delay)

    def _set_state(self, state: str, message: str) -> None:
        self.state, self.message = state, message
        log.info("backend %s: %s", state, message)
        self.stateChanged.emit(state, message)
