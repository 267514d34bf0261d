"""Where to go for a topic the knowledge base does not cover (``lexicon/referrals.yaml``): who
handles it and the official page, so that an uncovered question gets a true pointer rather than
"not found"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from knowledge.normalize import LEXICON_DIR, Lexicon, default_lexicon
from knowledge.yamlio import read_yaml


@dataclass(frozen=True)
class Referral:
    topic: str  # what it is about, as a citizen reads it ("ly hôn"); "" for the general pointer
    office: str  # who handles it, one or two short sentences
    url: str  # the official page
    reviewed_on: dt.date  # when the pointer was last checked


@dataclass(frozen=True)
class Referrals:
    by_topic: Mapping[str, Referral]  # topic name as the normaliser gives it ("li_hon") -> referral
    general: Referral

    @classmethod
    def from_file(cls, lexicon: Lexicon, path: Path = LEXICON_DIR / "referrals.yaml") -> Referrals:
        data = read_yaml(path)
        day = data["reviewed_on"]
        assert isinstance(day, dt.date), "reviewed_on: a date (YYYY-MM-DD)"
        general = Referral("", str(data["general"]["office"]), str(data["general"]["url"]), day)
        by_topic: dict[str, Referral] = {}
        for item in data["referrals"]:
            referral = Referral(str(item["topic"]), str(item["office"]), str(item["url"]), day)
            for phrase in item["phrases"]:
                by_topic.setdefault(lexicon.topic_name(str(phrase)), referral)
        return cls(by_topic, general)

    def pointer(self, topics: Iterable[str]) -> Referral | None:
        """The referral for the first topic that has one, the general pointer when none has, and
        nothing without a topic."""
        named = list(topics)
        for name in named:
            if name in self.by_topic:
                return self.by_topic[name]
        return self.general if named else None


@lru_cache(maxsize=1)
def default_referrals() -> Referrals:
    return Referrals.from_file(default_lexicon())
