"""The QR posters page: one procedure or a whole group, PNG/SVG/PDF, for admins and supervisors.

What comes back is checked as a printer or phone would see it: the content type and file name,
the PDF's text, and the QR codes decoded from the PNG with zxing-cpp.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

import pypdf
import pytest
import zxingcpp
from PIL import Image

from knowledge.base import KnowledgeBase
from knowledge.topics import load_menu
from tests.admin.conftest import BOT, ZALO, Client, Dashboard

DOWNLOAD = "/admin/posters/download"
SVG = "{http://www.w3.org/2000/svg}"


def deep_link(procedure_id: str) -> str:
    return f"https://t.me/{BOT}?start={procedure_id}"


def decoded(png: bytes) -> set[str]:
    return {code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))}


def pdf_pages(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def attachment(response: object) -> str:
    disposition = response.headers["Content-Disposition"]  # type: ignore[attr-defined]
    assert disposition.startswith("attachment; filename=")
    return str(disposition.split("filename=")[1].strip('"'))


@pytest.fixture
async def supervisor(linked: Dashboard) -> Client:
    return await linked.signed_in("binh", "supervisor")


async def test_the_page_offers_procedures_groups_and_places(supervisor: Client) -> None:
    page = await supervisor.page("/admin/posters")
    assert '<option value="dang-ky-khai-sinh"' in page and ">Đăng ký khai sinh<" in page
    assert '<option value="ho-tich"' in page  # a topic of topics.yaml
    assert '<option value="Chứng thực"' in page  # a group
    assert "Phường Mẫu" in page and "(dữ liệu ví dụ)" in page
    assert f"https://t.me/{BOT}?start=" in page and ZALO in page
    assert 'href="/admin/posters" aria-current="page"' in page  # in the menu


async def test_one_procedure_as_pdf_has_its_name(supervisor: Client) -> None:
    response = await supervisor.get(f"{DOWNLOAD}?procedure=dang-ky-khai-sinh&format=pdf")
    assert response.status == 200 and response.content_type == "application/pdf"
    assert attachment(response) == "dang-ky-khai-sinh.pdf"
    [text] = pdf_pages(await response.read())
    assert "Đăng ký khai sinh" in text and "Nhắn: Đăng ký khai sinh" in text


async def test_one_procedure_as_png_opens_it_on_telegram_and_zalo(supervisor: Client) -> None:
    response = await supervisor.get(f"{DOWNLOAD}?procedure=dang-ky-khai-sinh&format=png")
    assert response.status == 200 and response.content_type == "image/png"
    assert attachment(response) == "dang-ky-khai-sinh.png"
    assert decoded(await response.read()) == {deep_link("dang-ky-khai-sinh"), ZALO}


async def test_one_procedure_as_svg(supervisor: Client) -> None:
    response = await supervisor.get(f"{DOWNLOAD}?procedure=dang-ky-khai-sinh&format=svg")
    assert response.status == 200 and response.content_type == "image/svg+xml"
    root = ET.fromstring(await response.read())
    assert "Đăng ký khai sinh" in [t.text for t in root.iter(f"{SVG}text")]
    assert {p.findtext(f"{SVG}title") for p in root.iter(f"{SVG}path")} == {
        deep_link("dang-ky-khai-sinh"),
        ZALO,
    }


async def test_a_procedure_code_works_like_its_id(supervisor: Client) -> None:
    response = await supervisor.get(f"{DOWNLOAD}?procedure=1.001193&format=png")
    assert attachment(response) == "dang-ky-khai-sinh.png"
    assert deep_link("dang-ky-khai-sinh") in decoded(await response.read())


async def test_a_locality_prints_the_place_and_names_the_file(supervisor: Client) -> None:
    url = f"{DOWNLOAD}?procedure=dang-ky-khai-sinh&locality=vi-du-phuong-mau&format=pdf"
    response = await supervisor.get(url)
    assert attachment(response) == "dang-ky-khai-sinh.vi-du-phuong-mau.pdf"
    [text] = pdf_pages(await response.read())
    assert "Phường Mẫu (ví dụ)" in text and "VÍ DỤ" in text


async def test_a_group_as_pdf_has_a_page_per_procedure(
    supervisor: Client, kb: KnowledgeBase
) -> None:
    response = await supervisor.get(f"{DOWNLOAD}?group=Chứng thực&format=pdf")
    assert response.status == 200 and response.content_type == "application/pdf"
    assert attachment(response) == "chung-thuc.pdf"
    pages = pdf_pages(await response.read())
    titles = [kb.procedures[i].title for i in kb.groups["Chứng thực"]]
    assert len(pages) == len(titles) > 3
    assert all(title in page for title, page in zip(titles, pages, strict=True))


async def test_a_topic_as_svg_is_a_zip_of_its_procedures(
    supervisor: Client, kb: KnowledgeBase
) -> None:
    response = await supervisor.get(f"{DOWNLOAD}?group=ho-tich&format=svg")
    assert response.status == 200 and response.content_type == "application/zip"
    assert attachment(response) == "khai-sinh-ket-hon-khai-tu-svg.zip"
    topic = load_menu().topic("ho-tich")
    assert topic is not None
    expected = {f"{i}.svg" for g in topic.groups for i in kb.groups[g]}
    with zipfile.ZipFile(io.BytesIO(await response.read())) as archive:
        assert set(archive.namelist()) == expected
        assert b"<svg" in archive.read("dang-ky-khai-sinh.svg")


async def test_a_group_as_png_zip_decodes_to_each_deep_link(
    supervisor: Client, kb: KnowledgeBase
) -> None:
    response = await supervisor.get(f"{DOWNLOAD}?group=bao hiem y te&format=png")  # no diacritics
    assert attachment(response) == "bao-hiem-y-te-png.zip"
    with zipfile.ZipFile(io.BytesIO(await response.read())) as archive:
        for procedure_id in kb.groups["Bảo hiểm y tế"]:
            png = archive.read(f"{procedure_id}.png")
            assert decoded(png) == {deep_link(procedure_id), ZALO}


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("procedure=khong-co-thu-tuc-nay", 404, "Không có thủ tục «khong-co-thu-tuc-nay»"),
        ("group=khong-co-nhom-nay", 404, "Không có nhóm hay chủ đề «khong-co-nhom-nay»"),
        ("procedure=dang-ky-khai-sinh&locality=sao-hoa", 400, "Không có địa phương «sao-hoa»"),
        ("procedure=dang-ky-khai-sinh&format=gif", 400, "Định dạng không hợp lệ"),
        ("procedure=dang-ky-khai-sinh&group=ho-tich", 400, "Hãy chọn một thủ tục hoặc một nhóm"),
        ("format=pdf", 400, "Hãy chọn một thủ tục hoặc một nhóm"),
        ("procedure=" + "x" * 5000, 404, "Không có thủ tục"),
    ],
)
async def test_bad_requests_get_the_form_with_a_reason(
    supervisor: Client, query: str, status: int, message: str
) -> None:
    response = await supervisor.get(f"{DOWNLOAD}?{query}")
    assert response.status == status and response.content_type == "text/html"
    assert message in supervisor.last and "<form" in supervisor.last


async def test_without_links_the_page_says_what_to_set_and_nothing_is_made(
    lite: Dashboard,
) -> None:
    client = await lite.signed_in("binh", "supervisor")
    page = await client.page("/admin/posters")
    assert "TELEGRAM_BOT_USERNAME" in page and "disabled" in page
    response = await client.get(f"{DOWNLOAD}?procedure=dang-ky-khai-sinh&format=pdf")
    assert response.status == 409 and response.content_type == "text/html"
    assert "TELEGRAM_BOT_USERNAME" in client.last


async def test_admins_may_download_too(linked: Dashboard) -> None:
    admin = await linked.signed_in("an", "admin")
    response = await admin.get(f"{DOWNLOAD}?procedure=dang-ky-khai-sinh&format=pdf")
    assert response.status == 200 and response.content_type == "application/pdf"


@pytest.mark.parametrize("path", ["/admin/posters", f"{DOWNLOAD}?procedure=dang-ky-khai-sinh"])
async def test_volunteers_may_not(linked: Dashboard, path: str) -> None:
    volunteer = await linked.signed_in("chi", "volunteer")
    response = await volunteer.get(path)
    assert response.status == 403 and response.content_type == "text/html"
    assert "/admin/posters" not in volunteer.last  # not in their menu either


async def test_signed_out_goes_to_the_login(linked: Dashboard) -> None:
    response = await linked.client().get(DOWNLOAD + "?procedure=x", allow_redirects=False)
    assert response.status == 302 and response.headers["Location"].startswith("/admin/login")
