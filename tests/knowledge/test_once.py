"""The process's one copy of something read from the files (``knowledge/once.py``): built once
whatever the threads asking, or installed whole."""

from __future__ import annotations

import threading
import time

from knowledge.once import Once


def test_it_is_built_on_first_use_and_kept() -> None:
    built: list[int] = []

    def build() -> int:
        built.append(1)
        return len(built)

    once = Once(build)
    assert built == []
    assert once.get() == 1
    assert once.get() == 1
    assert built == [1]


def test_threads_asking_together_get_one_copy() -> None:
    built: list[object] = []

    def build() -> object:
        time.sleep(0.05)  # long enough for every thread to ask while it is built
        built.append(object())
        return built[-1]

    once: Once[object] = Once(build)
    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(once.get())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1
    assert got == built * 8


def test_one_installed_is_served_and_none_is_built() -> None:
    def build() -> str:
        raise AssertionError("built though one was installed")

    once = Once(build)
    once.use("restored")
    assert once.get() == "restored"
