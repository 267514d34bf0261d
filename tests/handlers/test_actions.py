"""Button payloads: short, round-trip, and unknown ones are refused rather than guessed."""

from __future__ import annotations

from handlers import sections as sec
from handlers.actions import MAX_BYTES, Action, Verb, act
from knowledge.base import KnowledgeBase


def test_round_trip() -> None:
    payload = act(Verb.ASPECT, sec.FEES, "dang-ky-khai-sinh")
    assert Action.parse(payload) == Action(Verb.ASPECT, "fees", "dang-ky-khai-sinh")


def test_every_procedure_fits_telegram_callback_data(kb: KnowledgeBase) -> None:
    for pid in kb.procedures:
        for section in sec.SECTIONS:
            assert len(act(Verb.ASPECT, section.id, pid).encode()) <= MAX_BYTES
        assert len(act(Verb.TICK, "20", pid).encode()) <= MAX_BYTES


def test_unknown_or_oversized_payloads_are_none() -> None:
    assert Action.parse("bogus:1") is None
    assert Action.parse("") is None
    assert Action.parse("p:" + "x" * 80) is None
