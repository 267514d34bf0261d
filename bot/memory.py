"""Giving freed memory back to the system, for a server that runs for weeks.

Under ``bench/soak.py``'s mixed traffic on PostgreSQL the server's RSS grew ~2.5 MB a minute for
30 minutes, while the Python objects alive (tracemalloc) grew a tenth of that, as the bounded
caches filled: the rest was memory the program had freed and glibc's allocator kept, scattered
through its heap where it trims nothing by itself (one ``malloc_trim(0)`` gave back ~16 MB at
once). :func:`trim_forever` asks for it back every minute, in a thread (the call takes the
allocator's lock, not the interpreter's), so RSS follows the memory in use. Without glibc
(musl, macOS) it does nothing.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import logging
from collections.abc import Callable

log = logging.getLogger("motcua.memory")

TRIM_EVERY_SECONDS = 60.0


def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        function = libc.malloc_trim
    except (OSError, AttributeError, TypeError):  # not glibc
        return None
    function.argtypes, function.restype = [ctypes.c_size_t], ctypes.c_int
    result: Callable[[int], int] = function
    return result


_TRIM = _malloc_trim()


def trim() -> bool:
    """Return the allocator's free memory to the system; True if it had some to return."""
    return bool(_TRIM(0)) if _TRIM is not None else False


async def trim_forever(every: float = TRIM_EVERY_SECONDS) -> None:
    """:func:`trim` every ``every`` seconds until cancelled."""
    if _TRIM is None:
        return
    while True:
        await asyncio.sleep(every)
        try:
            await asyncio.to_thread(trim)
        except Exception:  # never stops the server; tried again next time
            log.exception("returning freed memory failed")
