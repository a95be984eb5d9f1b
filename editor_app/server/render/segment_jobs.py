"""One queued or running preview segment render of the segment cache, and how urgent it is
(the rules are in `segment_cache.py`'s docstring)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from editor_app.server.render.segments import Segment, SegmentedTimeline
from editor_app.server.tool_runner import ToolProcess

HANG_UP_POLL_S = 0.1
# a primed segment 0 runs at a lower CPU priority: it must not slow down what the user waits for
PRIME_NICENESS = 10


@dataclass(eq=False)
class SegmentJob:
    stream: SegmentedTimeline
    segment: Segment
    wanted: bool
    # segment 0 of a fresh preview compile, asked by nobody yet: VLC reads it on every open
    primed: bool = False
    running: bool = False
    process: ToolProcess | None = None
    preempted: bool = False  # killed to free its worker; queued again if still wanted
    waiters: int = 0  # fetches waiting for it; when the last one hangs up it is no longer wanted
    asked: int = 0  # when it was last asked for: the newest request is where the user looks now
    error: str | None = None
    done: threading.Event = field(default_factory=threading.Event)


def is_urgent(job: SegmentJob, watched: str | None) -> bool:
    return job.wanted and job.stream.stream_id == watched


def priority(job: SegmentJob, watched: str | None) -> tuple[int, int, int]:
    if is_urgent(job, watched):
        # newest request first: a scrub reopens the player at each resting place, and the
        # players it left behind still wait for theirs
        return 0, -job.asked, job.segment.index
    # a retired player still asks for its stream's segments: they come after read-ahead; a
    # primed segment 0 is the next player's first request, so it ranks with read-ahead (and a
    # newer compile goes first)
    rank = 1 if job.stream.stream_id == watched or (job.primed and not job.wanted) else 2
    return rank, -job.stream.generation, job.segment.index


def to_free_for_urgent(
    queued: list[SegmentJob], running: list[SegmentJob], workers: int, watched: str | None
) -> list[SegmentJob]:
    """The renders of other streams to kill so each queued urgent job gets a worker, the least
    urgent first."""
    urgent = {job.segment.key for job in queued if is_urgent(job, watched)}
    live = [job for job in running if not job.preempted]
    needed = len(urgent) - (workers - len(live))
    others = sorted(
        (job for job in live if job.stream.stream_id != watched), key=lambda j: priority(j, watched)
    )
    return others[::-1][: max(0, needed)]


def full(jobs: dict[str, SegmentJob], key: str, limit: int) -> bool:
    """Too many segments waited for to queue one more (one already queued can always be joined)."""
    return key not in jobs and sum(1 for job in jobs.values() if job.waiters > 0) >= limit
