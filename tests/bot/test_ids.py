"""Random ids cut from a buffer of OS randomness: well-formed, never repeated, fork-safe."""

from __future__ import annotations

import os
import uuid
from concurrent.futures import ThreadPoolExecutor

from bot import ids


def test_uuid4_is_a_version_4_rfc_4122_uuid() -> None:
    for _ in range(2 * ids.CHUNK // 16 + 3):  # across refills of the buffer
        made = ids.uuid4()
        assert made.version == 4
        assert made.variant == uuid.RFC_4122
        assert uuid.UUID(str(made)) == made


def test_ids_do_not_repeat_across_refills() -> None:
    made = [ids.uuid4() for _ in range(3 * ids.CHUNK // 16)]
    assert len(set(made)) == len(made)


def test_threads_taking_ids_at_once_never_get_the_same_one() -> None:
    def take(_: int) -> list[uuid.UUID]:
        return [ids.uuid4() for _ in range(2_000)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        made = [u for batch in pool.map(take, range(4)) for u in batch]
    assert len(set(made)) == len(made)


def test_token_hex_has_two_digits_per_byte() -> None:
    token = ids.token_hex(8)
    assert len(token) == 16
    int(token, 16)
    assert token != ids.token_hex(8)
    assert len(ids.token_hex(32)) == 64


def test_a_forked_child_does_not_repeat_the_parents_ids() -> None:
    ids.uuid4()  # the buffer holds unused bytes the child inherits
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its next id, to the parent
        try:
            os.write(write, ids.uuid4().bytes)
        finally:
            os._exit(0)
    os.close(write)
    child = uuid.UUID(bytes=os.read(read, 16))
    os.close(read)
    os.waitpid(pid, 0)
    assert child != ids.uuid4()
