"""Which part of a message asks: every reading of it in one place.

A message often tells the citizen's own case first and asks last ("ông cụ run tay ký không nổi
thì điểm chỉ có được không", "chồng đi làm xa, có cần đủ mặt không"), or asks in one clause and
tells in another ("về quê nộp được không, công ty ở Bắc Ninh"). The answer is planned on the whole
message and on the part that asks (``handlers/answer.py``); these are the ways that part is read:

- :func:`asks`: the text ends as a question ("…được không", "…chưa", "…?");
- :func:`asks_by_word`: the text is a question, or says a question's word ("mấy tháng", "bao
  lâu");
- :func:`clause_asks`: a clause asks, by a part's words ("ở đâu", "lệ phí") or as a question;
- :func:`asks_any_way`: a question's ending or word, or a part's words;
- :func:`asking_clauses`: the clauses that ask, those that tell the case left out;
- :func:`asked_part`: the last clause that asks, past its "thì" when it still says something
  after it; None when that is the whole message;
- :func:`past_then`: whatever the message says past its last "thì";
- :func:`past_case`: what is asked past the case told first, unless the case is supposed
  ("nếu …"), which is then part of what is asked;
- :func:`after_supposing`: what a conditional question ("nếu … thì …") asks after its "thì";
- :func:`question_of`: what a message that settles on a procedure asks: its last clause that
  asks, past its "thì" (or "rồi"), its purpose ("để mua nhà") left out.

Their words ("thì", "nếu", the endings of a question) are in ``knowledge/lexicon/turns.yaml``;
a part's words in ``knowledge/lexicon/answers.yaml``.
"""

from __future__ import annotations

import re

from knowledge.answers import default_words
from knowledge.text import has_diacritics, key
from knowledge.turns import default_turns

CLAUSES = re.compile(r"[,;.!?\n]+")  # what ends a clause
QUESTIONS = re.compile(r"[^,;.!?\n]+\??")  # a clause, with its question mark


def asks(text: str) -> bool:
    """Whether the message is a question ("…được không", "…chưa", "…?"), not just a name."""
    folded = key(text)
    return "?" in text or any(folded.endswith(" " + end) for end in default_turns().question_ends)


def asks_by_word(text: str) -> bool:
    """Whether the text asks something: a question's ending, or a question's word ("mấy tháng",
    "bao lâu", "ở đâu")."""
    return asks(text) or default_turns().asks_word(text)


def clause_asks(clause: str) -> bool:
    """Whether a clause asks: it says a part's words ("ở đâu", "bao nhiêu tiền") or it is a
    question (:func:`asks`)."""
    return bool(default_words().asked(clause)) or asks(clause)


def asks_any_way(clause: str) -> bool:
    """Whether a clause asks in any way: a question's ending or word (:func:`asks_by_word`), or a
    part's words."""
    return asks_by_word(clause) or bool(default_words().asked(clause))


def asking_clauses(text: str) -> str:
    """The clauses of a message that ask (:func:`clause_asks`); the others tell the citizen's own
    case ("…, tôi ngại ra xếp hàng"). The whole message when no clause asks, or all do."""
    clauses = [c for c in CLAUSES.split(text) if c.strip()]
    kept = [c for c in clauses if clause_asks(c)]
    return " . ".join(kept) if kept and len(kept) < len(clauses) else text


def asked_part(text: str) -> str | None:
    """The part of a message that asks, when it tells something before: its last clause that
    asks, past a "thì" after which it still says something ("ông cụ run tay ký không nổi thì
    điểm chỉ có được không": "điểm chỉ có được không"). None when that is the whole message."""
    words = default_words()
    clauses = [c.strip() for c in CLAUSES.split(text) if c.strip()]
    asking = [c for c in clauses if clause_asks(c)]
    last = asking[-1] if asking else text.strip()
    after = _past_last_then(last, has_diacritics(text))
    if after.strip() and (words.content(after) or words.asked(after)):
        last = after.strip()
    return last if last and key(last) != key(text) else None


def past_then(text: str) -> str | None:
    """What a message says past its last "thì" ("bố mẹ không đồng ý thì có đăng ký được không":
    "có đăng ký được không"), however little; None without one."""
    return _past_last_then(text, has_diacritics(text)).strip(" ,.;:") or None


def past_case(text: str) -> str:
    """What a message asks past the case it tells first (:func:`asked_part`: "muốn đổi sang
    bệnh viện gần nhà thì lúc nào đổi được": "lúc nào đổi được"); a case supposed ("nếu bán
    thêm rượu thì …") is what is asked, and stays (:func:`asking_clauses`)."""
    if default_turns().supposing.match(text.strip()):
        return asking_clauses(text)
    return asked_part(text) or asking_clauses(text)


def after_supposing(text: str) -> str:
    """What a conditional question asks after its "thì" ("nếu … thì …"), else all of it."""
    turns = default_turns()
    parts = turns.then_word.split(text)
    return parts[-1] if len(parts) > 1 and turns.supposing.match(parts[0]) else text


def question_of(text: str, *, done: bool = True) -> str:
    """The part of a message that asks: its last clause that asks (:func:`asks_any_way`), past a
    "thì" (``done``: or a "rồi") after which it still asks, the purpose told before it ("để mua
    nhà") left out. The whole message when it is one clause that asks all of it."""
    clauses = [c.strip() for c in QUESTIONS.findall(text) if c.strip()]
    asking = [c for c in clauses if asks_any_way(c)]
    if not asking:
        return text
    last = asking[-1]
    # "rồi" after a thing that has happened joins the case told to the question as "thì" does
    # ("thẻ hết hạn năm 25 tuổi rồi đổi ở đâu"), more loosely: a passage or a question-and-answer
    # the whole message found, case included, still answers it ("người nhà mất rồi có phải đi
    # xóa thường trú không"); only a part the case names gives way to the part asked after it
    turns = default_turns()
    then = (turns.then_or_done if done else turns.then_word).split(last)
    if len(then) > 1 and asks_any_way(then[-1]) and default_words().content(then[-1]):
        last = then[-1].strip()
    purpose = turns.purpose
    folded = key(last)
    if purpose.search(folded):
        last = purpose.sub(" ", folded)
    return " ".join(last.split()) or text


def _past_last_then(said: str, marked: bool) -> str:
    """What ``said`` says past its last "thì", "" without one. In a message typed with marks
    (``marked``), a "thi" without them is no "thì" ("có phải thi lại không")."""
    thens = [
        m for m in default_turns().then_word.finditer(said) if has_diacritics(m[0]) or not marked
    ]
    return said[thens[-1].end() :] if thens else ""
