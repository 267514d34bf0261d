"""What citizens (and volunteers) read about their data; the page's text is in ``page.html``."""

from __future__ import annotations

CITIZEN = "người dân"  # who carried out an erasure asked for in the chat (audit log)

NOTICE = (
    "🔒 motcua lưu tin nhắn của bạn (đã che số giấy tờ, số điện thoại) trong {days} ngày để trả "
    "lời và cải thiện hướng dẫn. Xem thêm: {url} — gõ /dulieu để xem, /xoadulieu để xóa."
)
INFO = (
    "motcua lưu tin nhắn của bạn (đã che số giấy tờ, số điện thoại, email, biển số xe) để trả lời "
    "và cải thiện hướng dẫn: tin nhắn {messages} ngày, câu hỏi chưa trả lời được {unmet} ngày, "
    "góp ý {feedback} ngày. Đơn vị chịu trách nhiệm: {controller}.\n"
    "Gõ /dulieu để xem dữ liệu đang lưu, /xoadulieu để xóa. Chi tiết: {url}"
)
ERASED = (
    "Đã xóa dữ liệu của bạn trên kênh này: {summary}. Nhật ký hệ thống chỉ ghi là đã có một lần "
    "xóa, không ghi nội dung. Bạn nhắn tiếp thì sẽ là một cuộc trò chuyện mới."
)
ERASED_NOTHING = "motcua không còn lưu dữ liệu nào của bạn trên kênh này, nên không có gì để xóa."
ERASE_QUEUED = (
    "Hệ thống lưu trữ đang tạm gián đoạn. Yêu cầu xóa của bạn đã được ghi lại và sẽ được thực hiện "
    "ngay khi hệ thống hoạt động trở lại."
)
ERASE_FAILED = "Xin lỗi, chưa xóa được dữ liệu của bạn lúc này. Bạn thử lại sau ít phút nhé."
ACCESS = (
    "Dữ liệu motcua đang lưu về bạn trên kênh này (số giấy tờ, số điện thoại đã được che):\n"
    "• {messages} tin nhắn (cả câu trả lời của motcua), từ {first} đến {last}\n"
    "• {unmet} câu hỏi chưa trả lời được, {feedback} góp ý, {tickets} yêu cầu gặp người hỗ trợ"
)
ACCESS_CALLBACKS = (
    "• {count} yêu cầu gọi lại kèm số điện thoại bạn để lại (xóa sau {days} ngày kể từ khi để lại)"
)
ACCESS_RECENT = "• Gần đây bạn đã viết: {texts}"
ACCESS_ID = (
    "• Mã người dùng của bạn trên kênh này: {id} (dùng khi yêu cầu qua điện thoại hay trực tiếp)"
)
ACCESS_END = "Tin nhắn được giữ {days} ngày rồi tự xóa. Gõ /xoadulieu nếu muốn xóa ngay."
ACCESS_NOTHING = "motcua không lưu dữ liệu nào của bạn trên kênh này."
ACCESS_DOWN = (
    "Hệ thống lưu trữ đang tạm gián đoạn nên mình chưa xem được dữ liệu của bạn. "
    "Bạn thử lại sau ít phút nhé."
)
VOLUNTEER_ERASED = (
    "Người dân của yêu cầu #{id} đã xóa dữ liệu của họ; yêu cầu này đã đóng và tin nhắn sẽ không "
    "được chuyển tiếp nữa."
)
KINDS = (
    ("messages", "tin nhắn"),
    ("unmet", "câu hỏi chưa trả lời được"),
    ("feedback", "góp ý"),
    ("tickets", "yêu cầu gặp người hỗ trợ"),
    ("outbox", "tin chờ gửi"),
    ("other", "mục khác"),
)
