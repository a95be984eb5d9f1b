"""Thumbnails, thumbnail strips and waveforms: real frames and real peaks, made once and cached."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.support.media import MediaFactory
from tests.support.media_checks import is_bluish, is_reddish, mean_rgb, two_colour_video
from tests.support.server import upload_via_http


def _fetch(client: TestClient, url: str, target: Path) -> Path:
    answer = client.get(url, headers={"x-access-token": ""})  # the URL's token alone must do
    assert answer.status_code == 200, answer.text
    target.write_bytes(answer.content)
    return target


def test_video_thumbnail_is_a_frame_of_the_video(
    app_client: TestClient, media_factory: MediaFactory, tmp_path: Path
) -> None:
    video = upload_via_http(app_client, media_factory.make_video("red", seconds=2))
    thumb = _fetch(app_client, video["thumbnail_url"], tmp_path / "t.jpg")
    assert is_reddish(mean_rgb(thumb))


@pytest.mark.parametrize(("seconds_each", "count"), [(2, 4), (8, 2)])  # one decode pass; seeking
def test_strip_follows_the_picture_and_is_cached(
    app_client: TestClient, tmp_path: Path, seconds_each: float, count: int
) -> None:
    video = upload_via_http(app_client, two_colour_video(tmp_path / "rb.mp4", seconds_each=seconds_each))
    answer = app_client.get(f"/video/{video['id']}/thumbnails", params={"count": count})
    strip = answer.json()["data"]
    assert strip["interval"] == pytest.approx(2 * seconds_each / count, abs=0.01)
    assert (strip["width"], strip["height"]) == (160, 90) and len(strip["urls"]) == count
    colours = [
        mean_rgb(_fetch(app_client, url, tmp_path / f"{i}.jpg")) for i, url in enumerate(strip["urls"])
    ]
    half = count // 2
    assert [is_reddish(c) for c in colours] == [True] * half + [False] * half
    assert [is_bluish(c) for c in colours] == [False] * half + [True] * half

    folder = Path(app_client.app.state.data_dir) / "thumbs"  # type: ignore[attr-defined]
    first = next(folder.rglob(f"strip-{count}/000.jpg"))
    made_at = first.stat().st_mtime_ns
    again = app_client.get(f"/video/{video['id']}/thumbnails", params={"count": count}).json()["data"]
    assert again["urls"] == strip["urls"] and first.stat().st_mtime_ns == made_at


@pytest.mark.parametrize("count", ["0", "101", "-3", "many", "99999999999999999999"])
def test_strip_count_out_of_range_is_a_400_naming_count(
    app_client: TestClient, media_factory: MediaFactory, count: str
) -> None:
    video = upload_via_http(app_client, media_factory.make_video("red", seconds=1))
    answer = app_client.get(f"/video/{video['id']}/thumbnails", params={"count": count})
    assert answer.status_code == 400 and answer.json()["message"].startswith("invalid field count:")


def test_waveform_peaks_match_the_tone(app_client: TestClient, media_factory: MediaFactory) -> None:
    audio = upload_via_http(app_client, media_factory.make_audio(seconds=2, hz=440))
    waveform = app_client.get(f"/audio/{audio['id']}/waveform").json()["data"]
    assert waveform["interval"] == pytest.approx(0.02)
    assert len(waveform["peaks"]) == 100
    # ffmpeg's sine source plays at 1/8 of full scale
    assert all(peak == pytest.approx(0.125, abs=0.01) for peak in waveform["peaks"][1:-1])


def test_video_waveform_and_silence(app_client: TestClient, media_factory: MediaFactory) -> None:
    loud = upload_via_http(app_client, media_factory.make_video("red", seconds=1, tone_hz=440))
    mute = upload_via_http(app_client, media_factory.make_video("red", seconds=1, tone_hz=None))
    peaks = app_client.get(f"/video/{loud['id']}/waveform").json()["data"]["peaks"]
    # AAC's start-up transient overshoots the first peak: judge the middle
    assert 49 <= len(peaks) <= 52 and statistics.median(peaks) == pytest.approx(0.125, abs=0.01)
    assert app_client.get(f"/video/{mute['id']}/waveform").json()["data"]["peaks"] == []
    cache = Path(app_client.app.state.data_dir) / "cache"  # type: ignore[attr-defined]
    assert len(list(cache.glob("waveform-*.json"))) == 1


def test_previews_of_unknown_media_are_404(app_client: TestClient) -> None:
    assert app_client.get("/video/m-1234/thumbnails").json()["message"] == "video m-1234 not found"
    assert app_client.get("/audio/a-1234/waveform").status_code == 404
