"""Finished API answers kept in memory, compressed as they were sent.

A view marked ``cacheable(keep=True)`` has its 200 answers kept in a bounded LRU (per
worker process, ``MAPAPP_ANSWER_CACHE_MB``), keyed by the data version, the build, the
settings, the language, the path, the query parameters (in a fixed order) and the
Accept-Encoding the client sent. The same request at the same data version is then
answered from memory: no query but the one-row version read, no JSON to build, nothing
to compress.

Nothing stale can be served: every change to the data raises the version in the same
transaction (migration 0004), so a kept answer's key is never asked for again. The version
is read before the data (http/caching.py), so a kept answer is never older than its key.

Two hooks, registered around Flask-Compress by ``create_app``: ``serve_kept`` runs after
the 304 check, ``keep_sent`` after compression (so that it keeps the compressed bytes).
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

from cachetools import LRUCache
from flask import Flask, Response, current_app, g, request
from flask_babel import get_locale

from mapapp.http.caching import view_answer_is_kept
from mapapp.http.context import current_settings

_EXTENSION = "mapapp.answer_cache"


@dataclass(frozen=True)
class KeptAnswer:
    body: bytes
    content_type: str
    content_encoding: str | None


class AnswerCache:
    """A thread-safe LRU of answers, bounded by the bytes of their bodies."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._answers: LRUCache = LRUCache(max_bytes or 1, getsizeof=lambda a: len(a.body))
        self._lock = threading.Lock()

    def get(self, key: tuple) -> KeptAnswer | None:
        with self._lock:
            return self._answers.get(key)

    def put(self, key: tuple, answer: KeptAnswer) -> None:
        # One answer may take at most an eighth of the room, so that a few big ones
        # cannot push out every viewport.
        if len(answer.body) > self.max_bytes // 8:
            return
        with self._lock:
            self._answers[key] = answer

    def __len__(self) -> int:
        with self._lock:
            return len(self._answers)


def keep_sent(app: Flask, max_bytes: int) -> None:
    """Keep answers as they leave; call before Flask-Compress registers itself, since
    after-request hooks run in reverse order."""
    if max_bytes <= 0:
        return
    app.extensions[_EXTENSION] = AnswerCache(max_bytes)
    app.after_request(_keep)


def serve_kept(app: Flask) -> None:
    """Answer from the kept answers; call after http/caching.py registers its 304 check."""
    if _EXTENSION in app.extensions:
        app.before_request(_serve)


def answer_cache() -> AnswerCache | None:
    return current_app.extensions.get(_EXTENSION)


def _key() -> tuple | None:
    if request.method != "GET" or "data_version" not in g or not view_answer_is_kept():
        return None
    # A stable sort by name: repeated parameters keep their order (views read the first).
    arguments = tuple(sorted(request.args.items(multi=True), key=lambda item: item[0]))
    return (
        g.data_version,
        current_app.config["MAPAPP_BUILD"],
        # Fixed while serving; the limits in it shape answers (tests change them). A digest,
        # so that no setting (the secret key among them) is held in the keys.
        hashlib.sha256(current_settings().model_dump_json().encode()).digest(),
        str(get_locale() or ""),
        request.path,
        arguments,
        request.headers.get("Accept-Encoding", "").replace(" ", "").lower(),
    )


def _serve() -> Response | None:
    key = _key()
    kept = answer_cache().get(key) if key is not None else None
    if kept is None:
        g.answer_key = key
        return None
    response = Response(kept.body, content_type=kept.content_type)
    if kept.content_encoding:
        response.headers["Content-Encoding"] = kept.content_encoding
    g.answer_was_kept = True
    return response


def _keep(response: Response) -> Response:
    if g.get("answer_was_kept"):
        # http/caching.py tagged it as an uncompressed answer; Flask-Compress, seeing it
        # already encoded, left the tag alone: mark the encoding as Flask-Compress does.
        encoding = response.headers.get("Content-Encoding")
        tag, weak = response.get_etag()
        if encoding and tag and not weak:
            response.set_etag(f"{tag}:{encoding}")
        return response
    key = g.get("answer_key")
    if key is None or response.status_code != 200 or response.is_streamed:
        return response
    answer_cache().put(
        key,
        KeptAnswer(
            response.get_data(), response.content_type, response.headers.get("Content-Encoding")
        ),
    )
    return response
