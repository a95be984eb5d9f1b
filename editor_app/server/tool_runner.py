"""The one owner of an app's ffmpeg/ffprobe processes (docs/architecture.md, "Processes").

`create_app` makes one `ToolRunner` and hands it to everything that runs a tool; nothing in the
server starts a process any other way, and there is no module state: two apps in one process
have two runners that stop independently.

- `run(args, timeout)` runs to completion and captures stdout and stderr (probes, thumbnails,
  strips, waveforms, cut-list streams).
- `shared.run(key, work)` does identical work in flight once (`shared_work.py`): concurrent
  first requests for one strip, waveform or thumbnail share one ffmpeg run.
- `start(args, timeout=...)` starts a long-running process (an export reading `-progress
  pipe:1`, a preview segment the cache pauses with SIGSTOP/SIGCONT or kills) and tracks it
  until it ends. Its owner waits for it and may end it at any time.

Every process has a timeout: when it passes, the process is killed and the run reports it
(`ToolTimeout`, or `ToolProcess.timed_out`). `shutdown()` refuses new runs from then on
(`ShuttingDown`), terminates every tracked process (a paused one is continued so it can act
on the signal), waits `grace_s` and kills the stragglers; its owners see `ended_by_shutdown`.

Every child is spawned by `_spawn`: in its own process group, and with a parent-death signal
(Linux `PR_SET_PDEATHSIG`), so a server killed with SIGKILL takes its ffmpeg with it instead of
leaving an orphan writing beside the restarted server's work. The signal fires when the spawning
*thread* ends; every caller waits for its child on the thread that started it.
The signal is set by util-linux's `setpriv --pdeathsig KILL --` put before the tool's argv (it
sets the signal, then execs the tool, so the pid is the tool's): a `preexec_fn` calling prctl is
unsafe in a threaded server (Python runs it between fork and exec, where another thread may hold
a lock it needs). Without a usable setpriv the tools run without the signal (a warning says so).
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from editor_app.server.errors import ShuttingDown, ToolError, ToolTimeout
from editor_app.server.shared_work import SharedWork

DEFAULT_GRACE_S = 2.0
Target = int | IO[bytes] | IO[str] | None  # what a child's stdout/stderr goes to (subprocess's)
PIPE, DEVNULL = subprocess.PIPE, subprocess.DEVNULL
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ToolResult:
    returncode: int
    stdout: bytes
    stderr: bytes

    def last_error_line(self, fallback: str = "ffmpeg failed") -> str:
        lines = self.stderr.decode(errors="replace").strip().splitlines()
        return lines[-1] if lines else fallback


class ToolProcess:
    """A started tool, tracked by its runner until it ends; its methods are safe from any thread."""

    def __init__(
        self, popen: subprocess.Popen[bytes] | subprocess.Popen[str], timeout: float, args: list[str]
    ) -> None:
        self._popen = popen
        self.args = args  # the tool's own argv, without the death-signal prefix
        self.pid = popen.pid
        self.stdout: IO[Any] | None = popen.stdout  # a pipe when started with stdout=PIPE
        self.timeout = timeout
        self.timed_out = False  # killed because it outlived its timeout
        self.ended_by_shutdown = False  # terminated (or killed) by the runner's shutdown
        self._paused = False
        self._lock = threading.Lock()
        self._timer = threading.Timer(timeout, self._expire)
        self._timer.daemon = True
        self._timer.start()

    @property
    def name(self) -> str:
        return os.path.basename(self.args[0])

    @property
    def paused(self) -> bool:
        return self._paused

    def poll(self) -> int | None:
        """The exit status, or None while it runs."""
        return self._popen.poll()

    def wait(self) -> int:
        """Block until it ends (at the latest when its timeout kills it); its exit status."""
        returncode = self._popen.wait()
        self._timer.cancel()
        return returncode

    def communicate(self) -> tuple[bytes, bytes]:
        """Read its piped output to the end, then wait (bounded by the timeout, like `wait`)."""
        stdout, stderr = self._popen.communicate()
        self._timer.cancel()
        assert not isinstance(stdout, str) and not isinstance(stderr, str), "binary pipes only"
        return stdout or b"", stderr or b""

    def kill(self) -> None:
        """SIGKILL (which also ends a paused process)."""
        with self._lock:
            if self._popen.poll() is None:
                self._popen.kill()

    def terminate(self) -> None:
        """SIGTERM, continuing a paused process so that it can act on it."""
        with self._lock:
            if self._popen.poll() is None:
                self._popen.terminate()
                if self._paused:
                    self._popen.send_signal(signal.SIGCONT)
                    self._paused = False

    def pause(self) -> None:
        self._signal_pause(True)

    def resume(self) -> None:
        self._signal_pause(False)

    def _signal_pause(self, pause: bool) -> None:
        with self._lock:
            if pause != self._paused and self._popen.poll() is None:
                self._popen.send_signal(signal.SIGSTOP if pause else signal.SIGCONT)
                self._paused = pause

    def set_niceness(self, niceness: int) -> None:
        """Lower (or restore, where permitted) its CPU priority, on every thread: Linux niceness
        is per thread, so the main thread alone would leave ffmpeg's codec threads as they were."""
        if self._popen.poll() is not None:
            return
        try:
            threads = [int(task.name) for task in Path(f"/proc/{self.pid}/task").glob("[0-9]*")]
        except OSError:
            threads = []
        for tid in threads or [self.pid]:  # no /proc: the main thread at least
            try:
                os.setpriority(os.PRIO_PROCESS, tid, niceness)
            except OSError:
                pass  # ended meanwhile, or raising priority back needs privileges (costs only speed)

    def _expire(self) -> None:
        if self._popen.poll() is None:
            self.timed_out = True
            self.kill()

    def _end_for_shutdown(self) -> None:
        self.ended_by_shutdown = True
        self.terminate()


