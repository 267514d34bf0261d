"""Review of the knowledge base by a ward's legal officers.

For each section of a procedure a reviewer can mark it checked ("Đã kiểm tra", with the legal
text checked against and the name citizens will read), report an error ("Báo sai", which opens an
item in the review queue) or correct its short citizen-facing texts ("Sửa"). The work is stored
in the database (:mod:`bot.storage.review_repo`), laid over the procedure files at once in this
process (:meth:`KnowledgeStore.set_reviews`) and within ``LEARNED_ALIASES_REFRESH_SECONDS`` on
the other instances, audit-logged, and exported as YAML blocks to paste into the files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import yaml
from aiohttp import web

from bot.admin.audit import record
from bot.admin.context import PREFIX, admin_of, redirect, render, session_of
from bot.admin.knowledge import procedure_page
from bot.admin.review_views import FIELD_LABELS, LABELS
from bot.storage.review_repo import MAX_REPORT, Conflict
from knowledge.review import (
    EDITABLE,
    MAX_AGAINST,
    MAX_BY,
    MAX_EDIT,
    REQUIRED,
    SECTIONS,
    SectionReview,
    clean_text,
    section_of,
)
from knowledge.schema import Review

# --- the YAML export ------------------------------------------------------------------------


def _dump(data: object) -> str:
    return str(
        yaml.safe_dump(
            data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000
        )
    )


def section_block(review: Review | None, edits: Mapping[str, str]) -> dict[str, Any]:
    """What to merge into a section of the procedure file."""
    block: dict[str, Any] = {k: (v or None) for k, v in sorted(edits.items())}
    if review is not None:
        block["verified"] = True
        block["review"] = {"by": review.by, "on": review.on, "against": review.against}
    elif block:  # corrected and not checked since
        block["verified"] = False
    return block


def reviews_yaml(reviews: Iterable[SectionReview]) -> str:
    """Checks and corrected texts by procedure id and section, as blocks of the procedure files.

    Open error reports are not exported: a section with one carries its corrected texts only."""
    every: dict[str, dict[str, Any]] = {}
    for r in sorted(reviews, key=lambda r: (r.procedure_id, SECTIONS.index(r.section))):
        block = section_block(None if r.reported else r.review, r.edits)
        if block:
            every.setdefault(r.procedure_id, {})[r.section] = block
    head = (
        "# Kết quả kiểm tra từ bảng điều khiển (đã kiểm tra, nội dung đã sửa).\n"
        "# Với mỗi mã thủ tục: gộp từng phần vào phần cùng tên trong "
        "knowledge/procedures/<mã>.yaml.\n"
    )
    return head + (_dump(every) if every else "{}\n")


def reviews_from_yaml(text: str) -> list[SectionReview]:
    """Read an export back (raises ValueError on anything that is not one)."""
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError("expected a mapping of procedure ids")
    out: list[SectionReview] = []
    for pid, sections in data.items():
        if not isinstance(sections, dict):
            raise ValueError(f"{pid}: expected a mapping of sections")
        for name, block in sections.items():
            if name not in SECTIONS or not isinstance(block, dict):
                raise ValueError(f"{pid}.{name}: not a section")
            raw = block.get("review")
            review = Review.model_validate(raw) if raw is not None else None
            edits = {k: v or "" for k, v in block.items() if k in EDITABLE[name]}
            if not all(isinstance(v, str) for v in edits.values()):
                raise ValueError(f"{pid}.{name}: texts must be strings")
            out.append(SectionReview(str(pid), name, 0, review, edits))
    return out


async def export(request: web.Request) -> web.Response:
    admin = admin_of(request)
    only = request.query.get("procedure") or None
    if only is not None and only not in admin.store.files.procedures:
        raise web.HTTPNotFound(text="unknown procedure")
    reviews = [r for r in await admin.review_repo.overlay() if only in (None, r.procedure_id)]
    return web.Response(
        text=reviews_yaml(reviews),
        content_type="application/yaml",
        charset="utf-8",
        headers={"Content-Disposition": f'inline; filename="{only or "all"}-reviews.yaml"'},
    )


# --- actions --------------------------------------------------------------------------------


class Refused(Exception):
    """A form value that cannot be accepted; the message is shown beside the form."""


def _field(form: Mapping[str, Any], name: str, limit: int, what: str, required: bool) -> str:
    raw = form.get(name, "")
    try:
        value = clean_text(raw if isinstance(raw, str) else "", limit)
    except ValueError as exc:
        raise Refused(f"{what} {exc}.") from None
    if required and not value:
        raise Refused(f"Hãy ghi {what.lower()}.")
    return value


async def act(request: web.Request) -> web.StreamResponse:
    """POST /knowledge/{id}/review/{section}: ``op`` = check, report or edit."""
    admin = admin_of(request)
    pid, name = request.match_info["id"], request.match_info["section"]
    original = admin.store.files.procedures.get(pid)
    if original is None or section_of(original, name) is None:
        raise web.HTTPNotFound()
    form = await request.post()
    op = form.get("op")
    account = session_of(request).account.name
    try:
        version = int(str(form.get("version", "")))
    except ValueError:
        version = -1
    target = f"{pid}/{name}"
    try:
        if op == "check":
            against = _field(form, "against", MAX_AGAINST, "Văn bản đã đối chiếu", True)
            signer = _field(form, "signer", MAX_BY, "Họ tên, chức danh", True)
            row, closed = await admin.review_repo.check(
                pid, name, version, account, signer, against, admin.store.today()
            )
            await record(
                request, "review.check", target, against=against, signer=signer, closed=closed
            )
            msg = "review_checked"
        elif op == "report":
            note = _field(form, "note", MAX_REPORT, "Nội dung báo sai", True)
            report = await admin.review_repo.report(pid, name, note, account)
            await record(request, "review.report", target, report_id=report.id, note=note)
            msg = "review_reported"
        elif op == "edit":
            section = section_of(original, name)
            edits: dict[str, str] = {}
            for fld in EDITABLE[name]:
                if not hasattr(section, fld):
                    continue
                label = FIELD_LABELS[fld]
                value = _field(form, f"f_{fld}", MAX_EDIT, label, fld in REQUIRED)
                if value != (getattr(section, fld) or ""):
                    edits[fld] = value
            current = await admin.review_repo.review(pid, name)
            before = current.edits
            if edits == dict(before) and current.version == version:
                raise redirect(f"{PREFIX}/knowledge/{pid}", "review_unchanged")
            row = await admin.review_repo.edit(pid, name, version, account, edits)
            changed = {k: v for k, v in edits.items() if before.get(k) != v}
            await record(request, "review.edit", target, edits=changed, version=row.version)
            msg = "review_edited"
        else:
            raise web.HTTPBadRequest(text="unknown action")
    except Refused as exc:
        typed = {k: v[:2000] for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}
        return await _page_with(request, name, str(exc), status=400, typed=typed)
    except Conflict as exc:
        other = exc.current
        message = (
            f"{other.updated_by or 'Người khác'} đã thay đổi phần này"
            f" (phiên bản {other.version}) sau khi bạn mở trang. Không có gì bị ghi đè: "
            "hãy xem nội dung mới bên dưới rồi làm lại."
        )
        await record(request, "review.conflict", target, op=op, version=version)
        return await _page_with(request, name, message, status=409)
    await admin.reviews.load()
    raise redirect(f"{PREFIX}/knowledge/{pid}", msg)


async def _page_with(
    request: web.Request,
    section: str,
    message: str,
    status: int,
    typed: Mapping[str, str] | None = None,
) -> web.Response:
    """The procedure's page with ``message`` beside the section's forms, which keep what the
    reviewer ``typed`` (when the action was refused, so nothing typed is lost)."""
    return await procedure_page(request, problem=(section, message), status=status, typed=typed)


async def queue(request: web.Request) -> web.Response:
    admin = admin_of(request)
    show_closed = request.query.get("closed") == "1"
    rows = await admin.review_repo.reports(status=None if show_closed else "open")
    titles = {pid: p.title for pid, p in admin.store.files.procedures.items()}
    return render(
        request,
        "reports.html",
        rows=rows,
        titles=titles,
        labels=LABELS,
        show_closed=show_closed,
    )


async def close(request: web.Request) -> web.StreamResponse:
    admin = admin_of(request)
    try:
        report_id = int(request.match_info["id"])
    except ValueError:
        raise web.HTTPNotFound() from None
    row = await admin.review_repo.close_report(report_id, session_of(request).account.name)
    if row is None:
        raise web.HTTPNotFound()
    await record(request, "review.close", f"{row.procedure_id}/{row.section}", report_id=row.id)
    await admin.reviews.load()
    raise redirect(f"{PREFIX}/reports", "report_closed")
