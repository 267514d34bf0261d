"""The service reuses the state its previous turn stored, and only that state: whatever another
writer stored since (another instance, a pushed message) is what the next turn starts from."""

from __future__ import annotations

from pathlib import Path

from bot.config import Settings
from bot.runtime import Runtime
from bot.service import DecodedStates
from handlers.events import Incoming
from handlers.state import Mode, State
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher


async def test_a_turn_starts_from_what_another_instance_stored_since(
    db_url: str, tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> None:
    one = await Runtime.open(Settings(database_url=db_url, spool_dir=tmp_path / "a"), *knowledge)
    two = await Runtime.open(Settings(database_url=db_url, spool_dir=tmp_path / "b"), *knowledge)
    try:
        first = await one.service.handle(Incoming("c", "web", text="đăng ký kết hôn"))
        other = await two.service.handle(Incoming("c", "web", text="làm hộ chiếu phổ thông"))
        assert first.procedure_id != other.procedure_id
        again = await one.service.handle(Incoming("c", "web", text="lệ phí bao nhiêu"))
        assert again.procedure_id == other.procedure_id
    finally:
        await one.close()
        await two.close()


def test_the_kept_state_is_used_for_its_own_text_only() -> None:
    states = DecodedStates(size=2)
    state = State(mode=Mode.PROCEDURE, procedure="dang-ky-ket-hon")
    states.keep(("web", "a"), state.encode(), state)
    assert states.decode(("web", "a"), state.encode()) is state
    other = State(procedure="cap-ho-chieu-pho-thong").encode()
    assert states.decode(("web", "a"), other).procedure == "cap-ho-chieu-pho-thong"
    assert states.decode(("web", "a"), None) == State()  # erased: a fresh conversation
    assert states.decode(("web", "b"), state.encode()) is not state


def test_only_the_latest_citizens_are_kept() -> None:
    states = DecodedStates(size=2)
    kept = {user: State(query=user) for user in ("a", "b", "c")}
    for user, state in kept.items():
        states.keep(("web", user), state.encode(), state)
    assert states.decode(("web", "a"), kept["a"].encode()) is not kept["a"]
    assert states.decode(("web", "c"), kept["c"].encode()) is kept["c"]