class ToolRunner:
    """Runs the app's tools (`ffmpeg`, `ffprobe`: the executables to call) and ends them all at shutdown."""

    def __init__(
        self, ffmpeg: str = "ffmpeg", ffprobe: str = "ffprobe", grace_s: float = DEFAULT_GRACE_S
    ) -> None:
        self.ffmpeg = ffmpeg
        self.ffprobe = ffprobe
        self.grace_s = grace_s
        self._tracked: set[ToolProcess] = set()
        self._lock = threading.Lock()
        self._stopping = False
        self._death_prefix = death_signal_prefix()
        # identical previews asked for at once (strips, waveforms, thumbnails) run one tool
        self.shared = SharedWork()

    @property
    def stopping(self) -> bool:
        return self._stopping

    def running_count(self) -> int:
        with self._lock:
            self._forget_ended()
            return len(self._tracked)

    def run(self, args: Sequence[str], timeout: float) -> ToolResult:
        """Run to completion and capture its output. ToolError if it cannot start, ToolTimeout
        if it overran `timeout` (it is killed), ShuttingDown if refused or ended by shutdown."""
        process = self.start(args, timeout=timeout, stdout=PIPE, stderr=PIPE)
        stdout, stderr = process.communicate()
        returncode = process.wait()
        if process.ended_by_shutdown:
            raise ShuttingDown("the server is shutting down")
        if process.timed_out:
            raise ToolTimeout(f"{process.name} took longer than {timeout:g} s")
        return ToolResult(returncode, stdout, stderr)

    def start(
        self,
        args: Sequence[str],
        *,
        timeout: float,
        stdout: Target = DEVNULL,
        stderr: Target = DEVNULL,
        text: bool = False,
    ) -> ToolProcess:
        """Start a long-running tool (stdin is never read) and track it until it ends; it is killed
        once `timeout` seconds have passed. ToolError if it cannot start, ShuttingDown after shutdown."""
        with self._lock:  # spawned under the lock: a shutdown never misses a process starting
            if self._stopping:
                raise ShuttingDown("the server is shutting down")
            self._forget_ended()
            argv = [str(a) for a in args]
            process = ToolProcess(self._spawn(argv, stdout, stderr, text), timeout, argv)
            self._tracked.add(process)
        return process

    def shutdown(self) -> None:
        """Refuse new runs; terminate every tracked process, then kill what is left after `grace_s`."""
        with self._lock:
            self._stopping = True
            self._forget_ended()
            processes = list(self._tracked)
        for process in processes:
            process._end_for_shutdown()
        deadline = time.monotonic() + self.grace_s
        for process in processes:
            try:
                process._popen.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
        for process in processes:
            try:
                process._popen.wait(1.0)  # a SIGKILL ends it at once; reap it if its owner does not
            except subprocess.TimeoutExpired:
                pass

    def _forget_ended(self) -> None:
        self._tracked = {p for p in self._tracked if p.poll() is None}

    def _spawn(
        self, args: list[str], stdout: Target, stderr: Target, text: bool
    ) -> subprocess.Popen[bytes] | subprocess.Popen[str]:
        """Every child of the server starts here (an argument list, never a shell)."""
        argv = args
        if self._death_prefix:
            # resolved here: behind setpriv a missing tool would start "fine" and exit 127
            executable = shutil.which(args[0])
            if executable is None:
                raise ToolError(f"cannot run {args[0]}: No such file or directory")
            argv = [*self._death_prefix, executable, *args[1:]]
        try:
            return subprocess.Popen(
                argv, stdin=DEVNULL, stdout=stdout, stderr=stderr, text=text, process_group=0
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise ToolError(f"cannot run {args[0]}: {getattr(exc, 'strerror', None) or exc}") from exc


def death_signal_prefix() -> list[str]:
    """`setpriv --pdeathsig KILL --` if this system's setpriv has that option, else [] (not Linux,
    or util-linux missing or older than 2.33): checked once per runner by running it."""
    if not sys.platform.startswith("linux"):
        return []
    setpriv = shutil.which("setpriv")
    prefix = [setpriv, "--pdeathsig", "KILL", "--"] if setpriv else []
    try:
        usable = bool(prefix) and subprocess.run([*prefix, "true"], timeout=10, check=False).returncode == 0
    except (OSError, subprocess.SubprocessError):
        usable = False
    if not usable:
        log.warning("setpriv --pdeathsig is not available: a killed server may leave ffmpeg running")
        return []
    return [str(part) for part in prefix]
