"""What a citizen reads of a fact is what the national portal's page says: a rate the provincial
council sets is not said to be the same on every channel, papers the page lists are all named and
examples it does not list are not, a filing point the page does not name is not offered, a
procedure whose page has only the in-person channel is not said to be filed online, a deadline
the decree sets is said as the decree says it, not as desks usually do, a refusal the decree
says is explained in writing is not said to be explained only on request, a will is certified
at any commune, whatever the residence."""

from __future__ import annotations

import pytest

from handlers import Context
from tests.handlers.talk import Dialogue, asked_in

BUILDING = "cap-giay-phep-xay-dung-nha-o-rieng-le"
DEATH_AGAIN = "dang-ky-lai-khai-tu"
MARRIAGE_AGAIN = "dang-ky-lai-ket-hon"
FOREIGN_MARRIAGE = "dang-ky-ket-hon-yeu-to-nuoc-ngoai"
DIVORCE_ABROAD = "ghi-chu-ly-hon-o-nuoc-ngoai"
LOST_LAND_PAPER = "cap-lai-gcn-do-bi-mat"
CERTIFIED_COPY = "chung-thuc-ban-sao-tu-ban-chinh"
WILL = "chung-thuc-di-chuc"
SIGNATURE = "chung-thuc-chu-ky"

FACTS = [
    asked_in(
        "a_council_rate_is_not_said_equal_on_every_channel",
        BUILDING,
        "xin giấy phép xây dựng bao nhiêu tiền",
        holds=["HĐND tỉnh"],
        lacks=["như nhau"],
    ),
    asked_in(
        "re_registering_a_death_names_proof_of_residence",
        DEATH_AGAIN,
        "đăng ký lại khai tử cần giấy tờ gì",
        holds=["nơi cư trú"],
        lacks=["bệnh án"],
    ),
    asked_in(
        "re_registering_a_marriage_lists_no_examples_the_page_lacks",
        MARRIAGE_AGAIN,
        "cần giấy tờ gì",
        lacks=["lý lịch đảng viên"],
    ),
    asked_in(
        "attending_a_marriage_with_a_foreigner_says_the_sixty_days",
        FOREIGN_MARRIAGE,
        "kết hôn với người nước ngoài có cần cả hai có mặt không",
        holds=["60 ngày"],
    ),
    asked_in(
        "a_divorce_abroad_of_someone_living_abroad_is_filed_where_they_lived",
        DIVORCE_ABROAD,
        "ghi chú ly hôn làm ở đâu",
        holds=["trước khi ra nước ngoài"],
    ),
    asked_in(
        "a_lost_land_paper_is_not_filed_at_the_provincial_office",
        LOST_LAND_PAPER,
        "nộp ở đâu",
        holds=["Chi nhánh Văn phòng đăng ký đất đai"],
        lacks=["Văn phòng đăng ký đất đai hoặc"],
    ),
    asked_in(
        "a_certified_copy_is_not_filed_online",
        CERTIFIED_COPY,
        "công chứng giấy tờ làm online được không",
        holds=["Chưa nộp trực tuyến được", "bản chính"],
        lacks=["Một phần"],
    ),
    asked_in(
        "certifying_a_will_takes_the_decree_s_two_working_days",
        WILL,
        "chứng thực di chúc mất bao lâu",
        holds=["Không quá 02 ngày làm việc", "đồng ý bằng văn bản"],
        lacks=["Thường làm trong ngày", "chưa được xác minh"],
    ),
    asked_in(
        "a_refused_signature_is_explained_in_writing",
        SIGNATURE,
        "nếu bị từ chối chứng thực chữ ký thì sao",
        holds=["phải giải thích rõ lý do bằng văn bản"],
        lacks=["có thể đề nghị trả lời bằng văn bản"],
    ),
    asked_in(
        "a_will_is_certified_at_any_commune",
        WILL,
        "chứng thực di chúc ở đâu",
        holds=["không phụ thuộc nơi cư trú"],
        lacks=["Hỏi UBND xã gần nhất"],
    ),
]


@pytest.mark.parametrize("dialogue", FACTS)
def test_fact(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)
