"""Vietnamese normalisation: Unicode, diacritics, abbreviations, regional words, stop-phrases."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from knowledge.normalize import Aspect, default_normalizer
from knowledge.spelling import repair
from knowledge.text import canon_iy, fold, has_diacritics, unify_tones

N = default_normalizer()


def folded(text: str) -> str:
    return N.normalize(text).folded


def test_fold_handles_d_stroke_which_nfd_does_not_split() -> None:
    assert fold("Đăng ký ĐẤT ĐAI") == "dang ky dat dai"


def test_decomposed_input_equals_composed() -> None:
    composed = "Đăng ký khai sinh"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert N.normalize(decomposed) == N.normalize(composed)


def test_i_y_and_tone_placement_variants_meet() -> None:
    assert folded("đăng kí khai sinh") == folded("đăng ký khai sinh") == folded("dang ky khai sinh")
    assert folded("lí lịch tư pháp") == folded("lý lịch tư pháp")
    assert folded("quí") == folded("quý")
    assert unify_tones("hòa giải") == unify_tones("hoà giải")


def test_abbreviations_expand() -> None:
    assert folded("cccd") == "can cuoc cong dan"
    assert folded("dky tam tru") == folded("đăng ký tạm trú")
    assert folded("gplx") == "giay phep lai xe"
    assert folded("đk kết hôn") == folded("đăng ký kết hôn")
    assert folded("bhyt cho con") == "bao hiem y te con"
    assert folded("so hong") == folded("sổ đỏ") == "so do"


def test_regional_words() -> None:
    assert folded("mần giấy khai sinh") == folded("làm giấy khai sinh")
    assert "bo" in folded("tía em qua đời").split()
    assert "mat" in folded("tía em qua đời").split()


def test_stop_phrases_and_emoji_are_dropped() -> None:
    assert folded("Cho em hỏi 🙏 đăng ký tạm trú với ạ!!!") == "dang ki tam tru"


def test_accented_only_stopwords_keep_content_words() -> None:
    # "đang" is a stopword, "dang" (typed without accents) is the first half of "đăng ký".
    assert folded("dang ky khai sinh") == "dang ki khai sinh"
    assert folded("em đang đăng ký") == "dang ki"
    # "đó" is a stopword but "đỏ" in "sổ đỏ" is not, with or without accents.
    assert folded("sang tên sổ đỏ đó") == "sang ten so do"
    # "bạn" is a stopword; "bán" in "bán lẻ" is not.
    assert folded("bạn ơi bán lẻ rượu") == "ban le ruou"


def test_aspects_are_detected_and_removed() -> None:
    result = N.normalize("làm hộ chiếu hết bao nhiêu tiền")
    assert result.aspect is Aspect.FEES and result.folded == "lam ho chieu"
    assert N.normalize("dang ky tam tru can giay to gi").aspect is Aspect.DOCUMENTS
    assert N.normalize("cấp lại căn cước mất mấy ngày").aspect is Aspect.TIME
    assert N.normalize("nộp online được không").aspect is Aspect.ONLINE
    assert N.normalize("làm ở đâu").aspect is Aspect.PLACE
    assert N.normalize("tải mẫu tờ khai").aspect is Aspect.FORMS
    assert N.normalize("gia hạn tạm trú").aspect is None  # "gia" is not "giá"


def test_accents_are_kept_for_reranking() -> None:
    tokens = N.normalize("Sổ Đỏ").tokens
    assert [t.accented for t in tokens] == ["sổ", "đỏ"] and has_diacritics(tokens[0].accented)


def test_repair_telex_vni_joined_and_typos() -> None:
    vocab = {"dang", "ky", "khai", "sinh", "thuong", "tru", "chieu"}
    ordered = sorted(vocab)
    assert repair("sinhf", vocab, ordered) == ("sinh",)
    assert repair("ddang", vocab, ordered) == ("dang",)
    assert repair("thuowngf", vocab, ordered) == ("thuong",)
    assert repair("da8ng", vocab, ordered) == ("dang",)
    assert repair("chie61u", vocab, ordered) == ("chieu",)  # shape and tone: ê, sắc
    assert repair("ky1", vocab | {"ki"}, sorted(vocab | {"ki"})) == ("ki",)  # as the index spells
    assert repair("khaisinh", vocab, ordered) == ("khai", "sinh")
    assert repair("tahc", vocab | {"tach"}, sorted(vocab | {"tach"})) == ("tach",)
    assert repair("thuongg", vocab, ordered) == ("thuong",)
    assert repair("xyz", vocab, ordered) == ("xyz",)  # short unknowns are left alone
    assert repair("14", vocab, ordered) == ("14",)


@given(st.text(max_size=300))
def test_normalize_never_fails_and_is_idempotent_on_its_output(text: str) -> None:
    once = N.normalize(text)
    assert all(t.folded and t.folded == canon_iy(fold(t.accented)) for t in once.tokens)
    assert all(not any(ch.isspace() for ch in t.accented) for t in once.tokens)


def test_a_nationality_is_read_as_abroad_whole_name_and_all() -> None:
    assert folded("người yêu tôi là người Hàn Quốc").endswith("nguoi nuoc ngoai")
    assert "nuoc ngoai" in folded("bo la nguoi nhat")
    assert "quoc" not in folded("kết hôn với người Hàn Quốc").split()


def test_a_person_word_before_a_word_that_is_no_country_stays() -> None:
    assert folded("người lao động") == "nguoi lao dong"


def test_whom_a_letter_is_addressed_to_is_not_what_it_asks() -> None:
    plain = folded("Tách hộ cần giấy tờ gì?")
    assert folded("Tách hộ cần giấy tờ gì thưa luật sư?") == plain
    assert folded("Bạn đọc thắc mắc: tách hộ cần giấy tờ gì?") == plain


def test_the_connecting_words_of_a_letter_weigh_nothing() -> None:
    said = folded("Tuy nhiên, như vậy theo quy định của pháp luật thì tách hộ có được hay không?")
    assert said == folded("tách hộ có được không?")
    told = folded(
        "Hiện nay tôi tìm hiểu được biết vấn đề cụ thể, xin tư vấn: tách hộ có được không?"
    )
    assert told == folded("tách hộ có được không?")


def test_a_country_name_that_is_mostly_a_word_needs_a_word_of_where() -> None:
    for word in ("tự ý phá", "lưu ý", "có ý"):
        assert "nuoc ngoai" not in folded(word)
    for abroad in ("người Ý", "sang Ý làm việc", "nước Ý"):
        assert "nuoc ngoai" in folded(abroad)
