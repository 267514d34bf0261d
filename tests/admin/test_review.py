"""Review in the dashboard: a reviewer checks, reports and corrects sections; citizens see the
result at once; roles, last-writer conflicts, escaping, length limits, audit and YAML export."""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import yaml

from bot.admin import knowledge
from bot.admin.overlay import Reviews
from bot.admin.reviews import reviews_from_yaml
from bot.storage.review_repo import ReviewRepo
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from knowledge.loader import PROCEDURES_DIR
from knowledge.schema import DETAIL_FIELDS, Procedure
from tests.admin.conftest import Client, Dashboard

PID = "dang-ky-khai-sinh"
ASK = "đăng ký khai sinh"
CARD_SECTIONS = ("processing_time", "fees", "online")  # what the card's footer vouches for
SIGNER = "Nguyễn Thị Lan, công chức tư pháp"
NASTY = "Mang <b>bản chính</b> & \"CCCD\": #1 {{ x }} - 'a' ---"


@pytest.fixture(autouse=True)
def _clean_store(knowledge: tuple[KnowledgeStore, LiveMatcher]) -> Iterator[None]:
    """The knowledge store is shared by the session's tests: leave it without reviews."""
    yield
    knowledge[0].set_reviews(())


def review_repo(dash: Dashboard) -> ReviewRepo:
    return ReviewRepo(dash.storage.engine)


async def check(client: Client, section: str, version: int = 0, **form: str) -> Any:
    await client.page(f"/admin/knowledge/{PID}")
    data = {"op": "check", "version": str(version), "against": "NĐ 123/2015/NĐ-CP"}
    data["signer"] = SIGNER
    data.update(form)
    return await client.post(f"/admin/knowledge/{PID}/review/{section}", data)


async def test_checked_card_says_so_and_a_report_takes_it_back(lite: Dashboard) -> None:
    reviewer = await lite.signed_in("lan", "reviewer")
    before = await reviewer.chat("c1", ASK)
    assert "Đã kiểm tra ngày" not in before and "chưa được xác minh" in before
    for section in CARD_SECTIONS[:-1]:
        assert (await check(reviewer, section)).status == 200
    assert "Đã kiểm tra ngày" not in await reviewer.chat("c2", ASK)  # one section still open
    response = await check(reviewer, CARD_SECTIONS[-1])
    assert response.status == 200 and "Đã ghi nhận kiểm tra" in reviewer.last
    checked = await reviewer.chat("c3", ASK)
    day = lite.knowledge[0].today().strftime("%d/%m/%Y")
    assert f"Đã kiểm tra ngày {day} bởi {SIGNER}" in checked
    assert "chưa được xác minh" not in checked

    await reviewer.page(f"/admin/knowledge/{PID}")
    await reviewer.post(
        f"/admin/knowledge/{PID}/review/fees", {"op": "report", "note": "Lệ phí đã đổi"}
    )
    assert "Đã ghi nhận báo sai" in reviewer.last
    after = await reviewer.chat("c4", ASK)
    assert "Đã kiểm tra ngày" not in after and "chưa được xác minh" in after
    queue = await reviewer.page("/admin/reports")
    assert "Lệ phí đã đổi" in queue and f"/admin/knowledge/{PID}#s-fees" in queue
    listing = await reviewer.page("/admin/knowledge?reported=1")
    assert f'href="/admin/knowledge/{PID}"' in listing
    assert 'href="/admin/knowledge/dang-ky-ket-hon"' not in listing

    assert (await check(reviewer, "fees", version=1)).status == 200  # closes the report
    other = await reviewer.page("/admin/knowledge/dang-ky-ket-hon")  # signed with the same name
    assert f'name="signer" maxlength="80" required value="{SIGNER}"' in other
    assert "Không có báo sai nào đang mở" in await reviewer.page("/admin/reports")
    actions = [r.action for r in (await lite.audit_log.audit_entries(user_name="lan"))[0]]
    assert actions.count("review.check") == 4 and "review.report" in actions


async def test_a_supervisor_cannot_review(lite: Dashboard) -> None:
    supervisor = await lite.signed_in("binh", "supervisor")
    page = await supervisor.page(f"/admin/knowledge/{PID}")
    assert "Kiểm tra từng phần" in page and ">Đã kiểm tra</button>" not in page
    response = await check(supervisor, "fees")
    assert response.status == 403
    assert await review_repo(lite).reviews() == []


async def test_unknown_section_or_action_is_refused(lite: Dashboard) -> None:
    reviewer = await lite.signed_in("lan", "reviewer")
    assert (await check(reviewer, "aliases")).status == 404
    response = await check(reviewer, "fees", op="publish")
    assert response.status == 400
    assert await review_repo(lite).reviews() == []


