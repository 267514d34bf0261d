"""Life situations that lead to procedures (``lexicon/situations.yaml``), sibling procedures
letters confuse (``lexicon/siblings.yaml``) and the domestic procedures a foreign element rules
out (``lexicon/foreign.yaml``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.normalize import LEXICON_DIR, Normalizer, PhraseTable, Token, _add_tokens, _spans
from knowledge.text import key
from knowledge.yamlio import read_yaml


@dataclass(frozen=True)
class Preference:
    """A sibling answered before others when a message leaves the choice open, unless the
    message says one of ``unless`` (folded, as :func:`knowledge.text.key` reads a text)."""

    over: frozenset[str]
    unless: tuple[str, ...] = ()

    def holds(self, text: str) -> bool:
        said = f" {key(text)} "
        return not any(f" {phrase} " in said for phrase in self.unless)


@dataclass(frozen=True)
class Situations:
    table: PhraseTable = field(default_factory=PhraseTable)  # payload: tuple of procedure ids
    siblings: Mapping[str, frozenset[str]] = field(default_factory=dict)
    foreign: tuple[str, ...] = ()  # the folded words that say a foreign element, once read
    domestic: Mapping[str, str | None] = field(default_factory=dict)  # -> its foreign sibling
    preferred: Mapping[str, Preference] = field(default_factory=dict)  # -> siblings it goes before
    abroad: frozenset[str] = frozenset()  # procedures only a foreign element leads to

    @classmethod
    def from_dir(cls, normalizer: Normalizer, directory: Path = LEXICON_DIR) -> Situations:
        table = PhraseTable()
        for item in read_yaml(directory / "situations.yaml")["situations"]:
            offer = tuple(str(pid) for pid in item["offer"])
            for phrase in item["phrases"]:
                toks = normalizer.normalize(str(phrase)).tokens
                _add_tokens(table, [Token(t.folded, t.accented) for t in toks], False, offer)
        siblings: dict[str, frozenset[str]] = {}
        kin = read_yaml(directory / "siblings.yaml")
        for group in kin["siblings"]:
            for pid in group:
                siblings[str(pid)] = siblings.get(str(pid), frozenset()) | {
                    str(other) for other in group if other != pid
                }
        preferred = {
            str(item["answer"]): Preference(
                frozenset(str(other) for other in item["over"]),
                tuple(key(str(phrase)) for phrase in item.get("unless", ())),
            )
            for item in kin.get("preferred", ())
        }
        data = read_yaml(directory / "foreign.yaml")
        signal = tuple(t.folded for t in normalizer.normalize(str(data["signal"])).tokens)
        domestic = {
            str(pid): (str(other) if other else None) for pid, other in data["domestic"].items()
        }
        abroad = frozenset(
            {sib for sib in domestic.values() if sib} | {str(pid) for pid in data["abroad"]}
        )
        return cls(table, siblings, signal, domestic, preferred, abroad)

    def foreign_element(self, toks: Sequence[Token]) -> bool:
        """Whether the words of a text, as read, say a party is abroad or of another nationality
        ("lấy chồng người Hàn Quốc", "sinh sống tại Đài Loan")."""
        want = self.foreign
        if not want:
            return False
        folded = [t.folded for t in toks]
        size = len(want)
        return any(
            tuple(folded[i : i + size]) == want for i, word in enumerate(folded) if word == want[0]
        )

    def offered(self, toks: Sequence[Token]) -> tuple[str, ...]:
        """The procedures the situations named by ``toks`` lead to, in order, without repeats."""
        out: list[str] = []
        for _, _, entry in _spans(toks, self.table):
            out.extend(pid for pid in entry.payload if pid not in out)  # type: ignore[attr-defined]
        return tuple(out)
