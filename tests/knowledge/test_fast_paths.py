"""The matcher's remembered and indexed readings give what the plain readings give."""

from __future__ import annotations

import heapq
import json
import math
import pickle
import random
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from knowledge.letter import (
    _CLAUSE_RE,
    _SENTENCE_RE,
    _accented,
    _accented_word,
    _folded,
    _has,
    default_cues,
)
from knowledge.matcher import (
    Candidate,
    MatchConfig,
    Matcher,
    Query,
    _age_features,
    _age_word,
    accent_agreement,
    ages_said,
    heaviest_first,
    heaviest_pairs,
    off_tone,
)
from knowledge.negation import clauses
from knowledge.normalize import (
    BAND_WORDS,
    DenseTable,
    Lexicon,
    Normalizer,
    PhraseTable,
    Token,
    _add,
    _flagged,
    _in_context,
    _raw_tokens,
    _spans,
    _split_age,
    _tell,
    _topical,
    default_lexicon,
    default_normalizer,
)
from knowledge.situations import (
    Situations,
    Worded,
    _typed_word,
    positions,
    said_phrase,
    says,
    tells,
    typed_words,
    word_starts,
)
from knowledge.text import (
    _TONE_PLACEMENT,
    fold,
    has_diacritics,
    key,
    lower,
    shape,
    tokens,
    tone,
    unify_tones,
)
from tests.knowledge.test_phrase_scan import reference

LETTER = (
    "Kính gửi luật sư. Tôi tên Nguyễn Văn An, năm 2015 tôi kết hôn ở xã Hòa Bình. "
    "Nay giấy kết hôn bị thất lạc. Xin hỏi tôi phải làm thủ tục gì? Xin cảm ơn."
)


def _unify_one_by_one(text: str) -> str:
    for old, new in _TONE_PLACEMENT.items():
        text = text.replace(old, new)
    return text


def test_unify_tones_in_one_pass_is_the_replacements_one_by_one() -> None:
    rng = random.Random(7)
    letters = "òóỏõọùúủũụaeyoàèỳuxá "
    for _ in range(20_000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 10)))
        assert unify_tones(text) == _unify_one_by_one(text)


def test_unify_tones_leaves_a_modern_spelling_alone() -> None:
    assert unify_tones("hoà thuỷ") == "hoà thuỷ"
    assert unify_tones("hòa thủy") == "hoà thuỷ"


def test_a_remembered_word_is_read_as_the_plain_reading() -> None:
    for word in ("Hòa", "THỦY", "Nguyễn", "an", "x2"):
        assert _accented_word(word) == _accented(word)


def test_a_letter_read_twice_is_read_alike() -> None:
    normalizer = default_normalizer()
    first = normalizer.sentences(LETTER)
    assert len(first) > 1
    assert normalizer.sentences(LETTER) == first == normalizer._read_sentences(LETTER)


def test_a_reading_handed_out_cannot_change_the_remembered_one() -> None:
    normalizer = default_normalizer()
    normalizer.sentences(LETTER).clear()
    assert normalizer.sentences(LETTER) == normalizer._read_sentences(LETTER)


def test_a_normaliser_restored_from_a_pickle_reads_without_the_old_readings() -> None:
    normalizer = default_normalizer()
    normalizer.sentences(LETTER)
    restored: Normalizer = pickle.loads(pickle.dumps(normalizer))
    assert restored._read.cache_info().currsize == 0
    assert restored.sentences(LETTER) == normalizer.sentences(LETTER)


def test_a_text_normalised_twice_is_normalised_alike() -> None:
    normalizer = default_normalizer()
    for keep in (False, True):
        first = normalizer.normalize(LETTER, keep_stopwords=keep)
        assert normalizer.normalize(LETTER, keep_stopwords=keep) is first
        assert first == normalizer._normalize(LETTER, keep)
    assert normalizer.normalize(LETTER) != normalizer.normalize(LETTER, keep_stopwords=True)


