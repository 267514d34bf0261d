"""``State.fork``: the turn's working copy equals the stored state and never writes through."""

from __future__ import annotations

from pydantic import Field

from handlers.state import Mode, State


def _state() -> State:
    return State(
        mode=Mode.PROCEDURE,
        procedure="dang-ky-khai-sinh",
        candidates=["dang-ky-khai-sinh", "dang-ky-lai-khai-sinh"],
        scores=[("dang-ky-khai-sinh", 0.8)],
        have=[0, 2],
        offered=["sec:docs:dang-ky-khai-sinh"],
        history=["› làm giấy khai sinh"],
    )


def test_fork_equals_the_original() -> None:
    state = _state()
    assert state.fork() == state


def test_changing_the_fork_leaves_the_original_alone() -> None:
    state = _state()
    fork = state.fork()
    fork.have.append(5)
    fork.candidates.clear()
    fork.remember("‹ trả lời")
    fork.focus("dang-ky-ket-hon")
    assert state == _state()


class _WithNested(State):
    """A state with fields of the kinds a later version may add: a mapping and a model."""

    notes: dict[str, list[str]] = Field(default_factory=dict)
    inner: State = Field(default_factory=State)


def test_a_mapping_or_a_model_in_the_state_is_not_shared_with_the_fork() -> None:
    state = _WithNested(notes={"a": ["x"]}, inner=State(history=["› hỏi"]))
    fork = state.fork()
    fork.notes["a"].append("y")
    fork.notes["b"] = []
    fork.inner.history.append("‹ đáp")
    assert state.notes == {"a": ["x"]}
    assert state.inner.history == ["› hỏi"]
