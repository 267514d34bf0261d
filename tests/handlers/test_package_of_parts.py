"""Two parts of a package named together while a procedure that links the package is current
("làm thường trú với thẻ bảo hiểm y tế cho con" while the birth is registered) lead to the
package, which does them at once; one part named alone, or two things of no package it links,
do not."""

from __future__ import annotations

from handlers import Context
from tests.handlers.talk import told_in

BIRTH = "dang-ky-khai-sinh"
BIRTH_PACKAGE = "lien-thong-khai-sinh-thuong-tru-bhyt"
DEATH = "dang-ky-khai-tu"
DEATH_PACKAGE = "lien-thong-khai-tu-xoa-thuong-tru-mai-tang"


def test_two_parts_of_the_birth_package_lead_to_it(ctx: Context) -> None:
    said = "làm thường trú với thẻ bảo hiểm y tế cho con cùng lúc được không"
    _, state = told_in(ctx, BIRTH, said)
    assert state.procedure == BIRTH_PACKAGE


def test_two_parts_of_the_death_package_lead_to_it(ctx: Context) -> None:
    _, state = told_in(ctx, DEATH, "còn xóa thường trú với hỗ trợ mai táng cho mẹ thì sao")
    assert state.procedure == DEATH_PACKAGE


def test_one_part_alone_is_not_the_package(ctx: Context) -> None:
    _, state = told_in(ctx, BIRTH, "làm thẻ bảo hiểm y tế cho bé ở đâu")
    assert state.procedure != BIRTH_PACKAGE


def test_two_things_of_no_linked_package_are_not_a_package(ctx: Context) -> None:
    _, state = told_in(ctx, BIRTH, "làm hộ chiếu với đăng ký tạm trú cho bé thì sao")
    assert state.procedure not in (BIRTH_PACKAGE, DEATH_PACKAGE)
