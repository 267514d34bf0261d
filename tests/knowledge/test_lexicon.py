"""The matcher's dictionaries (``knowledge/lexicon``) and what they do to questions and aliases."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase
from knowledge.normalize import LEXICON_DIR, default_normalizer
from knowledge.spelling import repair
from knowledge.text import is_syllable, lower, tokens
from knowledge.yamlio import read_yaml

N = default_normalizer()


def folded(text: str) -> str:
    return N.normalize(text).folded


def test_no_phrase_is_replaced_twice_over() -> None:
    seen: dict[str, str] = {}
    for name, section in (
        ("abbreviations", "abbreviations"),
        ("regional", "regional"),
        ("synonyms", "synonyms"),
    ):
        for src in read_yaml(LEXICON_DIR / f"{name}.yaml")[section]:
            phrase = " ".join(tokens(lower(str(src))))  # accents kept: "hổng" is not "hong"
            assert phrase not in seen, f"{src!r} in {name}.yaml and {seen[phrase]}.yaml"
            seen[phrase] = name


def test_every_alias_keeps_its_meaning_after_normalisation(kb: KnowledgeBase) -> None:
    """An alias that normalises to one word ("chưa có căn cước bao giờ" → "căn cước") names
    every procedure of its family at once: write it so that what tells it apart survives."""
    for proc in kb.procedures.values():
        for alias in proc.aliases:
            assert len(N.normalize(alias).tokens) >= 2, (proc.id, alias)


def test_synonyms_meet_the_words_aliases_use() -> None:
    assert folded("đánh rơi căn cước") == folded("mất căn cước")
    assert folded("giấy khai sinh bị thất lạc") == folded("giấy khai sinh bị mất")
    assert folded("thẻ bhyt bị rách") == folded("thẻ bhyt bị hỏng")
    assert folded("cmnd 9 số") == folded("chứng minh thư") == "chung minh nhan dan"
    assert folded("công chứng bản photo") == folded("chứng thực bản sao")
    assert "ngoai" not in folded("ông ngoại em mất").split()


def test_compounds_are_kept_whole() -> None:
    assert folded("xin bản sao giấy khai sinh") == "ban sao giay khai sinh"  # "sao" is a stopword
    assert folded("đăng ký thế chấp sổ đỏ") == "dang ki the chap so do"  # and so is "thế"
    assert N.normalize("hỗ trợ chi phí mai táng").aspect is None  # "chi phí" asks the fee


def test_words_containing_a_country_are_not_foreign() -> None:
    assert "ngoai" not in folded("xin phiếu lý lịch tư pháp").split()
    assert "ngoai" not in folded("cập nhật thông tin cư trú").split()
    assert "ngoai" not in folded("biện pháp bảo đảm").split()
    assert folded("lấy chồng người Pháp") == "ket hon nguoi nuoc ngoai"


def test_age_keeps_the_typed_age_and_adds_its_bands() -> None:
    assert folded("con 10 tuổi") == "con 10 tuoi duoi 14 tuoi"
    assert folded("cụ nhà em 85t") == folded("cụ nhà em 85 tuổi")
    assert folded("làm căn cước dưới 6 tuổi") == "lam can cuoc duoi 6 tuoi"  # stated, not implied


def test_what_the_citizen_already_has_is_marked_as_context() -> None:
    tokens = N.normalize("con đã có giấy khai sinh, giờ bố muốn nhận con").tokens
    context = [t.folded for t in tokens if t.context]
    request = [t.folded for t in tokens if not t.context]
    assert context == ["giay", "khai", "sinh"] and "nhan" in request
    tokens = N.normalize("mua đất đã công chứng hợp đồng xong, giờ sang tên ở đâu").tokens
    assert [t.folded for t in tokens if not t.context] == ["sang", "ten"]


def test_a_paper_lost_is_asked_about_not_already_done() -> None:
    # "đã làm" opens what the citizen already did; "đã làm mất" is the loss asked about
    tokens = N.normalize("ông nêu đã làm mất sổ đỏ trong đợt lũ").tokens
    assert not any(t.context for t in tokens)
    tokens = N.normalize("đã làm sổ đỏ rồi, giờ muốn tách thửa").tokens
    assert [t.folded for t in tokens if not t.context] == ["tach", "thua"]


def test_a_well_formed_syllable_is_another_word_not_a_typo() -> None:
    vocab = {"tai", "coi", "bang", "nghiep", "hoa", "chap"}
    ordered = sorted(vocab)
    assert is_syllable("trai") and repair("trai", vocab, ordered) == ("trai",)  # not "tai"
    assert repair("cuoi", vocab, ordered) == ("cuoi",)  # "cưới", not "coi"
    assert repair("xang", vocab, ordered) == ("xang",)  # "xăng", not "bang"
    assert not is_syllable("chapp") and repair("chapp", vocab, ordered) == ("chap",)
    assert repair("hoaa", vocab, ordered) == ("hoa",)


def test_every_uncovered_topic_is_found_as_questions_are_read(kb: KnowledgeBase) -> None:
    """An entry is matched after abbreviations and synonyms, as a question is: each must still be
    found whole once so read, and no procedure's name may name one (then it is covered)."""
    for entry in read_yaml(LEXICON_DIR / "uncovered.yaml")["uncovered"]:
        norm = N.normalize(str(entry))
        assert norm.topics and all(t.topic for t in norm.tokens), entry
    for proc in kb.procedures.values():
        for name in [proc.name, proc.short_name or ""]:
            assert not N.normalize(name).topics, (proc.id, name)