def test_a_normaliser_restored_from_a_pickle_normalises_without_the_old_forms() -> None:
    normalizer = default_normalizer()
    normalizer.normalize(LETTER)
    restored: Normalizer = pickle.loads(pickle.dumps(normalizer))
    assert restored._normalized.cache_info().currsize == 0
    assert restored.normalize(LETTER) == normalizer.normalize(LETTER)


def test_a_letter_folded_by_remembered_words_is_folded_word_by_word() -> None:
    for text in (LETTER, "Đăng Ký KHAI SINH cho con", "Hòa  thủy\nx2"):
        assert _folded(text) == " ".join(fold(t) for t in tokens(lower(text)))


def _says_word_by_word(words: list[str], phrase: tuple[tuple[str, ...], ...]) -> bool:
    """:func:`says` as it read before the index: every word a possible start."""

    def from_(start: int, parts: tuple[tuple[str, ...], ...], limit: int) -> bool:
        if not parts:
            return True
        part, size = parts[0], len(parts[0])
        last = min(len(words) - size, limit)
        return any(
            tuple(words[i : i + size]) == part and from_(i + size, parts[1:], i + size + 5)
            for i in range(start, last + 1)
        )

    return bool(phrase) and from_(0, phrase, len(words))


def test_says_by_the_index_is_says_word_by_word() -> None:
    rng = random.Random(11)
    vocabulary = ["so", "bi", "mat", "lu", "cuon", "khong", "con", "nha"]
    phrases = [said_phrase(p) for p in ("sổ … mất", "không còn", "sổ … không … còn", "nhà")]
    for _ in range(5_000):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(0, 16))]
        starts = positions(words)
        for phrase in phrases:
            expected = _says_word_by_word(words, phrase)
            assert says(words, phrase, starts) is expected
            assert says(words, phrase) is expected


def test_says_finds_nothing_when_a_part_is_too_far() -> None:
    words = ["so", "bi", "mot", "hai", "ba", "bon", "nam", "sau", "mat"]
    assert not says(words, said_phrase("sổ … mất"), positions(words))
    assert says(["so", "bi", "lu", "cuon", "mat"], said_phrase("sổ … mất"))


def test_a_remembered_told_token_is_the_token_marked_told() -> None:
    toks = [Token("hoa", "hoà"), Token("con", "con", context=True)]
    assert _tell(toks) == [replace(t, told=True) for t in toks]
    assert all(not t.told for t in toks)  # the tokens given are left as they were


def test_a_remembered_typed_word_is_the_plain_reading() -> None:
    assert typed_words("Hòa binh") == [("hoa", "hoà"), ("binh", None)]
    assert _typed_word("x2") == ("x2", None)


@pytest.fixture(scope="module")
def letter(matcher: Matcher) -> Query:
    return matcher.read(matcher.normalizer.normalize(LETTER))


def test_gather_keeps_the_heaviest_phrases_the_earliest_among_equals(
    matcher: Matcher, letter: Query
) -> None:
    query = letter
    gathered = matcher._gather(query.weights, query.repeated)
    acc: dict[int, float] = {}
    cfg = matcher.config
    heaviest = sorted(
        query.weights.items(),
        key=lambda fw: (fw[1] * (cfg.repeat_boost if fw[0] in query.repeated else 1.0), fw[0]),
        reverse=True,
    )[: cfg.max_features]
    for feat, weight in heaviest:
        for i in matcher.index.postings.get(feat, ())[: cfg.max_postings]:
            acc[i] = acc.get(i, 0.0) + weight
    assert gathered == sorted(acc, key=lambda i: (-acc[i], i))[: cfg.max_phrases]
    assert matcher._gather({}) == []


def _off_tone_by_the_question(m: Matcher, q: Query, index: int, hits: frozenset[str]) -> float:
    """:func:`off_tone` as it read before: every syllable the question types looked at."""
    tones = m._tones[index]
    off = {f for f, t in q.typed_tones.items() if f in hits and f in tones and tones[f] != t}
    off -= {part for f in hits if "_" in f for part in f.split("_")}
    return math.fsum(q.credit[f] * (1 - m.config.mistoned_credit) for f in off)


