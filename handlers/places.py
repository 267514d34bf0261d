"""Where the citizen lives and the commune's own desk: "tôi ở phường X", "mấy giờ mở cửa".

Reads :class:`knowledge.places.Gazetteer` (every commune, old names, districts) and the desks the
communes entered (``Context.desks``). The time is the context's (``Context.now``, Vietnam time):
this module never reads a clock. Buttons: ``pl:<commune code>``; ``pl:`` with a query (``q`` +
folded words) re-resolves a narrower name.
"""

from __future__ import annotations

import re

from handlers import keyboards, procedure, texts
from handlers import sections as sec
from handlers.actions import MAX_BYTES, Action, Verb, act
from handlers.answer import show
from handlers.asking import asks
from handlers.conversation import Conversation
from handlers.events import Button
from handlers.intents import command, has_words
from handlers.local import PORTAL, desk_card, no_desk, open_now, sessions_text, today_text, week
from handlers.privacy import mask
from handlers.routes import on
from handlers.state import Mode
from knowledge.answers import default_words
from knowledge.desk import WEEKDAYS
from knowledge.matcher import Outcome
from knowledge.places import (
    Commune,
    Found,
    Gazetteer,
    Resolution,
    looks_like_name,
    told_of_someone_else,
    unit_typed_bare,
)
from knowledge.schema import Availability, Procedure
from knowledge.text import fold, fold_in_place, key, nfc
from knowledge.turns import default_turns

MAX_BUTTONS = 8

_CLAUSE = re.compile(r"[^,.;!?\n]+")
_CLAUSE_START = re.compile(r"[,.;!?\n]\s*")


def on_text(conv: Conversation, text: str, *, settled: bool = False) -> bool:
    """A place statement or a question about the desk; True when answered here. ``settled``:
    the message already told where the citizen lives, so a home town told after it ("mình ở
    Sài Gòn, quê ở Quảng Ngãi, có phải về quê làm không") is where they come from."""
    folded = key(text)
    turns = default_turns()
    if conv.ctx.places is not None:
        found = _place_phrase(text, conv.ctx.places)
        if found is None and _offered(conv):  # "Bạn ở nơi nào?" answered "Đồng Nai"
            found = (nfc(text).strip(" ,.;:!?-"), "", False)
        if found is not None and settled and _home_town(text, found[0]):
            found = None
        if found is not None and conv.ctx.kb.find_locality(found[0]) is None:
            named, rest, explicit = _leading(conv.ctx.places, *found)
            result = _within_told(conv, _resolve(conv.ctx.places, named), named)
            result = _among_offered(conv, result)
            # nothing of it a place, no unit named ("phường …"), and a question while a
            # procedure is current: "tôi đang ở công ty không về kịp, nhờ vợ nộp thay được
            # không" asks about the procedure
            swallowed = (
                result.found is Found.UNKNOWN
                and conv.state.procedure
                and not turns.place_typed.match(key(named) + " ")
                and (asks(named) or asks(text))
            )
            shaped = result.found is not Found.UNKNOWN or (explicit and looks_like_name(named))
            asked = rest and has_words(rest) and command(rest) is None
            if shaped and not swallowed and _elsewhere(text, named) and asked:
                # "hộ khẩu em ở Nghệ An mà giờ đi làm ở Bình Dương, xin ở đó được không": where
                # they come from is background; the question is the rest
                procedure.ask(conv, rest)
                return True
            if shaped and not swallowed and not _elsewhere(text, named):
                answer(conv, result)
                told = result.commune is not None or result.province is not None
                current = conv.ctx.procedure(conv.state.procedure)
                if asked and told and current is not None and _asks_where(conv, current, rest):
                    # "nếu phải đến thì mình ở phường X, đến đâu": the place just told is what
                    # the current procedure's place section needs to answer it
                    show(conv, current, sec.PLACE)
                elif asked and not on_text(conv, rest, settled=told):
                    procedure.ask(conv, rest)
                elif not asked and result.commune is not None:
                    _next(conv)
                return True
    asks_hours = (
        turns.desk_hours.search(folded)
        and not turns.hours_taken.search(folded)
        and not _of_business(text)
    )
    if asks_hours or (turns.desk_weekend.search(folded) and _asks_open(folded)):
        if _carries_need(conv, text):
            # "bé mới sinh, thứ 7 có đi làm khai sinh được không": the procedure is what is
            # asked about, its desk's hours one aspect of it (its place), as a clerk would answer.
            procedure.ask(conv, text)
            hours(conv, folded, within=True)
            return True
        beside = _part_beside_hours(conv, text)
        if beside is not None:
            # "thứ 7 có nộp được không hay làm online" while a procedure is current: its part
            # asked beside the hours (the online one), then the desk's hours
            procedure.ask(conv, beside)
            hours(conv, folded, within=True)
            return True
        hours(conv, folded)
        return True
    if (
        turns.desk_where.search(folded)
        and conv.state.procedure is None  # "nộp ở đâu" about the procedure: its place section
        and not (conv.state.mode is Mode.CLARIFY and conv.state.candidates)  # nor of one offered
        and conv.ctx.matcher.match(text).outcome.value == "unmet"
    ):
        where(conv)
        return True
    return False


