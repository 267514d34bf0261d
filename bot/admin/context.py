"""What every dashboard handler shares: the services, the signed-in account, page rendering."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.admin.aliases import LearnedAliases
from bot.admin.auth import ROLE_LABELS, LoginLimiter, Role
from bot.admin.inputs import parse_date
from bot.admin.overlay import Reviews
from bot.admin.supervisor_answers import SupervisorAnswers
from bot.config import Settings
from bot.handoff.repo import HandoffRepo
from bot.inputs import INVISIBLE, marked
from bot.places import Desks
from bot.storage.account_repo import AccountRepo, SessionRow
from bot.storage.alias_repo import AliasRepo
from bot.storage.answer_repo import AnswerRepo
from bot.storage.audit_repo import AuditRepo
from bot.storage.desk_repo import DeskRepo
from bot.storage.inbox_repo import InboxRepo
from bot.storage.review_repo import ReviewRepo
from bot.storage.stats_repo import LOCAL, StatsRepo, local_today
from knowledge.base import KnowledgeStore

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = ["parse_date"]  # re-exported for the pages that read dates

PREFIX = "/admin"
_DROP_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE))


def plain(value: str) -> str:
    """``value`` without invisible characters: for a form field prefilled with a citizen's text
    (an alias to add), where a visible mark would be submitted back as part of it."""
    return value.translate(_DROP_INVISIBLE)


def visible(value: Any) -> Any:
    """Every value a template prints: invisible characters made visible (:data:`INVISIBLE`)."""
    if isinstance(value, str) and not value.isascii():
        return type(value)(marked(value)) if value else value
    return value


TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")

# Messages shown after a redirect (?msg=code): codes only, so a link cannot put words on the page.
FLASH = {
    "alias_added": "Đã thêm cách hỏi; tin nhắn tiếp theo sẽ được trả lời theo thủ tục đã chọn.",
    "alias_exists": "Cách hỏi này đã có sẵn cho thủ tục đã chọn.",
    "alias_conflict": "Cách hỏi này đã thuộc về một thủ tục khác; không thay đổi gì.",
    "alias_invalid": "Hãy chọn một thủ tục và nhập cách hỏi.",
    "alias_deleted": "Đã xoá cách hỏi.",
    "answer_written": "Đã lưu câu trả lời; người dân hỏi lại câu này sẽ nhận được ngay.",
    "answer_edited": "Đã sửa câu trả lời.",
    "answer_withdrawn": "Đã rút câu trả lời.",
    "answer_invalid": "Câu trả lời trống, hoặc đường dẫn không bắt đầu bằng http(s)://.",
    "answer_personal": (
        "Chưa lưu: câu trả lời có số điện thoại, số giấy tờ hoặc e-mail. Nếu là số, địa chỉ công "
        "khai của cơ quan, hãy đánh dấu ô xác nhận rồi lưu lại; nếu là của người dân, hãy xóa đi."
    ),
    "status_changed": "Đã cập nhật trạng thái.",
    "ignored": "Đã bỏ qua vĩnh viễn: cách hỏi này sẽ không được ghi nhận nữa.",
    "ignore_deleted": "Đã xoá quy tắc bỏ qua.",
    "noted": "Đã lưu ghi chú.",
    "kept": (
        "Sẽ giữ lâu hơn thời hạn lưu trữ: khi hết hạn, câu hỏi được giữ lại nhưng tách khỏi "
        "người hỏi và cuộc trò chuyện."
    ),
    "nothing_selected": "Chưa chọn yêu cầu nào.",
    "user_changed": "Đã cập nhật tài khoản.",
    "not_self": "Không thể tự khoá tài khoản của mình.",
    "logged_out": "Bạn đã đăng xuất.",
    "callback_changed": "Đã cập nhật trạng thái gọi lại.",
    "volunteer_off": "Đã cho tình nguyện viên nghỉ trực; họ đã được báo.",
    "volunteer_removed": "Đã gỡ tình nguyện viên khỏi tổ hỗ trợ.",
    "desk_saved": "Đã lưu nơi tiếp nhận; motcua trả lời theo thông tin mới.",
    "fees_saved": "Đã lưu lệ phí địa phương.",
    "review_checked": "Đã ghi nhận kiểm tra; người dân thấy ngay nội dung đã kiểm tra.",
    "review_reported": "Đã ghi nhận báo sai; phần này được đưa vào hàng chờ kiểm tra.",
    "review_edited": "Đã lưu nội dung sửa; phần này cần được kiểm tra lại.",
    "review_unchanged": "Nội dung không thay đổi; không có gì được lưu.",
    "report_closed": "Đã đóng báo sai.",
}


@dataclass
class Admin:
    settings: Settings
    store: KnowledgeStore
    engine: AsyncEngine
    stats: StatsRepo
    aliases: LearnedAliases
    answers: SupervisorAnswers
    review_repo: ReviewRepo
    reviews: Reviews
    limiter: LoginLimiter = field(default_factory=LoginLimiter)
    desks: Desks = field(default_factory=Desks)  # the bot's desks: a save updates them at once
    # One repository per concept, built once with the dashboard.
    accounts: AccountRepo = field(init=False)  # accounts and their sessions
    alias_repo: AliasRepo = field(init=False)
    answer_repo: AnswerRepo = field(init=False)
    inbox: InboxRepo = field(init=False)  # unmet requests and ignore rules
    audit_log: AuditRepo = field(init=False)
    desk_repo: DeskRepo = field(init=False)
    handoff: HandoffRepo = field(init=False)  # volunteers and tickets
    # Poster downloads drawn at the same time (each in a worker thread): the chat stays responsive.
    rendering: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(2))

    def __post_init__(self) -> None:
        self.accounts = AccountRepo(self.engine)
        self.alias_repo = self.aliases.repo
        self.answer_repo = self.answers.repo
        self.inbox = InboxRepo(self.engine)
        self.audit_log = AuditRepo(self.engine)
        self.desk_repo = DeskRepo(self.engine)
        self.handoff = HandoffRepo(self.engine)

    @cached_property
    def templates(self) -> Environment:
        """Made at the first page drawn: Jinja2 is not loaded by a start."""
        from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

        templates = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            finalize=visible,
        )
        templates.filters.update(when=when, day=day_label, pct=pct, query=query, plain=plain)
        templates.globals.update(PREFIX=PREFIX, ROLE_LABELS=ROLE_LABELS)
        return templates


ADMIN: web.AppKey[Admin] = web.AppKey("admin", Admin)
# The signed-in session on the request (a typed RequestKey where aiohttp has them, ≥ 3.13).
SESSION_KEY: Any = (
    web.RequestKey("motcua.admin.session", SessionRow)
    if hasattr(web, "RequestKey")
    else "motcua.admin.session"
)


def admin_of(request: web.Request) -> Admin:
    return request.config_dict[ADMIN]


def session_of(request: web.Request) -> SessionRow:
    """The signed-in session (the middleware guarantees one on every non-public route)."""
    found: SessionRow = request[SESSION_KEY]
    return found


def who(request: web.Request) -> str:
    return session_of(request).account.name


def role_of(request: web.Request) -> Role:
    return Role(session_of(request).account.role)


def when(value: datetime | None) -> str:
    """Vietnam local time, day first."""
    if value is None:
        return ""
    return (value.astimezone(UTC) + LOCAL).strftime("%d/%m/%Y %H:%M")


def day_label(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def query(params: dict[str, Any], **changes: Any) -> str:
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return urlencode(merged)


def render(request: web.Request, template: str, status: int = 200, **values: Any) -> web.Response:
    admin = admin_of(request)
    session: SessionRow | None = request.get(SESSION_KEY)
    form_token = values.pop("csrf", "")  # the login form's own token (no session yet)
    page = admin.templates.get_template(template).render(
        me=session.account if session else None,
        role=session.account.role if session else None,
        csrf=session.csrf_token if session else form_token,
        flash=FLASH.get(request.query.get("msg", "")),
        path=request.path,
        **values,
    )
    return web.Response(text=page, content_type="text/html", charset="utf-8", status=status)


def redirect(location: str, msg: str | None = None) -> web.HTTPFound:
    if msg:
        location += ("&" if "?" in location else "?") + urlencode({"msg": msg})
    return web.HTTPFound(location)


def safe_next(value: str | None, default: str) -> str:
    """Only a path inside the dashboard (no scheme, no host, no "//"): no open redirect."""
    if (
        value
        and value.startswith(PREFIX + "/")
        and not value.startswith("//")
        and "\\" not in value
    ):
        return value
    return default


def date_range(request: web.Request, days: int = 30) -> tuple[date, date]:
    """``from``/``to`` (YYYY-MM-DD, Vietnam days) of the query; the last ``days`` by default."""
    today = local_today()
    last = parse_date(request.query.get("to"), today)
    first = parse_date(request.query.get("from"), last - timedelta(days=days - 1))
    if first > last:
        first, last = last, first
    if (last - first).days > 366 * 3:  # keep a report's size bounded
        first = last - timedelta(days=366 * 3)
    return first, last
