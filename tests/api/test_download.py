"""Resumable downloads through the fault proxy: cut bodies resume byte-identical via Range.

Each test runs twice: through the loopback transport the client uses for a backend on this
machine (the proxy is on 127.0.0.1), and through httpx's own, which every other host gets."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from editor_app.api import Cancelled, CancelToken, DownloadIncomplete, NotFoundError, VideoDBClient
from editor_app.api.download import _write_all
from tests.support.api import FAST_RETRY
from tests.support.fault_proxy import FaultProxy
from tests.support.media import MediaFactory
from tests.support.server_process import LiveServer


@pytest.fixture(params=["loopback", "httpx"])
def proxied(
    request: pytest.FixtureRequest, proxy: FaultProxy, live_server: LiveServer
) -> Iterator[VideoDBClient]:
    """The conftest's client through the proxy, once per transport (a given transport is used as is)."""
    transport = httpx.HTTPTransport() if request.param == "httpx" else None
    with VideoDBClient(
        proxy.base_url, live_server.api_key, retry=FAST_RETRY, timeout=3, transport=transport
    ) as api:
        yield api


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def wav(proxied: VideoDBClient, media_factory: MediaFactory) -> tuple[Path, str]:
    """A 3 s WAV (about 260 KB) and its Range-served URL through the proxy."""
    source = media_factory.make_audio(seconds=3, hz=330)
    item = proxied.upload(source)
    assert item.stream_url is not None
    return source, item.stream_url


def test_a_cut_download_resumes_byte_identical(
    proxy: FaultProxy, proxied: VideoDBClient, wav: tuple[Path, str], tmp_path: Path
) -> None:
    source, url = wav
    proxy.plan("GET", r"^/files/", "cut:50000")
    proxy.plan("GET", r"^/files/", "cut:120000")
    out = proxied.download(url, tmp_path / "copy.wav", expected_size=source.stat().st_size)
    assert sha256(out) == sha256(source)
    assert proxy.range_headers[:2] == ["bytes=50000-", "bytes=170000-"]  # each cut counts from its own start
    assert not (tmp_path / "copy.wav.part").exists()


def test_a_cancelled_download_keeps_its_part_and_resumes(
    proxy: FaultProxy, proxied: VideoDBClient, media_factory: MediaFactory, tmp_path: Path
) -> None:
    source = media_factory.make_audio(seconds=40, hz=330)  # 3.5 MB: several reads of either transport
    url = proxied.upload(source).stream_url
    assert url is not None
    dest = tmp_path / "copy.wav"
    token = CancelToken()
    with pytest.raises(Cancelled):
        proxied.download(url, dest, progress=lambda done, total: token.cancel(), cancel=token)
    part = tmp_path / "copy.wav.part"
    assert not dest.exists() and 0 < part.stat().st_size < source.stat().st_size
    kept = part.stat().st_size
    seen: list[tuple[int, int | None]] = []
    proxied.download(url, dest, progress=lambda done, total: seen.append((done, total)))
    assert sha256(dest) == sha256(source)
    assert proxy.range_headers[-1] == f"bytes={kept}-"
    assert seen[0][0] > kept and seen[-1] == (source.stat().st_size, source.stat().st_size)


def test_a_wrong_expected_size_is_refused_and_leaves_no_file(
    proxied: VideoDBClient, wav: tuple[Path, str], tmp_path: Path
) -> None:
    source, url = wav
    with pytest.raises(DownloadIncomplete) as caught:
        proxied.download(url, tmp_path / "copy.wav", expected_size=source.stat().st_size + 10)
    assert caught.value.expected == source.stat().st_size + 10
    assert not (tmp_path / "copy.wav").exists()


def test_a_missing_file_is_not_found(proxied: VideoDBClient, wav: tuple[Path, str], tmp_path: Path) -> None:
    _, url = wav
    with pytest.raises(NotFoundError):
        proxied.download(url.replace("/files/media/", "/files/media/0"), tmp_path / "x.wav")
    assert not (tmp_path / "x.wav").exists()


def test_a_download_that_keeps_failing_ends_in_a_typed_error(
    proxy: FaultProxy, proxied: VideoDBClient, wav: tuple[Path, str], tmp_path: Path
) -> None:
    _, url = wav
    proxy.plan("GET", r"^/files/", "status:503", times=20)
    from editor_app.api import ServerError

    with pytest.raises(ServerError):
        proxied.download(url, tmp_path / "x.wav")
    assert not (tmp_path / "x.wav").exists()


def test_a_big_download_reports_progress_by_the_mebibyte_not_by_the_chunk(
    client: VideoDBClient, media_factory: MediaFactory, tmp_path: Path
) -> None:
    """Progress is for a bar, not per 64 KiB chunk: the copy loop stays at the socket's speed (issue
    16, item 18). It is told at once, about every MiB and at the end, always increasing."""
    source = media_factory.make_audio(seconds=120, hz=220)  # about 10 MB of WAV
    item = client.upload(source)
    assert item.stream_url is not None
    size = source.stat().st_size
    seen: list[tuple[int, int | None]] = []
    out = client.download(item.stream_url, tmp_path / "big.wav", progress=lambda d, t: seen.append((d, t)))
    assert sha256(out) == sha256(source)
    assert seen[-1] == (size, size) and seen[0][0] <= 1 << 20
    assert [d for d, _ in seen] == sorted({d for d, _ in seen})
    assert len(seen) <= size // (1 << 20) + 2


def test_a_short_unbuffered_write_is_continued_not_lost() -> None:
    """The body is written without a buffer, and such a write may take only part of a chunk."""

    class Trickle(io.BytesIO):
        def write(self, data: Any) -> int:
            return super().write(bytes(data)[:1000])

    sink = Trickle()
    _write_all(sink, bytes(range(256)) * 40)
    assert sink.getvalue() == bytes(range(256)) * 40
