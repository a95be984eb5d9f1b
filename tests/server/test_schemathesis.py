"""`schemathesis run` against our own OpenAPI (issue 16, #6): every operation of a real `serve`
child (its `create_app`) on loopback, called with the API key on data that fits its schema and data
that does not (its coverage phase sends the boundary values, its fuzzing phase random ones).
Media routes get the ids of a real video, audio and image, so they reach ffmpeg. No answer may
be a 5xx, every status must be one the operation documents, a 2xx or a documented error must
match its schema and media type, and any other answer must be our error envelope
(`tests/support/schemathesis_hooks.py`)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from tests.support.media import MediaFactory
from tests.support.server import upload_via_http
from tests.support.server_process import start_server

# per operation; SCHEMATHESIS_MAX_EXAMPLES=150 SCHEMATHESIS_SEED= (random) explores further by hand
MAX_EXAMPLES = os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "12")
SEED = os.environ.get("SCHEMATHESIS_SEED", "16")  # the same cases every run; empty: a new seed
RUN_TIMEOUT_S = 240
REPO = Path(__file__).resolve().parents[2]
HOOKS = "tests.support.schemathesis_hooks"
# every status answered must be documented for its operation (errors.error_responses)
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "response_schema_conformance",
    "content_type_conformance",
    "error_envelope",
)


def config_toml(ids: dict[str, str]) -> str:
    """Checks, and which media id each path gets (the first matching `operations` entry wins):
    DELETE of a media item deletes one kept for it, so the others stay for the rest of the run."""
    lines = [
        'headers = { "x-access-token" = "${ST_API_KEY}" }',  # from the environment: not in ps or a file
        "[checks]",
        "enabled = false",
        *(f"{name}.enabled = true" for name in CHECKS),
    ]
    for kind in ("video", "audio", "image"):
        lines += [
            "[[operations]]",
            'include-method = "DELETE"',
            f'include-path = "/{kind}/{{media_id}}"',
            f'parameters = {{ "path.media_id" = "{ids[kind + "-victim"]}" }}',
        ]
    for kind in ("video", "audio", "image"):
        lines += [
            "[[operations]]",
            f'include-path-regex = "^/{kind}/"',
            f'parameters = {{ "path.media_id" = "{ids[kind]}" }}',
        ]
    return "\n".join(lines) + "\n"


@pytest.mark.slow
@pytest.mark.timeout(600)  # the run alone may take RUN_TIMEOUT_S (240 s), plus the server and its media
def test_schemathesis_finds_nothing(tmp_path: Path, media_factory: MediaFactory) -> None:
    samples = {
        "video": media_factory.make_video(seconds=1, size="160x90"),
        "audio": media_factory.make_audio(seconds=1),
        "image": media_factory.make_image(),
    }
    server = start_server(tmp_path / "data", "--max-upload-bytes", str(1 << 20), "--log-level", "error")
    assert server.process.stderr is not None
    server_log: list[str] = []
    stderr = server.process.stderr
    # drained, so the server never blocks on a full pipe, and kept for the report
    drain = threading.Thread(
        target=lambda: server_log.extend(line.decode(errors="replace") for line in stderr)
    )
    drain.start()
    try:
        with httpx.Client(base_url=server.base_url, headers=server.headers, timeout=60) as client:
            ids = {}
            for kind, path in samples.items():
                for name in (kind, f"{kind}-victim"):
                    ids[name] = upload_via_http(client, path, media_type=kind, name=name)["id"]
        config = tmp_path / "schemathesis.toml"
        config.write_text(config_toml(ids))
        command = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "run",
                   f"{server.base_url}/openapi.json",
                   "--phases", "examples,coverage,fuzzing", "-n", MAX_EXAMPLES, "--workers", "1",
                   "--no-shrink", "--request-timeout", "60", "--wait-for-schema", "10"]  # fmt: skip
        if SEED:
            command += ["--seed", SEED]
        # run in tmp_path, where its crash cache goes; the hooks module is found from the checkout
        path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "SCHEMATHESIS_HOOKS": HOOKS, "PYTHONPATH": path, "ST_API_KEY": server.api_key}
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, env=env, cwd=tmp_path
        )
    finally:
        server.stop()
        drain.join(5)
    (tmp_path / "schemathesis.log").write_text(done.stdout + done.stderr)
    report = done.stdout[-12_000:] + done.stderr[-3_000:] + "\nserver log:\n" + "".join(server_log)[-4_000:]
    selected = re.search(r"Operations: +(\d+) selected / (\d+) total", done.stdout)
    assert selected is not None and selected[1] == selected[2] and int(selected[1]) >= 40, report
    assert "Authentication failed" not in done.stdout, report  # every request carried the key
    assert done.returncode == 0, report
    assert re.search(r"\d+ generated, \d+ passed", done.stdout), report
