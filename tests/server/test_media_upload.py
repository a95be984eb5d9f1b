"""The upload flow and the media routes, in process (fast) over a fresh data dir each."""

from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.support.media import MediaFactory
from tests.support.server import upload_via_http
from tests.support.server_process import LiveServer


def _upload_url(client: TestClient, name: str = "x") -> str:
    url: str = client.get("/collection/default/upload_url", params={"name": name}).json()["data"][
        "upload_url"
    ]
    return url


def test_video_audio_image_are_probed_and_listed(app_client: TestClient, media_factory: MediaFactory) -> None:
    video = upload_via_http(app_client, media_factory.make_video("red", seconds=4, size="320x180", fps=25))
    audio = upload_via_http(app_client, media_factory.make_audio(seconds=2))
    image = upload_via_http(app_client, media_factory.make_image("blue"))

    assert video["id"].startswith("m-") and len(video["id"]) == 18
    assert video["length"] == pytest.approx(4.0, abs=0.1)
    assert (video["width"], video["height"], video["fps"]) == (320, 180, 25.0)
    assert video["has_audio"] is True and video["video_codec"] == "h264" and video["audio_codec"] == "aac"
    assert video["collection_id"] == "default" and video["stream_url"] and video["thumbnail_url"]
    assert audio["id"].startswith("a-") and audio["length"] == pytest.approx(2.0, abs=0.05)
    assert audio["width"] is None and audio["stream_url"]
    assert image["id"].startswith("img-") and image["length"] == 0 and image["url"]
    assert (image["width"], image["height"]) == (160, 90)

    listed = {
        kind: app_client.get(f"/{kind}", params={"collection_id": "default"}).json()["data"]
        for kind in ("video", "audio", "image")
    }
    assert [v["id"] for v in listed["video"]["videos"]] == [video["id"]]
    assert [a["id"] for a in listed["audio"]["audios"]] == [audio["id"]]
    assert [i["id"] for i in listed["image"]["images"]] == [image["id"]]
    assert app_client.get(f"/video/{video['id']}").json()["data"]["size"] == video["size"]


def test_stored_file_is_the_uploaded_bytes(app_client: TestClient, media_factory: MediaFactory) -> None:
    source = media_factory.make_video("green", seconds=1)
    video = upload_via_http(app_client, source)
    served = app_client.get(video["stream_url"])
    assert served.status_code == 200
    assert served.content == source.read_bytes()
    assert served.headers["content-type"] == "video/mp4"
    # content-addressed: the stored name is the hash of the bytes
    assert f"/files/media/{hashlib.sha256(source.read_bytes()).hexdigest()}.mp4?" in video["stream_url"]


def test_media_of_another_kind_is_not_found_under_the_wrong_route(
    app_client: TestClient, media_factory: MediaFactory
) -> None:
    audio = upload_via_http(app_client, media_factory.make_audio())
    answer = app_client.get(f"/video/{audio['id']}")
    assert answer.status_code == 404
    assert answer.json() == {
        "success": False,
        "message": f"video {audio['id']} not found",
        "error_code": "not_found",
    }
    assert (
        app_client.get("/video/m-0000000000000000").json()["message"] == "video m-0000000000000000 not found"
    )


def test_delete_keeps_shared_content_until_the_last_reference(
    app_client: TestClient, media_factory: MediaFactory
) -> None:
    source = media_factory.make_video("yellow", seconds=1)
    first = upload_via_http(app_client, source, name="first")
    second = upload_via_http(app_client, source, name="second")
    assert first["id"] != second["id"] and first["stream_url"] == second["stream_url"]
    media_dir = Path(app_client.app.state.data_dir) / "media"  # type: ignore[attr-defined]
    assert len(list(media_dir.iterdir())) == 1

    assert app_client.delete(f"/video/{first['id']}").json()["success"] is True
    assert app_client.get(f"/video/{first['id']}").status_code == 404
    assert len(list(media_dir.iterdir())) == 1 and app_client.get(second["stream_url"]).status_code == 200

    app_client.delete(f"/video/{second['id']}")
    assert list(media_dir.iterdir()) == []
    assert app_client.delete(f"/video/{second['id']}").status_code == 404


def test_ingesting_the_same_upload_url_twice_answers_the_same_media(
    app_client: TestClient, media_factory: MediaFactory
) -> None:
    url = _upload_url(app_client, "clip")
    with media_factory.make_audio().open("rb") as handle:
        assert app_client.post(url, files={"file": ("clip", handle)}).status_code == 200
    first = app_client.post("/collection/default/upload", json={"url": url, "media_type": "audio"}).json()
    again = app_client.post("/collection/default/upload", json={"url": url, "media_type": "audio"}).json()
    assert first["data"]["id"] == again["data"]["id"]
    assert len(app_client.get("/audio").json()["data"]["audios"]) == 1


def test_not_media_is_refused_and_deleted_at_once(
    app_client: TestClient, media_factory: MediaFactory
) -> None:
    url = _upload_url(app_client, "notes")
    app_client.post(url, files={"file": ("notes", b"hello, not a video")})
    answer = app_client.post("/collection/default/upload", json={"url": url})
    assert answer.status_code == 400 and answer.json()["error_code"] == "unsupported_media"
    assert "cannot ingest 'notes'" in answer.json()["message"]
    token = url.rsplit("/", 1)[1]
    staged = Path(app_client.app.state.data_dir) / "uploads" / token  # type: ignore[attr-defined]
    assert not staged.exists()  # issue 16: a refused upload's bytes are not kept (they may be GBs)
    assert app_client.get("/video").json()["data"]["videos"] == []


