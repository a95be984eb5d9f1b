"""Terminal progress: a redrawn bar on a TTY, a plain line per 10 % otherwise."""

from __future__ import annotations

import io

from editor_app.headless.progress_display import ProgressDisplay, human_bytes


def test_plain_output_prints_a_line_per_tenth() -> None:
    out = io.StringIO()
    show = ProgressDisplay(out, tty=False)
    show.stage("Exporting")
    for step in range(101):
        show.update(step / 100)
    show.update(1.0)
    show.finish("Done")
    lines = out.getvalue().splitlines()
    assert lines[0] == "Exporting" and lines[-1] == "Done"
    assert [line.split()[-1] for line in lines[1:-1]] == [f"{p}%" for p in range(0, 101, 10)]
    assert "\r" not in out.getvalue()


def test_a_tty_gets_one_redrawn_bar() -> None:
    out = io.StringIO()
    show = ProgressDisplay(out, tty=True)
    show.stage("Downloading")
    show.update(0.5, "1.0 MB")
    show.update(1.0, "2.0 MB")
    show.finish("Done")
    text = out.getvalue()
    assert text.count("\n") == 3  # the stage, the bar's end, the final line
    assert "[###############...............]  50.0% 1.0 MB" in text
    assert f"[{'#' * 30}] 100.0% 2.0 MB" in text


def test_human_bytes() -> None:
    assert (human_bytes(512), human_bytes(2048), human_bytes(5 * 1024**3)) == ("512 B", "2.0 KB", "5.0 GB")
