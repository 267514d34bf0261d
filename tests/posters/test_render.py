"""The three formats: the QR decodes to the deep link, the text is there with its diacritics."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pypdf
import pytest
import zxingcpp
from PIL import Image

from bot.posters import Links, build, render
from bot.posters.content import EXAMPLE
from knowledge.base import KnowledgeBase
from tests.posters.conftest import BOT, ZALO

DEEP_LINK = f"https://t.me/{BOT}?start=dang-ky-khai-sinh"
SVG = "{http://www.w3.org/2000/svg}"


def decoded(png: bytes) -> set[str]:
    image = Image.open(io.BytesIO(png))
    assert image.size == (1654, 2339)  # A4 portrait at 200 dpi
    return {barcode.text for barcode in zxingcpp.read_barcodes(image)}


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    return " ".join(reader.pages[0].extract_text().split())


def test_png_qr_opens_the_procedure_on_telegram(kb: KnowledgeBase) -> None:
    poster = build(kb, kb.procedures["dang-ky-khai-sinh"], Links(BOT))
    assert decoded(render(poster, "png")) == {DEEP_LINK}


def test_png_with_zalo_has_both_codes(kb: KnowledgeBase, links: Links) -> None:
    poster = build(kb, kb.procedures["dang-ky-khai-sinh"], links)
    assert decoded(render(poster, "png")) == {DEEP_LINK, ZALO}


def test_pdf_has_the_name_and_summary_with_diacritics(kb: KnowledgeBase, links: Links) -> None:
    proc = kb.procedures["dang-ky-khai-sinh"]
    poster = build(kb, proc, links)
    text = pdf_text(render(poster, "pdf"))
    assert "Đăng ký khai sinh" in text
    for line in poster.lines:
        assert f"{line.label}: " + " ".join(line.text.split()[:6]) in text
    assert "Nhắn: Đăng ký khai sinh" in text
    assert "Rà soát lần cuối" in text and "đối chiếu trang chính thức" in text


def test_pdf_full_name_under_short_title(kb: KnowledgeBase, links: Links) -> None:
    proc = kb.procedures["dang-ky-thuong-tru"]
    text = pdf_text(render(build(kb, proc, links), "pdf"))
    assert proc.title in text and proc.name in text


def test_svg_has_title_and_qr(kb: KnowledgeBase, links: Links) -> None:
    poster = build(kb, kb.procedures["dang-ky-khai-sinh"], links)
    root = ET.fromstring(render(poster, "svg"))
    assert root.get("width") == "210.0mm" and root.get("height") == "297.0mm"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Đăng ký khai sinh" in texts
    qr_links = {p.findtext(f"{SVG}title") for p in root.iter(f"{SVG}path")}
    assert qr_links == {DEEP_LINK, ZALO}


def test_example_locality_is_marked(kb: KnowledgeBase, links: Links) -> None:
    poster = build(kb, kb.procedures["dang-ky-khai-sinh"], links, kb.localities["vi-du-phuong-mau"])
    assert poster.example
    text = pdf_text(render(poster, "pdf"))
    assert "Phường Mẫu (ví dụ)" in text
    assert " ".join(EXAMPLE.split()[:6]) in text and "VÍ DỤ" in text
    # The deep link still carries the procedure only: one payload per link.
    assert decoded(render(poster, "png")) == {DEEP_LINK, ZALO}


def test_unknown_format(kb: KnowledgeBase, links: Links) -> None:
    with pytest.raises(ValueError, match="unknown poster format"):
        render(build(kb, kb.procedures["dang-ky-khai-sinh"], links), "gif")
