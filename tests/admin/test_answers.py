"""The supervisors' loop for answers: a question asked inside a procedure that the guidance does
not answer is answered in the inbox, at once for the next citizen, on every instance, dated and
signed, audit-logged, editable, withdrawable and exported with the aliases."""

from __future__ import annotations

import yaml

from bot.admin.supervisor_answers import SupervisorAnswers
from bot.storage.answer_repo import AnswerDraft, AnswerRepo
from knowledge.live import LiveAnswers
from tests.admin.conftest import Client, Dashboard

PROCEDURE = "dang-ky-thuong-tru"
QUESTION = "nhà có nuôi chó thì có sao không"
ANSWER = "Việc nuôi chó không ảnh hưởng đến đăng ký thường trú."


async def asked_and_unanswered(dash: Dashboard, client: Client) -> int:
    await client.chat("c1", "đăng ký thường trú")
    reply = await client.chat("c1", QUESTION)
    assert "chưa có chi tiết này" in reply
    [row] = [r for r in await dash.storage.unmet_requests() if r.procedure_id == PROCEDURE]
    assert row.reason == "no_answer_in_procedure"
    return int(row.id)


async def write(client: Client, request_id: int, **extra: str) -> None:
    await client.page(f"/admin/inbox/{request_id}")
    response = await client.post(
        f"/admin/inbox/{request_id}/answer",
        {"answer": ANSWER, "question": QUESTION, **extra},
    )
    assert response.status == 200


async def test_a_written_answer_answers_the_next_citizen_at_once(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    request_id = await asked_and_unanswered(dash, client)
    page = await client.page(f"/admin/inbox/{request_id}")
    assert "Trả lời câu hỏi này" in page
    await write(client, request_id, legal_basis="Luật Cư trú 2020", link="https://example.vn/a")
    assert "Đã lưu câu trả lời" in client.last
    await client.chat("c2", "đăng ký thường trú")
    reply = await client.chat("c2", "nhà có nuôi chó thì có sao không ạ")
    assert ANSWER in reply and "Trả lời của Bộ phận Một cửa, ngày" in reply
    assert "Căn cứ: Luật Cư trú 2020" in reply and "https://example.vn/a" in reply
    [row] = [r for r in await dash.storage.unmet_requests() if r.id == request_id]
    assert row.status == "resolved"
    entries, _ = await dash.audit_log.audit_entries(action="answer.write")
    assert entries[0].user_name == "an" and entries[0].target == PROCEDURE


OFFICE = "Hỏi thêm Bộ phận Một cửa qua số 024 3825 1234."


async def test_the_offices_public_number_reaches_citizens_as_written(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    request_id = await asked_and_unanswered(dash, client)
    await write(client, request_id, answer=OFFICE, public_contact="yes")
    assert "Đã lưu câu trả lời" in client.last
    await client.chat("c2", "đăng ký thường trú")
    assert OFFICE in await client.chat("c2", QUESTION)


async def test_an_answer_with_a_number_is_not_saved_unless_said_to_be_public(
    dash: Dashboard,
) -> None:
    client = await dash.signed_in("an", "supervisor")
    request_id = await asked_and_unanswered(dash, client)
    await write(client, request_id, answer="Chị Lan sẽ gọi lại số 0912 345 678 của bạn.")
    assert "Chưa lưu: câu trả lời có số điện thoại" in client.last
    assert await dash.answer_repo.answers() == []


async def test_an_answer_is_only_for_its_procedure(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await write(client, await asked_and_unanswered(dash, client))
    await client.chat("c3", "đăng ký tạm trú")
    assert ANSWER not in await client.chat("c3", QUESTION)


async def test_edit_and_withdraw_are_audited_and_take_effect(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await write(client, await asked_and_unanswered(dash, client))
    [answer] = await dash.answer_repo.answers(PROCEDURE)
    await client.page(f"/admin/knowledge/{PROCEDURE}")
    await client.post(
        f"/admin/answers/{answer.id}/edit", {"answer": "Không ảnh hưởng.", "question": QUESTION}
    )
    await client.chat("c4", "đăng ký thường trú")
    assert "Không ảnh hưởng." in await client.chat("c4", QUESTION)
    await client.post(f"/admin/answers/{answer.id}/withdraw", {})
    await client.chat("c5", "đăng ký thường trú")
    assert "Không ảnh hưởng." not in await client.chat("c5", QUESTION)
    actions = [e.action for e in (await dash.audit_log.audit_entries())[0]]
    assert "answer.edit" in actions and "answer.withdraw" in actions


async def test_an_empty_answer_or_a_bad_link_is_refused(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    request_id = await asked_and_unanswered(dash, client)
    await client.page(f"/admin/inbox/{request_id}")
    await client.post(f"/admin/inbox/{request_id}/answer", {"answer": "  "})
    await client.post(
        f"/admin/inbox/{request_id}/answer", {"answer": ANSWER, "link": "javascript:alert(1)"}
    )
    assert await dash.answer_repo.answers() == []


async def test_a_volunteer_cannot_write_answers(dash: Dashboard) -> None:
    client = await dash.signed_in("vy", "volunteer")
    request_id = await asked_and_unanswered(dash, client)
    response = await client.post(f"/admin/inbox/{request_id}/answer", {"answer": ANSWER})
    assert response.status in (403, 404) or "đăng nhập" in client.last.lower()
    assert await dash.answer_repo.answers() == []


async def test_another_instance_picks_the_answer_up_on_refresh(dash: Dashboard) -> None:
    there = LiveAnswers()
    other = SupervisorAnswers(AnswerRepo(dash.storage.engine), there)
    await SupervisorAnswers(dash.answer_repo, LiveAnswers()).add(
        AnswerDraft(PROCEDURE, QUESTION, ANSWER, "UBND phường Mẫu"), "an"
    )
    assert not there.current
    await other.load()
    [found] = there.current[PROCEDURE]
    assert (found.answer, found.unit) == (ANSWER, "UBND phường Mẫu")


async def test_answers_are_exported_with_the_aliases_as_faq(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await write(client, await asked_and_unanswered(dash, client), legal_basis="Luật Cư trú 2020")
    response = await client.get(f"/admin/knowledge/aliases.yaml?procedure={PROCEDURE}")
    data = yaml.safe_load(await response.text())
    [faq] = data["faq"]
    assert faq["questions"] == [QUESTION] and faq["answer"] == ANSWER
    assert faq["legal_basis"] == ["Luật Cư trú 2020"] and faq["verified"] is False
    assert data["aliases"]  # the file's aliases still come first
