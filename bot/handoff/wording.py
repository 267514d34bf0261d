"""What the handoff says to citizens and volunteers."""

from __future__ import annotations

CHANNEL_LABELS = {
    "telegram": "Telegram",
    "zalo": "Zalo (bot)",
    "zalo_oa": "Zalo OA",
    "web": "Web",
    "console": "Bàn hỗ trợ trực tuyến",
}
WAITING = (
    "Mình đã báo cho tổ hỗ trợ ({count} người đang trực). Bạn chờ trong giây lát, người hỗ trợ "
    "sẽ nhắn cho bạn ngay tại đây."
)
# Nobody can answer now: a call-back is offered (handlers.callback), never a vague "later".
NOBODY = (
    "Hiện chưa có tình nguyện viên nào đang trực. Yêu cầu của bạn đã được ghi lại; nếu muốn tổ hỗ "
    "trợ gọi lại, bạn để lại số điện thoại nhé."
)
TIMEOUT = (
    "Xin lỗi, chưa có tình nguyện viên nào nhận hỗ trợ kịp. Bạn có thể để lại số điện thoại để "
    "tổ hỗ trợ gọi lại."
)
CENTRE = "Bạn cũng có thể đến {name}, {address}. Giờ làm việc: {hours}.{phone}"
CLAIMED_CITIZEN = "Tình nguyện viên {name} đã nhận hỗ trợ bạn. Bạn cứ nhắn tiếp ở đây nhé."
NOTIFY = (
    "🆘 Phiếu #{id} ({channel})\nNội dung: {summary}\nThủ tục đang xem: {procedure}\n"
    "Địa bàn: {place}"
)
CLAIM_LABEL = "Nhận hỗ trợ"
CLAIM_WON = (
    "Bạn đã nhận phiếu #{id}. Tin nhắn bạn gửi bây giờ sẽ được chuyển cho người dân.\n"
    "• /the <tên thủ tục>: gửi hướng dẫn thủ tục cho người dân\n"
    "• /dong: đóng phiếu\n"
    "Ngữ cảnh gần nhất:\n{context}"
)
CLAIM_LOST = "Phiếu #{id} đã có người khác nhận rồi."
CLAIM_GONE = "Phiếu #{id} không còn chờ hỗ trợ."
TO_VOLUNTEER = "💬 Người dân (phiếu #{id}): {text}"
TO_CITIZEN = "🙋 Tình nguyện viên {name}: {text}"
RELAYED = "✓ Đã chuyển cho tình nguyện viên."
CARD_SENT = 'Đã gửi hướng dẫn "{title}" cho người dân.'
CARD_NOT_FOUND = 'Không tìm thấy thủ tục khớp với "{query}". Thử /tra để xem các lựa chọn.'
NO_TICKET = "Bạn không có phiếu nào đang hỗ trợ."
CLOSED_VOLUNTEER = "Đã đóng phiếu #{id}. Cảm ơn bạn!"
CLOSED_CITIZEN = (
    "Tình nguyện viên đã kết thúc hỗ trợ. motcua tiếp tục trả lời bạn như trước. "
    "Bạn thấy buổi hỗ trợ thế nào?"
)
FEEDBACK_THANKS = "Cảm ơn bạn đã góp ý cho tổ hỗ trợ! 😊"
LINKED = (
    "Chào {name}! Tài khoản này đã được liên kết làm tình nguyện viên và đang ở trạng thái trực."
)
BAD_INVITE = "Mã mời không đúng, đã dùng hoặc đã hết hạn."
ON_DUTY = "Bạn đang trực: phiếu hỗ trợ mới sẽ được báo cho bạn."
OFF_DUTY = "Bạn đã nghỉ trực: sẽ không nhận báo phiếu mới."
LOOKUP_EMPTY = "Gõ /tra <câu hỏi>, ví dụ: /tra làm lại căn cước"
VOLUNTEER_HELP = (
    "Lệnh cho tình nguyện viên:\n/truc, /nghi: bật/tắt trực\n/tra <câu hỏi>: tra nhanh thủ tục\n"
    "/the <tên thủ tục>: gửi hướng dẫn cho người dân đang hỗ trợ\n/dong: đóng phiếu"
)