def test_a_topic_keeps_its_words_and_is_found_however_written() -> None:
    norm = N.normalize("thu hồi đất khi làm đường")  # "hồi" alone is a stopword
    assert norm.topics == ("thu_hoi_dat",)
    assert [t.folded for t in norm.tokens if t.topic] == ["thu", "hoi", "dat"]
    assert (
        N.normalize("đóng bhxh tự nguyện").topics
        == N.normalize("đóng bảo hiểm xã hội tự nguyện").topics
    )
    assert N.normalize("đóng bhxh tự nguyện").topics
    assert N.normalize("thay đổi giám hộ").topics == ("thay_doi_giam_ho",)


def test_markers_are_said_with_their_own_tone() -> None:
    lexicon = N.lexicon

    def said(text: str) -> set[str]:
        toks = N.normalize(text).tokens
        return lexicon.markers_said([t.folded for t in toks], [t.accented for t in toks])

    assert said("đổi bằng lái") == {"doi"} and said("doi bang lai") == {"doi"}
    assert not said("bộ đội xuất ngũ") and not said("bằng lái xe")  # "đội", "lái"
    assert "mat" in said("mất sổ đỏ") and "mat" not in said("bố mất để lại đất")
    assert "mat" not in said("người nhà mất hôm qua") and "mat" not in said("cụ mất, xin mai táng")
    assert "ki_lai" in said("đăng kí lại khai tử")


def test_a_province_named_as_before_the_merger_says_where_not_what() -> None:
    # Quảng Bình, Hải Dương… are no provinces since 1/7/2025, but letters still name them
    assert "quang binh" not in folded("tôi có hộ khẩu ở Quảng Bình, có phải đổi căn cước")
    assert "hai duong" not in folded("Bạn đọc ở Hải Dương hỏi về khai sinh cho con")


def test_the_newspapers_framing_of_a_question_is_not_what_is_asked() -> None:
    text = "Gửi câu hỏi tới Cổng thông tin điện tử, bạn đọc cho biết con chưa có khai sinh"
    assert folded(text) == "con khai sinh"


def test_the_passport_office_is_no_uncovered_topic() -> None:
    # "xuất nhập cảnh" holds "nhập cảnh" (a visa question), but names the passport office
    assert N.normalize("nộp hồ sơ hộ chiếu ở phòng quản lý xuất nhập cảnh").topics == ()
    assert N.normalize("thủ tục nhập cảnh cho chồng người Mỹ").topics == ("nhap_canh",)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("vợ chồng tôi sinh sống tại Anh", "vợ chồng tôi sinh sống tại nước ngoài"),
        ("con tôi sang Anh du học", "con tôi sang nước ngoài du học"),
        ("tôi ở với anh trai", "tôi ở với anh trai"),  # an elder brother
        ("nhà ở Anh Sơn, Nghệ An", "nhà ở Anh Sơn, Nghệ An"),  # a district
    ],
)
def test_england_is_told_by_its_capital_after_a_word_of_where(text: str, read: str) -> None:
    assert N.lexicon.countries_by_capital(text) == read
