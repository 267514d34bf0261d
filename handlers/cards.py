"""The texts that describe a procedure: the short card and one text per section."""

from __future__ import annotations

import datetime as dt
import re

from handlers import texts
from handlers.format import (
    AVAILABILITY,
    CHANNEL,
    KIND,
    bullets,
    fee_lead,
    fee_line,
    fee_text,
    footer,
    place_head,
)
from knowledge.base import KnowledgeBase
from knowledge.locality import Locality
from knowledge.schema import Detail, Document, Procedure, Sourced
from knowledge.turns import default_turns

CARD_DOCUMENTS = 3  # the documents the card names before "and N more"
CARD_DOCUMENT_CHARS = 90  # a document's name on the card, at most (a phone line or two)
CARD_CASE_CHARS = 70  # a case said before its document on the card, at most (two phone lines)
# What a document's name adds after its paper: "Tờ khai … (hai người có thể khai chung một tờ)",
# "Thông tin người lưu trú: họ tên, ngày sinh…" — the checklist and the documents say it in full.
_TRAILER = re.compile(r"\s*(?:\([^()]*\)|:.*|\s[—–]\s.*)$")


def card(proc: Procedure, today: dt.date | None = None) -> str:
    """The overview a first question gets: what to bring first, then where, by whom, how long,
    what it costs and whether it can be filed online, one line each."""
    lines = [f"📋 {proc.title}", proc.summary]
    if proc.name != proc.title:
        lines.append(f"Tên chính thức: {proc.name}")
    lines += [
        *card_documents(proc),
        f"• Cơ quan giải quyết: {proc.agency.decides}",
        f"• Nộp tại: {proc.agency.receives}",
        f"• Thời gian: {first_sentence(proc.processing_time.text)}",
        f"• Lệ phí: {fee_line(proc, today)}",
        f"• Trực tuyến: {AVAILABILITY[proc.online.availability]}",
        "",
        footer(proc, proc.processing_time, proc.fees, proc.online, basis=False),
    ]
    return "\n".join(lines)


def card_documents(proc: Procedure) -> list[str]:
    """The card's checklist: the documents every applicant brings, then, while there is room,
    those of a case said in a few words ("Nếu ở thuê, mượn, ở nhờ: Hợp đồng…"); the rest
    counted, for the documents section. Nothing when the procedure lists no documents."""
    items = proc.documents.items
    if not items:
        return []
    always = [f"  ✓ {short_name(doc.name)}" for doc in items if not doc.when]
    cases = [
        f"  ◦ {_case(when)}: {short_name(doc.name)}"
        for doc in items
        if doc.when and len(when := _TRAILER.sub("", doc.when).strip()) <= CARD_CASE_CHARS
    ]
    shown = [*always, *cases][:CARD_DOCUMENTS]
    more = len(items) - len(shown)
    if not shown:
        return [f"{texts.CARD_BRING}: {texts.CARD_CASE_DOCUMENTS.format(count=more)}"]
    lines = [f"{texts.CARD_BRING}:", *shown]
    if more:
        lines.append(f"  {texts.CARD_MORE_DOCUMENTS.format(count=more)}")
    return lines


def _case(when: str) -> str:
    """ "Ở thuê, mượn" → "Nếu ở thuê, mượn"; a case already said as one ("Nếu có", "Khi …")
    keeps its own word."""
    if default_turns().conditional.match(when):
        return when[:1].upper() + when[1:]
    return f"Nếu {_lower_first(when)}"


