"""``motcua run`` (interim terminal look-up) answers, clarifies and admits ignorance."""

from __future__ import annotations

import subprocess
import sys


def test_run_answers_clarifies_and_declines() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        input="lam giay khai sinh cho con\n\nđăng ký lại\nhôm nay trời mưa không\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=60,
    )
    out = proc.stdout
    assert "[dang-ky-khai-sinh]" in out
    assert "Bạn muốn hỏi thủ tục nào?" in out
    assert "chưa có thông tin" in out
