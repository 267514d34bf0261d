"""What the runtime says about a call-back it could not store."""

from __future__ import annotations

NOT_STORED = (
    "Xin lỗi, hệ thống lưu trữ đang tạm gián đoạn nên mình chưa ghi được số của bạn. "
    "Bạn thử lại sau ít phút nhé."
)
