"""Random ids on the path of every message: version-4 UUIDs and request ids.

A turn needs four or five (the turn, its message rows, the request id). ``uuid.uuid4()`` and
``secrets.token_hex()`` each ask the kernel for 16 or 8 bytes (``os.urandom``, a system call
that also lets the database thread take the interpreter lock); here they are cut from one read of
:data:`CHUNK` bytes of the same ``os.urandom``, so the ids are as unpredictable as before. A
forked child drops the bytes it inherited: parent and child never hand out the same id.
"""

from __future__ import annotations

import os
import threading
from uuid import UUID

CHUNK = 4096  # bytes read from the kernel at a time: 256 UUIDs
_VERSION_4 = (4 << 76) | (0x8000 << 48)  # version 4, variant RFC 4122
_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))  # the bits that version and variant set


class _Entropy:
    """``os.urandom`` read :data:`CHUNK` bytes at a time and handed out in order, each byte once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._buffer = b""
        self._at = 0

    def take(self, size: int) -> bytes:
        with self._lock:
            start = self._at
            if start + size > len(self._buffer):
                self._buffer, start = os.urandom(max(CHUNK, size)), 0
            self._at = start + size
            return self._buffer[start : self._at]

    def drop(self) -> None:
        self._buffer, self._at = b"", 0


_ENTROPY = _Entropy()
os.register_at_fork(after_in_child=_ENTROPY.drop)


def random_bytes(size: int) -> bytes:
    """``size`` bytes of ``os.urandom`` output, never handed out twice in this process."""
    return _ENTROPY.take(size)


def uuid4() -> UUID:
    """A random (version 4) UUID, as :func:`uuid.uuid4` makes it."""
    return UUID(int=(int.from_bytes(_ENTROPY.take(16), "big") & _CLEAR) | _VERSION_4)


def token_hex(size: int) -> str:
    """``size`` random bytes as hex, as :func:`secrets.token_hex` makes them."""
    return _ENTROPY.take(size).hex()
