"""The words that steer a turn of the conversation, read from ``lexicon/turns.yaml``.

:class:`Turns` holds them compiled: a paper pointed at ("cái giấy đó"), a paper lost, a case told
of the past then of now ("… nhưng giờ …"), whether a paper is needed, a going back by name ("còn
X thì …"), a lawsuit asked, the verbs a procedure's title opens with. An entry with a ``pattern``
is a regular expression in which ``{name}`` stands for any one word of the entry's list of that
name; the conversation core (``handlers/``) reads them through :func:`default_turns`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from knowledge.negation import default_negation
from knowledge.once import Once
from knowledge.yamlio import read_yaml

TURNS_FILE = Path(__file__).resolve().parent / "lexicon" / "turns.yaml"

_PATTERN = "re.Pattern[str]"  # a field read from an entry with a pattern
_LIST = re.compile(r"\{([a-z_]+)\}")  # "{name}" in a pattern; "{0,20}" is a repetition


class TurnsError(ValueError):
    """An entry of ``turns.yaml`` that is missing, or does not compile."""


@dataclass(frozen=True)
class Turns:
    """The entries of ``turns.yaml``, each said there with examples."""

    pointed: re.Pattern[str]  # "cái giấy đó", "thủ tục này": pointed at, not named
    pointed_accented: re.Pattern[str]  # the same with diacritics ("sổ đó", not "sổ đỏ")
    pointing: frozenset[str]  # what a message that points may say beside it
    but_now: re.Pattern[str]  # "… nhưng giờ …": the past told, then the case now
    asked_now: re.Pattern[str]  # "…, giờ làm lại căn cước trước …": a story, then what is asked
    then_next: re.Pattern[str]  # "… xong thì …": a step done, then the next
    then_ask: re.Pattern[str]  # "xong tách rồi … thì …": what is asked after the step
    consequence: re.Pattern[str]  # "không khai thì có bị … không": what befalls one who does not
    alone: re.Pattern[str]  # "chỉ khai tử riêng thôi": one part of a package alone
    later: re.Pattern[str]  # "sau này … thì …": a case to come
    had: re.Pattern[str]  # "có vneid mức 2 thì sao": a thing had, told as the case
    whether: re.Pattern[str]  # "… có cần … không": whether something is needed
    told_asks: re.Pattern[str]  # "mấy", "… ko ad": a question typed without its mark
    yes_no: re.Pattern[str]  # "… có cần … không vậy": a question answered yes or no
    place_described: re.Pattern[str]  # "nơi đăng ký khai sinh", "xã nhà bố": a place described
    place_told: re.Pattern[str]  # "thường trú ở Thái Bình", "khai sinh ở Nghệ An": where one is
    lost: re.Pattern[str]  # "bị mất", "thất lạc": a paper lost, not a death or a cost
    lost_paper: re.Pattern[str]  # "thẻ", "sổ", "giấy": the paper a loss is said of
    loss_told: re.Pattern[str]  # "báo ở đâu", "trình báo": the loss itself to be reported
    reports_loss: re.Pattern[str]  # "trình báo mất": a name that opens with reporting a loss
    not_the_paper: re.Pattern[str]  # "giấy hẹn", "biên nhận": slips that re-issue nothing
    reissues: re.Pattern[str]  # "cấp lại": a name that opens with re-issuing a paper
    removes: re.Pattern[str]  # "xóa": a name that opens with removing a registration
    anew: re.Pattern[str]  # "đăng ký lại", "chỗ mới … đăng ký": registering again
    age: re.Pattern[str]  # "bé 3 tuổi", "con e 2t": one person's age
    grown: re.Pattern[str]  # "mẹ", "vợ", "tôi": a grown-up said
    stay: re.Pattern[str]  # "khách ở lại 1-2 đêm": how long someone stays
    stay_from: re.Pattern[str]  # "từ 30 ngày trở lên": a stay's lower bound in a reason
    stay_below: re.Pattern[str]  # "dưới 30 ngày": a stay's upper bound in a reason
    stay_days: Mapping[str, int]  # "tuan": 7, a unit of a stay in days
    stay_count: Mapping[str, float]  # "nua": 0.5, a count said in a word
    verbs: tuple[str, ...]  # "đăng ký", "cấp lại": what a procedure's name opens with
    acts: tuple[str, ...]  # the verbs and the other openings of a title, longest first
    plain: frozenset[str]  # "làm", "xin": verbs that set no procedure apart
    undergone: frozenset[str]  # "bị": a deed said after it befalls a thing, no one asks for it
    variants: Mapping[str, tuple[str, ...]]  # "gia han": the words that say a title's variant
    papers: Mapping[str, str]  # "giay": "giấy", a paper's name folded and as typed
    needed: re.Pattern[str]  # "có cần giấy xác nhận độc thân không"
    use: re.Pattern[str]  # "dùng giấy đó đi …", "làm cùng lúc với …", "… trước không"
    lacks: re.Pattern[str]  # "chưa có giấy … thì làm ở đâu": a paper the case lacks
    attested: re.Pattern[str]  # "hợp đồng có phải công chứng không"
    list_joint: re.Pattern[str]  # ",", "và", "với": the joints of a list of things to do
    done: re.Pattern[str]  # "đã", "xong", a closing "rồi": a part said done
    again: re.Pattern[str]  # "ok, còn X thì …": an earlier one named again
    sues: re.Pattern[str]  # "khởi kiện", "kiện ở đâu": a lawsuit, typed without diacritics
    sues_accented: re.Pattern[str]  # "kiện", not "điều kiện": a lawsuit, with diacritics
    eligible: re.Pattern[str]  # "đủ tuổi chưa", "có được hưởng không": whether one may
    measure: re.Pattern[str]  # "19 tuổi", "8 tháng": an age or a length of time told
    purpose: re.Pattern[str]  # "để mua nhà thì …": the purpose told before what is asked
    asking: re.Pattern[str]  # "mấy tháng", "bao lâu", "ở đâu": a question's word
    late: re.Pattern[str]  # "mất từ năm 2015 mà chưa khai tử": a thing of a past year not done
    many: re.Pattern[str]  # "2 việc", "vừa … vừa …", "và": a message asking more than one thing
    need_joint: re.Pattern[str]  # a line, a colon, "vừa": needs told together
    waiting: re.Pattern[str]  # "còn việc kia", "việc thứ 2": a need told earlier, not answered
    then_word: re.Pattern[str]  # "thì", as typed: where a case told leads to what is asked
    self_kin: re.Pattern[str]  # "tôi là con trai": which relative the asker is
    then_or_done: re.Pattern[str]  # "thì", "rồi", as typed: the same, more loosely
    supposing: re.Pattern[str]  # "nếu …", "lỡ …": a message opening with a case supposed
    wants: re.Pattern[str]  # "muốn làm", "cần xin": what the citizen wants done, told
    conditional: re.Pattern[str]  # "Nếu …", "Khi …": a document's case said as one
    business: re.Pattern[str]  # "cửa hàng", "công ty": a business's own hours, not the desk's
    business_typed: re.Pattern[str]  # "quán", "chợ", as typed: the same
    elsewhere: re.Pattern[str]  # "… nhưng giờ ở trọ …": after a place, living elsewhere now
    hometown: re.Pattern[str]  # "quê em ở": a home town told
    now_living: re.Pattern[str]  # "đang ở", "hiện sống": where the citizen lives now
    how_to: re.Pattern[str]  # "thì làm sao", "hướng dẫn giúp em": the whole way asked
    first_step: re.Pattern[str]  # "làm gì đầu tiên", "trước tiên cần gì": what comes first
    before: re.Pattern[str]  # "trước": a procedure said to come before
    asked_anew: re.Pattern[str]  # "mà cho hỏi …", "hỏi thêm chút …": a question of its own
    changes: re.Pattern[str]  # "số định danh có đổi không": whether a thing held changes
    everyday: re.Pattern[str]  # "giá vàng", "thời tiết": an everyday topic, no procedure's
    slot_am: re.Pattern[str]  # "sáng": a call-back in the morning
    slot_pm: re.Pattern[str]  # "chiều": a call-back in the afternoon
    slot_any: re.Pattern[str]  # "lúc nào cũng được": a call-back at any time
    case_then: re.Pattern[str]  # "thì", folded: where the case asked of ends
    what_to_do: re.Pattern[str]  # "… thì làm gì", "làm sao": what to do, asked of a case told
    acts_joint: re.Pattern[str]  # ",", "và", "hoặc": between the acts of a title
    reject: re.Pattern[str]  # "à không, ý tôi là …": a correction's opening
    sorry: re.Pattern[str]  # "à xin lỗi, …": a correction's opening, before a pause
    slip: re.Pattern[str]  # "à nhầm, …": a slip owned, before a pause
    interjection: re.Pattern[str]  # "à", "ơi", "thôi" before a correction
    paused: re.Pattern[str]  # "không, …": a bare "không" followed by a pause
    bare_denial: frozenset[str]  # "khong", "sai": a correction's opening that opens a question too
    not_that: re.Pattern[str]  # "không phải sửa, em phá đi …": denied, then meant
    rather: re.Pattern[str]  # "… chứ không phải …": meant, then denied
    meant: re.Pattern[str]  # "ý tôi là …": what was meant, told
    meant_after: re.Pattern[str]  # "…, vậy thì …", "… ý em là …": what a correction means, after
    choice: re.Pattern[str]  # "1", "số 2", "1, 3": the numbers of buttons chosen
    lives_in: re.Pattern[str]  # "tôi ở phường …": where the citizen lives
    thanks: re.Pattern[str]  # "ok cảm ơn bạn nhiều": thanks
    person: re.Pattern[str]  # "cho tôi gặp nhân viên": a person asked for
    clause_end: re.Pattern[str]  # ",", "quá": what may close a complaint before that
    contact: re.Pattern[str]  # "số tổng đài là gì": a number to call asked for
    switch: re.Pattern[str]  # "thế còn kết hôn thì sao": another one asked about
    switch_accented: re.Pattern[str]  # "còn" with its accent: never "con", a child
    back_verb: re.Pattern[str]  # "quay lại …", "hỏi lại …": going back
    earlier: re.Pattern[str]  # "lúc nãy", "cái trước": the one before the current
    which_thing: re.Pattern[str]  # "chuyện …", "việc …" before a name gone back to
    place_live: re.Pattern[str]  # "tôi ở …", "nhà em thuộc …": where the asker lives
    place_address: re.Pattern[str]  # "địa chỉ của tôi: …", "quê em ở …": the same, explicit
    place_typed: re.Pattern[str]  # "phường X", "P. X": a unit typed first
    unit_typed: frozenset[str]  # "quận", "p.": a unit as typed, first in a place named
    place_end: re.Pattern[str]  # ", cần gì", " làm khai sinh": where the place said ends
    place_end_name: re.Pattern[str]  # " Thị": an end read folded that is part of a name as typed
    place_now: re.Pattern[str]  # "…, giờ sáp nhập thành phường …": the name it has now
    place_old: re.Pattern[str]  # "… cũ", "… trước đây": the name it had
    place_trail: re.Pattern[str]  # "… rồi", "… nhé": what closes a place named
    desk_hours: re.Pattern[str]  # "giờ làm việc", "mấy giờ đóng cửa": the desk's hours
    hours_taken: re.Pattern[str]  # "mất mấy giờ": how long, not the desk's hours
    desk_weekend: re.Pattern[str]  # "thứ 7", "cuối tuần": a day the desk may be closed
    desk_sunday: re.Pattern[str]  # "chủ nhật", "cn"
    desk_open: re.Pattern[str]  # "có làm", "nhận": the desk open that day
    desk_today: re.Pattern[str]  # "hôm nay", "còn mở": the desk asked of now
    desk_where: re.Pattern[str]  # "nộp ở đâu", "địa chỉ một cửa": the desk itself asked for
    commands: Mapping[str, str]  # "xin chao": "start", a whole message and the command it says
    agree: frozenset[str]  # "co a", "dong y": a whole message that says yes
    decline: frozenset[str]  # "khong a", "de sau": a whole message that says no
    question_ends: tuple[str, ...]  # "khong", "chua": the last word of a message that asks
    desk_level: tuple[str, ...]  # "cấp xã", "một cửa": filed at the commune's level or desk
    desk_body: tuple[str, ...]  # "ubnd": a body of the commune that receives it
    desk_elsewhere: tuple[str, ...]  # "công an": another office a procedure is filed at

    def asks_word(self, text: str) -> bool:
        """Whether ``text`` says a question's word (:attr:`asking`) that no negation denies:
        "chưa bao giờ có sổ" asks no "when" (``knowledge/negation.py``)."""
        return bool(self.asking.search(default_negation().unsaid(text)))

    @classmethod
    def load(cls, path: Path = TURNS_FILE) -> Turns:
        data = read_yaml(path)

        def entry(name: str) -> Any:
            if name not in data:
                raise TurnsError(f"{path.name}: no entry {name!r}")
            return data[name]

        def words(name: str) -> tuple[str, ...]:
            return tuple(str(w) for w in entry(name))

        verbs = words("verbs")
        compiled = {
            f.name: pattern(entry(f.name), f.name) for f in fields(cls) if f.type == _PATTERN
        }
        return cls(
            **compiled,
            pointing=frozenset(words("pointing")),
            verbs=verbs,
            acts=tuple(sorted({*verbs, *words("acts")}, key=lambda v: -len(v))),
            plain=frozenset(words("plain")),
            undergone=frozenset(words("undergone")),
            commands={
                str(said): str(command)
                for command, phrases in entry("commands").items()
                for said in phrases
            },
            agree=frozenset(words("agree")),
            decline=frozenset(words("decline")),
            question_ends=words("question_ends"),
            bare_denial=frozenset(words("bare_denial")),
            unit_typed=frozenset(words("unit_typed")),
            desk_level=tuple(str(w) for w in entry("commune_desk")["level"]),
            desk_body=tuple(str(w) for w in entry("commune_desk")["body"]),
            desk_elsewhere=tuple(str(w) for w in entry("commune_desk")["elsewhere"]),
            variants={
                str(act): tuple(str(w) for w in said)
                for act, said in sorted(entry("variants").items(), key=lambda a: -len(str(a[0])))
            },
            papers={str(folded): str(said) for folded, said in entry("papers").items()},
            stay_days={str(u): int(n) for u, n in entry("stay_days").items()},
            stay_count={str(w): float(n) for w, n in entry("stay_count").items()},
        )


def pattern(entry: Mapping[str, Any], name: str = "pattern") -> re.Pattern[str]:
    """An entry's ``pattern`` compiled, each ``{list}`` in it standing for ``(?:a|b|c)``, the
    words of the entry's list of that name in their order."""

    def alternation(found: re.Match[str]) -> str:
        words = entry.get(found.group(1))
        if not isinstance(words, list) or not words:
            raise TurnsError(f"{name}: {{{found.group(1)}}} names no list of words")
        return "(?:" + "|".join(str(w) for w in words) + ")"

    try:
        return re.compile(_LIST.sub(alternation, str(entry["pattern"])))
    except (KeyError, re.error) as exc:
        raise TurnsError(f"{name}: {exc}") from exc


_TURNS: Once[Turns] = Once(Turns.load)


def default_turns() -> Turns:
    """The process's turn words: read from ``turns.yaml`` on first use, or the ones
    :func:`use_turns` installed."""
    return _TURNS.get()


def use_turns(found: Turns) -> None:
    """Make ``found`` the process's turn words (restored from the knowledge cache)."""
    _TURNS.use(found)