def _offered(conv: Conversation) -> list[str]:
    """The places the last answer offered as buttons: commune codes, or "q" + a narrower name."""
    prefix = f"{Verb.PLACE.value}:"
    return [a.removeprefix(prefix) for a in conv.state.offered if a.startswith(prefix)]


def _among_offered(conv: Conversation, result: Resolution) -> Resolution:
    """A province or district told after several places were offered ("Có 2 nơi tên …", then
    "ở Đồng Nai", "quận 1 cũ"): the one offered that lies there, when one does."""
    places = conv.ctx.places
    offered = _offered(conv)
    if places is None or not offered or result.commune is not None:
        return result
    province = result.province if result.found is Found.PROVINCE else None
    within = {c.code for c in result.communes}
    if province is None and not within:
        return result
    communes = [c for c in map(places.commune, offered) if c is not None]
    if province is not None:
        hits = [c for c in communes if c.province == province]
    else:
        hits = [c for c in communes if c.code in within]
    if len(hits) == 1:
        return Resolution(Found.COMMUNE, result.named, (hits[0],), hits[0].province)
    if province is not None:
        named = [q[1:].replace("_", " ") for q in offered if q.startswith("q")]
        there = [q for q in named if places.provinces_named(q) == frozenset({province.code})]
        if len(there) == 1:
            return places.resolve(there[0])
    return result


def _within_told(conv: Conversation, result: Resolution, named: str) -> Resolution:
    """A name several provinces bear, read in the province the citizen already told ("tôi ở
    Bình Dương" earlier, now "phường Phú Hòa"): that province's commune when it has one."""
    places = conv.ctx.places
    if places is None or result.found not in (Found.CHOOSE, Found.VAGUE):
        return result
    told = places.commune(conv.state.commune)
    province = told.province if told is not None else places.province(conv.state.place or "")
    if province is None:
        return result
    narrowed = _resolve_within(places, named, frozenset({province.code}))
    return narrowed if narrowed.commune is not None else result


def _resolve_within(places: Gazetteer, named: str, within: frozenset[int]) -> Resolution:
    """:func:`_resolve` of a name in the provinces ``within``."""
    now = _named_now(named)
    return places.resolve(now[1] if now is not None else named, within)


def _named_now(named: str) -> tuple[str, str] | None:
    """A place named with the name it has now ("phường 7 quận 3 cũ, giờ là phường Xuân Hòa"):
    what is said before the words that say so, and the name now without the words that trail it
    ("… đúng không", "… rồi"); None when nothing is said before such words."""
    aligned = fold_in_place(named.lower())
    turns = default_turns()
    now = turns.place_now.search(aligned)
    if now is None or now.start() == 0:
        return None
    later = named[now.end() : now.end() + len(turns.place_trail.sub("", aligned[now.end() :]))]
    return named[: now.start()], later


def _asks_where(conv: Conversation, current: Procedure, rest: str) -> bool:
    """Whether the question told with a place asks last where to go ("nếu phải đến thì …, đến
    đâu", "chủ cũ ở tỉnh khác thì làm ở đâu") and names no other procedure: the words asking
    for another part before it ("phải đến", "có mặt") only lead up to it."""
    asked = sorted(default_words().asked(rest), key=lambda f: f.start)
    if not asked or asked[-1].section != sec.PLACE:
        return False
    result = conv.ctx.matcher.match(rest)
    best = result.best
    return result.outcome is Outcome.UNMET or (best is not None and best.id == current.id)


