"""Rendering replies for Telegram: escaping, splitting, keyboards."""

from __future__ import annotations

from bot.channels.telegram.render import render, to_html
from handlers.events import Button, Reply
from tests.channels.fake_telegram import visible_length


def test_kb_text_is_escaped_and_heading_bold() -> None:
    assert to_html("A < B & C\nD > E", bold_first_line=True) == "<b>A &lt; B &amp; C</b>\nD &gt; E"


def test_long_text_splits_without_cutting_entities() -> None:
    text = "Tiêu đề\n" + "\n".join("a & b < c " * 30 for _ in range(40))
    out = render((Reply(text, (Button("Xong", "ckdone"),)),))
    assert len(out) >= 2
    for message in out:
        length = visible_length(message.html)
        assert length is not None and length <= 4096
    assert out[-1].keyboard is not None and all(m.keyboard is None for m in out[:-1])


def test_short_labels_pair_up_long_ones_stand_alone() -> None:
    buttons = (
        Button("💰 Lệ phí", "a:fees"),
        Button("⏱ Thời gian", "a:time"),
        Button("🙋 Gặp người hỗ trợ tại đây", "human"),
        Button("👍", "up"),
        Button("👎", "down"),
    )
    [message] = render((Reply("x", buttons),))
    assert message.keyboard is not None
    rows = [[b.text for b in row] for row in message.keyboard.inline_keyboard]
    assert rows == [["💰 Lệ phí", "⏱ Thời gian"], ["🙋 Gặp người hỗ trợ tại đây"], ["👍", "👎"]]
