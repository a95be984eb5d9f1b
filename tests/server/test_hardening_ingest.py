"""An ingest cut off between storing the file and recording it loses nothing (issue 16, #3):
the retry after a restart works, and no file is left that no record refers to. The crash is
injected at the store boundary (the record write raises, as a kill there would stop it)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from editor_app.server.app import create_app
from editor_app.server.store import Store
from tests.support.media import MediaFactory
from tests.support.server import TEST_KEY


def start(data_dir: Path) -> TestClient:
    return TestClient(create_app(data_dir, TEST_KEY), headers={"x-access-token": TEST_KEY})


def test_a_retry_after_a_crash_mid_ingest_works_and_leaves_no_orphan(
    tmp_path: Path, media_factory: MediaFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    video = media_factory.make_video("red", seconds=2)
    with start(data_dir) as client:
        upload_url = client.get("/collection/default/upload_url", params={"name": "v"}).json()["data"][
            "upload_url"
        ]
        with video.open("rb") as handle:
            assert client.post(upload_url, files={"file": ("v", handle)}).status_code == 200

        def crash(_self: Store, *_args: object, **_kwargs: object) -> None:
            raise RuntimeError("killed while recording the media")

        with monkeypatch.context() as patch:
            patch.setattr(Store, "add_media", crash)
            cut = client.post("/collection/default/upload", json={"url": upload_url, "name": "v"})
            assert cut.status_code == 500
    with start(data_dir) as client:
        answer = client.post("/collection/default/upload", json={"url": upload_url, "name": "v"})
        assert answer.status_code == 200, answer.text
        media_id = answer.json()["data"]["id"]
        again = client.post("/collection/default/upload", json={"url": upload_url, "name": "v"})
        assert again.json()["data"]["id"] == media_id  # the retry of a finished ingest is the same media
        record = client.app.state.store.get_media(media_id)
    stored = sorted(p.name for p in (data_dir / "media").iterdir())
    assert stored == [record.file_name]
    assert [p.name for p in (data_dir / "uploads").iterdir()] == []  # the ingested upload's file is gone


def test_a_refused_upload_is_deleted_at_once_and_its_message_hides_paths_and_tokens(
    tmp_path: Path, media_factory: MediaFactory
) -> None:
    data_dir = tmp_path / "data"
    with start(data_dir) as client:
        upload_url = client.get("/collection/default/upload_url", params={"name": "n"}).json()["data"][
            "upload_url"
        ]
        token = upload_url.rstrip("/").rsplit("/", 1)[1]
        with media_factory.make_text().open("rb") as handle:
            assert client.post(upload_url, files={"file": ("n", handle)}).status_code == 200
        answer = client.post("/collection/default/upload", json={"url": upload_url, "name": "n"})
        assert answer.status_code == 400, answer.text
        message = answer.json()["message"]
        assert str(data_dir) not in message and token not in message and "/" not in message.split(":")[0]
    assert [p.name for p in (data_dir / "uploads").iterdir()] == []


def test_partial_files_of_dead_uploads_are_cleaned_within_an_hour(tmp_path: Path) -> None:
    with start(tmp_path / "data") as client:
        uploads = tmp_path / "data" / "uploads"
        dead, alive = uploads / "deadtoken.abcd.part", uploads / "livetoken.ef01.part"
        dead.write_bytes(b"x" * 100)
        alive.write_bytes(b"y")
        old = time.time() - 3700
        os.utime(dead, (old, old))
        assert client.get("/collection/default/upload_url", params={"name": "n"}).status_code == 200
        assert not dead.exists() and alive.exists()
