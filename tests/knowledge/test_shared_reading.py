"""What a question's reading builds once and shares (its word pairs, its light words) gives what
each step gave when it built them itself: each fast path beside the plain reading it replaces."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.index import features, is_light
from knowledge.matcher import (
    GENERIC_PAPERS,
    PAPER_HEADS,
    Matcher,
    _context_features,
    _says_age,
    tied_markers,
    word_pairs,
)
from knowledge.normalize import _raw_tokens, default_lexicon, default_normalizer
from knowledge.situations import Situations, said_phrase, says
from knowledge.text import key

# words of papers, telling words, person words, numbers, function words and unknown ones
WORDS = [
    *("giay", "so", "bang", "the", "ban", "to", "va", "cua", "cho", "khai", "sinh", "tu"),
    *("mat", "cap", "lai", "doi", "xoa", "ho", "khau", "can", "cuoc", "ket", "hon", "lai_xe"),
    *("bo", "me", "con", "vo", "10", "14", "tuoi", "da", "de", "nha", "xyzq", "qwv"),
]
words = st.lists(st.sampled_from(WORDS), max_size=24)


def _context_word_by_word(folded: Sequence[str], in_context: Sequence[bool]) -> set[str]:
    """:func:`_context_features` as it read before: each word and pair placed in turn."""
    ctx: set[str] = set()
    main: set[str] = set()
    for i, tok in enumerate(folded):
        (ctx if in_context[i] else main).add(tok)
        if i:
            pair = f"{folded[i - 1]}_{tok}"
            (ctx if in_context[i - 1] and in_context[i] else main).add(pair)
    return ctx - main


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.booleans()), max_size=24))
def test_context_from_shared_pairs_is_context_word_by_word(said: list[tuple[str, bool]]) -> None:
    folded = [w for w, _ in said]
    flags = [f for _, f in said]
    expected = _context_word_by_word(folded, flags)
    assert _context_features(folded, flags) == expected
    assert _context_features(folded, flags, word_pairs(folded)) == expected


def test_a_text_without_context_has_no_context_features() -> None:
    assert _context_features(["da", "co", "giay"], [False, False, False]) == set()
    assert _context_features(["da", "co", "giay"], [True, True, False]) == {"da", "co", "da_co"}


def _tied_word_by_word(folded: Sequence[str], said: set[str]) -> dict[str, frozenset[str]]:
    """:func:`tied_markers` as it read before: each pair joined where it is looked at."""
    tied: dict[str, set[str]] = {}
    free: set[str] = set()
    for i in range(len(folded)):
        for size in (1, 2):
            feat = "_".join(folded[i : i + size])
            if feat not in said or i + size > len(folded):
                continue
            head = i + size
            named = folded[head + 1 : head + 3]
            if (
                head < len(folded)
                and folded[head] in PAPER_HEADS
                and named
                and named[0] not in PAPER_HEADS | GENERIC_PAPERS
            ):
                tied.setdefault(feat, set()).update(named)
                continue
            free.add(feat)
    return {feat: frozenset(w) for feat, w in tied.items() if feat not in free}


@settings(max_examples=400, deadline=None)
@given(words, st.sets(st.sampled_from(["mat", "cap_lai", "doi", "xoa", "lai", "giay", "mat_giay"])))
def test_tied_markers_from_shared_pairs_are_tied_markers_word_by_word(
    folded: list[str], said: set[str]
) -> None:
    expected = _tied_word_by_word(folded, said)
    assert tied_markers(folded, said) == expected
    assert tied_markers(folded, said, word_pairs(folded)) == expected


def test_a_loss_before_a_named_paper_is_tied_and_one_on_its_own_is_not() -> None:
    folded = ["mat", "giay", "khai", "sinh"]
    assert tied_markers(folded, {"mat"}, word_pairs(folded)) == {"mat": frozenset({"khai", "sinh"})}
    folded = ["mat", "vi", "mat", "giay", "khai", "sinh"]
    assert tied_markers(folded, {"mat"}, word_pairs(folded)) == {}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*WORDS, "bố", "mất", "cấp", "lại", "đổi", "tử", "chết"]), max_size=16)
)
def test_markers_said_with_shared_pairs_are_markers_said_alone(typed: list[str]) -> None:
    lexicon = default_lexicon()
    toks = _raw_tokens(" ".join(typed))
    folded, accented = [t.folded for t in toks], [t.accented for t in toks]
    alone = lexicon.markers_said(folded, accented)
    assert lexicon.markers_said(folded, accented, word_pairs(folded)) == alone


def _weights_feature_by_feature(
    m: Matcher,
    folded: Sequence[str],
    mistoned: set[str],
    vague: set[str],
    context: set[str],
) -> tuple[dict[str, float], dict[str, float]]:
    """:meth:`Matcher._query_weights` as it read before (no topics): ``is_light`` asked of
    every feature the knowledge base does not know."""
    cfg, idf = m.config, m.index.idf
    light, light_weight = m.normalizer.lexicon.light, m.normalizer.lexicon.light_weight
    weights: dict[str, float] = {}
    credit: dict[str, float] = {}
    for feat in features(folded):
        known = idf.get(feat)
        if known is not None:
            if feat in vague:
                known = min(known, light_weight)
            weights[feat] = known
            off = bool(mistoned) and any(part in mistoned for part in feat.split("_"))
            credit[feat] = known * (cfg.mistoned_credit if off else 1.0)
        elif is_light(feat, light) or feat in vague or feat.isdigit():
            if "_" not in feat:
                weights[feat] = light_weight
        elif "_" not in feat:
            weights[feat] = cfg.unknown_weight
        elif all(part in idf for part in feat.split("_")):
            weights[feat] = cfg.unknown_pair_weight
    for feat in context & weights.keys():
        weights[feat] *= cfg.context_share
        if feat in credit:
            credit[feat] *= cfg.context_share
    return weights, credit


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([w for w in WORDS if "_" not in w]), max_size=20),
    st.sets(st.sampled_from(["giay", "mat", "khai"])),
    st.sets(st.sampled_from(["da", "de", "nha", "con"])),
    st.sets(st.sampled_from(["giay", "khai_sinh", "bo", "10"])),
)
def test_weights_from_shared_pairs_are_weights_feature_by_feature(
    matcher: Matcher, folded: list[str], mistoned: set[str], vague: set[str], context: set[str]
) -> None:
    expected = _weights_feature_by_feature(matcher, folded, mistoned, vague, context)
    pairs = [f"{a}_{b}" for a, b in itertools.pairwise(folded)]
    got = matcher._query_weights(folded, mistoned, vague, set(), context, pairs)
    assert got == expected
    assert matcher._query_weights(folded, mistoned, vague, set(), context) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["17", "tuoi", "du", "tu", "duoi", "14", "giay", "mat"]), min_size=1)
)
def test_a_remembered_age_feature_is_the_plain_reading(parts: list[str]) -> None:
    feature = "_".join(parts)
    assert _says_age(feature) == _says_age.__wrapped__(feature)
    assert _says_age(feature) == _says_age.__wrapped__(feature)  # now remembered


SITUATIONS = Situations.from_dir(default_normalizer())
SAID_WORDS = sorted({w for phrase, _ in SITUATIONS.said for part in phrase for w in part})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*SAID_WORDS, "toi", "da", "x"]), min_size=1, max_size=16))
def test_situations_said_by_their_rarest_word_are_every_phrase_looked_for(
    typed_words: list[str],
) -> None:
    typed = " ".join(typed_words)
    said = key(typed).split()
    expected: list[str] = []
    for phrase, offer in SITUATIONS.said:
        if says(said, phrase):
            expected.extend(pid for pid in offer if pid not in expected)
    assert list(SITUATIONS.offered([], typed)) == expected


def test_a_phrase_of_no_words_is_never_said() -> None:
    situations = Situations(said=((said_phrase("sổ … mất"), ("a",)), ((), ("b",))))
    assert situations.offered([], "sổ bị mất rồi") == ("a",)
    assert situations.offered([], "bán nhà") == ()