def test_off_tone_by_the_phrase_is_off_tone_by_the_question(matcher: Matcher) -> None:
    # "hòa" typed where phrases say "hoà"/"họ": some off, some not
    query = matcher.read(matcher.normalizer.normalize(LETTER + " Tôi muốn đổi hộ tịch, vàng."))
    assert query.typed_tones
    for i, phrase in enumerate(matcher.index.phrases):
        hits = frozenset(query.credit) & phrase.features
        assert off_tone(matcher, query, i, hits) == _off_tone_by_the_question(
            matcher, query, i, hits
        )


def test_the_pattern_finds_in_a_letter_what_a_word_by_word_scan_finds() -> None:
    # the word a hit starts at is counted on from the hit before: a letter of hundreds of words
    lexicon = default_lexicon()
    tables = [lexicon.replacements, lexicon.synonyms, lexicon.stop, lexicon.aspects]
    words = [" ".join(e.accented) for t in tables for entries in t.values() for e in entries]
    words += ["giấy", "khai", "sinh", "cho", "con", "ở", "đâu", "mat", "cccd", "x"]
    rng = random.Random(13)
    for _ in range(30):
        toks = _raw_tokens(" ".join(rng.choice(words) for _ in range(rng.randint(150, 400))))
        for phrases in tables:
            assert _spans(toks, phrases) == reference(toks, phrases)
    assert _spans([], lexicon.stop) == []


def test_a_dense_table_scanned_word_by_word_finds_what_its_pattern_finds() -> None:
    lexicon = default_lexicon()
    dense = [lexicon.stop, lexicon.context]
    assert all(isinstance(t, DenseTable) for t in dense)
    words = [" ".join(e.accented) for t in dense for entries in t.values() for e in entries]
    words += ["giấy", "khai", "sinh", "cho", "con", "ở", "đâu", "da", "đã", "x"]
    rng = random.Random(17)
    for _ in range(200):
        toks = _raw_tokens(" ".join(rng.choice(words) for _ in range(rng.randint(1, 200))))
        for table in dense:
            assert _spans(toks, table) == _spans(toks, PhraseTable(table)), toks


def test_a_dense_table_finds_nothing_in_a_text_without_its_words() -> None:
    stop = DenseTable()
    _add(stop, "xin hỏi", False, None)
    _add(stop, "đã", True, None)
    assert _spans(_raw_tokens("giấy khai sinh xin"), stop) == []
    assert _spans(_raw_tokens("giấy khai sinh xin"), PhraseTable(stop)) == []
    assert _spans(_raw_tokens("da co giay"), stop) == []  # the accents disagree
    assert _spans([], stop) == []


def test_a_text_without_a_number_keeps_its_words_when_ages_are_expanded() -> None:
    lexicon = default_lexicon()
    toks = _raw_tokens("con tôi muốn làm căn cước")
    assert lexicon.expand_ages(toks) == toks
    aged = lexicon.expand_ages(_raw_tokens("con tôi 10 tuổi muốn làm căn cước"))
    assert len(aged) > len(_raw_tokens("con tôi 10 tuổi muốn làm căn cước"))
    assert [t.folded for t in lexicon.expand_ages(_raw_tokens("ông 85t"))][:3] == [
        "ong",
        "85",
        "tuoi",
    ]


def _expand_ages_word_by_word(lexicon: Lexicon, toks: list[Token]) -> list[Token]:
    """:meth:`Lexicon.expand_ages` as it read before: every word split and looked at."""
    if not any(t.folded[:1].isdigit() for t in toks):
        return list(toks)
    out: list[Token] = []
    i = 0
    toks = [t for tok in toks for t in _split_age(tok)]
    while i < len(toks):
        months = (
            i + 2 < len(toks) and toks[i + 1].folded == "thang" and toks[i + 2].folded == "tuoi"
        )
        banded = i > 0 and toks[i - 1].folded in BAND_WORDS
        if (
            not banded
            and toks[i].folded.isdigit()
            and (months or (i + 1 < len(toks) and toks[i + 1].folded == "tuoi"))
        ):
            age = 0 if months else int(toks[i].folded)
            size = 3 if months else 2
            out.extend(toks[i : i + size])
            for band in lexicon.ages:
                if band.covers(age):
                    told = toks[i].told
                    out.extend(replace(t, told=True) if told else t for t in band.phrase)
            i += size
            continue
        out.append(toks[i])
        i += 1
    return out


