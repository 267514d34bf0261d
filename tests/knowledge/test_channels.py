"""Times and fees per channel (trực tiếp / trực tuyến / bưu chính): modelled, checked, shown."""

from __future__ import annotations

from typing import Any

import pytest

from handlers import cards
from handlers.format import fee_text
from knowledge.loader import load_procedures
from knowledge.schema import Channel, Fee, Procedure
from knowledge.validate import check_channels
from tests.knowledge.helpers import example


def _with_time(*entries: dict[str, Any], availability: str | None = None) -> Procedure:
    data = example()
    data["processing_time"] = {
        **data["processing_time"],
        "text": "05 ngày làm việc kể từ khi nhận đủ hồ sơ.",
        "by_channel": list(entries),
    }
    if availability:
        data["online"] = {**data["online"], "availability": availability}
    return Procedure.model_validate(data)


def test_a_time_per_channel_is_read() -> None:
    proc = _with_time({"channel": "truc_tuyen", "text": "03 ngày làm việc.", "working_days": 3})
    (entry,) = proc.processing_time.by_channel
    assert (entry.channel, entry.working_days) == (Channel.ONLINE, 3)


def test_a_channel_listed_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="channel twice"):
        _with_time(
            {"channel": "buu_chinh", "text": "07 ngày làm việc."},
            {"channel": "buu_chinh", "text": "08 ngày làm việc."},
        )


def test_an_unknown_channel_is_refused() -> None:
    with pytest.raises(ValueError):
        _with_time({"channel": "fax", "text": "07 ngày làm việc."})


def test_the_time_section_lists_each_channel_after_the_general_time() -> None:
    proc = _with_time({"channel": "buu_chinh", "text": "07 ngày làm việc, cộng thời gian gửi."})
    lines = cards.time(proc).splitlines()
    general = lines.index("05 ngày làm việc kể từ khi nhận đủ hồ sơ.")
    assert lines[general + 1] == "• Gửi qua bưu chính: 07 ngày làm việc, cộng thời gian gửi."


def test_check_flags_an_online_time_when_online_filing_is_not_offered() -> None:
    proc = _with_time({"channel": "truc_tuyen", "text": "03 ngày làm việc."}, availability="khong")
    problems = check_channels([("p.yaml", proc)])
    assert [p.field for p in problems] == ["processing_time.by_channel[0]"]


def test_check_flags_a_channel_time_that_repeats_the_general_one() -> None:
    proc = _with_time({"channel": "truc_tiep", "text": "05 ngày làm việc kể từ khi nhận đủ hồ sơ."})
    problems = check_channels([("p.yaml", proc)])
    assert ["repeats" in p.message for p in problems] == [True]


def test_check_flags_a_channel_fee_without_a_base_amount() -> None:
    data = example()
    data["fees"] = {
        **data["fees"],
        "items": [{"label": "Lệ phí", "amount_text": "Theo HĐND tỉnh", "amount_online": 0}],
    }
    problems = check_channels([("p.yaml", Procedure.model_validate(data))])
    assert [p.field for p in problems] == ["fees.items[0].amount_online"]


def test_a_fee_shows_its_online_and_post_amounts() -> None:
    fee = Fee(label="Lệ phí", amount=20000, amount_online=10000, amount_post=15000, unit="lần")
    assert fee_text(fee) == (
        "20.000 đồng/lần (nộp trực tuyến: 10.000 đồng; gửi qua bưu chính: 15.000 đồng)"
    )


def test_the_knowledge_base_has_no_channel_problem() -> None:
    procs, problems = load_procedures()
    assert not problems
    assert check_channels(procs) == []
