"""Hostile input: path traversal, malformed bodies, odd types and sizes. Each is a 4xx with a
message, never a 500 and never a file outside the served folders."""

from __future__ import annotations

import http.client
import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from tests.support.media import MediaFactory
from tests.support.server import upload_via_http
from tests.support.server_process import LiveServer


@pytest.mark.parametrize(
    "relative",
    [
        "../backend.sqlite3",
        "..%2Fbackend.sqlite3",
        "%2e%2e/backend.sqlite3",
        "a/../../backend.sqlite3",
        "./x.mp4",
        "a\\..\\..\\backend.sqlite3",
    ],
)
def test_traversal_out_of_a_file_area_is_refused(live_server: LiveServer, relative: str) -> None:
    # raw HTTP over a real socket: httpx and the test client would normalise ".." before sending
    address = urlsplit(live_server.base_url)
    connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=10)
    try:
        connection.request("GET", f"/files/media/{relative}", headers=live_server.headers)
        answer = connection.getresponse()
        status, body = answer.status, answer.read()
    finally:
        connection.close()
    assert status == (404 if relative == "./x.mp4" else 403), body
    assert b"SQLite" not in body
    assert json.loads(body)["success"] is False


def test_unknown_area_and_symlink_escape(app_client: TestClient, tmp_path: Path) -> None:
    data_dir = Path(app_client.app.state.data_dir)  # type: ignore[attr-defined]
    assert app_client.get("/files/uploads/anything").json()["message"] == "file area uploads not found"
    assert app_client.get("/files/cache/x.json").status_code == 404
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    os.symlink(secret, data_dir / "media" / "link.txt")
    answer = app_client.get("/files/media/link.txt")
    assert answer.status_code == 403 and "top secret" not in answer.text


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b'{"url": ', "application/json", "malformed JSON body"),
        (b"[1, 2]", "application/json", "the request body must be a JSON object"),
        (b'{"name": "x"}', "application/json", "invalid field url: Field required"),
        (b'{"url": 5}', "application/json", "invalid field url: Input should be a valid string"),
        (b'{"url": "u", "media_type": "movie"}', "application/json", "invalid field media_type:"),
        (b"url=x", "application/x-www-form-urlencoded", "the request body must be a JSON object"),
    ],
)
def test_bad_ingest_bodies_are_400s(
    app_client: TestClient, body: bytes, content_type: str, message: str
) -> None:
    answer = app_client.post(
        "/collection/default/upload", content=body, headers={"content-type": content_type}
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["message"].startswith(message)
    assert answer.json()["error_code"] == "invalid_request"


def test_unknown_fields_are_ignored(app_client: TestClient, media_factory: MediaFactory) -> None:
    url = app_client.get("/collection/default/upload_url", params={"name": "n"}).json()["data"]["upload_url"]
    app_client.post(url, files={"file": ("n", media_factory.make_audio().read_bytes())})
    body = {"url": url, "callback_url": None, "future_field": {"x": 1}, "media_type": None}
    assert app_client.post("/collection/default/upload", json=body).status_code == 200


def test_hostile_names_are_stored_verbatim_and_never_reach_a_shell(
    app_client: TestClient, media_factory: MediaFactory, tmp_path: Path
) -> None:
    marker = tmp_path / "pwned"
    name = f'"; touch {marker}; echo "$(touch {marker})`touch {marker}`'
    video = upload_via_http(app_client, media_factory.make_video("red", seconds=1), name=name)
    assert video["name"] == name
    assert app_client.post(f"/video/{video['id']}/stream", json={"timeline": [[0, 0.5]]}).status_code == 200
    assert app_client.get(f"/video/{video['id']}/thumbnails", params={"count": 2}).status_code == 200
    assert not marker.exists()


def test_very_long_names_and_ids_are_rejected_or_not_found(app_client: TestClient) -> None:
    long_name = app_client.get("/collection/default/upload_url", params={"name": "x" * 501})
    assert long_name.status_code == 400 and long_name.json()["message"].startswith("invalid field name:")
    assert app_client.get("/video/" + "m-" + "f" * 5000).status_code == 404
    assert app_client.get("/video", params={"collection_id": "c" * 201}).status_code == 400


def test_method_not_allowed_is_an_envelope(app_client: TestClient) -> None:
    answer = app_client.put("/collection")
    assert answer.status_code == 405 and answer.json()["success"] is False


def test_rename_and_frame_grab_validate_their_fields(
    app_client: TestClient, media_factory: MediaFactory
) -> None:
    video = upload_via_http(app_client, media_factory.make_video("red", seconds=1))
    empty = app_client.patch(f"/video/{video['id']}", json={"name": ""})
    assert empty.status_code == 400 and empty.json()["message"].startswith("invalid field name:")
    negative = app_client.post(f"/video/{video['id']}/thumbnail", json={"time": -1})
    assert negative.status_code == 400 and negative.json()["message"].startswith("invalid field time:")
    not_finite = app_client.post(
        f"/video/{video['id']}/thumbnail",
        content=b'{"time": Infinity}',
        headers={"content-type": "application/json"},
    )
    assert not_finite.status_code == 400
    assert app_client.get("/image").json()["data"]["images"] == []  # nothing half-made was kept