def test_ages_expanded_from_the_numbers_are_ages_expanded_word_by_word() -> None:
    lexicon = default_lexicon()
    assert lexicon.ages
    words = ["con", "10", "85t", "5", "tháng", "tuổi", "dưới", "6", "từ", "đủ", "2015", "x"]
    rng = random.Random(19)
    for _ in range(5_000):
        toks = [
            replace(t, told=True) if rng.random() < 0.3 else t
            for t in _raw_tokens(" ".join(rng.choice(words) for _ in range(rng.randint(0, 14))))
        ]
        assert lexicon.expand_ages(toks) == _expand_ages_word_by_word(lexicon, toks), toks


def test_a_number_that_is_no_age_is_left_as_it_is() -> None:
    toks = _raw_tokens("năm 2015 tôi kết hôn")
    assert default_lexicon().expand_ages(toks) == toks


def test_remembered_flagged_tokens_are_the_tokens_flagged() -> None:
    tok = Token("hoa", "hoà")
    assert _in_context(tok) == replace(tok, context=True)
    assert _topical(tok) == replace(tok, topic=True)
    for context in (False, True):
        for told in (False, True):
            assert _flagged(tok, context, told) == replace(tok, context=context, told=told)
    assert tok == Token("hoa", "hoà")  # the token given is left as it was


def _markers_said_word_by_word(
    lexicon: Lexicon, folded: list[str], accented: list[str]
) -> set[str]:
    """:meth:`Lexicon.markers_said` as it read before: every word a possible start."""
    said: set[str] = set()
    died = any(
        f in lexicon.death or f"{a}_{f}" in lexicon.death
        for a, f in zip(["", *folded], folded, strict=False)
    )
    for i in range(len(folded)):
        for size in (1, 2):
            feat = "_".join(folded[i : i + size])
            want = lexicon.spelling.get(feat) if i + size <= len(folded) else None
            if not want or not all(
                not has_diacritics(a) or (tone(a) == tone(w) and shape(a) in (fold(a), shape(w)))
                for a, w in zip(accented[i : i + size], want, strict=False)
            ):
                continue
            if feat not in lexicon.telling and (
                died or not lexicon.light.isdisjoint(folded[max(0, i - 2) : i])
            ):
                continue
            said.add(feat)
    return said


def test_markers_said_from_their_first_words_are_markers_said_word_by_word() -> None:
    lexicon = default_lexicon()
    words = [w for marker in lexicon.spelling.values() for w in marker]
    words += ["bố", "bo", "mất", "mat", "giấy", "khai", "tử", "lại", "cấp", "x", "đổi", "doi"]
    rng = random.Random(23)
    for _ in range(3_000):
        toks = _raw_tokens(" ".join(rng.choice(words) for _ in range(rng.randint(0, 12))))
        folded, accented = [t.folded for t in toks], [t.accented for t in toks]
        expected = _markers_said_word_by_word(lexicon, folded, accented)
        assert lexicon.markers_said(folded, accented) == expected, toks


def test_situations_said_are_found_among_phrases_whose_words_the_text_holds() -> None:
    situations = Situations.from_dir(default_normalizer())
    assert situations.said
    words = sorted({w for phrase, _ in situations.said for part in phrase for w in part})
    words += ["toi", "da", "nha", "x"]
    rng = random.Random(29)
    for _ in range(2_000):
        typed = " ".join(rng.choice(words) for _ in range(rng.randint(1, 14)))
        said = key(typed).split()
        expected: list[str] = []
        for phrase, offer in situations.said:
            if says(said, phrase):
                expected.extend(pid for pid in offer if pid not in expected)
        assert list(situations.offered([], typed)) == expected, typed


