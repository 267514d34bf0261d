"""A local, append-only, fsynced spool for what could not be written to the database.

Records are JSON lines in segment files ``seg-<nanoseconds>-<pid>.jsonl`` in one directory per
database (:func:`spool_directory`). :meth:`Spool.append` returns once its line is on disk: appends
arriving together share one ``write`` and one ``fsync`` (group commit), done in a worker thread.

The process that writes a segment holds an exclusive ``flock`` on it until the segment is closed
(:meth:`Spool.rotate`, or 8 MB reached); a replayer only takes segments it can lock, so it never
reads one still being written, and the segments of a process that died (its locks went with it)
are replayed by whichever instance gets there first. A replayed segment is deleted. A crash in
the middle of a replay leaves the segment in place and it is replayed again from its start: the
records are idempotent (event ids, state versions), so nothing is applied twice. A torn last
line (a crash during ``write``) is skipped with a warning; it was never acknowledged.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import hashlib
import json
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import make_url

from bot import jsonio

log = logging.getLogger("motcua.spool")

SEGMENT_BYTES = 8 << 20
REJECTED = "rejected.jsonl"  # records the database refused (not an outage): kept for a person


def spool_directory(root: Path, database_url: str) -> Path:
    """``root/<12 hex digits>``: one directory per database, so that instances or tests on
    different databases sharing ``SPOOL_DIR`` never replay each other's records."""
    url = make_url(database_url)
    identity = f"{url.get_backend_name()}://{url.host or ''}:{url.port or ''}/{url.database or ''}"
    return root / hashlib.sha256(identity.encode()).hexdigest()[:12]


def _line(record: dict[str, Any]) -> bytes:
    """One JSON line, UTF-8 (compact for Vietnamese); ASCII escapes if the record holds what
    UTF-8 cannot encode (a lone surrogate), so that appending never fails on content."""
    try:
        return jsonio.dumps(record) + b"\n"
    except TypeError:  # a lone surrogate
        return (json.dumps(record, separators=(",", ":")) + "\n").encode("ascii")


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Spool:
    def __init__(self, directory: Path, segment_bytes: int = SEGMENT_BYTES) -> None:
        self.directory, self.segment_bytes = directory, segment_bytes
        self._fd: int | None = None
        self._path: Path | None = None
        self._size = 0
        self._queue: list[tuple[bytes, asyncio.Future[None]]] = []
        self._flusher: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()
        self.appended = 0  # records made durable by this process

    # --- writing ------------------------------------------------------------------------------
    async def append(self, record: dict[str, Any]) -> None:
        """Add one record; returns when it is on disk (raises OSError if it could not be)."""
        future = asyncio.get_running_loop().create_future()
        self._queue.append((_line(record), future))  # before any await: order is call order
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush())
        await asyncio.shield(future)

    async def _flush(self) -> None:
        while self._queue:
            batch, self._queue = self._queue, []
            try:
                async with self._lock:
                    await asyncio.to_thread(self._write, b"".join(line for line, _ in batch))
            except Exception as exc:
                log.error("spool: could not write %d record(s): %s", len(batch), exc)
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            self.appended += len(batch)
            for _, future in batch:
                if not future.done():
                    future.set_result(None)

    def _write(self, data: bytes) -> None:
        """In a worker thread, under ``self._lock``: append and fsync."""
        if self._fd is None or self._size >= self.segment_bytes:
            self._close_segment()
            self._open_segment()
        assert self._fd is not None
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view) :]
        os.fsync(self._fd)
        self._size += len(data)

    def _open_segment(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"seg-{time.time_ns():020d}-{os.getpid()}.jsonl"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        _fsync_directory(self.directory)  # the new file's name is durable too
        self._fd, self._path, self._size = fd, path, 0

    def _close_segment(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # releases the flock: the segment may now be replayed
        self._fd = self._path = None

    async def rotate(self) -> None:
        """Close the segment being written; later appends start a new one."""
        async with self._lock:
            self._close_segment()

    @property
    def idle(self) -> bool:
        """Nothing of this process is queued, being written, or in an open segment."""
        flushing = self._flusher is not None and not self._flusher.done()
        return not self._queue and not flushing and self._fd is None

    async def close(self) -> None:
        """Write what is queued, then close the segment."""
        if self._flusher is not None:
            with contextlib.suppress(Exception):
                await self._flusher
        await self.rotate()

    # --- reading ------------------------------------------------------------------------------
    def segments(self) -> list[Path]:
        """Segment files, oldest first (including ones being written, by anyone)."""
        if not self.directory.is_dir():
            return []
        return sorted(p for p in self.directory.glob("seg-*.jsonl") if p != self._path)

    @contextlib.contextmanager
    def claim(self, path: Path) -> Iterator[BinaryIO | None]:
        """The segment opened and locked for replay, or None if another process holds it (it
        is still being written, or being replayed) or it is gone."""
        try:
            file = path.open("rb")
        except FileNotFoundError:
            yield None
            return
        with file:
            try:
                fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield None
                return
            try:  # replayed and deleted by another process between our open and our lock?
                same = os.stat(path).st_ino == os.fstat(file.fileno()).st_ino
            except FileNotFoundError:
                same = False
            yield file if same else None

    @staticmethod
    def records(file: BinaryIO) -> Iterator[dict[str, Any]]:
        for number, line in enumerate(file, 1):
            if not line.endswith(b"\n"):
                log.warning("spool: %s: torn last record (line %d) skipped", file.name, number)
                return
            try:
                record = jsonio.loads(line)
            except ValueError:
                log.warning("spool: %s line %d is not JSON, skipped", file.name, number)
                continue
            if isinstance(record, dict):
                yield record

    def remove(self, path: Path) -> None:
        path.unlink(missing_ok=True)
        _fsync_directory(self.directory)

    def reject(self, record: dict[str, Any], reason: str) -> None:
        """Keep a record the database refused in ``rejected.jsonl`` (for a person to look at)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        # ASCII-only JSON: whatever the record holds (a lone surrogate, a NUL), this line can be
        # written, and read back exactly.
        line = json.dumps({"reason": reason, "record": record}, ensure_ascii=True) + "\n"
        fd = os.open(self.directory / REJECTED, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(fd, line.encode("ascii"))
            os.fsync(fd)
        finally:
            os.close(fd)