def _resolve(places: Gazetteer, named: str) -> Resolution:
    """The place a citizen names: the name it has now when they say both ("… cũ, giờ là phường
    X"), read in the provinces the old name allows when several communes bear it ("phường 7
    quận 3 cũ, giờ là phường Xuân Hòa": the one of Thành phố Hồ Chí Minh), else the old name
    without the word saying it is old."""
    aligned = fold_in_place(named.lower())
    turns = default_turns()
    now = _named_now(named)
    if now is not None:
        before, later = now
        result = places.resolve(later)
        if result.found in (Found.CHOOSE, Found.VAGUE):
            hint = places.provinces_named(before)
            if hint is not None:
                result = places.resolve(later, hint)
        if result.commune is not None:
            return result
        named, aligned = before, aligned[: len(before)]
    result = places.resolve(named)
    bare = turns.place_trail.sub("", aligned)
    old = turns.place_old.search(bare)
    if result.found is Found.UNKNOWN and (old is not None or len(bare) < len(aligned)):
        cut = (old.start(), old.end()) if old is not None else (len(bare), len(bare))
        return places.resolve(named[: cut[0]] + named[cut[1] : len(bare)])
    return result


def _next(conv: Conversation) -> None:
    """After "tôi ở …" alone: the current procedure's place section, or what to ask."""
    proc = conv.ctx.procedure(conv.state.procedure)
    if proc is not None:
        show(conv, proc, sec.PLACE)
    else:
        conv.say(
            "Bạn cần hỏi thủ tục gì? Gõ tên việc cần làm, ví dụ “đăng ký khai sinh”.",
            keyboards.topics(conv.ctx.menu),
        )


def _carries_need(conv: Conversation, text: str) -> bool:
    """Whether a first question about the desk's hours also says what the citizen needs done:
    its words about the hours left out, the matcher answers it or offers a procedure scoring
    well enough to be offered on its own. Within a procedure, "thứ 7 có làm không" asks about
    its desk."""
    if conv.state.procedure is not None:
        return False
    rest = _without_hours(text)
    if not has_words(rest):
        return False
    result = conv.ctx.matcher.match(rest)
    best = result.best
    if best is None or result.outcome is Outcome.UNMET:
        return False
    return best.score >= conv.ctx.matcher.config.unmet_below


def _part_beside_hours(conv: Conversation, text: str) -> str | None:
    """What a question about the desk's hours asks of the current procedure beside them, its
    words about the hours left out ("thứ 7 có nộp được không hay làm online": the online part);
    None when no procedure is current or it asks no part."""
    if conv.state.procedure is None:
        return None
    rest = _without_hours(text)
    return rest if default_words().asked(rest) else None


def _without_hours(text: str) -> str:
    """The text with its words about the desk's hours and days blanked ("mấy giờ đóng cửa" names
    no closing of a business; "thứ 7 có làm khai sinh không" still names the birth)."""
    original = nfc(text)
    aligned = fold_in_place(original.lower())
    turns = default_turns()
    hours = (turns.desk_hours, turns.desk_weekend, turns.desk_today)
    spans = [m.span() for rx in hours for m in rx.finditer(aligned)]
    chars = list(original)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return " ".join("".join(chars).split())


def _of_business(text: str) -> bool:
    """Whether every clause asking about hours also names a business ("tiệm", "công ty", "quán"):
    the hours asked are the business's own."""
    typed = nfc(text).lower()
    turns = default_turns()
    clauses = [c for c in _CLAUSE.findall(typed) if turns.desk_hours.search(key(c))]
    return bool(clauses) and all(
        turns.business.search(key(c)) or turns.business_typed.search(c) for c in clauses
    )


def _asks_open(folded: str) -> bool:
    """ "thứ 7 có làm không", "cuối tuần có nhận hồ sơ": the desk open that day; not "có phải"
    ("cuối tuần này bạn tôi lên chơi, có phải báo công an không" asks about a duty)."""
    return bool(default_turns().desk_open.search(folded))


