"""Say what answers a message about one procedure: the planner of a message that has just
settled on the procedure (:mod:`handlers.settled`) or of a follow-up (:func:`handlers.answer.plan`)
finds it; a question-and-answer, a supervisor's answer, quoted passages, a part, the card, or
"this detail is not in the guidance" is said here.
"""

from __future__ import annotations

from handlers import answer, keyboards, settled, texts
from handlers import sections as sec
from handlers.conversation import Conversation
from knowledge.answers import default_words
from knowledge.schema import Procedure


def reply(
    conv: Conversation, proc: Procedure, text: str, *, fresh: bool = False, named: bool = False
) -> None:
    """Answer ``text`` about ``proc``. ``fresh``: the procedure was just found, so with nothing
    specific to say its card is the answer."""
    conv.state.focus(proc.id)
    if fresh:
        answer.first_steps(conv, proc, text)
        found = settled.plan(conv, proc, text)  # what a message that settles on it asks of it
    else:
        found = answer.plan_told(conv, proc, text, named=named)
    conv.outcome = "answer"
    if found.faq or found.written or found.hits or found.paper:
        conv.state.section = None  # "thế còn X thì sao" next asks about X as a whole
    if found.faq:
        conv.state.misses = 0
        answer.say_faq(conv, proc, found.faq)
    elif found.written:
        conv.state.misses = 0
        answer.say_written(conv, proc, found.written)
    elif found.paper:
        conv.state.misses = 0
        answer.say_paper(conv, proc, found.paper)
    elif found.hits and not (fresh and answer.how_to(text)):
        conv.state.misses = 0
        answer.say_passages(conv, proc, found.hits)
    elif found.section:
        parts = settled.parts_asked(conv, proc, text)
        if len(parts) < 2 or (not fresh and found.section not in parts):
            parts = [found.section]  # "nộp ở đâu, bao lâu": each part asked, in turn; a
            # follow-up's too, when the part its planner found is one of them
        for part in parts:
            answer.show(conv, proc, part.id)
    elif fresh:
        answer.show(conv, proc, sec.CARD)
    elif not default_words().content(text) and not default_words().asked(text):
        conv.outcome = None  # "thế còn gì nữa": nothing new asked
        conv.say(texts.ANYTHING_ELSE.format(title=proc.title), keyboards.sections(proc, ""))
    else:
        answer.not_found(conv, proc, text)
