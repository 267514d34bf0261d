"""Pointers for what the knowledge base does not cover: data checks and look-up."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from knowledge.matcher import Matcher, Outcome
from knowledge.normalize import LEXICON_DIR, default_lexicon
from knowledge.referrals import default_referrals
from knowledge.yamlio import read_yaml


def test_every_phrase_of_a_referral_is_an_uncovered_topic() -> None:
    lexicon = default_lexicon()
    data = read_yaml(LEXICON_DIR / "uncovered.yaml")
    topics = {lexicon.topic_name(str(p)) for p in data["uncovered"]}
    topics |= {lexicon.topic_name(str(p)) for p in data["alone"]["matters"]}
    for item in read_yaml(LEXICON_DIR / "referrals.yaml")["referrals"]:
        for phrase in item["phrases"]:
            assert lexicon.topic_name(str(phrase)) in topics, phrase


def test_every_pointer_is_an_official_page() -> None:
    referrals = default_referrals()
    for referral in [*referrals.by_topic.values(), referrals.general]:
        url = urlparse(referral.url)
        assert url.scheme == "https" and url.hostname and url.hostname.endswith(".gov.vn")
        assert referral.office.endswith(".")


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("đóng bhxh tự nguyện ở đâu", "bảo hiểm xã hội, lương hưu"),
        ("muốn ly hôn thì nộp đơn ở đâu", "ly hôn"),
        ("thành lập công ty cổ phần", "thành lập doanh nghiệp"),
        ("xin visa cho chồng người nước ngoài", "thị thực, xuất nhập cảnh của người nước ngoài"),
        ("nam 56 tuổi muốn nghỉ hưu sớm cần điều kiện gì", "bảo hiểm xã hội, lương hưu"),
        ("công ty không đóng bảo hiểm trong thời gian thử việc", "tiền lương, hợp đồng lao động"),
        (
            "anh em tranh chấp thừa kế mảnh đất bố mẹ để lại",
            "tranh chấp dân sự, nuôi con, cấp dưỡng",
        ),
        ("chồng cũ không chịu cấp dưỡng nuôi con", "tranh chấp dân sự, nuôi con, cấp dưỡng"),
        ("bị chồng bạo hành thì báo ở đâu", "bạo lực gia đình"),
        ("cán bộ xã làm sai, tôi muốn khiếu kiện thì gửi đơn ở đâu", "khiếu nại"),
        ("xã từ chối sửa khai sinh cho con, tôi khiếu nại việc này với ai", "khiếu nại"),
        ("mẹ tôi nghỉ hưu rồi, khi nào thì tăng lương hưu", "bảo hiểm xã hội, lương hưu"),
        ("bị tạm giữ bằng lái 2 tháng, hết hạn thì lên đâu lấy lại", "vi phạm giao thông"),
        ("tôi bị trừ điểm bằng lái hết 12 điểm thì có phải thi lại không", "vi phạm giao thông"),
    ],
)
def test_an_uncovered_question_gets_its_pointer(matcher: Matcher, text: str, topic: str) -> None:
    result = matcher.match(text)
    assert result.outcome is Outcome.UNMET
    referral = default_referrals().pointer(result.topics)
    assert referral is not None and referral.topic == topic


def test_a_topic_without_a_referral_gets_the_general_pointer(matcher: Matcher) -> None:
    result = matcher.match("xin giấy phép karaoke")
    assert (
        result.topics and default_referrals().pointer(result.topics) is default_referrals().general
    )


def test_no_topic_no_pointer(matcher: Matcher) -> None:
    assert default_referrals().pointer(matcher.match("con mèo bị ốm").topics) is None


@pytest.mark.parametrize(
    "text",
    [
        "thời tiết hà nội ngày mai",
        "giá vàng hôm nay",
    ],
)
def test_a_text_about_nothing_the_knowledge_base_knows_is_unrelated(
    matcher: Matcher, text: str
) -> None:
    assert matcher.match(text).unrelated


def test_an_administrative_question_not_found_is_not_unrelated(matcher: Matcher) -> None:
    result = matcher.match("giấy tờ khi đón con chào đời")
    assert result.outcome is Outcome.UNMET and not result.unrelated


def test_a_letter_asking_where_to_complain_is_pointed_to_the_complaint(matcher: Matcher) -> None:
    result = matcher.match(
        "Tôi đi khám sức khỏe nghĩa vụ quân sự ở phường và đã nộp giấy xác nhận tật khúc xạ của "
        "bệnh viện. Nay họ vẫn gọi tôi khám vòng hai. Nếu có thể khiếu kiện thì tôi gửi đơn "
        "khiếu kiện ở đâu?"
    )
    assert result.outcome is Outcome.UNMET
    referral = default_referrals().pointer(result.topics)
    assert referral is not None and referral.topic == "khiếu nại"


def test_a_house_number_is_no_building_permit(matcher: Matcher) -> None:
    assert matcher.match("xin cấp biển số nhà cho nhà mới xây").outcome is Outcome.UNMET
    permit = matcher.match("nhà mới xây cần xin giấy phép xây dựng ở đâu")
    assert permit.best is not None and permit.best.id == "cap-giay-phep-xay-dung-nha-o-rieng-le"


def test_a_referral_to_a_hospital_is_no_health_insurance_card(matcher: Matcher) -> None:
    text = "mẹ tôi nằm viện huyện, muốn lên tỉnh thì xin giấy chuyển tuyến bảo hiểm y tế ở đâu"
    assert matcher.match(text).outcome is Outcome.UNMET
    card = matcher.match("mẹ tôi làm mất thẻ bảo hiểm y tế, xin cấp lại ở đâu")
    assert card.outcome is not Outcome.UNMET


@pytest.mark.parametrize(
    ("asked", "told", "topic"),
    [
        ("ly hôn thì làm ở đâu", "e đã ly hôn 1 lần rồi thì có cần thêm giấy gì ko", "ly hôn"),
        ("ly hon lam o dau vay ad", "vợ cũ ly hôn năm 2019 thì cần giấy gì", "ly hôn"),
        ("còn ly dị thì sao", "ly hôn ở nước ngoài về việt nam ghi vào sổ ở đâu", "ly hôn"),
        ("chia tài sản sau khi ly hôn thì hỏi ai", "vợ chồng đã ly hôn xong", "ly hôn"),
        ("lương hưu thì lãnh ở đâu", "mẹ tôi không có lương hưu", "bảo hiểm xã hội, lương hưu"),
        (
            "tiện hỏi lương hưu thì lãnh ở đâu ad",
            "bố tôi có lương hưu, mất rồi",
            "bảo hiểm xã hội, lương hưu",
        ),
    ],
)
def test_a_matter_a_procedures_name_holds_gets_its_pointer_when_asked(
    matcher: Matcher, asked: str, told: str, topic: str
) -> None:
    # "ly hôn" is a word of "Ghi chú ly hôn ở nước ngoài", "lương hưu" of the allowances of
    # people without one: asked on their own, they are the matters the court and BHXH handle;
    # told as what the citizen is or did, they point nowhere
    result = matcher.match(asked)
    assert result.outcome is Outcome.UNMET
    referral = default_referrals().pointer(result.topics)
    assert referral is not None and referral.topic == topic
    assert not matcher.match(told).topics
