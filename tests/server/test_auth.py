"""The API key on every route, HMAC tokens on file URLs, self-authorising upload URLs."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from editor_app.server.auth import make_signer, token_verdict
from tests.support.media import MediaFactory
from tests.support.server import TEST_KEY, upload_via_http

UNAUTHORISED = {
    "success": False,
    "message": "missing or invalid API key (x-access-token)",
    "error_code": "unauthorized",
}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/collection"),
        ("GET", "/collection/default"),
        ("GET", "/video"),
        ("GET", "/audio/a-1"),
        ("DELETE", "/image/img-1"),
        ("GET", "/collection/default/upload_url"),
        ("POST", "/collection/default/upload"),
        ("POST", "/video/m-1/stream"),
        ("GET", "/video/m-1/thumbnails"),
        ("GET", "/files/media/x.mp4"),
        ("GET", "/no/such/route"),
    ],
)
def test_every_route_needs_the_key(app_client: TestClient, method: str, path: str) -> None:
    for headers in ({"x-access-token": ""}, {"x-access-token": "wrong"}, {"x-access-token": TEST_KEY + "x"}):
        answer = app_client.request(method, path, headers=headers)
        assert answer.status_code == 401, (path, headers)
        assert answer.json() == UNAUTHORISED


def test_the_right_key_opens_the_api(app_client: TestClient) -> None:
    answer = app_client.get("/collection/default")
    assert answer.status_code == 200
    assert answer.json()["data"]["id"] == "default"


def test_file_tokens_are_bound_to_their_path(app_client: TestClient, media_factory: MediaFactory) -> None:
    red = upload_via_http(app_client, media_factory.make_video("red", seconds=1))
    blue = upload_via_http(app_client, media_factory.make_video("blue", seconds=1))
    no_key = {"x-access-token": ""}
    assert app_client.get(red["stream_url"], headers=no_key).status_code == 200

    red_path, red_token = red["stream_url"].split("?token=")
    blue_path, _ = blue["stream_url"].split("?token=")
    assert app_client.get(f"{blue_path}?token={red_token}", headers=no_key).status_code == 401
    assert app_client.get(red_path, headers=no_key).status_code == 401
    assert app_client.get(f"{red_path}?token={'0' * 32}", headers=no_key).status_code == 401
    # the key header alone also opens files
    assert app_client.get(red_path).status_code == 200


def allows(key: str, path: str, token: str) -> bool:
    return token_verdict(key, path, token, time.time()) == "ok"


def test_a_folder_token_covers_the_files_below_it() -> None:
    sign = make_signer("k")
    folder_token = sign("/files/streams/abc/")
    assert allows("k", "/files/streams/abc/index.m3u8", folder_token)
    assert allows("k", "/files/streams/abc/seg/00001.ts", folder_token)
    assert not allows("k", "/files/streams/abd/index.m3u8", folder_token)
    assert not allows("k", "/files/streams/index.m3u8", folder_token)
    assert not allows("other", "/files/streams/abc/x.ts", folder_token)
    # no token reaches everything: the root is never a signed folder
    assert not allows("k", "/files/media/x.mp4", sign("/"))


def test_upload_urls_work_without_the_key(app_client: TestClient, media_factory: MediaFactory) -> None:
    url = app_client.get("/collection/default/upload_url", params={"name": "n"}).json()["data"]["upload_url"]
    sent = app_client.post(
        url, files={"file": ("n", media_factory.make_audio().read_bytes())}, headers={"x-access-token": ""}
    )
    assert sent.status_code == 200
    # ...but ingesting still needs it
    refused = app_client.post("/collection/default/upload", json={"url": url}, headers={"x-access-token": ""})
    assert refused.status_code == 401


def test_openapi_is_public_and_documents_the_extensions(app_client: TestClient) -> None:
    spec = app_client.get("/openapi.json", headers={"x-access-token": ""}).json()
    assert "/video/{media_id}/thumbnails" in spec["paths"]
    assert "/audio/{media_id}/waveform" in spec["paths"]
    assert "thumbnails?count=N" in spec["info"]["description"]
