"""What a reviewer reads of a section: the per-channel times are part of the time section."""

from __future__ import annotations

from bot.admin.review_views import citizen_lines
from knowledge.schema import Procedure
from tests.knowledge.helpers import example


def test_the_time_section_lists_each_channel_for_the_reviewer() -> None:
    data = example()
    data["processing_time"] = {
        **data["processing_time"],
        "text": "03 ngày làm việc.",
        "citizen_deadline": "Trong 60 ngày.",
        "by_channel": [{"channel": "truc_tiep", "text": "tối đa 20 ngày làm việc."}],
    }
    lines = citizen_lines(Procedure.model_validate(data), "processing_time")
    assert lines[:3] == [
        "03 ngày làm việc.",
        "Nộp trực tiếp: tối đa 20 ngày làm việc.",
        "Thời hạn bạn cần làm: Trong 60 ngày.",
    ]