def _unit_spelt(original: str) -> bool:
    """The first word is a unit as typed ("quận", "quan"), not another word that folds the same
    way ("quán ăn nhà tôi")."""
    first = original.lower().split(maxsplit=1)[0] if original.strip() else ""
    return first in default_turns().unit_typed or fold(first) == first


def _leading(places: Gazetteer, named: str, rest: str, explicit: bool) -> tuple[str, str, bool]:
    """A place named and the message going on without a pause ("Sài Gòn không về được, nhờ
    chồng ký thay được không"): the longest run of its first words that is a place, the words
    after it put back into the rest. Unchanged when the whole is a place (also as "… cũ, giờ là
    phường X") or no first words are."""
    if _resolve(places, named).found is not Found.UNKNOWN:
        return named, rest, explicit
    said = named.split()
    for n in range(len(said) - 1, 0, -1):
        head = " ".join(said[:n]).strip(" ,.;:!?-")
        if places.resolve(head).found not in (Found.UNKNOWN, Found.VAGUE):
            after = " ".join(said[n:])
            return head, " ".join(f"{after} {rest}".split()).strip(" ,.;:!?-"), explicit
    return named, rest, explicit


def _place_phrase(text: str, places: Gazetteer | None = None) -> tuple[str, str, bool] | None:
    """ "tôi ở phường Bến Nghé, quận 1, làm khai sinh ở đâu" → ("phường Bến Nghé, quận 1",
    "làm khai sinh ở đâu", True): the place in the citizen's spelling, the rest of the message,
    and whether it was said to be where they live (not just a name at the start). A word that
    would end the place but, with ``places``, goes on a name the map knows is kept in it ("xã
    Tân Hội, Lâm Đồng thì …": "Hội" is no "hỏi")."""
    original = nfc(text).strip()
    # Fold letter by letter so positions in the folded text are positions in the original.
    aligned = fold_in_place(original.lower())
    turns = default_turns()
    lives = (m for m in turns.place_live.finditer(aligned) if not _someone_elses(original, m))
    addresses = (
        m for m in turns.place_address.finditer(aligned) if not _someone_elses(original, m)
    )
    found = [m for m in (next(lives, None), next(addresses, None)) if m]
    if found:
        live = min(found, key=lambda m: m.start())
        start, before = live.end(), original[: live.start()]
        explicit = bool(live.group("who")) and not _housing(aligned, live)
    elif turns.place_typed.match(aligned) and len(aligned.split()) <= 16 and _unit_spelt(original):
        start, before, explicit = 0, "", False  # "phường 5 quận 3", "P. Bến Thành có mở không"
    else:
        # "nộp ở đâu, phường Phú Hòa cũ giờ nhập vào phường nào": a unit typed first in a
        # clause after the question; a place only when the map knows it (``on_text``)
        start = next(
            (
                m.end()
                for m in _CLAUSE_START.finditer(aligned)
                if turns.place_typed.match(aligned[m.end() :])
                and _unit_spelt(original[m.end() :])
                and not unit_typed_bare(original[m.end() :])
            ),
            -1,
        )
        if start < 0:
            return None
        cut = turns.place_end.search(aligned, start)
        end = cut.start() if cut else len(original)
        place = original[start:end].strip(" ,.;:!?-")
        rest = " ".join(f"{original[:start]} {original[end:]}".split()).strip(" ,.;:!?-")
        return (place, rest, False) if place and len(place.split()) <= 16 else None
    cut = turns.place_end.search(aligned, start)
    while cut is not None and (
        turns.place_end_name.match(original, cut.start())  # "phường Võ Thị Sáu": no "thì"
        or _name_goes_on(places, original, start, cut)
    ):
        cut = turns.place_end.search(aligned, cut.end())
    end = cut.start() if cut else len(original)
    place = original[start:end].strip(" ,.;:!?-")
    rest = " ".join(f"{before} {original[end:]}".split()).strip(" ,.;:!?-")
    if not place or unit_typed_bare(place):
        return None
    return place, rest, explicit or bool(turns.place_typed.match(aligned[start:]))