def test_a_text_without_tuoi_states_no_age() -> None:
    assert ages_said("năm 2015, con 3 năm, 15 tháng") == []
    assert ages_said("con 15 tuổi, dưới 14 tuổi") == [15]


def _letters() -> list[str]:
    data = Path(__file__).resolve().parents[1] / "data"
    texts: list[str] = []
    for path in sorted(data.glob("real_questions*.jsonl")):
        texts += [json.loads(line)["q"] for line in path.read_text().splitlines() if line]
    return [t for t in texts if len(t.split()) >= 30]


def test_a_letter_lacking_its_foreign_procedure_is_decided_as_its_asking_part_would_have_it(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = Matcher.build(kb.procedures.values(), config=MatchConfig(cache_size=0))
    slow = Matcher.build(kb.procedures.values(), config=MatchConfig(cache_size=0))
    skipped: list[str] = []

    def weak(lacking: bool, scored: Sequence[Candidate]) -> bool:
        found = Matcher._lacking_and_weak(fast, lacking, scored)
        if found:
            skipped.append("")
        return found

    monkeypatch.setattr(fast, "_lacking_and_weak", weak)
    monkeypatch.setattr(slow, "_lacking_and_weak", lambda lacking, scored: False)
    for text in _letters():
        assert fast.match(text) == slow.match(text), text
    assert skipped  # some letter took the short way


def test_the_heaviest_first_are_those_a_heap_keeps() -> None:
    rng = random.Random(31)
    for _ in range(3_000):
        acc = {rng.randrange(500): rng.choice([0.5, 1.0, 1.5, rng.random()]) for _ in range(60)}
        n = rng.randint(1, 40)
        expected = [-i for _, i in heapq.nlargest(n, ((w, -i) for i, w in acc.items()))]
        assert heaviest_first(acc, n) == expected
    assert heaviest_first({}, 30) == []


def test_life_events_read_no_word_positions() -> None:
    """The events need only which words a letter holds; where each stands is left to the rules
    that ask for it."""
    situations = Situations.from_dir(default_normalizer())
    text = "Giấy kết hôn của tôi bị thất lạc khi chuyển nhà, giờ tôi phải làm sao?"
    worded = Worded(text)
    assert situations.events(text, worded=worded)
    assert worded._read is None
    words, placed = worded.read()
    assert words == worded.words and placed["ket"] == [words.index("ket")]


def test_word_positions_are_those_placed_one_by_one() -> None:
    for text in _letters():
        words = key(text).split()
        where: dict[str, list[int]] = {}
        for i, word in enumerate(words):
            where.setdefault(word, []).append(i)
        assert list(positions(words).items()) == list(where.items())


def test_the_asking_sentences_are_those_found_phrase_by_phrase() -> None:
    """The asking and sign-off phrases found by one pattern per clause are those looked for one
    by one, the phrases that ask nothing taken out first."""
    cues = default_cues()

    def has(folded: str, phrases: frozenset[str]) -> bool:
        return any(f" {p} " in f" {folded} " for p in phrases)

    def asks(sentence: str) -> bool:
        accented = has_diacritics(sentence)
        asking = cues.asking_accented if accented else cues.asking
        not_asking = cues.not_asking_accented if accented else cues.not_asking
        for clause in _CLAUSE_RE.split(sentence):
            words = f" {_accented(clause) if accented else _folded(clause)} "
            for phrase in not_asking:
                words = words.replace(f" {phrase} ", " | ")
            if has(words.strip(), asking):
                return True
        return False

    asked = told = 0
    for text in _letters():
        for raw in _SENTENCE_RE.split(text):
            assert cues.asks(raw) is asks(raw), raw
            folded = _folded(raw)
            assert _has(folded, cues._signoffs) is has(folded, cues.signoffs), raw
            asked += asks(raw)
            told += not asks(raw)
    assert asked and told


def test_the_heaviest_pairs_are_those_a_heap_keeps() -> None:
    rng = random.Random(41)
    for _ in range(3_000):
        weights = {
            f"f{rng.randrange(300)}": rng.choice([0.5, 1.0, rng.random()]) for _ in range(60)
        }
        n = rng.randint(0, 20)
        expected = heapq.nlargest(n, zip(weights.values(), weights, strict=True))
        assert heaviest_pairs(list(weights.values()), weights, n) == expected
    assert heaviest_pairs([], [], 12) == []


def test_events_told_where_only_their_words_are_placed_are_events_told() -> None:
    situations = Situations.from_dir(default_normalizer())
    events = situations.told[:60]
    vocabulary = sorted({w for e in events for part in e.phrase for w in part})
    vocabulary += ["tôi", "đã", "x", "nhà", "mat", "bi"]
    rng = random.Random(37)
    for _ in range(1_000):
        words = typed_words(" ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 20))))
        for event in events:
            placed = word_starts(words, event.needed)
            assert tells(words, event.phrase, event.near, placed) is tells(
                words, event.phrase, event.near
            )


def _events_one_by_one(
    situations: Situations, text: str, naming: Sequence[frozenset[str]] = ()
) -> tuple[str, ...]:
    """Every event the text holds the words of, tried in order, none looked up by its word."""
    present = frozenset(key(text).split())
    words = typed_words(text)
    out: list[str] = []
    for event in situations.told:
        if not event.needed <= present or not all(w <= event.needed for w in naming):
            continue
        if tells(words, event.phrase, event.near):
            out.extend(pid for pid in event.offer if pid not in out)
    return tuple(out)


def test_events_looked_up_by_their_rarest_word_are_the_events_tried_one_by_one() -> None:
    situations = Situations.from_dir(default_normalizer())
    vocabulary = sorted({w for e in situations.told for part in e.phrase for w in part})
    vocabulary += ["tôi", "đã", "x", "nhà", "mat", "bi"]
    rng = random.Random(41)
    told = 0
    for _ in range(400):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 40)))
        naming = [frozenset(fold(rng.choice(vocabulary)).split())] if rng.random() < 0.3 else []
        found = situations.events(text, naming)
        assert found == _events_one_by_one(situations, text, naming), text
        told += bool(found)
    for text in _letters():
        assert situations.events(text) == _events_one_by_one(situations, text), text
    assert told  # some texts tell an event


