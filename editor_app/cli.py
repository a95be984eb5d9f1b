"""The `videodb-editor` command: the GUI by default, plus headless subcommands.

Each subcommand module (`server/cli.py`, `headless/render_cli.py`) offers `add_arguments(parser)`
and `run(args) -> int`, so this file stays a thin dispatcher.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from editor_app import __version__

Runner = Callable[[argparse.Namespace], int]


def _add_gui_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", nargs="?", help="a .vdbproj file to open")
    parser.add_argument("--demo", action="store_true", help="open the demo project when no project is given")
    parser.add_argument(
        "--screenshot",
        metavar="FILE.png",
        help="open the window (on the demo project unless a project is given), save a picture of it once "
        "thumbnails and waveforms are drawn, and exit",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="offscreen: start the embedded backend, build and compile the demo project, exit 0 if it works",
    )


def _run_gui(args: argparse.Namespace) -> int:
    if args.smoke_test:
        from editor_app.ui.startup.smoke import run_smoke_test

        return run_smoke_test()
    if not _has_display():
        print(
            "videodb-editor: no display found (DISPLAY and WAYLAND_DISPLAY are unset).\n"
            "Run it under a virtual X server instead, for example:\n"
            "    xvfb-run -a -s '-screen 0 1600x1000x24' .venv/bin/videodb-editor --demo\n"
            "or headless with QT_QPA_PLATFORM=offscreen (no visible window).",
            file=sys.stderr,
        )
        return 2
    try:
        from editor_app.ui.app import run_app
    except ModuleNotFoundError as exc:
        if exc.name is None or not exc.name.startswith("PySide6"):
            raise
        missing = f"videodb-editor: the editor window needs Qt for Python ({exc.name} is missing)."
        print(missing, file=sys.stderr)
        print("`videodb-editor serve` and `videodb-editor render` work without it.", file=sys.stderr)
        return 3
    return int(run_app(project=args.project, demo=args.demo, screenshot=args.screenshot))


def _has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _subcommands() -> dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Runner]]:
    """name -> (help, add_arguments, run). Imported lazily so `--version` stays instant."""
    table: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Runner]] = {
        "gui": ("open the editor window (the default)", _add_gui_arguments, _run_gui),
    }
    headless = {
        "serve": ("editor_app.server.cli", "run the embedded local backend"),
        "render": ("editor_app.headless.render_cli", "render a project to a file, headless"),
        "check": ("editor_app.headless.check_cli", "say how the local backend renders what a timeline uses"),
    }
    for name, (module_name, help_text) in headless.items():
        module = importlib.import_module(module_name)
        table[name] = (help_text, module.add_arguments, module.run)
    return table


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="videodb-editor", description="VideoDB Timeline Editor")
    parser.add_argument("--version", action="version", version=f"videodb-editor {__version__}")
    sub = parser.add_subparsers(dest="command")
    for name, (help_text, add_arguments, runner) in _subcommands().items():
        p = sub.add_parser(name, help=help_text)
        add_arguments(p)
        p.set_defaults(run=runner)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    names = set(_subcommands())
    if not argv or (argv[0] not in names and argv[0] not in ("-h", "--help", "--version")):
        argv = ["gui", *argv]
    args = parser.parse_args(argv)
    runner: Runner = args.run
    return int(runner(args))


if __name__ == "__main__":
    sys.exit(main())