def _lower_first(text: str) -> str:
    """ "Ở thuê, mượn" → "ở thuê, mượn"; an abbreviation ("BHYT", "VNeID") keeps its case."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    if first[1:] == first[1:].lower():
        return text[:1].lower() + text[1:]
    return text


# An aside in brackets ("(ví dụ Hải Phòng 10 ngày; …)"), and where a sentence ends.
_ASIDE = re.compile(r"\s*\([^()]*\)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ỹ])")


def first_sentence(text: str) -> str:
    """The card's one line of a longer text: its first sentence without asides in brackets
    (the section of its own says the rest)."""
    bare = " ".join(_ASIDE.sub("", text).split())
    return _SENTENCE_END.split(bare, maxsplit=1)[0] or text


def short_name(name: str) -> str:
    """A document's name without what follows the paper itself, cut at a word within
    :data:`CARD_DOCUMENT_CHARS` when still longer."""
    short = _TRAILER.sub("", name).strip() or name
    if len(short) <= CARD_DOCUMENT_CHARS:
        return short
    cut = short[: CARD_DOCUMENT_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;")
    return f"{cut}…"


def document_line(doc: Document) -> str:
    count = f"{doc.count:02d} " if doc.count > 1 else ""
    line = f"{doc.name} ({count}{KIND[doc.kind]})"
    if doc.form:
        line += f" — {doc.form}"
    if doc.when:
        line += f"\n   Khi nào cần: {doc.when}"
    if doc.note:
        line += f"\n   Lưu ý: {doc.note}"
    return line


def documents(proc: Procedure) -> str:
    docs = proc.documents
    lines = [f"{texts.LABEL_DOCUMENTS} — {proc.title}"]
    if docs.not_applicable and not docs.items:
        lines.append(docs.not_applicable)
    lines += [f"{i}. {document_line(doc)}" for i, doc in enumerate(docs.items, 1)]
    if docs.not_required:
        lines += ["", "Không cần nộp:", bullets(docs.not_required)]
    if docs.note:
        lines += ["", docs.note]
    return "\n".join([*lines, "", footer(proc, docs)])


def fees(
    proc: Procedure, kb: KnowledgeBase, locality: Locality | None, today: dt.date | None = None
) -> str:
    """The fees in force on ``today`` (all of them when no day is given)."""
    lines = [f"{texts.LABEL_FEES} — {proc.title}"]
    if proc.fees.not_applicable and not proc.fees.items:
        lines.append(proc.fees.not_applicable)
    in_force = [
        (fee, resolution)
        for fee, resolution in kb.fees_for(proc, locality)
        if today is None or fee.in_force(today)
    ]
    lead, note = fee_lead(proc, [fee for fee, _ in in_force])
    if lead:
        lines.append(lead)
    for fee, resolution in in_force:
        line = f"• {fee.label}: {fee_text(fee)}"
        if resolution and locality:
            line += f"\n   Tại {locality.name}, theo {resolution}"
            if locality.example:
                line += f"\n   {texts.LOCALITY_EXAMPLE}"
        elif fee.varies_by_province:
            line += "\n   Mức cụ thể do HĐND tỉnh quyết định, có thể khác nhau giữa các tỉnh."
        if fee.note:
            line += f"\n   {fee.note}"
        lines.append(line)
    if proc.fees.exemptions:
        lines += ["", "Miễn, giảm:", bullets(proc.fees.exemptions)]
    if note:
        lines += ["", note]
    return "\n".join([*lines, "", footer(proc, proc.fees)])


def time(proc: Procedure) -> str:
    pt = proc.processing_time
    lines = [f"{texts.LABEL_TIME} — {proc.title}", pt.text]
    lines += [f"• {CHANNEL[entry.channel]}: {entry.text}" for entry in pt.by_channel]
    if pt.citizen_deadline:
        lines.append(texts.CITIZEN_DEADLINE.format(deadline=pt.citizen_deadline))
    if pt.note:
        lines.append(pt.note)
    return "\n".join([*lines, "", footer(proc, pt)])


def place(proc: Procedure, locality: Locality | None, named: str | None) -> str:
    lines = place_head(proc, texts.LABEL_PLACE)
    lines.append("")
    if locality:
        lines.append(f"Gần bạn ({locality.name}):")
        for centre in locality.centres:
            lines.append(f"• {centre.name}\n   {centre.address}")
            if centre.phone:
                lines.append(f"   Điện thoại: {centre.phone}")
            for hours in centre.hours:
                lines.append(f"   {hours.days}: {', '.join(hours.sessions)}")
        if locality.example:
            lines.append(texts.LOCALITY_EXAMPLE)
    elif named:
        lines.append(texts.LOCALITY_UNKNOWN.format(place=named))
    else:
        lines.append(texts.ASK_LOCALITY)
    return "\n".join([*lines, "", footer(proc, proc.where)])


def online(proc: Procedure) -> str:
    on = proc.online
    lines = [f"{texts.LABEL_ONLINE} — {proc.title}", AVAILABILITY[on.availability]]
    if on.portals:
        lines.append(
            "Nộp tại: " + "; ".join(f"{p.name} ({p.url})" if p.url else p.name for p in on.portals)
        )
    if on.steps:
        lines += ["Các bước:", *(f"{i}. {step}" for i, step in enumerate(on.steps, 1))]
    elif on.not_applicable:
        lines.append(on.not_applicable)
    if on.note:
        lines.append(on.note)
    return "\n".join([*lines, "", footer(proc, on)])


def links(proc: Procedure, kb: KnowledgeBase) -> str:
    lines = [f"{texts.LABEL_LINKS} — {proc.title}"]
    for title, group in (
        ("Làm cùng lúc (liên thông):", proc.linked),
        ("Có thể bạn cần:", proc.related),
    ):
        known = [
            (kb.procedures[link.id], link.reason) for link in group if link.id in kb.procedures
        ]
        if known:
            lines += [title, *(f"• {p.title}: {reason}" for p, reason in known)]
    if len(lines) == 1:
        lines.append("Chưa có thủ tục liên quan trong dữ liệu của motcua.")
    return "\n".join(lines)


def eligibility(proc: Procedure) -> str:
    lines = [f"{texts.LABEL_WHO} — {proc.title}", bullets(proc.applicants)]
    if proc.conditions:
        lines += ["Điều kiện:", bullets(proc.conditions)]
    return "\n".join([*lines, "", footer(proc, proc.documents, basis=False)])


def forms(proc: Procedure) -> str:
    with_form = [d for d in proc.documents.items if d.form]
    lines = [f"{texts.LABEL_FORMS} — {proc.title}"]
    if with_form:
        lines += [f"• {d.name}: {d.form}" for d in with_form]
        lines.append("Mẫu điện tử được điền sẵn khi nộp trên Cổng Dịch vụ công.")
    else:
        lines.append("Dữ liệu của motcua chưa ghi mẫu tờ khai riêng cho thủ tục này.")
    return "\n".join([*lines, "", footer(proc, proc.documents, basis=False)])


def result(proc: Procedure) -> str | None:
    res = proc.result
    if not res.items:
        return None
    lines = [f"{texts.LABEL_RESULT} — {proc.title}", bullets(res.items)]
    if res.note:
        lines.append(res.note)
    return "\n".join([*lines, "", footer(proc, res)])


# Fields of an answer that are not shown as text of their own (flags, or the text itself).
_QUIET = {*Sourced.model_fields, "text", "allowed", "possible", "cutoff"}


def detail(proc: Procedure, name: str, label: str) -> str | None:
    """One of the answer fields (validity, proxy…): its text and any further text it holds;
    None when the procedure has none."""
    found = getattr(proc, name, None)
    if not isinstance(found, Detail):
        return None
    lines = [f"{label} — {proc.title}", found.text]
    sources: list[Sourced] = [found]
    deadline = proc.processing_time.citizen_deadline if name == "late" else None
    if deadline and not set(re.findall(r"\d+", deadline)) <= set(re.findall(r"\d+", found.text)):
        # "bao lâu phải đăng ký": lateness is measured from the citizen's own deadline, when
        # the field does not already say its figures
        lines.insert(1, texts.CITIZEN_DEADLINE.format(deadline=deadline))
        sources.append(proc.processing_time)
    cutoff = getattr(found, "cutoff", None)
    if cutoff:
        lines.append(texts.CUTOFF.format(cutoff=cutoff))
    lines += [str(v) for k, v in found if k not in _QUIET and isinstance(v, str) and v]
    if found.note:
        lines.append(found.note)
    return "\n".join([*lines, "", footer(proc, *sources)])
