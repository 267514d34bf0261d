"""Words typed without marks that fold together, read the way their neighbours say: "co mat bao
nhieu" asks the fee ("mất"), "co phai co mat khong" who must come ("mặt"); "dong thue bao nhieu"
asks the tax ("thuế"), "o nha thue" tells a rented home ("thuê")."""

from __future__ import annotations

import pytest

from handlers import Context
from tests.handlers.talk import reply_in

ID_CARD = "cap-doi-the-can-cuoc"
MARRIAGE = "dang-ky-ket-hon"
LAND = "dang-ky-bien-dong-chuyen-nhuong-thua-ke-tang-cho"
RESIDENCE = "dang-ky-tam-tru"


@pytest.mark.parametrize("said", ["co mat bao nhieu", "lam lai co mat phi khong"])
def test_mat_before_the_sum_asks_the_fee(ctx: Context, said: str) -> None:
    assert reply_in(ctx, ID_CARD, said).startswith("💰")


def test_mat_before_how_long_asks_the_time(ctx: Context) -> None:
    assert reply_in(ctx, ID_CARD, "co mat bao lau khong").startswith("⏱")


@pytest.mark.parametrize(
    "said", ["co mat dong nao ko", "co mat xu nao khong", "có phải đóng đồng nào không"]
)
def test_not_a_coin_asks_the_fee(ctx: Context, said: str) -> None:
    assert reply_in(ctx, ID_CARD, said).startswith("💰")


@pytest.mark.parametrize("said", ["2 vo chong co phai co mat khong", "co mat truc tiep khong"])
def test_co_mat_alone_still_asks_who_must_come(ctx: Context, said: str) -> None:
    assert reply_in(ctx, MARRIAGE, said).startswith("🧍")


@pytest.mark.parametrize(
    "said", ["dong thue bao nhieu", "đóng thuế bao nhiêu", "thuế thu nhập cá nhân bao nhiêu"]
)
def test_a_tax_asked_is_money_asked(ctx: Context, said: str) -> None:
    assert reply_in(ctx, LAND, said).startswith("💰")


def test_co_mat_thue_asks_the_money_not_who_comes(ctx: Context) -> None:
    assert reply_in(ctx, LAND, "co mat thue khong").startswith("💰")


def test_a_rented_home_is_no_tax(ctx: Context) -> None:
    text = reply_in(ctx, RESIDENCE, "o nha thue thi can giay to gi")
    assert text.startswith("📄")


def test_whether_a_tax_is_owed_is_no_fee_asked(ctx: Context) -> None:
    text = reply_in(ctx, "dang-ky-thanh-lap-ho-kinh-doanh", "có phải nộp thuế không")
    assert not text.startswith("💰")
