"""A follow-up asking a part the current procedure states stays with it while the matcher
hesitates among others the message does not name (a case told in words a first card or an
online account is read near); one that names another's object still gets the menu."""

from __future__ import annotations

from handlers import Context, Incoming, State, handle
from handlers.state import Mode
from tests.handlers.talk import reply_in


def test_a_case_told_beside_the_papers_asked_stays(ctx: Context) -> None:
    text = reply_in(
        ctx, "cap-phieu-ly-lich-tu-phap", "chua bao gio bi an tich gi ca, can giay to gi"
    )
    assert "Giấy tờ" in text


def test_the_online_part_asked_by_the_account_name_stays(ctx: Context) -> None:
    text = reply_in(ctx, "cap-the-bhyt-tre-em-duoi-6-tuoi", "lam tren vneid duoc ko, muc nao")
    assert "trực tuyến" in text


def test_another_object_named_still_offers_a_menu(ctx: Context) -> None:
    state = State(mode=Mode.PROCEDURE, procedure="dang-ky-tam-tru")
    said = "con tôi chưa làm căn cước bao giờ, giờ làm thì cần giấy tờ gì"
    turn, _ = handle(Incoming("u", "test", text=said), state, ctx)
    text = turn.replies[-1].text
    assert "thủ tục nào" in text
    assert "Đăng ký tạm trú" not in text


def test_a_change_asked_as_befalling_stays(ctx: Context) -> None:
    state = State(mode=Mode.PROCEDURE, procedure="cap-lai-the-can-cuoc")
    _, after = handle(Incoming("u", "test", text="so cccd co bi doi ko"), state, ctx)
    assert after.procedure == "cap-lai-the-can-cuoc"


def test_a_change_asked_for_still_leaves(ctx: Context) -> None:
    state = State(mode=Mode.PROCEDURE, procedure="cap-lai-the-can-cuoc")
    said = "tiện thì đổi luôn căn cước sang mẫu mới được không"
    _, after = handle(Incoming("u", "test", text=said), state, ctx)
    assert after.procedure == "cap-doi-the-can-cuoc"
