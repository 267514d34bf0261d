"""Reviews laid over the procedure files: checks, staleness, reports, corrected texts, and the
one line citizens read."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from knowledge.base import KnowledgeStore
from knowledge.review import (
    MAX_EDIT,
    SectionReview,
    citizen_line,
    clean_text,
    overlay,
    stale_reason,
)
from knowledge.schema import Procedure, Review
from tests.knowledge.helpers import example

TODAY = dt.date(2026, 12, 6)
CHECK = Review(by="Nguyễn Thị Lan, công chức tư pháp", on=TODAY, against="NĐ 123/2015/NĐ-CP")


def _proc(**changes: Any) -> Procedure:
    data = example()
    data.update(changes)
    return Procedure.model_validate(data)


def _one(proc: Procedure, *reviews: SectionReview, today: dt.date = TODAY) -> Procedure:
    return overlay({proc.id: proc}, reviews, today)[proc.id]


def test_a_check_marks_the_section_verified_and_signed() -> None:
    proc = _proc()
    shown = _one(proc, SectionReview(proc.id, "fees", 1, CHECK))
    assert shown.fees.verified and shown.fees.review == CHECK
    assert shown.documents.review is None and shown.documents == proc.documents


def test_nothing_to_apply_keeps_the_same_object() -> None:
    proc = _proc()
    assert _one(proc) is proc
    assert _one(proc, SectionReview("khac", "fees", 1, CHECK)) is proc


def test_a_check_goes_stale_after_twelve_months() -> None:
    proc = _proc()
    review = SectionReview(proc.id, "fees", 1, CHECK)
    assert _one(proc, review, today=dt.date(2027, 12, 6)).fees.review == CHECK
    later = _one(proc, review, today=dt.date(2027, 12, 7)).fees
    assert later.review is None
    assert stale_reason(later, CHECK, dt.date(2027, 12, 7)) == "kiểm tra quá 12 tháng"


def test_a_check_goes_stale_when_a_fact_it_relied_on_expires() -> None:
    proc = _proc(
        fees={
            "items": [
                {"label": "Giảm 50%", "amount": 15000, "valid_until": "2026-12-31"},
                {"label": "Mức đầy đủ", "amount": 30000, "valid_from": "2027-01-01"},
            ]
        }
    )
    review = SectionReview(proc.id, "fees", 1, CHECK)
    assert _one(proc, review, today=dt.date(2026, 12, 31)).fees.review == CHECK
    assert _one(proc, review, today=dt.date(2027, 1, 1)).fees.review is None
    reason = stale_reason(proc.fees, CHECK, dt.date(2027, 1, 1))
    assert reason == "«Giảm 50%» hết hiệu lực ngày 31/12/2026"


def test_a_fact_that_had_already_ended_when_checked_does_not_make_it_stale() -> None:
    proc = _proc(fees={"items": [{"label": "Cũ", "amount": 1000, "valid_until": "2026-01-01"}]})
    assert stale_reason(proc.fees, CHECK, TODAY) is None


def test_an_open_report_drops_the_check_and_the_verified_flag() -> None:
    proc = _proc(fees={"items": [{"label": "Lệ phí", "amount": 0}], "verified": True})
    shown = _one(proc, SectionReview(proc.id, "fees", 2, CHECK, reported=True))
    assert not shown.fees.verified and shown.fees.review is None


def test_corrected_texts_replace_the_files_and_unknown_fields_are_ignored() -> None:
    proc = _proc()
    edits = {"text": "Trong ngày làm việc", "note": "", "legal_basis": "x"}
    shown = _one(proc, SectionReview(proc.id, "processing_time", 1, None, edits))
    assert shown.processing_time.text == "Trong ngày làm việc"
    assert shown.processing_time.note is None
    assert shown.processing_time.legal_basis == proc.processing_time.legal_basis


def test_citizens_read_the_line_only_when_every_section_shown_is_checked() -> None:
    proc = _proc()
    other = Review(by="Trần Văn Bình", on=dt.date(2026, 11, 2), against="TT 85/2019/TT-BTC")
    shown = _one(
        proc,
        SectionReview(proc.id, "fees", 1, CHECK),
        SectionReview(proc.id, "processing_time", 1, other),
    )
    assert citizen_line([shown.fees]) == (
        "✅ Đã kiểm tra ngày 06/12/2026 bởi Nguyễn Thị Lan, công chức tư pháp"
    )
    assert citizen_line([shown.fees, shown.processing_time]) == (
        "✅ Đã kiểm tra ngày 02/11/2026 bởi Trần Văn Bình, Nguyễn Thị Lan, công chức tư pháp"
    )
    assert citizen_line([shown.fees, shown.online]) is None
    assert citizen_line([]) is None


def test_clean_text_is_one_plain_paragraph_and_refuses_long_text() -> None:
    assert clean_text("  Mang\u0000 theo\n\tCCCD  ") == "Mang theo CCCD"
    assert clean_text("a" * MAX_EDIT) == "a" * MAX_EDIT
    with pytest.raises(ValueError, match="tối đa 500"):
        clean_text("a" * (MAX_EDIT + 1))


def test_the_store_swaps_in_reviews_and_follows_the_day() -> None:
    day = [TODAY]
    store = KnowledgeStore(today=lambda: day[0])
    files = store.current
    pid = "dang-ky-khai-sinh"
    reviewed = store.set_reviews([SectionReview(pid, "fees", 1, CHECK)])
    assert reviewed is not files and store.current is reviewed
    assert reviewed.procedures[pid].fees.review == CHECK
    assert store.files.procedures[pid].fees.review is None
    assert store.set_reviews([SectionReview(pid, "fees", 1, CHECK)]) is reviewed  # unchanged
    day[0] = dt.date(2028, 1, 1)
    assert store.current.procedures[pid].fees.review is None
    store.set_reviews([])
    assert store.current.procedures[pid] is store.files.procedures[pid]


def test_corrected_texts_not_checked_since_are_unverified() -> None:
    proc = _proc(processing_time={"text": "03 ngày làm việc", "verified": True})
    edited = SectionReview(proc.id, "processing_time", 1, None, {"text": "02 ngày làm việc"})
    assert not _one(proc, edited).processing_time.verified
    same = SectionReview(proc.id, "processing_time", 1, None, {"text": "03 ngày làm việc"})
    assert _one(proc, same).processing_time.verified  # nothing actually changed


def test_the_store_tells_its_listeners_of_each_new_base_once() -> None:
    day = [TODAY]
    store = KnowledgeStore(today=lambda: day[0])
    told: list[object] = []
    store.on_swap(told.append)
    pid = "dang-ky-khai-sinh"
    reviewed = store.set_reviews([SectionReview(pid, "fees", 1, CHECK)])
    store.set_reviews([SectionReview(pid, "fees", 1, CHECK)])  # unchanged: nothing to tell
    assert told == [reviewed]
    day[0] = dt.date(2028, 1, 1)  # the check is stale: a new base for the new day
    assert told == [reviewed] and store.current is not reviewed
    assert told == [reviewed, store.current]
    reloaded = store.reload()
    assert told[-1] is reloaded and len(told) == 3
