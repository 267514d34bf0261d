"""The local spool: durable appends in call order, segments locked while written, torn tails."""

from __future__ import annotations

import asyncio
import fcntl
import os
from pathlib import Path

from bot.storage.turns.spool import Spool, spool_directory


def read_all(spool: Spool) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for path in spool.segments():
        with spool.claim(path) as file:
            assert file is not None
            out.extend(spool.records(file))
    return out


async def test_appends_are_on_disk_in_call_order_when_they_return(tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    await asyncio.gather(*(spool.append({"n": i, "text": "Đăng ký"}) for i in range(300)))
    assert spool.appended == 300
    [segment] = tmp_path.glob("seg-*.jsonl")
    assert segment.read_text(encoding="utf-8").count("\n") == 300  # written before returning
    await spool.rotate()
    assert [r["n"] for r in read_all(spool)] == list(range(300))
    assert spool.idle


async def test_the_segment_being_written_cannot_be_claimed(tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    await spool.append({"n": 1})
    assert not spool.idle
    other = Spool(tmp_path)  # another process, as far as the files go
    [segment] = other.segments()
    with other.claim(segment) as file:
        assert file is None
    await spool.rotate()
    with other.claim(segment) as file:
        assert file is not None
        with spool.claim(segment) as second:  # a second replayer waits its turn
            assert second is None


async def test_segments_roll_over_and_stay_in_order(tmp_path: Path) -> None:
    spool = Spool(tmp_path, segment_bytes=200)
    for i in range(20):
        await spool.append({"n": i, "pad": "x" * 50})
    await spool.close()
    assert len(spool.segments()) > 3
    assert [r["n"] for r in read_all(spool)] == list(range(20))


async def test_a_torn_last_line_is_skipped(tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    await spool.append({"n": 1})
    await spool.append({"n": 2})
    await spool.close()
    [segment] = spool.segments()
    with segment.open("ab") as file:
        file.write(b'{"n": 3, "tor')  # the process died during write(): never acknowledged
    assert [r["n"] for r in read_all(spool)] == [1, 2]


async def test_remove_and_reject(tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    await spool.append({"n": 1})
    await spool.close()
    [segment] = spool.segments()
    spool.remove(segment)
    assert spool.segments() == []
    spool.reject({"n": 2}, "IntegrityError: boom")
    assert "IntegrityError" in (tmp_path / "rejected.jsonl").read_text()


async def test_a_dead_writer_leaves_a_claimable_segment(tmp_path: Path) -> None:
    """The flock goes with the process: a crashed instance's segment is replayed by the next."""
    path = tmp_path / "seg-00000000000000000001-1.jsonl"
    pid = os.fork()
    if pid == 0:  # the child: write, lock, die without closing anything
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, b'{"n": 1}\n')
        os._exit(0)
    os.waitpid(pid, 0)
    spool = Spool(tmp_path)
    assert [r["n"] for r in read_all(spool)] == [1]


def test_one_directory_per_database(tmp_path: Path) -> None:
    a = spool_directory(tmp_path, "postgresql://u:secret@db:5432/motcua")
    assert a == spool_directory(tmp_path, "postgresql+asyncpg://u:other@db:5432/motcua")
    assert a != spool_directory(tmp_path, "postgresql://u@db:5432/motcua_test")
    assert a != spool_directory(tmp_path, "sqlite:///data/motcua.db")
    assert "secret" not in str(a)