async def test_two_reviewers_on_one_section_never_overwrite_each_other(dash: Dashboard) -> None:
    first = await dash.signed_in("lan", "reviewer")
    second = await dash.signed_in("minh", "reviewer")
    await first.page(f"/admin/knowledge/{PID}")
    await second.page(f"/admin/knowledge/{PID}")  # both read version 0
    edit = {"op": "edit", "version": "0", "f_text": "Trong ngày", "f_note": "Của Lan"}
    assert (await first.post(f"/admin/knowledge/{PID}/review/processing_time", edit)).status == 200
    response = await second.post(
        f"/admin/knowledge/{PID}/review/processing_time",
        {"op": "check", "version": "0", "against": "Luật Hộ tịch", "signer": "Minh"},
    )
    assert response.status == 409
    assert "lan đã thay đổi phần này" in second.last and "Không có gì bị ghi đè" in second.last
    assert "Của Lan" in second.last  # the page shows what the other reviewer wrote
    row = await review_repo(dash).review(PID, "processing_time")
    assert row.version == 1 and row.edits["note"] == "Của Lan" and row.review is None
    again = {**edit, "f_note": "Của Minh"}  # the second edit, from the same stale version
    response = await second.post(f"/admin/knowledge/{PID}/review/processing_time", again)
    assert response.status == 409
    assert (await review_repo(dash).review(PID, "processing_time")).edits["note"] == "Của Lan"
    # Both now read version 1; the first to write wins again, the other is told.
    await first.page(f"/admin/knowledge/{PID}")
    await second.page(f"/admin/knowledge/{PID}")
    newer = {**edit, "version": "1", "f_note": "Lan sửa lần hai"}
    assert (await first.post(f"/admin/knowledge/{PID}/review/processing_time", newer)).ok
    stale = {"op": "check", "version": "1", "against": "Luật Hộ tịch", "signer": "Minh"}
    response = await second.post(f"/admin/knowledge/{PID}/review/processing_time", stale)
    assert response.status == 409 and "(phiên bản 2)" in second.last
    row = await review_repo(dash).review(PID, "processing_time")
    assert row.version == 2 and row.edits["note"] == "Lan sửa lần hai" and row.review is None
    conflicts = (await dash.audit_log.audit_entries(action="review.conflict"))[1]
    assert conflicts == 3


async def test_an_edit_reaches_citizens_escaped_in_the_dashboard(lite: Dashboard) -> None:
    reviewer = await lite.signed_in("lan", "reviewer")
    await reviewer.page(f"/admin/knowledge/{PID}")
    response = await reviewer.post(
        f"/admin/knowledge/{PID}/review/fees", {"op": "edit", "version": "0", "f_note": NASTY}
    )
    assert response.status == 200 and "Đã lưu nội dung sửa" in reviewer.last
    assert "<b>bản chính</b>" not in reviewer.last
    assert "Mang &lt;b&gt;bản chính&lt;/b&gt; &amp; &#34;CCCD&#34;" in reviewer.last
    await reviewer.chat("c1", ASK)
    answer = await reviewer.chat("c1", "lệ phí")
    assert NASTY in answer


async def test_a_text_over_the_limit_is_refused_and_nothing_is_stored(lite: Dashboard) -> None:
    reviewer = await lite.signed_in("lan", "reviewer")
    await reviewer.page(f"/admin/knowledge/{PID}")
    form = {"op": "edit", "version": "0", "f_note": "x" * 501}
    response = await reviewer.post(f"/admin/knowledge/{PID}/review/fees", form)
    assert response.status == 400
    assert "dài 501 ký tự, tối đa 500" in reviewer.last
    assert "x" * 501 in reviewer.last  # what was typed is kept in the form
    response = await check(reviewer, "fees", signer="L" * 81)
    assert response.status == 400 and "tối đa 80" in reviewer.last
    response = await check(reviewer, "fees", against="   ")
    assert response.status == 400 and "Hãy ghi văn bản đã đối chiếu" in reviewer.last
    assert await review_repo(lite).reviews() == []


async def test_yaml_export_round_trips_and_fits_the_procedure_file(lite: Dashboard) -> None:
    reviewer = await lite.signed_in("lan", "reviewer")
    assert (await check(reviewer, "fees", against=NASTY)).status == 200
    await reviewer.page(f"/admin/knowledge/{PID}")
    edit = {"op": "edit", "version": "0", "f_text": NASTY, "f_note": "Dòng 1\nDòng 2: ok"}
    assert (await reviewer.post(f"/admin/knowledge/{PID}/review/processing_time", edit)).ok
    response = await reviewer.get(f"/admin/knowledge/reviews.yaml?procedure={PID}")
    assert response.status == 200 and response.content_type == "application/yaml"
    exported = await response.text()

    stored = {(r.procedure_id, r.section): r for r in await review_repo(lite).overlay()}
    back = reviews_from_yaml(exported)
    assert {(r.procedure_id, r.section) for r in back} == set(stored)
    for r in back:
        assert r.review == stored[r.procedure_id, r.section].review
        assert dict(r.edits) == dict(stored[r.procedure_id, r.section].edits)
    assert stored[PID, "processing_time"].edits["note"] == "Dòng 1 Dòng 2: ok"

    # Merged into the procedure's file, the blocks load and say what the bot now says.
    data = yaml.safe_load((PROCEDURES_DIR / f"{PID}.yaml").read_text(encoding="utf-8"))
    for section, block in yaml.safe_load(exported)[PID].items():
        data[section] = {**data[section], **block}
    merged = Procedure.model_validate(data)
    served = lite.knowledge[0].current.procedures[PID]
    assert merged.fees == served.fees
    assert merged.processing_time == served.processing_time