def test_media_type_must_fit_the_file_but_a_video_may_give_its_sound(
    app_client: TestClient, media_factory: MediaFactory
) -> None:
    url = _upload_url(app_client)
    with media_factory.make_image().open("rb") as handle:
        app_client.post(url, files={"file": ("x", handle)})
    answer = app_client.post("/collection/default/upload", json={"url": url, "media_type": "video"})
    assert answer.status_code == 400
    assert answer.json()["message"] == "media_type is 'video' but the uploaded file is image"

    sound = upload_via_http(app_client, media_factory.make_video("red", seconds=1), media_type="audio")
    assert sound["id"].startswith("a-") and sound["width"] is None and sound["has_audio"] is True


def test_upload_url_is_single_use_and_must_be_ours(
    app_client: TestClient, media_factory: MediaFactory
) -> None:
    url = _upload_url(app_client)
    assert app_client.post(url, files={"file": ("x", b"one")}).status_code == 200
    second = app_client.post(url, files={"file": ("x", b"two")})
    assert second.status_code == 409 and second.json()["error_code"] == "upload_used"
    assert app_client.post("/upload/no-such-token", files={"file": ("x", b"1")}).status_code == 404

    foreign = app_client.post("/collection/default/upload", json={"url": "https://example.com/a.mp4"})
    assert foreign.status_code == 400
    assert foreign.json()["message"] == "only files uploaded to this server can be ingested"
    unused = app_client.post("/collection/default/upload", json={"url": _upload_url(app_client)})
    assert unused.status_code == 400 and unused.json()["error_code"] == "upload_missing"


def test_upload_over_the_limit_is_refused_and_leaves_nothing(app_client: TestClient) -> None:
    url = _upload_url(app_client)
    too_big = b"\0" * (5 * 1024 * 1024 + 1)  # the fixture's limit is 5 MiB
    answer = app_client.post(url, files={"file": ("big", too_big)})
    assert answer.status_code == 413 and answer.json()["error_code"] == "payload_too_large"
    uploads = Path(app_client.app.state.data_dir) / "uploads"  # type: ignore[attr-defined]
    assert list(uploads.iterdir()) == []

    def chunks() -> object:  # no Content-Length: the limit holds while streaming
        for _ in range(6):
            yield b"\0" * (1024 * 1024)

    streamed = app_client.post(_upload_url(app_client), content=chunks())  # type: ignore[arg-type]
    assert streamed.status_code == 413 and list(uploads.iterdir()) == []


def test_multipart_without_the_file_field_is_a_clear_400(app_client: TestClient) -> None:
    answer = app_client.post(_upload_url(app_client), files={"document": ("x", b"data")})
    assert answer.status_code == 400
    assert answer.json()["message"] == "the multipart upload has no 'file' field"


def test_raw_body_upload_is_accepted(app_client: TestClient, media_factory: MediaFactory) -> None:
    url = _upload_url(app_client, "raw")
    data = media_factory.make_audio().read_bytes()
    assert app_client.post(url, content=data).json()["data"]["size"] == len(data)
    media = app_client.post("/collection/default/upload", json={"url": url}).json()["data"]
    assert media["id"].startswith("a-") and media["name"] == "raw" and media["size"] == len(data)


def test_unknown_collection_is_404(app_client: TestClient) -> None:
    assert app_client.get("/collection/nope").json()["message"] == "collection nope not found"
    assert app_client.get("/collection/nope/upload_url", params={"name": "x"}).status_code == 404
    assert app_client.get("/video", params={"collection_id": "nope"}).status_code == 404
    collections = app_client.get("/collection").json()["data"]["collections"]
    assert [c["id"] for c in collections] == ["default"]


def test_resolve_upload_url_gives_the_received_file(app_client: TestClient) -> None:
    url = _upload_url(app_client, "timeline.json")
    app_client.post(url, files={"file": ("timeline.json", b'{"timeline": {}}', "application/json")})
    store = app_client.app.state.store  # type: ignore[attr-defined]
    assert store.resolve_upload_url(url).read_bytes() == b'{"timeline": {}}'
    # the host part does not matter (localhost vs 127.0.0.1), only our path and token
    assert store.resolve_upload_url(url.replace("testserver", "localhost:1")).is_file()


def test_stale_upload_urls_are_purged_with_their_files(app_client: TestClient) -> None:
    url = _upload_url(app_client, "old")
    app_client.post(url, files={"file": ("old", b"never ingested")})
    store = app_client.app.state.store  # type: ignore[attr-defined]
    token = url.rsplit("/", 1)[1]
    assert store.purge_stale_uploads(time.time()) == 0 and store.upload_slot(token) is not None
    assert store.purge_stale_uploads(time.time() + 2 * 86400) == 1
    assert store.upload_slot(token) is None
    assert list((Path(store.data_dir) / "uploads").iterdir()) == []


def test_concurrent_posts_to_one_upload_url_keep_exactly_one_file(live_server: LiveServer) -> None:
    with httpx.Client(base_url=live_server.base_url, headers=live_server.headers, timeout=60) as client:
        url = client.get("/collection/default/upload_url", params={"name": "race"}).json()["data"][
            "upload_url"
        ]
    bodies = [bytes([n]) * (3 * 1024 * 1024) for n in range(4)]
    statuses: list[int] = []

    def post(body: bytes) -> None:
        statuses.append(httpx.post(url, files={"file": ("race", body)}, timeout=60).status_code)

    racers = [threading.Thread(target=post, args=(body,)) for body in bodies]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(60)
    assert sorted(statuses) == [200, 409, 409, 409]
    token = url.rsplit("/", 1)[1]
    stored = (live_server.data_dir / "uploads" / token).read_bytes()
    assert stored in bodies  # one whole body, never a mix
    assert not list((live_server.data_dir / "uploads").glob(f"{token}*.part"))
