"""KNOWLEDGE_CACHE_DIR: where a start keeps the validated knowledge base, or nowhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.runtime import Runtime


def test_the_default_is_the_users_cache_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("KNOWLEDGE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert Settings().knowledge_cache == tmp_path / "motcua"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert Settings().knowledge_cache == tmp_path / ".cache" / "motcua"


def test_empty_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KNOWLEDGE_CACHE_DIR", "")
    assert Settings().knowledge_cache is None
    monkeypatch.setenv("KNOWLEDGE_CACHE_DIR", "/srv/motcua/cache")
    assert Settings().knowledge_cache == Path("/srv/motcua/cache")


async def test_a_second_start_restores_what_the_first_wrote(tmp_path: Path) -> None:
    def settings(name: str) -> Settings:
        return Settings(
            database_url=f"sqlite+aiosqlite:///{tmp_path}/{name}.db",
            spool_dir=tmp_path / name,
            knowledge_cache_dir=str(tmp_path / "cache"),
        )

    first = await Runtime.open(settings("first"))
    await first.close()
    written = list((tmp_path / "cache").glob("kb-*.pickle"))
    assert len(written) == 1
    stamp = written[0].stat().st_mtime_ns
    second = await Runtime.open(settings("second"))
    try:
        assert list((tmp_path / "cache").glob("kb-*.pickle")) == written
        assert written[0].stat().st_mtime_ns == stamp  # read, not written again
        assert second.store.current.procedures == first.store.current.procedures
        found = second.matcher.match("làm giấy khai sinh cho con")
        assert found.best is not None and found.best.id == "dang-ky-khai-sinh"
        # what the dashboard teaches lands on the restored knowledge base as on a read one
        taught = "quokka zyx"  # words no procedure has
        assert second.matcher.match(taught).outcome.value == "unmet"
        assert second.matcher.add_alias("dang-ky-tam-tru", taught)
        learned = second.matcher.match(taught)
        assert learned.outcome.value == "answer"
        assert learned.best is not None and learned.best.id == "dang-ky-tam-tru"
    finally:
        await second.close()
