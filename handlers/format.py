"""Small formatting helpers shared by the cards: money, dates, sources, verification flags."""

from __future__ import annotations

import datetime as dt
import re

from handlers import texts
from knowledge.answers import CHANNEL as CHANNEL  # the channel labels, shared with the cards
from knowledge.answers import fee_lead_words
from knowledge.review import citizen_line
from knowledge.schema import Availability, Channel, DocKind, Fee, Procedure, Sourced
from knowledge.text import fold

_NOT_WORD = re.compile(r"[^\w]+")  # what stands between words
PORTAL_URL = "https://dichvucong.gov.vn"

KIND = {
    DocKind.ORIGINAL: "bản chính",
    DocKind.COPY: "bản sao",
    DocKind.CERTIFIED_COPY: "bản sao chứng thực hoặc bản sao kèm bản chính để đối chiếu",
    DocKind.PRESENT: "xuất trình",
    DocKind.ELECTRONIC: "bản điện tử",
}
AVAILABILITY = {
    Availability.TOAN_TRINH: "Có, toàn trình (nộp và nhận kết quả trực tuyến)",
    Availability.MOT_PHAN: "Một phần (nộp trực tuyến nhưng vẫn phải đến một bước)",
    Availability.KHONG: "Chưa nộp trực tuyến được",
}
UNVERIFIED = (
    "⚠️ Thông tin này chưa được xác minh đầy đủ, hãy đối chiếu trang chính thức trước khi đi nộp."
)


def money(amount: int) -> str:
    return "Miễn phí" if amount == 0 else f"{amount:,}".replace(",", ".") + " đồng"


def fee_text(fee: Fee) -> str:
    if fee.amount is None:
        value = fee.amount_text or ""
    elif fee.amount_max is not None:
        value = f"từ {money(fee.amount)} đến {money(fee.amount_max)}"
    else:
        value = money(fee.amount)
    if fee.amount and fee.unit:
        value += f"/{fee.unit}"
    amounts = ((Channel.ONLINE, fee.amount_online), (Channel.POST, fee.amount_post))
    by_channel = [
        f"{CHANNEL[channel].lower()}: {money(amount).lower()}"
        for channel, amount in amounts
        if amount is not None
    ]
    if by_channel:
        value += f" ({'; '.join(by_channel)})"
    if fee.amount is not None and fee.amount_text:
        value += f" — {fee.amount_text}"
    return value


def _says(text: str | None, phrases: tuple[str, ...], *, opens: bool = False) -> bool:
    """Whether ``text`` says one of ``phrases`` (folded, whole words), or opens with one."""
    if not text:
        return False
    folded = f" {' '.join(_NOT_WORD.sub(' ', fold(text)).split())} "
    if opens:
        return any(folded.startswith(f" {p} ") for p in phrases)
    return any(f" {p} " in folded for p in phrases)


def fee_lead(proc: Procedure, items: list[Fee]) -> tuple[str | None, str | None]:
    """The line the fees section opens with when nothing in force is charged, and the fees note
    left to say after the items.

    Every item costs nothing (amount 0): the state fee and all else are free; when the fees note
    names something that may still be paid (a copy), or an item is paid only by choice (postage,
    said in its label or note), only the state fee is. A note that already opens by saying nothing
    is charged ("Không thu lệ phí.") gives its own first sentence as the line. Anything charged,
    or a fee that depends on the case or the province, and there is no line."""
    note = proc.fees.note
    words = fee_lead_words()
    free = [fee for fee in items if fee.amount == 0 and fee.amount_max in (None, 0)]
    optional = [
        fee
        for fee in items
        if fee not in free and (_says(fee.label, words.optional) or _says(fee.note, words.optional))
    ]
    if not free or len(free) + len(optional) < len(items):
        return None, note
    if note and not optional and _says(note, words.waiver, opens=True):
        first, _, rest = note.partition(". ")
        return first.rstrip(".") + ".", rest.strip() or None
    if optional or note:
        return texts.FEES_STATE_FREE, note
    return texts.FEES_ALL_FREE, note


def fee_line(proc: Procedure, today: dt.date | None = None) -> str:
    """The fee in one line for the card: the items in force on ``today`` (all without a day)."""
    items = [f for f in proc.fees.items if today is None or f.in_force(today)]
    if not items:
        return proc.fees.not_applicable or "Không có"
    if all(f.amount == 0 for f in items):
        return "Miễn phí"
    if len(items) == 1:
        return fee_text(items[0])
    return f"{items[0].label}: {fee_text(items[0]).lower()}; có mức khác, xem Lệ phí"


def date(day: dt.date) -> str:
    """``dd/mm/yyyy``, as ``strftime("%d/%m/%Y")`` writes it, at a third of its cost."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def official(proc: Procedure) -> str:
    """Where the citizen checks the official text of the procedure."""
    url = proc.official_url or PORTAL_URL
    code = proc.current_code
    return f"Trang chính thức: {url}" + (f" (mã thủ tục {code})" if code else "")


def footer(proc: Procedure, *sections: Sourced, basis: bool = True) -> str:
    """Source, review date and — when any section shown is unverified — a clear warning."""
    lines: list[str] = []
    if any(not s.verified for s in sections):
        lines.append(UNVERIFIED)
    if basis:
        laws = list(dict.fromkeys(law for s in sections for law in s.legal_basis))
        if laws:
            lines.append("Căn cứ: " + ", ".join(laws[:4]))
    lines.append(official(proc))
    lines.append(citizen_line(sections) or f"Rà soát lần cuối: {date(proc.reviewed_on)}")
    return "\n".join(lines)


def bullets(items: list[str], mark: str = "•") -> str:
    return "\n".join(f"{mark} {item}" for item in items)


def place_head(proc: Procedure, label: str) -> list[str]:
    """The start of a place section: its title, the offices that receive the file, whether any
    centre of the province takes it, and the procedure's note on where."""
    where = proc.where
    lines = [f"{label} — {proc.title}", bullets(where.offices or [proc.agency.receives])]
    if where.any_centre_in_province:
        lines.append("Có thể nộp tại bất kỳ Trung tâm Phục vụ hành chính công nào trong tỉnh.")
    if where.note:
        lines.append(where.note)
    return lines
