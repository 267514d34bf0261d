"""What goes on a poster, as plain data built from the knowledge base (no drawing here)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.format import AVAILABILITY, date, fee_line, fee_text, official
from handlers.places import start_payload
from knowledge.base import KnowledgeBase
from knowledge.locality import Locality
from knowledge.schema import Procedure
from knowledge.text import nfc

USERNAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")  # Telegram bot usernames
PAYLOAD_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # Telegram's /start payload
HEADER = "motcua · Trợ lý thủ tục hành chính"
CALL = "Quét mã để hỏi motcua về thủ tục này"
REFERENCE = "Thông tin tham khảo, đối chiếu trang chính thức trước khi đi nộp."
UNVERIFIED = "Một số thông tin chưa được xác minh đầy đủ."
EXAMPLE = "VÍ DỤ: địa chỉ, giờ làm việc, lệ phí địa phương minh họa, không phải thông tin thật."
CLIP = 110  # characters per summary line before it is shortened


class PosterError(ValueError):
    """A poster cannot be made as asked (no link configured, bad username, unknown id)."""


@dataclass(frozen=True)
class Links:
    """Where the QR codes point: the Telegram bot (deep link) and/or the Zalo OA/bot profile."""

    telegram_username: str | None = None
    zalo_link: str | None = None
    commune: int | None = None  # the commune the poster hangs in: its deep links carry it

    def __post_init__(self) -> None:
        name = (self.telegram_username or "").strip().lstrip("@") or None
        object.__setattr__(self, "telegram_username", name)
        if name is not None and not USERNAME_RE.match(name):
            raise PosterError(f"TELEGRAM_BOT_USERNAME {name!r} is not a Telegram username")
        zalo = (self.zalo_link or "").strip() or None
        object.__setattr__(self, "zalo_link", zalo)
        if zalo is not None and not zalo.startswith("https://"):
            raise PosterError(f"ZALO_LINK {zalo!r} must be an https:// link")
        if name is None and zalo is None:
            raise PosterError(
                "Chưa cấu hình đường link cho mã QR: đặt TELEGRAM_BOT_USERNAME (và/hoặc "
                "ZALO_LINK). / No link for the QR codes: set TELEGRAM_BOT_USERNAME "
                "(and/or ZALO_LINK)."
            )

    def telegram(self, procedure_id: str) -> str | None:
        if self.telegram_username is None:
            return None
        payload = procedure_id
        if self.commune is not None:
            try:
                payload = start_payload(self.commune, procedure_id)
            except ValueError as exc:
                raise PosterError(str(exc)) from None
        if not PAYLOAD_RE.match(payload):
            raise PosterError(f"{payload!r} cannot be a Telegram start payload")
        return f"https://t.me/{self.telegram_username}?start={payload}"


@dataclass(frozen=True)
class QrLink:
    channel: str  # "Telegram", "Zalo"
    url: str
    caption: str  # what to do after scanning
    shown: str  # the link in short printed form, for those who type it
    message: str | None = None  # what to send after scanning (Zalo: no start payload)


@dataclass(frozen=True)
class Line:
    label: str
    text: str


@dataclass(frozen=True)
class Poster:
    procedure_id: str
    title: str
    subtitle: str | None
    lines: tuple[Line, ...]
    links: tuple[QrLink, ...]
    place: tuple[str, ...]  # the locality's centre, address, hours
    example: bool  # the locality is an example file: the poster says so
    footer: tuple[str, ...]


def clip(text: str, limit: int = CLIP) -> str:
    """Shorten to its first clause(s) within ``limit`` characters, marked with "…"."""
    text = " ".join(nfc(text).split())
    if len(text) <= limit:
        return text
    clauses = re.split(r"(?<=[.;])\s+", text)
    kept = ""
    for clause in clauses:
        if len(kept) + len(clause) + 1 > limit:
            break
        kept = f"{kept} {clause}".strip()
    if not kept:
        kept = text[:limit].rsplit(" ", 1)[0]
    return kept.rstrip(".;, ") + " …"


def _documents(proc: Procedure) -> str:
    docs = proc.documents
    if not docs.items:
        return docs.not_applicable or "Không cần giấy tờ"
    always = [d.name for d in docs.items if d.when is None] or [docs.items[0].name]
    shown = always[:1]  # whole names only, as many as fit
    for name in always[1:]:
        if len(", ".join([*shown, name])) > CLIP - 25:
            break
        shown.append(name)
    text = clip(", ".join(shown), CLIP - 25)
    if len(shown) < len(always):
        return f"{text}; thêm {len(docs.items) - len(shown)} giấy tờ khác, quét mã để xem"
    others = len(docs.items) - len(shown)
    return text + (f"; thêm {others} giấy tờ tùy trường hợp" if others else "")


def _fees(proc: Procedure) -> str:
    items = proc.fees.items
    if len(items) > 1 and not all(f.amount == 0 for f in items):
        value = fee_text(items[0])
        if len(value) > 1 and value[1].islower():
            value = value[0].lower() + value[1:]
        return f"{items[0].label}: {value}; có mức khác, quét mã để xem"
    return fee_line(proc)


def _links(proc: Procedure, links: Links) -> tuple[QrLink, ...]:
    out: list[QrLink] = []
    telegram = links.telegram(proc.id)
    if telegram is not None:
        caption = "Quét bằng camera điện thoại để mở Telegram; motcua trả lời ngay."
        out.append(QrLink("Telegram", telegram, caption, telegram.removeprefix("https://")))
    if links.zalo_link is not None:
        # Zalo has no documented start payload for bots/OAs: the code opens the profile only.
        shown = links.zalo_link.removeprefix("https://")
        caption = "Quét bằng Zalo để mở trang trò chuyện, rồi gửi tin nhắn:"
        out.append(QrLink("Zalo", links.zalo_link, caption, shown, f"Nhắn: {proc.title}"))
    return tuple(out)


def _place(kb: KnowledgeBase, proc: Procedure, locality: Locality) -> tuple[str, ...]:
    lines = [f"Nơi tiếp nhận tại {locality.name}:"]
    for centre in locality.centres[:2]:
        lines.append(f"{centre.name}, {centre.address}")
        hours = "; ".join(f"{h.days}: {', '.join(h.sessions)}" for h in centre.hours)
        phone = f" · Điện thoại: {centre.phone}" if centre.phone else ""
        lines.append(f"Giờ làm việc: {hours}{phone}")
    for fee, resolution in kb.fees_for(proc, locality):
        if resolution:  # a fee the province sets differently from the national text
            lines.append(
                f"Lệ phí tại địa phương — {fee.label}: {fee_text(fee)} (theo {resolution})"
            )
    return tuple(nfc(line) for line in lines)


def build(
    kb: KnowledgeBase, proc: Procedure, links: Links, locality: Locality | None = None
) -> Poster:
    pt = proc.processing_time
    lines = [
        Line("Giấy tờ", _documents(proc)),
        Line("Lệ phí", clip(_fees(proc))),
        Line("Thời gian", clip(pt.text)),
        Line("Nộp trực tuyến", AVAILABILITY[proc.online.availability]),
    ]
    if pt.citizen_deadline:
        lines.append(Line("Hạn", clip(pt.citizen_deadline)))
    sections = [proc.documents, proc.fees, pt, proc.online]
    footer = [REFERENCE, official(proc), f"Rà soát lần cuối: {date(proc.reviewed_on)}"]
    if not proc.verified or any(not s.verified for s in sections):
        footer.append(UNVERIFIED)
    subtitle = proc.name if proc.name != proc.title else None
    if proc.current_code:
        subtitle = f"{subtitle} · Mã {proc.current_code}" if subtitle else f"Mã {proc.current_code}"
    return Poster(
        procedure_id=proc.id,
        title=nfc(proc.title),
        subtitle=nfc(subtitle) if subtitle else None,
        lines=tuple(Line(line.label, nfc(line.text)) for line in lines),
        links=_links(proc, links),
        place=_place(kb, proc, locality) if locality else (),
        example=bool(locality and locality.example),
        footer=tuple(nfc(line) for line in footer),
    )
