"""A corpus of hostile timelines and paths against a real `serve`: never a 5xx, and a bad value
is a 400 naming its field (issue 16, #6). Bodies are sent as raw JSON: NaN, Infinity and lone
surrogates are what a careless client really sends."""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.support.media import MediaFactory
from tests.support.server import upload_via_http
from tests.support.server_process import LiveServer

NAN, INF = float("nan"), float("inf")
NUMBERS: list[Any] = [NAN, INF, -INF, 1e308, -1e308, 1e20]


def base(media_id: str) -> dict[str, Any]:
    video = {"type": "video", "id": media_id, "start": 0, "volume": 1, "crop": {"top": 0, "left": 0}}
    text = {"type": "text", "text": "hello", "font": {"size": 24}}
    clips = [
        {"start": 0, "clip": {"asset": video, "duration": 2, "offset": {"x": 0, "y": 0}}},
        {"start": 0, "clip": {"asset": text, "duration": 1, "transition": {"in": "fade", "duration": 0.5}}},
    ]
    return {"timeline": {"resolution": "320x180", "tracks": [{"clips": clips, "z_index": 0}]}}


# (where in the body, as keys and indexes) -> values that must be refused or survived
VIDEO = ("timeline", "tracks", 0, "clips", 0)
TEXT = ("timeline", "tracks", 0, "clips", 1)
MUTATIONS: list[tuple[tuple[Any, ...], list[Any]]] = [
    ((*VIDEO, "clip", "duration"), [*NUMBERS, -1, "x", None, [], True]),
    ((*VIDEO, "start"), [*NUMBERS, "x", {}]),
    ((*VIDEO, "clip", "asset", "start"), NUMBERS),
    ((*TEXT, "clip", "transition", "duration"), NUMBERS),
    ((*VIDEO, "clip", "offset", "x"), NUMBERS),
    ((*VIDEO, "clip", "offset", "y"), [NAN, INF]),
    ((*VIDEO, "clip", "asset", "crop", "top"), [NAN, INF, 1e308, -5]),
    ((*VIDEO, "clip", "scale"), [NAN, INF]),
    ((*VIDEO, "clip", "opacity"), [NAN]),
    ((*VIDEO, "clip", "asset", "volume"), [NAN, INF, 1e308]),
    ((*VIDEO, "clip", "z_index"), [NAN, INF, 1e308]),
    (("timeline", "tracks", 0, "z_index"), [INF, NAN, 1e308, "x", [1]]),
    (("timeline", "resolution"), ["²²²x²²²", "\u0661\u0662x\u0663", "0x0", "99999x99999", "1e3x5", "x", 5]),
    (("timeline", "background"), ["\ud800", 5]),
    ((*TEXT, "clip", "asset", "text"), ["\ud800", "a\udfffb", "x" * 200_000]),
    ((*TEXT, "clip", "asset", "font", "size"), [NAN, 1e308, 10**6]),
    ((*TEXT, "clip", "asset", "font", "family"), ["\ud800"]),
    ((*VIDEO, "clip", "asset", "id"), ["\ud800", "m-\x00", ""]),
]
PATHS = [
    "/video/%00",
    "/video/m-%00/thumbnails",
    "/files/media/%00",
    "/files/%00/x",
    "/stream/%00/index.m3u8",
    "/collection/%00",
    "/async-response/%00",
    "/video/%ED%A0%80",
    "/collection/default/upload_url?name=%00",
    "/collection/default/upload_url?name=%ED%A0%80",
]


def post_raw(client: httpx.Client, body: Any) -> httpx.Response:
    """POST /editor with NaN, Infinity and lone surrogates written as Python's json writes them."""
    headers = {"content-type": "application/json"}
    return client.post("/editor", content=json.dumps(body), headers=headers)


def cases() -> Iterator[tuple[str, tuple[Any, ...], Any]]:
    for where, values in MUTATIONS:
        for value in values:
            yield ".".join(str(part) for part in where[1:]), where, value


def mutated(media_id: str, where: tuple[Any, ...], value: Any) -> dict[str, Any]:
    body = copy.deepcopy(base(media_id))
    target: Any = body
    for part in where[:-1]:
        target = target[part]
    target[where[-1]] = value
    return body


@pytest.fixture(scope="module")
def client(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.base_url, headers=live_server.headers, timeout=60) as client:
        yield client


@pytest.fixture(scope="module")
def media_id(client: httpx.Client, media_factory: MediaFactory) -> str:
    return str(upload_via_http(client, media_factory.make_video("red", seconds=4), media_type="video")["id"])


def test_the_corpus_is_large_enough() -> None:
    assert len(list(cases())) + len(PATHS) >= 60


def test_the_base_timeline_compiles(client: httpx.Client, media_id: str) -> None:
    answer = post_raw(client, base(media_id))
    assert answer.status_code == 200, answer.text


@pytest.mark.parametrize(("field", "where", "value"), list(cases()), ids=lambda v: repr(v)[:30])
def test_a_hostile_timeline_is_never_a_5xx(
    client: httpx.Client, media_id: str, field: str, where: tuple[Any, ...], value: Any
) -> None:
    answer = post_raw(client, mutated(media_id, where, value))
    assert answer.status_code < 500, answer.text
    if answer.status_code == 200:  # accepted: then its stream must play without a 5xx either
        stream = httpx.URL(answer.json()["data"]["stream_url"])
        playlist = client.get(stream)
        assert playlist.status_code == 200, playlist.text
        first = next(line for line in playlist.text.splitlines() if line and not line.startswith("#"))
        segment = client.get(stream.join(first), timeout=20)
        assert segment.status_code < 500, segment.text
    else:
        assert answer.status_code in (400, 404, 413), answer.text
        message = answer.json()["message"]
        leaf = str(where[-1])
        assert leaf in message or where[-1] == "id", message


@pytest.mark.parametrize("path", PATHS)
def test_a_hostile_path_is_never_a_5xx(client: httpx.Client, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code < 500, answer.text


def test_documented_limits_answer_at_once(client: httpx.Client, media_id: str) -> None:
    text = {"type": "text", "text": "long"}
    started = time.monotonic()
    one_long = {"timeline": {"tracks": [{"clips": [{"start": 0, "clip": {"asset": text, "duration": 1e6}}]}]}}
    answer = post_raw(client, one_long)
    assert answer.status_code == 400 and "duration" in answer.json()["message"]
    many = [{"start": i, "clip": {"asset": text, "duration": 1}} for i in range(20_001)]
    answer = post_raw(client, {"timeline": {"tracks": [{"clips": many}]}})
    assert answer.status_code == 400 and "clips" in answer.json()["message"]
    assert time.monotonic() - started < 10
    huge = b'{"timeline": {"tracks": [], "pad": "' + b"x" * (17 * 1024 * 1024) + b'"}}'
    answer = client.post("/editor", content=huge, headers={"content-type": "application/json"})
    assert answer.status_code == 413, answer.text
