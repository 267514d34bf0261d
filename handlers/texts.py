"""Every fixed sentence motcua says, in one place: short, friendly, readable on a phone."""

from __future__ import annotations

GREETING = (
    "Xin chào! Mình là motcua, trợ lý hướng dẫn thủ tục hành chính.\n"
    "Bạn cứ hỏi tự nhiên, có dấu hay không dấu đều được, ví dụ:\n"
    "• làm giấy khai sinh cho con\n"
    "• đổi căn cước hết bao nhiêu tiền\n"
    "• sang tên sổ đỏ cần giấy tờ gì\n"
    "Hoặc chọn một chủ đề bên dưới."
)
DEEP_LINK = "Xin chào! Đây là hướng dẫn cho thủ tục bạn vừa quét mã. Bạn hỏi thêm gì cứ nhắn nhé."
HELP = (
    "motcua giúp bạn biết: ai được làm, cần giấy tờ gì, lệ phí, thời gian, nộp ở đâu và cách nộp "
    "trực tuyến.\n"
    '• Gõ câu hỏi, rồi hỏi tiếp kiểu "hết bao nhiêu tiền?", "cần mang gì?" mà không cần nhắc lại.\n'
    '• Nói nơi bạn ở (ví dụ "tôi ở phường Bến Thành") để xem nơi nộp gần bạn nếu mình có dữ liệu.\n'
    '• /huy hoặc "làm lại": bắt đầu lại. /nguoi: gặp người hỗ trợ.\n'
    "• /dulieu: xem dữ liệu motcua lưu về bạn. /xoadulieu: xóa dữ liệu đó.\n"
    "motcua chỉ hướng dẫn; kết quả chính thức do cơ quan giải quyết."
)
RESET = "Đã bắt đầu lại. Bạn cần hỏi thủ tục gì?"
TOPICS_PROMPT = "Chọn chủ đề, hoặc gõ câu hỏi của bạn:"
TOPIC_PICK = "{label} — chọn thủ tục bạn cần:"
CLARIFY = "Bạn muốn hỏi thủ tục nào dưới đây?"
STILL_WHICH = "Mình chưa rõ câu này thuộc thủ tục nào. Bạn chọn giúp mình một thủ tục dưới đây nhé."
NONE_OF_THESE = "Không phải các mục trên"
NOT_THIS = "Không phải thủ tục này"
GUESSED = "Mình hiểu bạn hỏi về: {title}."
PICKED = "Mình trả lời theo thủ tục: {title}. Nếu bạn hỏi thủ tục khác, chọn bên dưới."
NEEDS = (
    "Bạn hỏi {count} việc. Mình trả lời việc thứ nhất trước: {first}. "
    "Bấm nút bên dưới hoặc nhắn “việc thứ hai” để xem {rest}: {others}."
)
NEEDS_COUNT = {2: "hai", 3: "ba"}
NEEDS_REST = {2: "việc thứ hai", 3: "các việc còn lại"}
UNMET = (
    "Xin lỗi, mình chưa tìm thấy thủ tục phù hợp với câu hỏi này.\n"
    'Bạn thử nói rõ hơn việc cần làm (ví dụ "đăng ký tạm trú"), chọn một chủ đề, '
    "hoặc gặp người hỗ trợ."
)
UNRELATED = (
    "Xin lỗi, mình chưa tìm thấy thủ tục phù hợp: mình chỉ hỗ trợ thủ tục hành chính. "
    "Bạn chọn một chủ đề dưới đây hoặc gõ thủ tục bạn cần."
)
REFERRAL = (
    "Phần này không thuộc các thủ tục mình hướng dẫn. {office}\n"
    "Trang chính thức: {url}\n"
    "Rà soát lần cuối: {reviewed}"
)
FIRST_STEP = "Bước trước: {title}. {reason}"
RELATED_FIRST = "Việc liên quan mình hướng dẫn được: {title}. {summary}"
UNMET_REPEATED = (
    "Xin lỗi, mình vẫn chưa tìm được thủ tục bạn cần. Mình đã ghi lại để bổ sung.\n"
    "Bạn có muốn gặp người hỗ trợ không?"
)
REJECTED = (
    "Xin lỗi vì chưa đúng ý bạn. Mình đã ghi lại để người phụ trách xem.\n"
    "Bạn mô tả lại việc cần làm giúp mình, hoặc gặp người hỗ trợ."
)
HANDOFF = (
    "Mình đã ghi lại yêu cầu gặp người hỗ trợ cùng nội dung bạn đang hỏi.\n"
    "Nếu cần gấp, bạn có thể đến Bộ phận Một cửa của UBND xã/phường nơi bạn ở trong giờ hành chính."
)
# Call-backs (handlers.callback): a number left when nobody can answer now.
CALLBACK_CLOSED = (
    "Bộ phận Một cửa đang ngoài giờ làm việc. Bạn có thể để lại số điện thoại để tổ hỗ trợ gọi lại."
)
CALLBACK_WHEN = "Bạn muốn được gọi lại vào lúc nào?"
CALLBACK_ASK = (
    "Bạn nhắn số điện thoại (hoặc số Zalo) để tổ hỗ trợ gọi lại; số được xóa sau {days} ngày."
)
CALLBACK_BAD = (
    "Số này chưa đúng. Bạn nhắn lại số di động, hoặc số bàn kèm mã vùng, ví dụ 0912 345 678."
)
CALLBACK_TAKEN = (
    "Cảm ơn bạn. Tổ hỗ trợ sẽ gọi lại số có đuôi {end} {when}. "
    "Số được xóa sau {days} ngày; gõ /xoadulieu nếu muốn xóa ngay."
)
CALLBACK_DROPPED = "Dạ vâng, mình không ghi số. Bạn cần hỏi gì thêm cứ nhắn nhé."
LABEL_CALLBACK = "📞 Để lại số để được gọi lại"
LABEL_NO_CALLBACK = "Thôi, không cần"
# A slot's button label, and how the confirmation says it.
CALLBACK_SLOTS = {
    "am": ("Buổi sáng", "vào buổi sáng"),
    "pm": ("Buổi chiều", "vào buổi chiều"),
    "any": ("Lúc nào cũng được", "sớm nhất có thể"),
}
THANKS = "Không có gì ạ! Bạn cần hỏi thêm thủ tục nào cứ nhắn nhé."
EMPTY = 'Bạn chưa nhập nội dung. Hãy gõ câu hỏi, ví dụ "làm căn cước cho con".'
TOO_LONG = "Tin nhắn khá dài nên mình chỉ đọc phần đầu. Lần sau bạn hỏi ngắn gọn giúp mình nhé."
EMOJI_ONLY = "Mình chưa hiểu biểu tượng này 🙂 Bạn gõ câu hỏi bằng chữ giúp mình nhé."
NON_TEXT = {
    "sticker": (
        "Cảm ơn nhãn dán của bạn 🙂 Mình chỉ đọc được tin nhắn chữ, bạn gõ câu hỏi giúp mình nhé."
    ),
    "photo": (
        "Mình chưa xem được ảnh. Bạn gõ câu hỏi bằng chữ giúp mình nhé.\n"
        "Lưu ý: không gửi ảnh giấy tờ có thông tin cá nhân qua tin nhắn."
    ),
    "voice": "Mình chưa nghe được tin nhắn thoại. Bạn gõ câu hỏi bằng chữ giúp mình nhé.",
    "file": (
        "Mình chưa đọc được tệp đính kèm. Bạn gõ câu hỏi bằng chữ giúp mình nhé.\n"
        "Lưu ý: không gửi giấy tờ có thông tin cá nhân qua tin nhắn."
    ),
    "other": "Mình chỉ đọc được tin nhắn chữ. Bạn gõ câu hỏi giúp mình nhé.",
}
UNKNOWN_ACTION = "Nút này đã cũ hoặc không còn dùng được. Bạn gõ lại câu hỏi giúp mình nhé."
UNKNOWN_PROCEDURE = (
    "Thủ tục này không còn trong dữ liệu của motcua. Bạn gõ lại câu hỏi giúp mình nhé."
)
CUTOFF = "Nộp trước {cutoff} để kịp nhận trong ngày."
CITIZEN_DEADLINE = "Thời hạn bạn cần làm: {deadline}"
ANSWER_HEAD = "📋 {title}"
ANSWER_INTRO = "Về điều bạn hỏi, hướng dẫn ghi:"
PAPER_FROM = "📄 {name}\nLấy ở đâu: {obtain}"
FAQ_QUESTION = "❓ {question}"
WRITTEN_BY = "Trả lời của {unit}, ngày {day}."
NOT_IN_GUIDANCE = (
    "Hướng dẫn về {title} chưa có chi tiết này. Mình đã ghi lại câu hỏi để người phụ trách "
    "bổ sung.\nBạn xem các mục bên dưới, hoặc hỏi Bộ phận Một cửa nơi nộp hồ sơ nhé."
)
STILL_CURRENT = "Bạn cứ hỏi tiếp về {title} nếu cần nhé."
OFF_TOPIC = (
    "Câu này không thuộc thủ tục hành chính nên mình chưa có thông tin để trả lời. " + STILL_CURRENT
)
NO_HOTLINE = (
    "Mình chưa có số tổng đài đã kiểm chứng để gửi bạn. Bạn có thể hỏi trực tiếp Bộ phận Một cửa "
    "nơi nộp hồ sơ, hoặc để mình chuyển câu hỏi cho người hỗ trợ."
)
MAYBE_OTHER = "Có thể bạn cần thủ tục khác: {title}."
OFFER_HUMAN = "Bạn có muốn gặp người hỗ trợ không?"
NO_THANKS = "Dạ vâng. Bạn cần hỏi gì thêm cứ nhắn nhé."
ANYTHING_ELSE = "Dạ. Bạn cần biết thêm gì về {title}?"
BARE_NUMBER = "Mình chưa hiểu con số này. Bạn gõ câu hỏi bằng chữ giúp mình nhé."
# the desk a procedure is filed at, said beside its hours when the commune is not known
FILED_AT = "{title} nộp tại: {receives}."
ONLINE_TOO = "{title} có thể nộp trực tuyến: xem mục Nộp trực tuyến."
NOTHING_BEFORE = "Mình chưa nói với bạn về thủ tục nào khác trước đó. Bạn cần hỏi thủ tục gì?"
BACK_TO = "Quay lại {title}."
NO_PROCEDURE = 'Bạn đang hỏi về thủ tục nào? Gõ tên việc cần làm, ví dụ "đăng ký kết hôn".'
ASK_LOCALITY = 'Muốn xem nơi nộp gần bạn, hãy cho mình biết xã/phường, ví dụ "tôi ở phường Mẫu".'
LOCALITY_SET = "Đã ghi nhận nơi bạn ở: {name}."
LOCALITY_EXAMPLE = "⚠️ Đây là dữ liệu minh họa, không phải địa chỉ, giờ làm việc thật."
LOCALITY_UNKNOWN = (
    "Mình chưa có dữ liệu riêng cho {place}, nên sẽ trả lời theo quy định chung toàn quốc. "
    "Địa chỉ và giờ làm việc cụ thể bạn xem trên trang của UBND xã/phường hoặc Cổng Dịch vụ công."
)
FEEDBACK_THANKS = "Cảm ơn bạn đã góp ý! 😊"
FEEDBACK_ASK = "Xin lỗi vì câu trả lời chưa tốt. Điều gì chưa ổn?"
FEEDBACK_REASONS = {
    "wrong": "Sai thông tin",
    "proc": "Không đúng thủ tục",
    "hard": "Khó hiểu",
    "other": "Khác",
}
FEEDBACK_RECORDED = "Cảm ơn bạn, mình đã ghi lại để người phụ trách kiểm tra và sửa."
FEEDBACK_NOTHING = "Bạn chưa hỏi thủ tục nào để góp ý. Bạn cần hỏi gì?"
CHECKLIST_INTRO = (
    'Danh sách kiểm tra — {name}\nBấm vào giấy tờ bạn đã có (bấm lại để bỏ), rồi bấm "Xong".'
)
CHECKLIST_DONE_ALL = "Bạn đã có đủ các giấy tờ chính. 👍"
CHECKLIST_MISSING = "Bạn còn thiếu:"
CHECKLIST_CONDITIONAL = (
    "Những giấy tờ chỉ cần trong một số trường hợp đã được đánh dấu (khi nào cần)."
)
NO_DOCUMENTS = "Thủ tục này không yêu cầu nộp giấy tờ."