def test_age_features_are_the_features_asked_one_by_one() -> None:
    words = ["tuoi", "18", "14", "du", "tu", "tren", "duoi", "ket", "hon", "#ly", "", "2015"]
    rng = random.Random(43)
    aged = 0
    for _ in range(2_000):
        feats = {
            "_".join(rng.choice(words) for _ in range(rng.randint(1, 3)))
            for _ in range(rng.randint(0, 12))
        }
        fast = _age_features(feats)
        assert fast == [f for f in feats if _age_word(f)]
        aged += bool(fast)
    assert aged


def test_accent_agreement_among_the_known_syllables_is_the_plain_agreement(
    matcher: Matcher,
) -> None:
    fewer, compared = 0, 0
    for text in [LETTER, "mất căn cước ở Hà Nội thì làm sao ạ", *_letters()[:40]]:
        q = matcher.read(matcher.normalizer.normalize(text))
        if not q.accented:
            continue
        known = q.accented & matcher.index.accented_all
        fewer += known < q.accented  # a letter types words no procedure has
        for pid in matcher.index.names:
            plain = accent_agreement(matcher, q, pid)
            assert accent_agreement(matcher, q, pid, known) == plain
            compared += plain < 1.0
    assert fewer
    assert compared


def test_rules_reading_one_texts_words_state_what_each_reads_on_its_own() -> None:
    situations = Situations.from_dir(default_normalizer())
    rules = [rule for found in situations.preferred.values() for rule in found]
    held = 0
    for text in [LETTER, "giấy khai sinh chỉ có tên mẹ", "", *_letters()[:30]]:
        worded = Worded(text)
        words = key(text).split()
        for rule in rules:
            plain = rule.states(words, positions(words))
            assert rule.states(*worded.read()) is plain
            held += plain
        assert worded.read() is worded.read()  # read once
    assert held


