"""Answers supervisors write in the unmet inbox to questions asked inside a procedure.

Stored in ``written_answers`` and put in service at once in this process
(:class:`knowledge.live.LiveAnswers`, read by the chat service); other instances pick them up on
the same refresh as the learned aliases. Citizens who ask the same question about that procedure
read them as "Trả lời của <unit>, ngày …". Writing, editing and withdrawing are audit-logged; the
answers are exported with the aliases (``/admin/knowledge/aliases.yaml``) as ``faq`` entries.

The question is the citizen's words and is stored masked. The answer is staff's words, stored as
written: masking it would turn the office's public phone number or e-mail into ``********234``
for every citizen. Since a supervisor could also paste a citizen's number by mistake, an answer
in which :func:`handlers.privacy.mask` finds something is saved only when the supervisor ticks
the box saying it is the office's public contact; otherwise it is sent back with a warning.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.admin.audit import record
from bot.admin.context import PREFIX, admin_of, redirect, safe_next, who
from bot.storage.answer_repo import MAX_ANSWER, AnswerDraft
from handlers.privacy import mask

MAX_FIELD = 500  # characters of a legal basis or a link
PUBLIC_CONTACT = "public_contact"  # the box: the numbers in the answer are the office's own


def _draft(form: Any, procedure_id: str, question: str, unit: str) -> AnswerDraft | str:
    """The answer to store, or the flash key saying why not."""
    answer = " ".join(str(form.get("answer", "")).split())[:MAX_ANSWER]
    basis = " ".join(str(form.get("legal_basis", "")).split())[:MAX_FIELD] or None
    link = str(form.get("link", "")).strip()[:MAX_FIELD] or None
    if not answer or (link and not link.startswith(("https://", "http://"))):
        return "answer_invalid"
    if mask(answer) != answer and form.get(PUBLIC_CONTACT) != "yes":
        return "answer_personal"
    return AnswerDraft(procedure_id, mask(question)[:MAX_ANSWER], answer, unit, basis, link)


async def write(request: web.Request) -> web.StreamResponse:
    """Answer the question of an unmet request asked inside a procedure."""
    admin = admin_of(request)
    try:
        request_id = int(request.match_info["id"])
    except ValueError:
        raise web.HTTPNotFound() from None
    found = await admin.inbox.unmet_by_ids([request_id])
    if not found or not found[0].procedure_id:
        raise web.HTTPNotFound()
    row = found[0]
    form = await request.post()
    back = safe_next(str(form.get("next", "")), f"{PREFIX}/inbox/{row.id}")
    procedure_id = str(row.procedure_id)
    if procedure_id not in admin.store.current.procedures:
        raise redirect(back, "answer_invalid")
    question = str(form.get("question", "")).strip() or row.text
    draft = _draft(form, procedure_id, question, admin.settings.answer_unit)
    if isinstance(draft, str):
        raise redirect(back, draft)
    stored = await admin.answers.add(draft, who(request))
    await admin.inbox.set_status([row.id], "resolved", f"answer:{stored.id}")
    await record(
        request, "answer.write", procedure_id, answer_id=stored.id, request_id=row.id,
        question=stored.question, answer=stored.answer,
    )  # fmt: skip
    raise redirect(back, "answer_written")


async def edit(request: web.Request) -> web.StreamResponse:
    admin = admin_of(request)
    answer_id = _id(request)
    current = next((a for a in await admin.answer_repo.answers() if a.id == answer_id), None)
    if current is None:
        raise web.HTTPNotFound()
    form = await request.post()
    back = f"{PREFIX}/knowledge/{current.procedure_id}"
    question = str(form.get("question", "")).strip() or current.question
    draft = _draft(form, current.procedure_id, question, current.unit)
    if isinstance(draft, str):
        raise redirect(back, draft)
    stored = await admin.answers.edit(answer_id, draft)
    if stored is None:
        raise web.HTTPNotFound()
    await record(
        request, "answer.edit", stored.procedure_id, answer_id=stored.id,
        before=current.answer, after=stored.answer,
    )  # fmt: skip
    raise redirect(back, "answer_edited")


async def withdraw(request: web.Request) -> web.StreamResponse:
    admin = admin_of(request)
    stored = await admin.answers.withdraw(_id(request))
    if stored is None:
        raise web.HTTPNotFound()
    await record(
        request, "answer.withdraw", stored.procedure_id, answer_id=stored.id, answer=stored.answer
    )
    raise redirect(f"{PREFIX}/knowledge/{stored.procedure_id}", "answer_withdrawn")


def _id(request: web.Request) -> int:
    try:
        return int(request.match_info["id"])
    except ValueError:
        raise web.HTTPNotFound() from None
