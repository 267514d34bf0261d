"""Detail questions inside a procedure: short forms typed without marks and the vehicle brought
along ask for their part."""

from __future__ import annotations

import pytest

from knowledge.answers import default_words


@pytest.mark.parametrize(
    "text",
    [
        "1 minh toi di lam dc ko",  # "một mình" typed with neither marks nor letters
        "co phai chay xe toi cho ho xem ko",  # bringing the vehicle to be seen
        "có cần mang xe máy đến không",
    ],
)
def test_coming_alone_or_with_the_vehicle_asks_who_must_come(text: str) -> None:
    assert [f.section for f in default_words().asked(text)][:1] == ["in_person"]


def test_a_vehicle_named_without_bringing_it_asks_no_one_to_come() -> None:
    asked = {f.section for f in default_words().asked("xe máy mua ở cửa hàng có cần hóa đơn")}
    assert "in_person" not in asked