def _name_goes_on(places: Gazetteer | None, original: str, start: int, cut: re.Match[str]) -> bool:
    """Whether the word an end of the place was read at goes on the name before it, without a
    pause: into a name the map knows that the words before it are not ("xã Tân Hội": "Hội" read
    folded is "hỏi"), or, a name the map does not know, typed with a capital like the word
    before it ("xã Tân Hôi"), so that no word of the name is read as the question."""
    if not original[cut.start()].isspace():
        return False
    word = re.match(r"\s+(\S+)", original[cut.start() :])
    before = original[start : cut.start()].strip(" ,.;:!?-")
    if places is None or word is None or not before:
        return False
    if places.resolve(before).found not in (Found.UNKNOWN, Found.VAGUE):
        return False
    longer = original[start : cut.start() + word.end()].strip(" ,.;:!?-")
    if places.resolve(longer).found not in (Found.UNKNOWN, Found.VAGUE):
        return True
    last = before.split()[-1]
    return word.group(1)[:1].isupper() and last[:1].isupper() and len(before.split()) > 1


def _housing(aligned: str, live: re.Match[str]) -> bool:
    """Whether a "nhà ở …" read as a home may be the noun "nhà ở" (housing): "nhà" with no owner
    said and words before it ("thuê nhà ở thì…", "mở nhà thuốc tây", "diện tích nhà ở"). Then
    only a name the map knows is a place ("thuê nhà ở TP HCM"); "nhà tôi ở …", "nhà mình thuộc
    …" and a message opening "nhà ở …" tell where one lives."""
    return live.group("who") == "nha" and bool(aligned[: live.start("who")].strip())


def _someone_elses(original: str, said: re.Match[str]) -> bool:
    """Whether the place statement is told of a relative, not of the asker."""
    start = said.start("who") if said.group("who") else said.start()
    return told_of_someone_else(original[:start], original)


def _home_town(text: str, named: str) -> bool:
    """Whether the place named is told as the citizen's home town ("quê ở Quảng Ngãi")."""
    original = nfc(text)
    at = original.find(named)
    return at >= 0 and bool(default_turns().hometown.search(key(original[:at])))


def _elsewhere(text: str, named: str) -> bool:
    """Whether the words around the place named say the citizen now lives somewhere else."""
    original = nfc(text)
    at = original.find(named)
    if at < 0:
        return False
    after = [original[at + len(named) :], *re.split(r"[,;]", named)[1:]]
    turns = default_turns()
    if any(turns.elsewhere.match(key(words)) for words in after):
        return True
    before = key(original[:at])
    return bool(turns.hometown.search(before) and turns.now_living.search(before))


# -- answers about the place -------------------------------------------------------------------


def answer(conv: Conversation, result: Resolution) -> None:
    """Say what the place named is now and, when it is not one commune, ask."""
    named = mask(result.named)  # what the citizen typed is said back: never their number
    commune = result.commune
    if commune is not None:
        settle(conv, commune, result.old)
        return
    if result.found is Found.SPLIT:
        names = ", ".join(c.name for c in result.communes)
        conv.say(
            f"{result.old} nay được chia cho: {names}; tùy tổ dân phố, đường phố mà thuộc "
            "nơi này hay nơi kia. Bạn chọn phường, xã của mình nhé (chưa rõ thì tổ trưởng tổ "
            "dân phố nơi bạn ở sẽ biết):",
            _buttons(result.communes, [c.full for c in result.communes]),
        )
    elif result.found is Found.CHOOSE:
        conv.say(
            f"Có {len(result.communes)} nơi tên “{named}”. Bạn ở nơi nào?",
            _buttons(result.communes, result.labels or [c.full for c in result.communes]),
        )
    elif result.found is Found.DISTRICT:
        names = ", ".join(c.name for c in result.communes)
        text = (
            f"Từ 1/7/2025 không còn cấp quận, huyện. Địa bàn {result.old} nay thuộc "
            f"{len(result.communes)} xã, phường của {result.communes[0].province.name}: "
            f"{names}.\nBạn ở phường, xã nào? "
            "(Tên phường cũ cũng được.)"
        )
        many = len(result.communes) > MAX_BUTTONS
        conv.say(text, () if many else _buttons(result.communes, [c.name for c in result.communes]))
    elif result.found is Found.VAGUE:
        conv.say(
            f"Có nhiều nơi tên “{named}”. Bạn ghi thêm quận, huyện cũ hoặc tỉnh, thành phố "
            "giúp mình nhé, ví dụ “phường 1, quận 3, TP.HCM”"
            + (", hoặc chọn tỉnh, thành phố:" if _narrower(result) else "."),
            _narrower(result),
        )
    elif result.found is Found.PROVINCE and result.province is not None:
        conv.state.place = result.province.name
        was = f"{result.old} (cũ) nay thuộc {result.province.name}. " if result.old else ""
        conv.say(
            f"{was}Mình ghi nhận bạn ở {result.province.name} và sẽ trả lời theo quy định chung "
            "toàn quốc. Bạn ở phường, xã nào để mình chỉ nơi nộp gần bạn?"
        )
    elif result.found is Found.FOREIGN:
        conv.say(
            "Mình chỉ có dữ liệu các xã, phường trong nước. Người Việt Nam đang ở nước ngoài làm "
            "một số thủ tục (như đăng ký khai sinh, kết hôn) tại Cơ quan đại diện Việt Nam ở nước "
            "đó; mình sẽ trả lời theo quy định chung toàn quốc. Nơi cư trú của bạn ở Việt Nam "
            "thuộc xã, phường nào?"
        )
    else:
        shown = named if named and len(named) <= 60 and has_words(named) else "nơi bạn nêu"
        conv.say(
            f"Mình chưa tìm thấy “{shown}” trong danh sách 3.321 xã, phường, đặc khu hiện nay, "
            "nên sẽ trả lời theo quy định chung toàn quốc. Bạn ở xã, phường nào? (Ghi kèm "
            "quận, huyện cũ hoặc tỉnh giúp mình nhé.)"
        )


