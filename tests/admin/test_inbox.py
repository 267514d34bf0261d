"""The unmet inbox over HTTP, on SQLite and PostgreSQL: clusters, detail, and every action —
above all the alias loop (a citizen's unmatched question, added as an alias, is answered next)."""

from __future__ import annotations

import re

import yaml

from bot.admin.aliases import LearnedAliases
from bot.storage.alias_repo import AliasRepo
from handlers.events import UnmetReason, UnmetRecord
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.admin.conftest import Client, Dashboard
from tests.rows import record_unmet

QUESTION = "giấy tờ khi đón con chào đời"  # unmet in the knowledge base as shipped
PROCEDURE = "dang-ky-khai-sinh"


async def unmet_ids(dash: Dashboard) -> list[int]:
    return [row.id for row in await dash.storage.unmet_requests()]


async def test_unmet_question_shows_up_as_a_cluster(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await client.chat("c1", "xin visa di nhat")
    await client.chat("c2", "xin visa đi Nhật Bản")
    await client.chat("c3", "giấy phép karaoke")
    page = await client.page("/admin/inbox")
    assert "3 yêu cầu trong 2 nhóm" in page
    visa = re.search(r'<tr>.*?value="([\d,]+)".*?class="cluster"[^>]*>([^<]+)<', page, re.S)
    assert visa is not None and len(visa.group(1).split(",")) == 2
    assert "visa" in visa.group(2)


async def test_detail_shows_conversation_and_candidates(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await client.chat("c1", "chào bạn")
    await client.chat("c1", f"{QUESTION}, gọi 0912345678")
    [request_id] = await unmet_ids(dash)
    page = await client.page(f"/admin/inbox/{request_id}")
    assert "Người dân: chào bạn" in page
    assert "*******678" in page and "0912345678" not in page  # masked when stored
    assert re.search(
        r"Người dân: giấy tờ khi đón con chào đời.*?</li>\s*<li class=\"out\"", page, re.S
    )
    assert "Thủ tục bộ so khớp đã cân nhắc" in page
    assert re.search(r'<td class="num">0\.\d\d</td>', page)


async def test_adding_an_alias_answers_the_next_message(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    first = await client.chat("c1", QUESTION)
    assert "chưa tìm thấy thủ tục" in first
    [request_id] = await unmet_ids(dash)
    await client.page(f"/admin/inbox/{request_id}")
    response = await client.post(
        "/admin/inbox/act",
        {"ids": str(request_id), "action": "alias", "procedure_id": PROCEDURE, "text": QUESTION},
    )
    assert response.status == 200 and "Đã thêm cách hỏi" in client.last
    again = await client.chat("c2", QUESTION)
    assert "Đăng ký khai sinh" in again and "chưa tìm thấy thủ tục" not in again
    [row] = await dash.storage.unmet_requests()
    assert row.status == "resolved" and row.resolution == f"alias:{PROCEDURE}"
    [alias] = await dash.alias_repo.aliases()
    assert (alias.procedure_id, alias.text, alias.created_by) == (PROCEDURE, QUESTION, "an")
    entries, _ = await dash.audit_log.audit_entries(action="unmet.alias")
    assert entries[0].user_name == "an" and entries[0].target == PROCEDURE
    assert entries[0].detail["ids"] == [request_id]


async def test_learned_alias_is_loaded_again_after_a_restart(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await client.chat("c1", QUESTION)
    [request_id] = await unmet_ids(dash)
    await client.page(f"/admin/inbox/{request_id}")
    await client.post(
        "/admin/inbox/act",
        {"ids": str(request_id), "action": "alias", "procedure_id": PROCEDURE, "text": QUESTION},
    )
    await dash.stop()
    dash.matcher.set_learned({})  # as a fresh process would start
    await dash.start()
    assert "Đăng ký khai sinh" in await dash.client().chat("c9", QUESTION)


async def test_another_instance_picks_the_alias_up_on_refresh(dash: Dashboard) -> None:
    store = dash.knowledge[0]
    other = LiveMatcher(store)
    there = LearnedAliases(AliasRepo(dash.storage.engine), store, other)
    here = LearnedAliases(dash.alias_repo, store, dash.matcher)
    await here.add(PROCEDURE, QUESTION, "an")
    assert other.match(QUESTION).outcome.value == "unmet"
    await there.load()
    assert other.match(QUESTION).best is not None
    assert other.match(QUESTION).best.id == PROCEDURE  # type: ignore[union-attr]


async def test_alias_of_another_procedure_is_refused(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await dash.alias_repo.add_alias("huong-che-do-thai-san", QUESTION.upper(), "binh")
    await client.chat("c1", QUESTION)
    [request_id] = await unmet_ids(dash)
    await client.page(f"/admin/inbox/{request_id}")
    await client.post(
        "/admin/inbox/act",
        {"ids": str(request_id), "action": "alias", "procedure_id": PROCEDURE, "text": QUESTION},
    )
    assert "đã thuộc về một thủ tục khác" in client.last
    [row] = await dash.storage.unmet_requests()
    assert row.status == "new"
    assert [a.procedure_id for a in await dash.alias_repo.aliases()] == ["huong-che-do-thai-san"]


async def test_alias_needs_a_known_procedure(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await client.chat("c1", QUESTION)
    [request_id] = await unmet_ids(dash)
    await client.page(f"/admin/inbox/{request_id}")
    await client.post(
        "/admin/inbox/act",
        {"ids": str(request_id), "action": "alias", "procedure_id": "khong-co", "text": QUESTION},
    )
    assert "Hãy chọn một thủ tục" in client.last
    assert await dash.alias_repo.aliases() == []


async def test_bulk_alias_adds_every_phrasing_of_the_cluster(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await client.chat("c1", "xin visa di nhat")
    await client.chat("c2", "xin visa đi Nhật Bản")
    ids = await unmet_ids(dash)
    await client.page("/admin/inbox")
    await client.post(
        "/admin/inbox/act",
        [
            ("ids", ",".join(map(str, ids))),
            ("action", "alias"),
            ("procedure_id", "cap-ho-chieu-pho-thong"),
            ("text", ""),
            ("all_phrasings", "1"),
        ],
    )
    assert {a.text for a in await dash.alias_repo.aliases()} == {
        "xin visa di nhat",
        "xin visa đi Nhật Bản",
    }
    assert {r.status for r in await dash.storage.unmet_requests()} == {"resolved"}


async def test_ignore_forever_keeps_the_phrasing_from_coming_back(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await client.chat("c1", "con mèo nhà tôi bị ốm")
    [request_id] = await unmet_ids(dash)
    await client.page(f"/admin/inbox/{request_id}")
    await client.post("/admin/inbox/act", {"ids": str(request_id), "action": "ignore"})
    assert "Đã bỏ qua vĩnh viễn" in client.last
    await client.chat("c2", "Con mèo nhà tôi bị ốm!")
    [row] = await dash.storage.unmet_requests()
    assert row.id == request_id and row.status == "ignored"
    open_page = await client.page("/admin/inbox")
    assert "con mèo" not in open_page
    assert "con mèo nhà tôi bị ốm" in await client.page("/admin/inbox/ignored")


async def test_storage_skips_an_ignored_phrasing(dash: Dashboard) -> None:
    user = await dash.storage.user("web", "c1")
    await dash.inbox.add_ignore("báo mất ví", "an")
    record = UnmetRecord(UnmetReason.NO_MATCH, "Báo  mất VÍ")
    assert not await record_unmet(dash.storage, user, "web", record)
    assert await record_unmet(dash.storage, user, "web", UnmetRecord(UnmetReason.NO_MATCH, "ví"))


async def test_deleting_an_ignore_rule_lets_the_phrasing_back(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "admin")
    await dash.inbox.add_ignore("báo mất ví", "an")
    [rule] = await dash.inbox.ignore_rules()
    await client.page("/admin/inbox/ignored")
    await client.post(f"/admin/inbox/ignored/{rule.id}/delete")
    assert await dash.inbox.ignore_rules() == []
    await client.chat("c1", "báo mất ví")
    assert len(await unmet_ids(dash)) == 1


async def test_out_of_scope_resolves_and_says_why(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await client.chat("c1", "giấy phép karaoke")
    [request_id] = await unmet_ids(dash)
    await client.page("/admin/inbox")
    await client.post("/admin/inbox/act", {"ids": str(request_id), "action": "out_of_scope"})
    [row] = await dash.storage.unmet_requests()
    assert (row.status, row.resolution) == ("resolved", "out_of_scope")
    entries, _ = await dash.audit_log.audit_entries(action="unmet.out_of_scope")
    assert entries[0].detail["ids"] == [request_id]


async def test_statuses_go_reviewed_then_back_to_new(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await client.chat("c1", "giấy phép karaoke")
    [request_id] = await unmet_ids(dash)
    await client.page("/admin/inbox")
    await client.post("/admin/inbox/act", {"ids": str(request_id), "action": "reviewed"})
    assert [r.status for r in await dash.storage.unmet_requests()] == ["reviewed"]
    assert "giấy phép karaoke" in await client.page("/admin/inbox?status=reviewed")
    assert "giấy phép karaoke" not in await client.page("/admin/inbox?status=new")
    await client.post("/admin/inbox/act", {"ids": str(request_id), "action": "reopen"})
    assert [r.status for r in await dash.storage.unmet_requests()] == ["new"]


async def test_note_is_kept_on_every_selected_request(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await client.chat("c1", "xin visa di nhat")
    await client.chat("c2", "xin visa đi Nhật Bản")
    ids = await unmet_ids(dash)
    await client.page(f"/admin/inbox/{ids[0]}")
    await client.post(
        "/admin/inbox/act",
        [("ids", str(ids[0])), ("ids", str(ids[1])), ("action", "note"), ("note", "Hỏi Sở")],
    )
    rows = await dash.inbox.unmet_by_ids(ids)
    assert [r.note for r in rows] == ["Hỏi Sở", "Hỏi Sở"]
    assert "Ghi chú: Hỏi Sở" in await client.page(f"/admin/inbox/{ids[0]}")


async def test_bulk_action_on_a_cluster_from_the_list(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await client.chat("c1", "xin visa di nhat")
    await client.chat("c2", "xin visa đi Nhật Bản")
    await client.chat("c3", "giấy phép karaoke")
    page = await client.page("/admin/inbox")
    values = re.findall(r'name="ids" value="([\d,]+)"', page)
    visa = next(v for v in values if "," in v)
    await client.post("/admin/inbox/act", {"ids": visa, "action": "reviewed"})
    statuses = {r.text: r.status for r in await dash.storage.unmet_requests()}
    assert statuses == {
        "xin visa di nhat": "reviewed",
        "xin visa đi Nhật Bản": "reviewed",
        "giấy phép karaoke": "new",
    }


async def test_action_without_selection_changes_nothing(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await client.chat("c1", "giấy phép karaoke")
    await client.page("/admin/inbox")
    await client.post("/admin/inbox/act", {"action": "ignore"})
    assert "Chưa chọn yêu cầu nào" in client.last
    assert await dash.inbox.ignore_rules() == []


async def test_inbox_api_lists_clusters(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await client.chat("c1", "xin visa di nhat")
    await client.chat("c2", "xin visa đi Nhật Bản")
    body = await (await client.get("/admin/api/inbox")).json()
    [visa] = body["clusters"]
    assert visa["count"] == 2 and visa["channels"] == {"web": 2}


async def test_in_procedure_questions_are_grouped_per_procedure(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await client.chat("c1", "đăng ký tạm trú")
    await client.chat("c1", "nhà có nuôi chó thì có sao không")
    await client.chat("c2", "đăng ký tạm trú")
    await client.chat("c2", "nhà tôi nuôi chó có sao không")
    await client.chat("c3", "xin visa di nhat")  # no procedure: not in the per-procedure table
    page = await client.page("/admin/inbox")
    table = page.split("Câu hỏi trong từng thủ tục", 1)[1].split("Tất cả yêu cầu", 1)[0]
    assert re.search(r"<td>Đăng ký tạm trú</td>\s*<td class=\"num\">2</td>", table)
    assert "nuôi chó" in table and "visa" not in table
    body = await (await client.get("/admin/api/inbox")).json()
    assert {c["procedure"] for c in body["clusters"]} == {"dang-ky-tam-tru", None}


async def test_inbox_without_in_procedure_questions_has_no_such_table(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await client.chat("c1", "xin visa di nhat")
    assert "Câu hỏi trong từng thủ tục" not in await client.page("/admin/inbox")


async def test_yaml_export_has_the_learned_alias(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await dash.alias_repo.add_alias(PROCEDURE, QUESTION, "an")
    response = await client.get("/admin/knowledge/aliases.yaml")
    data = yaml.safe_load(await response.text())
    assert QUESTION in data[PROCEDURE]["aliases"]
    one = yaml.safe_load(
        await (await client.get(f"/admin/knowledge/aliases.yaml?procedure={PROCEDURE}")).text()
    )
    assert one["aliases"][-1] == QUESTION


async def test_admin_deletes_a_learned_alias_and_the_matcher_forgets_it(
    dash: Dashboard,
) -> None:
    client = await dash.signed_in("an", "admin")
    store: KnowledgeStore = dash.knowledge[0]
    aliases = LearnedAliases(dash.alias_repo, store, dash.matcher)
    row = await aliases.add(PROCEDURE, QUESTION, "an")
    assert "Đăng ký khai sinh" in await client.chat("c1", QUESTION)
    await client.page(f"/admin/knowledge/{PROCEDURE}")
    await client.post(f"/admin/knowledge/aliases/{row.id}/delete")
    assert "Đã xoá cách hỏi" in client.last
    assert "chưa tìm thấy thủ tục" in await client.chat("c2", QUESTION)
    entries, _ = await dash.audit_log.audit_entries(action="alias.delete")
    assert entries[0].detail["text"] == QUESTION


async def test_supervisor_cannot_delete_a_learned_alias(dash: Dashboard) -> None:
    client: Client = await dash.signed_in("binh", "supervisor")
    row = await dash.alias_repo.add_alias(PROCEDURE, QUESTION, "an")
    await client.page(f"/admin/knowledge/{PROCEDURE}")
    response = await client.post(f"/admin/knowledge/aliases/{row.id}/delete")
    assert response.status == 403
    assert len(await dash.alias_repo.aliases()) == 1
