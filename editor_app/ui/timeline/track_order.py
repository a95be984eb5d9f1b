"""Which track shows in which row: video tracks stack upward (the last in the list, drawn on top of
the picture, is the top row), audio tracks follow below in list order, as in Shotcut, Kdenlive and
Premiere. The model keeps its list order (the wire's drawing order); only the display maps it.
"""

from __future__ import annotations

from editor_app.model.timeline import Timeline, Track, TrackKind


def display_order(timeline: Timeline) -> list[int]:
    """List indices of the tracks from the top row down."""
    tracks = timeline.tracks
    videos = [i for i, t in enumerate(tracks) if t.kind != "audio"]
    audios = [i for i, t in enumerate(tracks) if t.kind == "audio"]
    return videos[::-1] + audios


def new_track(timeline: Timeline, kind: TrackKind) -> Track:
    """A track to append (video then lands on top of the stack), named after its kind's next number.

    Its z_index is above every track's, so the renderer (z_index first, then list order) draws a new
    video track over the others, as its place at the top of the timeline promises.
    """
    count = sum(1 for t in timeline.tracks if t.kind == kind)
    z_index = max((t.z_index for t in timeline.tracks), default=-1) + 1
    return Track(name=f"{'A' if kind == 'audio' else 'V'}{count + 1}", kind=kind, z_index=z_index)


def list_index_for_row_move(timeline: Timeline, track_id: str, target_row: int) -> int:
    """Where `MoveTrack` must put `track_id` so it shows at the gap before display row `target_row`.

    The moved track keeps to its own kind's part of the list: it lands beside its nearest
    same-kind neighbour in the new display order (a video track dragged into the audio rows
    becomes the bottom video track).
    """
    order = display_order(timeline)
    moving = timeline.track_index(track_id)
    kind_is_audio = timeline.tracks[moving].kind == "audio"
    before = order[:target_row]
    after = order[target_row:]
    rows = [i for i in before if i != moving] + [moving] + [i for i in after if i != moving]
    same = [i for i in rows if (timeline.tracks[i].kind == "audio") == kind_is_audio]
    at = same.index(moving)
    if len(same) == 1:
        return moving  # alone of its kind: its place among the other kind's tracks shows the same
    remaining = [i for i in range(len(timeline.tracks)) if i != moving]  # the list once it is lifted
    if kind_is_audio:  # audio rows run in list order: follow the one shown above, or precede the one below
        if at > 0:
            return remaining.index(same[at - 1]) + 1
        return remaining.index(same[at + 1]) if at + 1 < len(same) else len(remaining)
    # video rows run against list order: follow the one shown below, or precede the one above
    if at + 1 < len(same):
        return remaining.index(same[at + 1]) + 1
    return remaining.index(same[at - 1]) if at > 0 else len(remaining)
