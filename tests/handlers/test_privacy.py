"""Masking of personal data: what is masked, how it renders, and what must stay untouched."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from handlers.privacy import mask

MASKED = {
    # ID numbers (CMND 9 digits, căn cước 12 digits)
    "cccd-12": ("001203004567", "*********567"),
    "cmnd-9": ("CMND 123456789 nhé", "CMND ******789 nhé"),
    "id-spaces": ("số 001 203 004 567", "số *********567"),
    "id-dots": ("CCCD 001.203.004.567 đã hết hạn", "CCCD *********567 đã hết hạn"),
    "cmnd-dots": ("123.456.789", "******789"),
    # phone numbers
    "mobile": ("gọi 0912345678", "gọi *******678"),
    "mobile-spaces": ("0912 345 678", "*******678"),
    "mobile-dots": ("sđt: 0987.654.321.", "sđt: *******321."),
    "mobile-dashes": ("0912-345-678", "*******678"),
    "mobile-03": ("0356789012", "*******012"),
    "plus84-dots": ("+84 912.345.678", "********678"),
    "plus84-compact": ("+84912345678", "********678"),
    "84-prefix": ("84 912 345 678", "********678"),
    "plus84-parens": ("(+84) 912 345 678", "********678"),
    "landline": ("024 3825 1234", "********234"),
    "landline-parens": ("(028) 3829 1234", "********234"),
    "two-phones": ("0912345678 0987654321", "*******678 *******321"),
    # what a paste or a careless thumb puts between the digits
    "mobile-double-spaces": ("gọi 0912  345  678", "gọi *******678"),
    "mobile-tab": ("0912\t345678", "*******678"),
    "mobile-no-break-spaces": ("0912\u00a0345\u00a0678", "*******678"),
    "mobile-narrow-no-break": ("0912\u202f345\u202f678", "*******678"),
    "mobile-zero-width": ("0912\u200b345\u200b678", "*******678"),
    "mobile-soft-hyphen": ("0912\u00ad345678", "*******678"),
    "mobile-en-dashes": ("0912–345–678", "*******678"),
    "id-no-break-spaces": ("CCCD 001\u00a0203\u00a0004\u00a0567", "CCCD *********567"),
    "id-then-phone": ("123456789 0912345678", "******789 *******678"),
    # e-mail
    "email": ("abc@gmail.com", "***@gmail.com"),
    "email-dotted": ("Email: nguyen.van.a+hs@mail.hcm.gov.vn.", "Email: ***@mail.hcm.gov.vn."),
    # an e-mail written apart, as people do to dodge a filter
    "email-spaced-at": ("mail ten @ gmail.com nhé", "mail ***@gmail.com nhé"),
    "email-spaced-dots": ("ten@ gmail . com", "***@gmail.com"),
    "email-at-in-parens": ("ten (at) gmail.com", "***@gmail.com"),
    "email-at-dot-in-brackets": ("nguyen.van.a[at]hanoi[dot]gov[dot]vn", "***@hanoi.gov.vn"),
    "email-then-a-sentence": ("ten @ b.com. Me too", "***@b.com. Me too"),
    "email-full-width-at": ("TEN ＠ Yahoo.Com.Vn, cảm ơn", "***@Yahoo.Com.Vn, cảm ơn"),
    # vehicle plates
    "plate-car": ("xe 29A-123.45 bị mất", "xe 29A-***.45 bị mất"),
    "plate-compact": ("30H12345", "30H***45"),
    "plate-motorbike": ("51F1-234.56", "51F1-***.56"),
    "plate-dash-space": ("29-A1 123.45", "29-A1 ***.45"),
    "plate-lower": ("biển 29a-123.45", "biển 29a-***.45"),
    "plate-4-digits": ("29A-1234", "29A-**34"),
    # a shorter bank account, named as one
    "account-8-named": ("stk 12345678 ACB", "stk *****678 ACB"),
    "account-grouped-named": ("số tài khoản: 8888 6666", "số tài khoản: *****666"),
    "account-named-unaccented": ("so tai khoan la 1234567", "so tai khoan la ****567"),
    "account-named-first": ("Tài khoản 123456 ngân hàng", "Tài khoản ***456 ngân hàng"),
    # passport numbers (one letter, 7 digits)
    "passport": ("hộ chiếu cũ số C1234567 hết hạn", "hộ chiếu cũ số C****567 hết hạn"),
    "passport-lower": ("số hộ chiếu: b7654321.", "số hộ chiếu: b****321."),
    # any other long digit run
    "long-digits": ("STK 12345678901234", "STK ***********234"),
    "card-in-groups": ("thẻ 9704 1234 5678 9012", "thẻ *************012"),
    "account-13-in-groups": ("STK 0071 0001 23456", "STK **********456"),
    "account-14-in-groups": ("STK 1903 4567 8901 23", "STK ***********123"),
    "account-10-in-groups": ("STK 1234 5678 90", "STK *******890"),
    # a home address: the numbers that find the household, not the street or the ward
    "house-and-alley": ("nhà số 12 ngõ 34 phố Huế", "nhà số ** ngõ ** phố Huế"),
    "house-slash-letter": ("số nhà 45/12B đường Lê Lợi", "số nhà **/**B đường Lê Lợi"),
    "lane-parts": ("hẻm 123/4/5 Nguyễn Trãi, P5 Q5", "hẻm ***/*/* Nguyễn Trãi, P5 Q5"),
    "number-before-street": ("ở 12 phố Huế", "ở ** phố Huế"),
    "slash-before-street": ("số 93/134 đường Bạch Vân", "số **/*** đường Bạch Vân"),
    "alley-with-so": ("Ngõ số 5, Hà Nội", "Ngõ số *, Hà Nội"),
    "kiet": ("kiệt 56 Lê Duẩn", "kiệt ** Lê Duẩn"),
    "apartment": ("căn hộ 1203 tòa A", "căn hộ **** tòa A"),
    "land-parcel": ("thửa đất số 123, tờ bản đồ số 45", "thửa đất số ***, tờ bản đồ số **"),
    "address-unaccented": ("so nha 7 ngo 3 pho Hue", "so nha * ngo * pho Hue"),
    "address-combining-tilde": ("ngo\u0303 5 Kim Ma\u0303", "ngõ * Kim Mã"),
    "phone-and-alley": ("sđt 0912345678 ngõ 5", "sđt *******678 ngõ *"),
    # a date of birth: day and month, the year kept
    "born-on": ("con sinh ngày 28.8.2011 bị dị tật", "con sinh ngày **.*.2011 bị dị tật"),
    "birth-date-label": ("Ngày sinh: 12/03/1990", "Ngày sinh: **/**/1990"),
    "birth-date-in-words": ("sinh ngày 12 tháng 3 năm 1990", "sinh ngày ** tháng * năm 1990"),
    "birth-date-full-label": ("ngày tháng năm sinh 01-01-2000", "ngày tháng năm sinh **-**-2000"),
    "birth-date-dob": ("DOB 5/6/1985", "DOB */*/1985"),
    "birth-date-unaccented": ("sinh ngay 2/9", "sinh ngay */*"),
}

UNTOUCHED = {
    "procedure-code": "thủ tục 1.001193",
    "procedure-code-local": "1.013978.H36",
    "procedure-code-full": "1.001193.000.00.00.H36",
    "date": "hẹn ngày 21/11/2026",
    "year": "năm 2025",
    "money-thousands": "lệ phí 100.000 đồng",
    "money-dong-sign": "1.000.000đ",
    "money-hundred-million": "100.000.000 đồng",
    "money-vnd": "2.500.000.000 VNĐ",
    "decree": "Nghị định 123/2015/NĐ-CP",
    "circular": "Thông tư 04/2020/TT-BTP",
    "short-numbers": "2 bản sao, 5 ngày, 14 tuổi, phòng 305",
    "time": "lúc 14h30 ngày 2/3",
    "vietnamese": "Đăng ký khai sinh cho con ở phường Bến Nghé",
    "emoji": "cảm ơn 👍🙏",
    "empty": "",
    "at-without-domain": "gặp @admin nhé",
    "spaced-at-in-a-sentence": "gặp @ phường Bến Nghé. Com",
    "at-in-parens-in-a-sentence": "cho tôi hỏi (at) phường, lúc 9 giờ @ nhà văn hóa",
    "year-range-en-dash": "từ 2020–2025",
    "years-double-space": "năm 2020  2021",
    "date-in-spaced-groups": "ngày 06 12 2026",
    "account-words-short-number": "tài khoản định danh mức 2, tk 2024, stk 12345",
    "code-letter-and-digits": "mẫu TK1-TS, tờ khai số X01, mã A123456, mã AB1234567",
    "money-in-spaced-groups": "lệ phí 1 000 000 000 đồng",
    "decree-before-street-word": "Nghị định 100/2019 đường bộ",
    "year-before-street-word": "năm 2020 đường sá xa",
    "room-number": "phòng 305, tầng 2",
    "house-number-without-address-word": "số 12, tờ khai số 3",
    "parcels-counted": "hợp thửa 2 mảnh đất liền kề, tách thửa 3 lô",
    "birth-year-only": "con sinh năm 2019",
    "other-date": "hẹn ngày 21/11/2026, nộp ngày 2/3",
}


@pytest.mark.parametrize(("text", "expected"), MASKED.values(), ids=MASKED.keys())
def test_masks(text: str, expected: str) -> None:
    assert mask(text) == expected


@pytest.mark.parametrize("text", UNTOUCHED.values(), ids=UNTOUCHED.keys())
def test_leaves_alone(text: str) -> None:
    assert mask(text) == text


def test_long_input_is_masked_throughout() -> None:
    """A long, adversarial input is masked to its last copy (what it costs, and that the cost
    grows linearly, is measured by ``bench/mask_bench.py``)."""
    text = "0912 345 678 29A-123.45 a@b.vn 1 " * 20_000 + "a" * 200_000
    masked = mask(text)
    assert "0912" not in masked
    assert "a@b.vn" not in masked
    assert masked.endswith("a" * 200_000)


@settings(max_examples=300)
@given(st.text())
def test_idempotent(text: str) -> None:
    once = mask(text)
    assert mask(once) == once


ADDRESS_PIECES = st.sampled_from(
    [
        *"0123456789 /.-AB*",
        *("ngõ ", "số nhà ", "nhà số ", "hẻm ", " đường ", " phố ", "thửa số ", "2020"),
        *("ngày sinh ", "sinh ngày ", " tháng ", " năm ", "DOB "),
    ]
)


@settings(max_examples=300)
@given(st.lists(ADDRESS_PIECES, max_size=20).map("".join))
@example("0 hẻm 0")  # the number before a street word must not take the street word with it
@example("7 ngõ9")
@example("DOB 83 -2hẻm 864")  # a "*" left by one pattern is no word boundary for another
def test_idempotent_on_addresses(text: str) -> None:
    once = mask(text)
    assert mask(once) == once


PIECES = st.sampled_from(
    [*"0123456789 .-+()@*/aHđC", "đồng", "@gmail.com", "0912", "+84 ", "29A-", "(024) ", "stk "]
)


@settings(max_examples=500)
@given(st.lists(PIECES, max_size=30).map("".join))
@example("0@gmail.com @gmail.com")  # a masked address's domain is no local part of another
def test_idempotent_on_number_soup(text: str) -> None:
    once = mask(text)
    assert mask(once) == once


@settings(max_examples=300)
@given(st.one_of(st.text(), st.lists(PIECES, max_size=30).map("".join)))
def test_no_long_digit_run_survives(text: str) -> None:
    assert not re.search(r"\d{9,}", mask(text))


@given(
    st.text().filter(
        lambda s: not {"@", "＠"} & set(s) and "at" not in s.casefold() and not re.search(r"\d", s)
    )
)
def test_text_without_digits_or_at_is_unchanged(text: str) -> None:
    assert mask(text) == text