LABEL_DOCUMENTS = "📄 Giấy tờ cần chuẩn bị"
# The card's checklist: the documents everyone brings, then how many more some cases need.
CARD_BRING = "📄 Cần mang"
CARD_MORE_DOCUMENTS = "+ {count} giấy tờ khác tùy trường hợp (xem mục Giấy tờ)"
CARD_CASE_DOCUMENTS = "{count} loại giấy tờ tùy trường hợp, xem mục Giấy tờ"
LABEL_FEES = "💰 Lệ phí"
# The line the fees section opens with when nothing in force costs anything, so a "có mất tiền
# không?" is answered before the items: every item free; the state fee free with only what the
# citizen may choose (postage) or what the note names (a copy) still paid.
FEES_ALL_FREE = "Không mất lệ phí, cũng không mất phí gì khác."
FEES_STATE_FREE = "Không mất lệ phí; chỉ trả khoản ghi dưới đây nếu bạn cần."
LABEL_TIME = "⏱ Thời gian"
LABEL_PLACE = "📍 Nơi nộp"
LABEL_ONLINE = "💻 Nộp trực tuyến"
LABEL_LINKS = "🔗 Thủ tục liên quan"
LABEL_CHECKLIST = "✅ Danh sách kiểm tra"
LABEL_WHO = "👤 Ai được làm"
LABEL_FORMS = "📝 Mẫu đơn, tờ khai"
LABEL_CARD = "ℹ️ Tóm tắt thủ tục"
LABEL_RESULT = "📦 Kết quả nhận được"
LABEL_YES_HUMAN = "Có, gặp người hỗ trợ"
LABEL_NO_THANKS = "Không, cảm ơn"
LABEL_MORE = "➕ Xem thêm"
LABEL_HUMAN = "🙋 Gặp người hỗ trợ"
LABEL_UP = "👍"
LABEL_DOWN = "👎"
LABEL_DONE = "Xong"
LABEL_TOPICS = "📚 Chủ đề"
LABEL_RESET = "Làm lại"

# The citizen's data (handlers.rights); the runtime fills in the answers that need the data.
ERASE_ASK = (
    "Bạn muốn xóa toàn bộ dữ liệu motcua đang lưu về bạn trên kênh này (tin nhắn, câu hỏi, "
    "góp ý, yêu cầu gặp người hỗ trợ)? Đã xóa thì không khôi phục được."
)
LABEL_ERASE = "🗑 Xóa dữ liệu của tôi"
LABEL_KEEP = "Không xóa"
ERASE_PENDING = "Mình đã nhận yêu cầu xóa dữ liệu của bạn."
ERASE_KEPT = "Dữ liệu của bạn vẫn được giữ như cũ. Bạn cần hỏi thủ tục gì?"
ACCESS_PENDING = "Mình đang xem dữ liệu motcua lưu về bạn."
PRIVACY_SHORT = (
    "motcua lưu tin nhắn của bạn (đã che số giấy tờ, số điện thoại) trong một thời gian có hạn "
    "để trả lời và cải thiện hướng dẫn. Gõ /dulieu để xem, /xoadulieu để xóa."
)