def settle(conv: Conversation, commune: Commune, old: str | None = None) -> None:
    state = conv.state
    state.commune, state.place, state.locality = commune.code, commune.full, None
    if old:
        conv.say(f"{old} nay thuộc {commune.full}. Mình ghi nhận bạn ở {commune.name}.")
    else:
        conv.say(f"Mình ghi nhận bạn ở {commune.full}.")
    desk = conv.ctx.desks.get(commune.code)
    if desk is not None:
        conv.say(desk_card(desk, conv.ctx.now))


@on(Verb.PLACE)
def _button(conv: Conversation, action: Action, _proc: Procedure | None) -> None:
    choose(conv, action.arg)


def choose(conv: Conversation, arg: str) -> None:
    """A place button: ``<code>`` picks a commune; ``q<words>`` resolves a narrower name."""
    places = conv.ctx.places
    if places is None:
        conv.say("Bạn gõ lại tên xã, phường của bạn giúp mình nhé.")
        return
    if arg.startswith("q"):
        answer(conv, places.resolve(arg[1:].replace("_", " ")))
        return
    commune = places.commune(arg)
    if commune is None:
        conv.say("Nút này đã cũ. Bạn gõ lại tên xã, phường của bạn giúp mình nhé.")
        return
    settle(conv, commune)
    _next(conv)


def _narrower(result: Resolution) -> list[Button]:
    """A button per narrower name (when few): "xã Tân Thành, Tỉnh Tây Ninh", …"""
    if not 2 <= len(result.options) <= MAX_BUTTONS:
        return []
    buttons = []
    for option in result.options:
        query = "q" + "_".join(key(option.removesuffix(" (cũ)")).split())
        if len(f"{Verb.PLACE.value}:{query}".encode()) > MAX_BYTES:
            return []  # all or none: a partial list would hide a place
        buttons.append(Button(option[:64], act(Verb.PLACE, query)))
    return buttons


def _buttons(communes: tuple[Commune, ...], labels: list[str] | tuple[str, ...]) -> list[Button]:
    return [
        Button(label[:64], act(Verb.PLACE, str(c.code)))
        for c, label in zip(communes[:MAX_BUTTONS], labels, strict=False)
        if len(f"{Verb.PLACE.value}:{c.code}") <= MAX_BYTES
    ]


# -- the desk ----------------------------------------------------------------------------------


def _commune(conv: Conversation) -> Commune | None:
    places = conv.ctx.places
    if places is None:
        return None
    return places.commune(conv.state.commune or conv.ctx.default_commune)