async def test_reviewer_accounts_work_on_every_backend(dash: Dashboard) -> None:
    reviewer = await dash.signed_in("lan", "reviewer")
    assert "Cán bộ kiểm tra pháp lý" in reviewer.last  # landed on the knowledge browser
    assert "Cơ sở tri thức" in reviewer.last
    assert (await reviewer.get("/admin/inbox")).status == 403
    assert (await reviewer.get("/admin/handoff")).status == 403


async def test_preview_by_date_shows_the_fees_in_force_that_day(lite: Dashboard) -> None:
    kb = lite.knowledge[0].current
    proc, fee = next(
        (p, f) for p in kb.procedures.values() for f in p.fees.items if f.valid_until is not None
    )
    reviewer = await lite.signed_in("lan", "reviewer")
    page = await reviewer.page(f"/admin/knowledge/{proc.id}?on={fee.valid_until.isoformat()}")
    assert "Xem trước theo ngày" in page and "card-preview" in page
    day = fee.valid_until.strftime("%d/%m/%Y")
    assert f"theo quy định có hiệu lực ngày {day}" in page
    later = fee.valid_until + timedelta(days=1)
    after = await reviewer.page(f"/admin/knowledge/{proc.id}?on={later.isoformat()}")
    preview = re.search(r'<pre class="citizen" id="fees-preview">(.*?)</pre>', after, re.S)
    before = re.search(r'<pre class="citizen" id="fees-preview">(.*?)</pre>', page, re.S)
    assert preview and before and preview.group(1) != before.group(1)
    assert html.escape(fee.label, quote=True) in before.group(1)


async def test_filters_not_checked_expiring_and_reported(
    lite: Dashboard, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = lite.knowledge[0].current
    ending = {
        pid: min(f.valid_until for f in p.fees.items if f.valid_until)
        for pid, p in kb.procedures.items()
        if any(f.valid_until for f in p.fees.items)
    }
    soon = min(ending.values())
    monkeypatch.setattr(knowledge, "local_today", lambda: soon - timedelta(days=30))
    reviewer = await lite.signed_in("lan", "reviewer")
    listed = re.findall(
        r'<a href="/admin/knowledge/([a-z0-9-]+)">',
        await reviewer.page("/admin/knowledge?expiring=1"),
    )
    assert listed and set(listed) == {pid for pid, day in ending.items() if day == soon}
    assert reviewer.last.count(f"hiệu lực đến {soon:%d/%m/%Y}") == len(listed)  # once a day

    unchecked = "/admin/knowledge?unchecked=1"
    everything = re.findall(
        r'<a href="/admin/knowledge/([a-z0-9-]+)">', await reviewer.page(unchecked)
    )
    assert PID in everything and len(everything) == len(kb.procedures)
    for name in ("documents", "fees", "processing_time", "where", "result", "online"):
        await check(reviewer, name)
    for name in DETAIL_FIELDS:
        if getattr(kb.procedures[PID], name) is not None:
            await check(reviewer, name)
    left = re.findall(r'<a href="/admin/knowledge/([a-z0-9-]+)">', await reviewer.page(unchecked))
    assert PID not in left and len(left) == len(kb.procedures) - 1


async def test_another_instance_picks_up_a_review_on_its_next_refresh(lite: Dashboard) -> None:
    other_store = KnowledgeStore(today=lite.knowledge[0].today)  # a second instance's store
    other = Reviews(review_repo(lite), other_store)
    reviewer = await lite.signed_in("lan", "reviewer")
    assert (await check(reviewer, "fees")).status == 200
    assert other_store.current.procedures[PID].fees.review is None
    task = asyncio.create_task(other.refresh_forever(0.01))
    try:
        for _ in range(500):
            if other_store.current.procedures[PID].fees.review is not None:
                break
            await asyncio.sleep(0.01)
    finally:
        task.cancel()
    review = other_store.current.procedures[PID].fees.review
    assert review is not None and review.by == SIGNER


async def test_saving_unchanged_texts_keeps_the_check(lite: Dashboard) -> None:
    reviewer = await lite.signed_in("lan", "reviewer")
    assert (await check(reviewer, "processing_time")).status == 200
    section = lite.knowledge[0].current.procedures[PID].processing_time
    form = {"op": "edit", "version": "1", "f_text": section.text}
    form.update({f"f_{f}": getattr(section, f) or "" for f in ("citizen_deadline", "note")})
    form["f_not_applicable"] = section.not_applicable or ""
    response = await reviewer.post(f"/admin/knowledge/{PID}/review/processing_time", form)
    assert response.status == 200 and "Nội dung không thay đổi" in reviewer.last
    row = await review_repo(lite).review(PID, "processing_time")
    assert row.version == 1 and row.review is not None
