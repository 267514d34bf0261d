"""Random ids on the path of every message: version-4 UUIDs and request ids.

A turn needs four or five (the turn, its message rows, the request id). ``uuid.uuid4()`` and
``secrets.token_hex()`` each ask the kernel for 16 or 8 bytes (``os.urandom``, a system call
that also lets the database thread take the interpreter lock); here they are cut from one read of
:data:`CHUNK` bytes of the same ``os.urandom``, so the ids are as unpredictable as before. A
forked child drops the bytes it inherited: parent and child never hand out the same id.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from uuid import UUID

CHUNK = 4096  # bytes read from the kernel at a time: 256 blocks of 16
BLOCK = 16
_VERSION_4 = (4 << 76) | (0x8000 << 48)  # version 4, variant RFC 4122
_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))  # the bits that version and variant set


class _Entropy:
    """``os.urandom`` read :data:`CHUNK` bytes at a time, handed out in blocks of :data:`BLOCK`
    bytes, each block once. Taking a block is one ``next()`` on a list iterator, atomic under
    the interpreter lock: two threads never get the same block, and no lock is taken."""

    def __init__(self) -> None:
        self._blocks: Iterator[bytes] = iter(())

    def block(self) -> bytes:
        try:
            return next(self._blocks)
        except StopIteration:
            data = os.urandom(CHUNK)  # a racing thread makes its own: never the same bytes
            blocks = iter([data[i : i + BLOCK] for i in range(0, CHUNK, BLOCK)])
            self._blocks = blocks
            return next(blocks)

    def drop(self) -> None:
        self._blocks = iter(())


_ENTROPY = _Entropy()
os.register_at_fork(after_in_child=_ENTROPY.drop)


def uuid4() -> UUID:
    """A random (version 4) UUID, as :func:`uuid.uuid4` makes it."""
    return UUID(int=(int.from_bytes(_ENTROPY.block(), "big") & _CLEAR) | _VERSION_4)


def token_hex(size: int) -> str:
    """``size`` random bytes as hex, as :func:`secrets.token_hex` makes them."""
    if size > BLOCK:
        return os.urandom(size).hex()
    return _ENTROPY.block()[:size].hex()
