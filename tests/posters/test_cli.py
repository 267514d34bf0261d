"""``motcua qr``: one poster, a whole group, and the clear failures."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from bot.cli import main
from knowledge.base import KnowledgeBase
from knowledge.topics import load_menu
from tests.posters.conftest import BOT


def test_one_poster_png(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qr", "1.001193", "--format", "png"]) == 0  # a code works as well as the id
    out = cli_env / "posters" / "dang-ky-khai-sinh.png"
    assert capsys.readouterr().out.strip() == "posters/dang-ky-khai-sinh.png"
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(out.read_bytes())))
    assert [b.text for b in found] == [f"https://t.me/{BOT}?start=dang-ky-khai-sinh"]


def test_a_commune_poster_opens_the_bot_on_that_commune(cli_env: Path) -> None:
    argv = ["qr", "dang-ky-khai-sinh", "--format", "png", "--commune", "phường Hoàn Kiếm, Hà Nội"]
    assert main(argv) == 0
    png = (cli_env / "posters" / "dang-ky-khai-sinh.png").read_bytes()
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert [b.text for b in found] == [f"https://t.me/{BOT}?start=x70_dang-ky-khai-sinh"]


def test_a_commune_that_is_not_one_commune_fails_clearly(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["qr", "dang-ky-khai-sinh", "--commune", "xã Tân Hưng"]) == 1
    assert "--commune='xã Tân Hưng' is not one commune" in capsys.readouterr().err


def test_default_is_pdf_in_out_dir(cli_env: Path) -> None:
    assert main(["qr", "dang-ky-khai-sinh", "--locality", "phường mẫu", "--out", "in"]) == 0
    assert (cli_env / "in" / "dang-ky-khai-sinh.vi-du-phuong-mau.pdf").read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize("group", ["ho-tich", "Chứng thực", "chung thuc"])
def test_group_writes_one_file_per_procedure(cli_env: Path, kb: KnowledgeBase, group: str) -> None:
    topic = load_menu().topic(group)
    groups = topic.groups if topic else ["Chứng thực"]
    expected = {f"{i}.svg" for g in groups for i in kb.groups[g]}
    assert len(expected) > 3
    assert main(["qr", "--group", group, "--format", "svg"]) == 0
    assert {p.name for p in (cli_env / "posters").iterdir()} == expected


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["qr", "khong-co-thu-tuc-nay"], "không có thủ tục 'khong-co-thu-tuc-nay'"),
        (["qr", "--group", "khong-co"], "unknown group or topic"),
        (["qr", "dang-ky-khai-sinh", "--locality", "sao hỏa"], "unknown locality"),
    ],
)
def test_unknown_things_fail_clearly(
    cli_env: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(argv) == 1
    assert message in capsys.readouterr().err
    assert not (cli_env / "posters").exists() or not any((cli_env / "posters").iterdir())


def test_no_link_configured(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_USERNAME")
    assert main(["qr", "dang-ky-khai-sinh"]) == 1
    assert "TELEGRAM_BOT_USERNAME" in capsys.readouterr().err
    assert not (cli_env / "posters").exists()


def test_zalo_only_is_enough(cli_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_USERNAME")
    monkeypatch.setenv("ZALO_LINK", "https://zalo.me/0000000000")
    assert main(["qr", "dang-ky-khai-sinh", "--format", "svg"]) == 0
    svg = (cli_env / "posters" / "dang-ky-khai-sinh.svg").read_text(encoding="utf-8")
    assert "Nhắn: Đăng ký khai sinh" in svg and "t.me" not in svg


def test_id_and_group_are_exclusive(cli_env: Path) -> None:
    with pytest.raises(SystemExit):
        main(["qr", "dang-ky-khai-sinh", "--group", "ho-tich"])
