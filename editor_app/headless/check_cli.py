"""`videodb-editor check FILE`: how the local backend renders the fields a timeline uses.

FILE is a .vdbproj project or an editor-JSON timeline. Each field the timeline sets is printed
with its verdict from docs/conformance.md, then what each clip uses that the local backend
renders differently or not at all. Exit 0 when everything renders locally, 1 when something
does not, 2 when the file cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from editor_app.headless.render_cli import UnrenderableInput, read_input
from editor_app.model import Timeline
from editor_app.model.conformance import BY_PATH, clip_issues, report, used_fields


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="a .vdbproj project or an editor-JSON timeline file")


def run(args: argparse.Namespace) -> int:
    try:
        body, _media = read_input(args.file)
    except UnrenderableInput as exc:
        print(f"videodb-editor check: {exc}", file=sys.stderr)
        return 2
    timeline = Timeline.from_editor_json(body)
    for line in report(timeline):
        print(line)
    missing = any(BY_PATH[p].verdict == "not" for p in used_fields(timeline) if p in BY_PATH)
    issues = any(clip_issues(c) for _t, c in timeline.clips())
    return 1 if missing or issues else 0
