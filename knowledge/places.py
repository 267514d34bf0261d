"""Every province and commune after the arrangement of 1/7/2025, and the names citizens still use.

Today's 34 provinces and 3,321 communes (xã, phường, đặc khu) with their official codes come from
the PyPI package ``vietnam-provinces`` (the General Statistics Office's list under Quyết định
19/2025/QĐ-TTg); its JSON file is read once, without importing the package. The pre-2025 wards,
communes and districts come from ``gazetteer/old_units.tsv.gz``, built by
``scripts/build_places.py`` from the published old→new mapping.

:func:`Gazetteer.resolve` turns what a citizen wrote ("xa Tan Hung Ca Mau", "P. Bến Thành",
"phường Phố Huế quận Hai Bà Trưng", "quận Cầu Giấy") into a :class:`Resolution`: one commune, a
choice to offer, an old name with the commune(s) serving it now, a district's new communes, a
province, a place abroad, or nothing. It never guesses: a name it cannot place is UNKNOWN.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import TypeVar

from knowledge.once import Once
from knowledge.text import fold, fold_in_place, key, lower, unify_tones
from knowledge.turns import pattern
from knowledge.yamlio import read_yaml

GAZETTEER = Path(__file__).with_name("gazetteer")
WORDS_FILE = Path(__file__).with_name("lexicon") / "places.yaml"
OLD_UNITS = GAZETTEER / "old_units.tsv.gz"
_T = TypeVar("_T")
MAX_CHOICES = 6  # more candidates than this: ask for the district or province instead


@dataclass(frozen=True)
class PlaceWords:
    """The words the map reads a place with, from ``lexicon/places.yaml`` (``gazetteer``), each
    said there with examples. Type words are folded, longest first ("thi xa" before "xa")."""

    commune_types: tuple[str, ...]  # "thi tran", "phuong", "xa"
    district_types: tuple[str, ...]  # "thi xa", "quan", "huyen"
    province_types: tuple[str, ...]  # "thanh pho", "tinh"
    types: tuple[str, ...]  # all of them, longest first
    written_types: tuple[str, ...]  # "thành phố", "xã": the same with their marks
    city: str  # "thanh pho": a province, or before 2025 a city under one ("thành phố Thủ Đức")
    province_openings: tuple[str, ...]  # "Thành phố", "Tỉnh": how a province's name opens
    type_case: re.Pattern[str]  # "Thành Phố ": a type word the old mapping capitalises
    abbreviations: tuple[tuple[re.Pattern[str], str], ...]  # "tp.hcm", "p.12", folded
    province_aliases: Mapping[str, str]  # "sai gon": "ho chi minh"
    old_mark: re.Pattern[str]  # " (cũ)" after a name
    said_old: frozenset[str]  # "cu": the word closing a part of a name said to be the old one
    said_new: frozenset[str]  # "moi": … said to be today's
    link: re.Pattern[str]  # "thuộc": a unit joined to the one it lay in, read as a comma
    abroad: frozenset[str]  # "dai loan", "tokyo": places abroad, folded
    bare_units: frozenset[str]  # "xa", "quan": unit words that are other words typed bare
    unit_words: frozenset[str]  # "phuong", "tp.": the words of a unit's type
    not_first: frozenset[str]  # "khac", "nay": words no name opens with
    sentence_words: frozenset[str]  # "thi", "khong": words of a sentence, never of a name
    relative: re.Pattern[str]  # "vợ tôi ", "chồng em có ": a relative before "ở …"
    relative_bare: re.Pattern[str]  # "vo toi ": the same, relatives no other word folds to

    @classmethod
    def load(cls, path: Path = WORDS_FILE) -> PlaceWords:
        data = read_yaml(path)["gazetteer"]

        def said(name: str) -> list[str]:
            return [str(w) for w in data[name]]

        def folded(name: str) -> tuple[str, ...]:
            return tuple(key(w) for w in said(name))

        written = said("commune_types") + said("district_types") + said("province_types")
        written.sort(key=lambda w: -len(w.split()))
        two_words = [w.title() for w in written if len(w.split()) > 1]
        return cls(
            commune_types=folded("commune_types"),
            district_types=folded("district_types"),
            province_types=folded("province_types"),
            types=tuple(key(w) for w in written),
            written_types=tuple(lower(w) for w in written),
            city=key(str(data["city"])),
            province_openings=tuple(w.capitalize() for w in said("province_types")),
            type_case=re.compile("^(" + "|".join(map(re.escape, two_words)) + ") "),
            abbreviations=tuple(
                (re.compile(str(found)), str(meant)) for found, meant in data["abbreviations"]
            ),
            province_aliases={str(k): str(v) for k, v in data["province_aliases"].items()},
            old_mark=pattern(data["old_mark"], "old_mark"),
            said_old=frozenset(key(str(w)) for w in data["age_marks"]["old"]),
            said_new=frozenset(key(str(w)) for w in data["age_marks"]["new"]),
            link=pattern(data["link"], "link"),
            abroad=frozenset(folded("abroad")),
            bare_units=frozenset(said("bare_units")),
            unit_words=frozenset(said("unit_words")),
            not_first=frozenset(said("not_first")),
            sentence_words=frozenset(said("sentence_words")),
            relative=pattern(data["relative"], "relative"),
            relative_bare=pattern(data["relative_bare"], "relative_bare"),
        )


_WORDS: list[PlaceWords] = []


def place_words() -> PlaceWords:
    """The process's place words: read on first use, or the ones :func:`use_place_words`
    installed (those of a gazetteer restored from the knowledge cache)."""
    if not _WORDS:
        _WORDS.append(PlaceWords.load())
    return _WORDS[0]


def use_place_words(words: PlaceWords) -> None:
    _WORDS[:] = [words]
    unit_key.cache_clear()
    province_key.cache_clear()


def _strip_type(folded: str, types: Iterable[str]) -> str:
    for word in types:
        if folded.startswith(word + " "):
            return folded[len(word) + 1 :]
    return folded


@lru_cache(maxsize=32768)
def unit_key(name: str) -> str:
    """ "Phường Bến Nghé" → "ben nghe"; "Phường 01" → "1"; "Thị trấn Cái Nước" → "cai nuoc"."""
    folded = _strip_type(key(name), place_words().types)
    return " ".join(t.lstrip("0") or "0" if t.isdigit() else t for t in folded.split())


@lru_cache(maxsize=1024)
def province_key(name: str) -> str:
    """ "Thành phố Hồ Chí Minh", "TP. HCM", "Tỉnh Bà Rịa-Vũng Tàu" → "ho chi minh", …"""
    words = place_words()
    folded = _strip_type(key(name), words.province_types)
    return words.province_aliases.get(folded, folded)


@dataclass(frozen=True, slots=True)
class Province:
    code: int
    name: str  # "Thành phố Hà Nội", "Tỉnh Cà Mau"

    def __reduce__(self) -> tuple[type[Province], tuple[int, str]]:
        # by its fields: a slotted frozen dataclass's default is ten times slower to unpickle
        return Province, (self.code, self.name)


@dataclass(frozen=True, slots=True)
class Commune:
    code: int  # the official code (Quyết định 19/2025/QĐ-TTg)
    name: str  # "Phường Hoàn Kiếm"
    province: Province

    def __reduce__(self) -> tuple[type[Commune], tuple[int, str, Province]]:
        return Commune, (self.code, self.name, self.province)

    @property
    def full(self) -> str:
        return f"{self.name}, {self.province.name}"


@dataclass(frozen=True, slots=True)
class OldUnit:
    """A ward or commune as it was before 1/7/2025 and the commune(s) serving it now."""

    province: str  # "Thành Phố Hồ Chí Minh"
    district: str  # "Quận 1"
    ward: str  # "Phường Bến Nghé"
    now: tuple[int, ...]

    def __reduce__(self) -> tuple[type[OldUnit], tuple[str, str, str, tuple[int, ...]]]:
        return OldUnit, (self.province, self.district, self.ward, self.now)

    @property
    def label(self) -> str:
        return f"{self.ward}, {self.district}"


class Found(StrEnum):
    COMMUNE = "commune"  # one commune of today
    CHOOSE = "choose"  # several communes fit: ask which, with buttons
    OLD = "old"  # an old name; ``communes`` holds the one serving it now
    SPLIT = "split"  # an old ward divided between ``communes``
    DISTRICT = "district"  # an old district; ``communes`` took it over
    VAGUE = "vague"  # too many places fit: ask for the district or the province
    PROVINCE = "province"  # a province only
    FOREIGN = "foreign"  # a place abroad
    UNKNOWN = "unknown"  # nothing fits


@dataclass(frozen=True)
class Resolution:
    found: Found
    named: str  # the place as the citizen wrote it (tidied)
    communes: tuple[Commune, ...] = ()
    province: Province | None = None
    old: str | None = None  # the old unit named: "Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh"
    labels: tuple[str, ...] = ()  # CHOOSE: one label per commune, saying why it is offered
    options: tuple[str, ...] = ()  # VAGUE: narrower names to offer ("Huyện Châu Thành, Tỉnh …")

    @property
    def commune(self) -> Commune | None:
        """The one commune meant, when there is exactly one."""
        if self.found in (Found.COMMUNE, Found.OLD) and len(self.communes) == 1:
            return self.communes[0]
        return None


@dataclass(frozen=True)
class _Segment:
    kind: str  # a type word ("phuong", "quan", "tinh"…) or "" for none
    name: str  # folded, single-spaced


def _expand(text: str) -> str:
    folded = fold(text)
    for found, meant in place_words().abbreviations:
        folded = found.sub(meant, folded)
    return folded


def _linked(text: str) -> str:
    """ "xã Tân Lập thuộc huyện Đan Phượng" → "xã Tân Lập, huyện Đan Phượng"."""
    return place_words().link.sub(", ", lower(text))


def segments(text: str) -> list[_Segment]:
    """ "P. Bến Nghé, Q1, TP.HCM" → [phuong "ben nghe", quan "1", thanh pho "ho chi minh"]."""
    types = place_words().types
    found: list[_Segment] = []
    for part in re.split(r"[,;\n]+", _expand(text)):
        words = key(part).split()
        kind, name = "", list[str]()
        i = 0
        while i < len(words):
            two = " ".join(words[i : i + 2])
            word = two if two in types else words[i] if words[i] in types else ""
            if word and (name or not kind):
                if name or kind:
                    found.append(_Segment(kind, " ".join(name)))
                kind, name = word, []
            else:
                name.extend((word or words[i]).split())
            i += len(word.split()) if word else 1
        if kind or name:
            found.append(_Segment(kind, " ".join(name)))
    # "Xã Hòa Xá": a type word with nothing after it belongs to the name before it.
    merged: list[_Segment] = []
    for seg in found:
        if seg.kind and not seg.name and merged and merged[-1].name:
            prev = merged.pop()
            merged.append(_Segment(prev.kind, f"{prev.name} {seg.kind}"))
        else:
            merged.append(seg)
    return [s for s in merged if s.name]


class Gazetteer:
    """The index built once at start-up; every lookup is a dictionary access."""

    def __init__(
        self, provinces: Iterable[Province], communes: Iterable[Commune], old: Iterable[OldUnit]
    ) -> None:
        self._local = threading.local()  # one resolution's own notes, per thread
        self.words = place_words()  # kept with the map in the knowledge cache
        self.provinces: Mapping[int, Province] = {p.code: p for p in provinces}
        self.communes: Mapping[int, Commune] = {c.code: c for c in communes}
        self._province_by_key: dict[str, Province] = {
            province_key(p.name): p for p in self.provinces.values()
        }
        self._by_name: dict[str, list[Commune]] = defaultdict(list)
        for commune in self.communes.values():
            self._by_name[unit_key(commune.name)].append(commune)
            if " - " in commune.name:  # "Phường Lâm Viên - Đà Lạt" is said "phường Lâm Viên"
                self._by_name[unit_key(commune.name.split(" - ")[0])].append(commune)
        self._old_wards: dict[str, list[OldUnit]] = defaultdict(list)
        self._old_province_names: dict[str, str] = {}
        districts: dict[tuple[str, str], set[int]] = defaultdict(set)
        old_provinces: dict[str, set[int]] = defaultdict(set)
        for unit in old:
            self._old_wards[unit_key(unit.ward)].append(unit)
            districts[(unit.province, unit.district)].update(unit.now)
            old_provinces[unit.province].update(unit.now)
            self._old_province_names.setdefault(province_key(unit.province), unit.province)
        self._districts: dict[str, list[tuple[str, str, tuple[int, ...]]]] = defaultdict(list)
        for (prov, district), codes in sorted(districts.items()):
            self._districts[unit_key(district)].append((prov, district, tuple(sorted(codes))))
        province_of = {c.code: c.province.code for c in self.communes.values()}
        # An old province → the province(s) it is part of now; today's names map to themselves.
        self._old_provinces: dict[str, frozenset[int]] = {}
        for name, codes in old_provinces.items():
            now = frozenset(province_of[c] for c in codes if c in province_of)
            pkey = province_key(name)
            self._old_provinces[pkey] = self._old_provinces.get(pkey, frozenset()) | now
        for pkey, province in self._province_by_key.items():
            self._old_provinces[pkey] = frozenset({province.code})
        # "thị trấn": a type of commune no commune has since 1/7/2025 names an old unit
        heads = {
            " ".join(words[:n])
            for words in (key(c.name).split() for c in self.communes.values())
            for n in (1, 2)
        }
        self._gone_types = frozenset(t for t in self.words.commune_types if t not in heads)

    def __getstate__(self) -> dict[str, object]:
        """Everything but the per-thread notes (kept between starts: :mod:`knowledge.cache`)."""
        state = dict(self.__dict__)
        del state["_local"]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._local = threading.local()

    # -- loading ------------------------------------------------------------------------------

    @classmethod
    def load(cls, divisions: Path | None = None, old_units: Path = OLD_UNITS) -> Gazetteer:
        provinces: list[Province] = []
        communes: list[Commune] = []
        for item in json.loads((divisions or divisions_json()).read_text(encoding="utf-8")):
            name = item["name"]
            if not name.startswith(place_words().province_openings):
                name = f"Tỉnh {name}"
            province = Province(int(item["code"]), name)
            provinces.append(province)
            communes.extend(Commune(int(w["code"]), w["name"], province) for w in item["wards"])
        return cls(provinces, communes, read_old_units(old_units))

    # -- lookups ------------------------------------------------------------------------------

    def commune(self, code: int | str | None) -> Commune | None:
        try:
            return self.communes.get(int(code)) if code is not None else None
        except ValueError:
            return None

    def province(self, name: str) -> Province | None:
        return self._province_by_key.get(province_key(name))

    def _province_codes(self, name: str) -> frozenset[int] | None:
        return self._old_provinces.get(province_key(name))

    def resolve(self, text: str, within: frozenset[int] | None = None) -> Resolution:
        """What ``text`` names; ``within``: the provinces (codes) the conversation already
        allows, a name found in several provinces read in those."""
        named = " ".join(text.split()).strip(" ,.;!?")
        named = place_words().old_mark.sub("", named)  # "Tỉnh Tiền Giang (cũ)"
        self._local.written = lower(named)
        self._local.old_province = None
        segs, self._local.age = self._aged(segments(_linked(named)))
        if not segs:
            return Resolution(Found.UNKNOWN, named)
        allowed: frozenset[int] | None = within  # province codes the citizen's words allow
        named_province: Province | None = None
        commune_seg: _Segment | None = None
        district_seg: _Segment | None = None
        loose: list[str] = []
        words = place_words()
        for seg in segs:
            codes = (
                self._province_codes(seg.name) if seg.kind in ("", *words.province_types) else None
            )
            if codes is not None:
                self._note_old_province(seg.name)
                allowed = codes if allowed is None else allowed & codes
                if len(codes) == 1:
                    named_province = self.provinces[next(iter(codes))]
            elif seg.kind in words.commune_types and commune_seg is None:
                commune_seg = seg
            elif seg.kind in (*words.district_types, words.city) and district_seg is None:
                district_seg = seg  # "thành phố Thủ Đức": a city under a province, before 2025
            elif not seg.kind:
                loose.append(seg.name)
        # "phường Vĩnh Phúc, Ba Đình": a loose name after the commune is its old district.
        if commune_seg is not None and district_seg is None:
            for name in list(loose):
                if name in self._districts:
                    district_seg = _Segment("quan", name)
                    loose.remove(name)
                    break
        # A province or district written after the name without a comma: "xa Tan Hung Ca Mau",
        # "phường Mỹ Hòa Long Xuyên", "Vĩnh Phúc Ba Đình".
        if commune_seg is None and district_seg is None and loose:
            commune_seg, loose = _Segment("", loose[0]), loose[1:]
        for _ in range(2):
            for part in (commune_seg, district_seg):
                if part is None or self._known(part):
                    continue
                name, codes, province, district = self._split_tail(part.name)
                if codes is not None and allowed is None:
                    self._note_old_province(part.name[len(name) :])
                    allowed, named_province = codes, province
                elif district is not None and district_seg is None and part is commune_seg:
                    district_seg = _Segment("quan", district)
                else:
                    continue
                if part is commune_seg:
                    commune_seg = _Segment(part.kind, name) if name else None
                else:
                    district_seg = _Segment(part.kind, name) if name else None
        if commune_seg is not None and not commune_seg.kind and district_seg is None:
            return self._loose(named, commune_seg.name, allowed, named_province)
        if commune_seg is not None:
            return self._commune(named, commune_seg, district_seg, allowed)
        if district_seg is not None:
            return self._district(
                named, district_seg.name, allowed, district_seg.kind
            ) or Resolution(Found.UNKNOWN, named, province=named_province)
        if named_province is not None:
            old = self._old_province_names.get(self._local.old_province or "")
            return Resolution(Found.PROVINCE, named, province=named_province, old=old)
        return Resolution(Found.UNKNOWN, named)

    def _aged(self, segs: list[_Segment]) -> tuple[list[_Segment], str]:
        """The parts of a name without the word saying it is old or new ("quận 3 cũ"), and which
        was said ("old", "new" or ""); a part the map knows with that word keeps it ("Chợ
        Mới")."""
        words = place_words()
        age, kept = "", list[_Segment]()
        for seg in segs:
            *name, last = seg.name.split()
            mark = "old" if last in words.said_old else "new" if last in words.said_new else ""
            if mark and not self._any_name(seg.name):
                age = mark
                if not name:
                    if seg.kind and kept:  # "huyện Đan Phượng cũ": the type word ends the name
                        prev = kept.pop()
                        kept.append(_Segment(prev.kind, f"{prev.name} {seg.kind}"))
                    continue
                seg = _Segment(seg.kind, " ".join(name))
            kept.append(seg)
        return kept, age

    def _any_name(self, name: str) -> bool:
        return (
            name in self._by_name
            or name in self._old_wards
            or name in self._districts
            or self._province_codes(name) is not None
        )

    def provinces_named(self, text: str) -> frozenset[int] | None:
        """The provinces (codes, today's) every part of a place named may lie in: "phường 7 quận
        3 cũ" → Thành phố Hồ Chí Minh, the only one with a Quận 3; None when no part is a name
        the map knows."""
        segs, _ = self._aged(segments(_linked(" ".join(text.split()))))
        found: frozenset[int] | None = None
        for seg in segs:
            codes: set[int] = set()
            if seg.kind in ("", *self.words.province_types):
                codes |= self._province_codes(seg.name) or frozenset()
            for _prov, _district, now in self._districts.get(seg.name, ()):
                codes |= {self.communes[c].province.code for c in now if c in self.communes}
            if seg.kind not in (*self.words.province_types, *self.words.district_types):
                codes |= {c.province.code for c in self._by_name.get(seg.name, ())}
                codes |= {
                    self.communes[c].province.code
                    for u in self._old_wards.get(seg.name, ())
                    for c in u.now
                    if c in self.communes
                }
            if codes:
                found = frozenset(codes) if found is None else found & codes
        return found or None

    @property
    def _written(self) -> str:
        written: str = self._local.written
        return written

    def _note_old_province(self, name: str) -> None:
        """A province named by its pre-2025 name narrows old units to that province."""
        pkey = province_key(name.strip())
        if pkey not in self._province_by_key:
            self._local.old_province = pkey

    def _from_old_province(self, province: str) -> bool:
        wanted: str | None = self._local.old_province
        return wanted is None or province_key(province) == wanted

    def _known(self, seg: _Segment) -> bool:
        words = place_words()
        if seg.kind in words.district_types or seg.kind == words.city:
            return seg.name in self._districts
        return seg.name in self._by_name or seg.name in self._old_wards

    def _split_tail(
        self, name: str
    ) -> tuple[str, frozenset[int] | None, Province | None, str | None]:
        """ "tan hung ca mau" → ("tan hung", {Cà Mau}, Cà Mau, None); "my hoa long xuyen" →
        ("my hoa", None, None, "long xuyen"). Nothing recognisable at the end: codes and
        district None."""
        words = name.split()
        for size in (4, 3, 2, 1):
            if len(words) > size:
                tail, rest = " ".join(words[-size:]), " ".join(words[:-size])
                codes = self._province_codes(tail)
                if codes is not None:
                    province = self.provinces[next(iter(codes))] if len(codes) == 1 else None
                    return rest, codes, province, None
                if tail in self._districts:
                    return rest, None, None, tail
        return name, None, None, None

    def _in(self, allowed: frozenset[int] | None, communes: Iterable[Commune]) -> list[Commune]:
        return self._as_written(
            [c for c in communes if allowed is None or c.province.code in allowed],
            lambda c: c.name,
        )

    def _as_written(self, items: list[_T], name: Callable[[_T], str]) -> list[_T]:
        """The names the citizen's letters allow: "quê" is not "Quế", "Văn Quán" is not "Văn
        Quan"; a letter typed without its marks ("Tan Hưng") allows any marks."""
        if fold(self._written) == self._written:
            return items
        return [
            i
            for i in items
            if any(_compatible(self._written, part) for part in _bare(name(i)).split(" - "))
        ]

    def _commune(
        self,
        named: str,
        seg: _Segment,
        district: _Segment | None,
        allowed: frozenset[int] | None,
    ) -> Resolution:
        olds = self._as_written(
            [u for u in self._old_wards.get(seg.name, ()) if self._old_in(u, allowed)],
            lambda u: u.ward,
        )
        olds = [u for u in olds if fold(u.ward).startswith(seg.kind + " ")] or olds
        age: str = self._local.age
        if age == "new":  # "phường Xuân Hòa mới": today's commune of that name
            olds = []
        if district is not None:
            in_district = [u for u in olds if unit_key(u.district) == district.name]
            if in_district:
                return self._old(named, in_district)
        if olds and (age == "old" or seg.kind in self._gone_types):
            # "thị trấn Đông Anh", "phường Tân Định cũ": the unit of that name before 1/7/2025
            return self._old(named, olds)
        current = self._in(allowed, self._by_name.get(seg.name, ()))
        if len(current) > 1:
            same_type = [c for c in current if fold(c.name).startswith(seg.kind)]
            current = same_type or current
        # An old ward of the same name elsewhere, now part of a commune with another name
        # ("phường Quỳnh Mai": today's, in Nghệ An, or the old one of Hai Bà Trưng, Hà Nội).
        moved = [
            u
            for u in olds
            if not any(self._named(c, seg.name) for c in u.now)
            and (not seg.kind or fold(u.ward).startswith(seg.kind + " "))
        ]
        if current and moved:
            options = [(c, c.full) for c in current]
            for unit in moved:
                options += [
                    (self.communes[c], f"{self.communes[c].full} (gồm {unit.label} cũ)")
                    for c in unit.now
                    if c in self.communes
                ]
            options = list({c.code: (c, label) for c, label in reversed(options)}.values())[::-1]
            if len(options) <= MAX_CHOICES:
                return Resolution(
                    Found.CHOOSE,
                    named,
                    tuple(c for c, _ in options),
                    labels=tuple(label for _, label in options),
                )
        if current:
            return self._pick(named, current)
        if olds:
            return self._old(named, olds)
        return Resolution(Found.UNKNOWN, named)

    def _named(self, code: int, name: str) -> bool:
        commune = self.communes.get(code)
        return commune is not None and unit_key(commune.name) == name

    def _old_in(self, unit: OldUnit, allowed: frozenset[int] | None) -> bool:
        if not self._from_old_province(unit.province):
            return False
        if allowed is None:
            return True
        return any(
            c in self.communes and self.communes[c].province.code in allowed for c in unit.now
        )

    def _pick(self, named: str, communes: list[Commune]) -> Resolution:
        if len(communes) == 1:
            return Resolution(Found.COMMUNE, named, (communes[0],), communes[0].province)
        if len(communes) > MAX_CHOICES:
            return self._vague(named, communes)
        return Resolution(
            Found.CHOOSE, named, tuple(communes), labels=tuple(c.full for c in communes)
        )

    def _vague(self, named: str, communes: Iterable[Commune]) -> Resolution:
        provinces = sorted({c.province.name for c in communes}, key=province_key)
        return Resolution(Found.VAGUE, named, options=tuple(f"{named}, {p}" for p in provinces))

    def _old(self, named: str, units: list[OldUnit]) -> Resolution:
        targets = tuple(dict.fromkeys(c for u in units for c in u.now if c in self.communes))
        communes = tuple(self.communes[c] for c in targets)
        if not communes:
            return Resolution(Found.UNKNOWN, named)
        if len(units) == 1 or len({(u.province, u.district) for u in units}) == 1:
            unit = units[0]
            old = f"{unit.label}, {unit.province}"
            kind = Found.OLD if len(communes) == 1 else Found.SPLIT
            if len(communes) > MAX_CHOICES:
                return self._vague(named, communes)
            return Resolution(kind, named, communes, communes[0].province, old)
        if len(communes) == 1:  # several old units, all served by one commune now
            return Resolution(Found.OLD, named, communes, communes[0].province, units[0].label)
        if len(communes) > MAX_CHOICES:
            return self._vague(named, communes)
        labels = {
            c: f"{self.communes[c].full} (gồm {u.label} cũ)" for u in reversed(units) for c in u.now
        }
        return Resolution(
            Found.CHOOSE, named, communes, labels=tuple(labels[c.code] for c in communes)
        )

    def _district(
        self, named: str, name: str, allowed: frozenset[int] | None, kind: str = ""
    ) -> Resolution | None:
        found = [
            d
            for d in self._districts.get(name, ())
            if allowed is None or any(self.communes[c].province.code in allowed for c in d[2])
        ]
        found = [d for d in found if self._from_old_province(d[0])] or found
        typed = [d for d in found if kind and fold(d[1]).startswith(kind + " ")]
        found = self._as_written(typed or found, lambda d: d[1])
        if not found:
            return None
        if len(found) > 1:
            options = sorted({f"{d[1]}, {d[0]} (cũ)" for d in found}, key=fold)
            return Resolution(Found.VAGUE, named, options=tuple(options))
        old_province, district, codes = found[0]
        communes = tuple(self.communes[c] for c in codes)
        province = communes[0].province
        return Resolution(Found.DISTRICT, named, communes, province, f"{district}, {old_province}")

    def _loose(
        self,
        named: str,
        name: str,
        allowed: frozenset[int] | None,
        province: Province | None,
    ) -> Resolution:
        current = self._in(allowed, self._by_name.get(name, ()))
        if current:
            return self._pick(named, current)
        district = self._district(named, name, allowed)
        if district is not None:
            return district
        olds = self._as_written(
            [u for u in self._old_wards.get(name, ()) if self._old_in(u, allowed)],
            lambda u: u.ward,
        )
        if olds:
            return self._old(named, olds)
        if name in place_words().abroad:
            return Resolution(Found.FOREIGN, named)
        return Resolution(Found.UNKNOWN, named, province=province)


# -- what a place named in a message looks like ---------------------------------------------


def unit_typed_bare(place: str) -> bool:
    """A unit word typed without its accents before words typed with theirs is another word:
    "ở xa quê" is far from home, "ở quan…" no district; "phuong Linh Trung", "quan 3" are units
    typed the way their names are."""
    first, _, rest = place.strip().partition(" ")
    return first.lower() in place_words().bare_units and fold(rest) != rest.lower()


# How many words a name the map does not know may have and still read as a name.
MAX_NAME_WORDS = 4


def looks_like_name(named: str) -> bool:
    """Whether words the map does not know still read as a place's name: a few words, after a
    unit word or not, none of them a word of a sentence (``lexicon/places.yaml``)."""
    said = place_words()
    words = key(re.split(r"[,;(]", named, maxsplit=1)[0]).split()
    unit = 0
    while unit < len(words) - 1 and unit < 2 and words[unit] in said.unit_words:
        unit += 1
    name = words[unit:]
    return (
        0 < len(name) <= MAX_NAME_WORDS
        and name[0] not in said.unit_words  # a unit alone: "phường mấy giờ mở cửa"
        and name[0] not in said.not_first
        and not said.sentence_words.intersection(name)
    )


def told_of_someone_else(before: str, message: str) -> bool:
    """Whether the words before "… ở <place>" name a relative as the one who lives there; read
    as typed when the message carries accents, else on relatives no other word folds to."""
    before = before.lower()
    if fold(message) != message.lower():
        return bool(place_words().relative.search(before))
    return bool(place_words().relative_bare.search(before))


def _compatible(written: str, name: str) -> bool:
    """Whether ``name`` (lower case, with marks) appears in ``written`` letter for letter, a
    letter typed bare matching any marks: "tan hưng" fits "tân hưng", "quê" does not fit "quế"."""
    written, name = unify_tones(written), unify_tones(name)
    bare_written = fold_in_place(written)
    bare_name = fold(name)
    if len(bare_name) != len(name):
        return bare_name in bare_written
    start = bare_written.find(bare_name)
    while start >= 0:
        end = start + len(name)
        edges = (start == 0 or not bare_written[start - 1].isalnum()) and (
            end == len(bare_written) or not bare_written[end].isalnum()
        )
        typed = written[start:end]
        if edges and all(w == c or fold(w) == w for w, c in zip(typed, name, strict=True)):
            return True
        start = bare_written.find(bare_name, start + 1)
    return False


def _bare(name: str) -> str:
    """ "Phường Văn Quán" → "văn quán" (lower case, diacritics kept, type word dropped)."""
    written = lower(name)
    for word in place_words().written_types:
        if written.startswith(word + " "):
            return written[len(word) + 1 :]
    return written


def _pretty(name: str) -> str:
    """ "Thành Phố Thủ Đức" → "Thành phố Thủ Đức" (the mapping capitalises type words)."""
    return place_words().type_case.sub(lambda m: f"{m.group(1).capitalize()} ", name)


def divisions_json() -> Path:
    """The package's data file, found without importing the package."""
    spec = find_spec("vietnam_provinces")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the vietnam-provinces package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "nested-divisions.json"


def read_old_units(path: Path = OLD_UNITS) -> list[OldUnit]:
    units: list[OldUnit] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            province, district, ward, codes = line.rstrip("\n").split("\t")
            now = tuple(int(c) for c in codes.split(","))
            units.append(OldUnit(_pretty(province), _pretty(district), _pretty(ward), now))
    return units


_GAZETTEER: Once[Gazetteer] = Once(Gazetteer.load)


def gazetteer() -> Gazetteer:
    """The country's map, loaded once per process (call it at start-up, not on a message)."""
    return _GAZETTEER.get()


def use_gazetteer(places: Gazetteer) -> None:
    """Make ``places`` the process's map (one restored from the cache of :mod:`knowledge.cache`)."""
    _GAZETTEER.use(places)
    use_place_words(places.words)