def where(conv: Conversation) -> None:
    commune = _commune(conv)
    if commune is None:
        conv.say(
            "Hồ sơ thủ tục cấp xã nộp tại bộ phận một cửa (Trung tâm phục vụ hành chính công) "
            f"của xã, phường nơi bạn ở, hoặc trực tuyến tại {PORTAL}. Bạn ở phường, xã nào?"
        )
        return
    desk = conv.ctx.desks.get(commune.code)
    if desk is None:
        conv.say(no_desk(commune))
        return
    conv.say(desk_card(desk, conv.ctx.now))


def hours(conv: Conversation, folded: str, within: bool = False) -> None:
    """The desk's hours (a day asked about, today, or the week). ``within``: said after the
    answer about a procedure, which already carries its buttons."""
    commune = _commune(conv)
    if commune is None:
        lines = ["Giờ làm việc do từng xã, phường công bố. Bạn ở phường, xã nào để mình xem giúp?"]
        proc = conv.ctx.procedure(conv.state.procedure)
        if proc is not None and not within:  # "thứ 7 phường có làm không": its desk, by the law
            lines.append(texts.FILED_AT.format(title=proc.title, receives=proc.agency.receives))
        if proc is not None and proc.online.availability is not Availability.KHONG:
            lines.append(texts.ONLINE_TOO.format(title=proc.title))
        buttons = keyboards.sections(proc, "") if proc and not within else ()
        conv.say("\n".join(lines), buttons)
        return
    proc = None if within else conv.ctx.procedure(conv.state.procedure)
    # a procedure current: where it is filed and whether it can be filed online too, as a clerk
    # would answer "giờ làm việc thế nào" about it, with its buttons
    filed = _filed(proc) if proc is not None else []
    buttons = keyboards.sections(proc, "") if proc is not None else ()
    desk = conv.ctx.desks.get(commune.code)
    if desk is None:
        conv.say("\n".join([no_desk(commune), *filed]), buttons)
        return
    lines = [f"🕒 {desk.name}"]
    now = conv.ctx.now
    turns = default_turns()
    if turns.desk_weekend.search(folded):
        day = 6 if turns.desk_sunday.search(folded) else 5
        sessions = desk.hours[day]
        if sessions:
            lines.append(f"{WEEKDAYS[day]}: có làm việc, {sessions_text(sessions)}.")
        else:
            lines.append(f"{WEEKDAYS[day]}: nghỉ.")
    elif turns.desk_today.search(folded) and now is not None:
        lines.append(today_text(desk, now))
    else:
        lines.extend(week(desk))
    if now is not None:
        lines.append(open_now(desk, now))
    lines.append(f"Địa chỉ: {desk.address}")
    conv.say("\n".join([*lines, *filed]), buttons)


def _filed(proc: Procedure) -> list[str]:
    """Where a procedure is filed, and that it can be filed online when it can."""
    lines = [texts.FILED_AT.format(title=proc.title, receives=proc.agency.receives)]
    if proc.online.availability is not Availability.KHONG:
        lines.append(texts.ONLINE_TOO.format(title=proc.title))
    return lines


# -- deep links --------------------------------------------------------------------------------

START_MAX = 64  # Telegram's ?start= payload: at most 64 characters of A-Z a-z 0-9 _ -
_MARK = "x"  # a deep link's payload opens with it, then the commune's code
_START = re.compile(rf"^{_MARK}(\d{{1,6}})(?:_([a-z0-9-]+))?$")


def start_payload(commune: int, procedure: str | None = None) -> str:
    """ "x70_dang-ky-khai-sinh": a poster's QR opens the bot on that commune and procedure."""
    payload = f"{_MARK}{commune}" + (f"_{procedure}" if procedure else "")
    if len(payload) > START_MAX:
        raise ValueError(f"start payload over {START_MAX} characters: {payload!r}")
    return payload


def from_start(conv: Conversation, payload: str) -> str:
    """Take the commune out of a deep link's payload; return what is left (a procedure id)."""
    match = _START.match(payload)
    places = conv.ctx.places
    if not match or places is None:
        return payload
    commune = places.commune(match.group(1))
    if commune is not None:
        state = conv.state
        state.commune, state.place, state.locality = commune.code, commune.full, None
    return match.group(2) or ""