def _offer_all_by_sets(m: Matcher, scores: dict[str, float], asked: set[str]) -> bool:
    """``Matcher._offer_all`` as sets: every word asked, then whether the two best share them."""
    top = heapq.nlargest(2, scores, key=scores.__getitem__)
    if len(top) < 2 or not asked.isdisjoint(m.normalizer.lexicon.obtain):
        return False
    words = {f for f in asked if "_" not in f and not f.startswith("#")}
    return words <= m._bags[top[0]] & m._bags[top[1]]


def test_offer_all_stopping_at_the_first_word_not_shared_is_offer_all_by_sets(
    matcher: Matcher,
) -> None:
    outcomes = set()
    for text in ["căn cước", "mất căn cước", "làm căn cước", LETTER, *_letters()[:40]]:
        q = matcher.read(matcher.normalizer.normalize(text))
        tally = matcher._score_phrases(q)
        scores = {pid: score for pid, (score, _, _) in tally.best.items()}
        plain = _offer_all_by_sets(matcher, scores, set(q.weights))
        assert matcher._offer_all(scores, q.weights.keys()) is plain, text
        outcomes.add(plain)
    assert outcomes == {True, False}


def test_diacritics_found_lowering_once_are_those_folding_changes() -> None:
    letters = ["a", "A", "đ", "Đ", "ế", "Ễ", "o", "\u0301", "\u0323", "e\u0302", " ", "1", "ß"]
    rng = random.Random(47)
    found = set()
    for _ in range(3_000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 6)))
        plain = fold(text) != lower(text)
        assert has_diacritics(text) is plain, text
        found.add(plain)
    assert found == {True, False}


def test_a_remembered_tone_is_the_tone_read_again() -> None:
    syllables = ["tắm", "tạm", "đỏ", "đó", "Hỏi", "nga\u0303", "ca", "ĐẶNG", ""]
    for syllable in syllables * 2:
        assert tone(syllable) == tone.__wrapped__(syllable)
    assert {tone(s) for s in syllables} >= {"", "\u0301", "\u0323"}


def test_a_texts_words_read_from_its_clauses_are_its_words_read_whole() -> None:
    punctuated = 0
    rng = random.Random(47)
    marks = [",", ".", ";", ":", "!", "?", "(", ")", "\n", " ", "...", "?!", "-", "/", "  "]
    vocabulary = ["Sổ", "đỏ", "hòa", "không", "bị", "mất", "CCCD", "2024", "x", "ạ", "giấy_tờ"]
    texts = [LETTER, "", ",,,", "sổ đỏ,không bị mất.giờ (làm) sao?", *_letters()[:40]]
    for _ in range(300):
        texts.append(
            "".join(rng.choice(vocabulary) + rng.choice(marks) for _ in range(rng.randint(0, 15)))
        )
    for text in texts:
        worded = Worded(text)
        assert worded.typed == typed_words(text), text
        assert worded.clauses == clauses(text), text
        assert worded.typed is worded.typed  # read once
        punctuated += len(worded.clauses) > 1
    assert punctuated


def test_a_letters_asking_sentences_normalised_after_it_reuse_its_sentences_words() -> None:
    reused = 0
    for text in [LETTER, *_letters()[:40]]:
        normalizer = Normalizer(default_lexicon())
        letter = normalizer.normalize(text)
        asking = " ".join(s for s, told in normalizer.sentences(text) if not told)
        if not asking or asking == text:
            continue
        before = normalizer._sentence_words.cache_info().hits
        alone = normalizer.normalize(asking)
        reused += normalizer._sentence_words.cache_info().hits > before
        fresh = Normalizer(default_lexicon())
        assert alone == fresh.normalize(asking), asking
        assert letter == fresh.normalize(text), text
    assert reused


def test_a_normaliser_restored_from_a_pickle_reads_no_old_sentences_words() -> None:
    normalizer = default_normalizer()
    normalizer.normalize(LETTER)
    restored: Normalizer = pickle.loads(pickle.dumps(normalizer))
    assert restored._sentence_words.cache_info().currsize == 0
    assert restored.normalize(LETTER) == normalizer.normalize(LETTER)
