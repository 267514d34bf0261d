"""The commune's own desk: a ward admin enters it, the bot answers from it at once.

A ward admin sees and edits only their commune's desk; an admin may edit any; a supervisor may
read any and edit none. Every save is validated whole (hours, phone, closures) and refused with
the reasons, keeping what was typed and what was saved before; an accepted save is audit-logged
and exported as YAML at ``/admin/desk/<code>.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml
from aiohttp import web
from pydantic import ValidationError

from bot.admin.auth import Role
from bot.admin.context import PREFIX, admin_of, redirect, render, role_of, session_of, who
from knowledge.desk import WEEKDAYS, Closure, Desk, LocalFee, ProvinceFees
from knowledge.places import Commune, Province, gazetteer

_CLOSURE = re.compile(
    r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:\s*[-–]\s*(\d{1,2})/(\d{1,2})/(\d{4}))?\s*[:,]?\s*(.+)$"
)


def _commune(code: str | None) -> Commune | None:
    return gazetteer().commune(code) if code else None


def _may_edit(request: web.Request, commune: Commune) -> bool:
    role = role_of(request)
    if role is Role.ADMIN:
        return True
    return role is Role.WARD_ADMIN and session_of(request).account.commune_code == commune.code


def _may_read(request: web.Request, commune: Commune) -> bool:
    return role_of(request) in (Role.ADMIN, Role.SUPERVISOR) or _may_edit(request, commune)


def _form_of(desk: Desk | None) -> dict[str, Any]:
    if desk is None:
        return {"hours": [""] * 7, "closures": "", "procedures": ""}
    return {
        "name": desk.name,
        "address": desk.address,
        "map_url": desk.map_url or "",
        "phone": desk.phone or "",
        "hours": [", ".join(day) for day in desk.hours],
        "closures": "\n".join(
            f"{c.first:%d/%m/%Y}"
            + ("" if c.last == c.first else f" - {c.last:%d/%m/%Y}")
            + f": {c.reason}"
            for c in desk.closures
        ),
        "procedures": ", ".join(desk.procedures),
        "note": desk.note or "",
    }


async def page(request: web.Request) -> web.Response:
    account = session_of(request).account
    code = request.match_info.get("code") or request.query.get("commune")
    if role_of(request) is Role.WARD_ADMIN:
        code = str(account.commune_code)
    commune = _commune(code)
    if commune is None:
        return render(request, "desk.html", commune=None, form={}, errors=[], editable=False)
    if not _may_read(request, commune):
        raise web.HTTPForbidden(text="Bạn chỉ xem được nơi tiếp nhận của xã, phường mình.")
    row = await admin_of(request).desk_repo.desk(commune.code)
    return render(
        request,
        "desk.html",
        commune=commune,
        form=_form_of(row.desk if row else None),
        errors=[],
        editable=_may_edit(request, commune),
        saved=row,
        weekdays=WEEKDAYS,
    )


def _closures(text: str) -> list[Closure]:
    found = []
    for line in filter(None, (ln.strip() for ln in text.splitlines())):
        match = _CLOSURE.match(line)
        if not match:
            raise ValueError(f"ngày nghỉ “{line}” cần có dạng 01/01/2027 - 02/01/2027: lý do")
        d1, m1, y1, d2, m2, y2, reason = match.groups()
        try:
            first = dt.date(int(y1), int(m1), int(d1))
            last = dt.date(int(y2), int(m2), int(d2)) if y2 else first
        except ValueError:
            raise ValueError(f"ngày nghỉ “{line}”: ngày không có thật") from None
        found.append(Closure(first=first, last=last, reason=reason))
    return found


def _reasons(exc: ValidationError) -> list[str]:
    out = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"])
        message = str(err.get("ctx", {}).get("error") or err["msg"])
        message = message.removeprefix("Value error, ")
        out.append(f"{where}: {message}" if where else message)
    return out


async def save(request: web.Request) -> web.Response:
    admin = admin_of(request)
    commune = _commune(request.match_info["code"])
    if commune is None:
        raise web.HTTPNotFound(text="Không có xã, phường này.")
    if not _may_edit(request, commune):
        raise web.HTTPForbidden(text="Bạn chỉ sửa được nơi tiếp nhận của xã, phường mình.")
    data = await request.post()
    form: dict[str, Any] = {
        k: str(data.get(k, "")).strip()
        for k in ("name", "address", "map_url", "phone", "closures", "procedures", "note")
    }
    form["hours"] = [str(data.get(f"hours_{i}", "")).strip() for i in range(7)]
    errors: list[str] = []
    desk: Desk | None = None
    try:
        desk = Desk(
            commune=commune.code,
            name=form["name"],
            address=form["address"],
            map_url=form["map_url"] or None,
            phone=form["phone"] or None,
            hours=[[s.strip() for s in day.split(",") if s.strip()] for day in form["hours"]],
            closures=_closures(form["closures"]),
            procedures=[p.strip() for p in form["procedures"].split(",") if p.strip()],
            note=form["note"] or None,
        )
    except ValidationError as exc:
        errors = _reasons(exc)
    except ValueError as exc:
        errors = [str(exc)]
    if desk is None:
        row = await admin.desk_repo.desk(commune.code)
        return render(
            request,
            "desk.html",
            status=400,
            commune=commune,
            form=form,
            errors=errors,
            editable=True,
            saved=row,
            weekdays=WEEKDAYS,
        )
    await admin.desk_repo.save_desk(desk, who(request))
    admin.desks.put(desk)  # this instance answers from it at once; others on their refresh
    await admin.audit_log.audit(
        who(request), "desk.save", f"commune:{commune.code}", desk=desk.model_dump(mode="json")
    )
    raise redirect(f"{PREFIX}/desk/{commune.code}", "desk_saved")


async def export(request: web.Request) -> web.Response:
    commune = _commune(request.match_info["code"])
    if commune is None:
        raise web.HTTPNotFound(text="Không có xã, phường này.")
    if not _may_read(request, commune):
        raise web.HTTPForbidden(text="Bạn chỉ xem được nơi tiếp nhận của xã, phường mình.")
    row = await admin_of(request).desk_repo.desk(commune.code)
    if row is None:
        raise web.HTTPNotFound(text="Xã, phường này chưa nhập nơi tiếp nhận.")
    body = {"commune_name": commune.full, **row.desk.model_dump(mode="json", exclude_none=True)}
    text = yaml.safe_dump(body, allow_unicode=True, sort_keys=False)
    return web.Response(
        text=text,
        content_type="application/yaml",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="desk-{commune.code}.yaml"'},
    )


# -- local fees of a province ------------------------------------------------------------------

_FEE_HELP = "mỗi dòng: mã thủ tục; số tiền (đồng); số nghị quyết; ngày (dd/mm/yyyy); ghi chú"


def _province(request: web.Request) -> Province:
    try:
        province = gazetteer().provinces.get(int(request.match_info["province"]))
    except ValueError:
        province = None
    if province is None:
        raise web.HTTPNotFound(text="Không có tỉnh, thành phố này.")
    account = session_of(request).account
    if role_of(request) is Role.WARD_ADMIN:
        own = gazetteer().commune(account.commune_code)
        if own is None or own.province.code != province.code:
            raise web.HTTPForbidden(text="Bạn chỉ xem được lệ phí của tỉnh, thành phố mình.")
    return province


def _fee_lines(fees: ProvinceFees | None) -> str:
    if fees is None:
        return ""
    return "\n".join(
        f"{f.procedure}; {f.amount}; {f.resolution}; {f.resolution_date:%d/%m/%Y}"
        + (f"; {f.note}" if f.note else "")
        for f in fees.fees
    )


def _parse_fees(province: int, text: str) -> ProvinceFees:
    fees = []
    for n, line in enumerate(filter(None, (ln.strip() for ln in text.splitlines())), 1):
        parts = [p.strip() for p in line.split(";")]
        if len(parts) < 4:
            raise ValueError(f"dòng {n}: cần {_FEE_HELP}")
        try:
            day = dt.datetime.strptime(parts[3], "%d/%m/%Y").date()
        except ValueError:
            raise ValueError(f"dòng {n}: ngày “{parts[3]}” cần có dạng 01/07/2026") from None
        amount = parts[1].replace(".", "").replace(",", "")
        if not amount.isdigit():
            raise ValueError(f"dòng {n}: số tiền “{parts[1]}” cần là số đồng, ví dụ 8000")
        fees.append(
            LocalFee(
                procedure=parts[0],
                amount=int(amount),
                resolution=parts[2],
                resolution_date=day,
                note="; ".join(parts[4:]) or None,
            )
        )
    return ProvinceFees(province=province, fees=fees)


async def fees_page(request: web.Request) -> web.Response:
    province = _province(request)
    current = await admin_of(request).desk_repo.province_fees(province.code)
    return render(
        request,
        "fees.html",
        province=province,
        text=_fee_lines(current),
        errors=[],
        editable=role_of(request) is Role.ADMIN,
        help=_FEE_HELP,
    )


async def fees_save(request: web.Request) -> web.Response:
    admin = admin_of(request)
    province = _province(request)
    text = str((await request.post()).get("fees", ""))
    try:
        fees = _parse_fees(province.code, text)
    except ValidationError as exc:
        errors = _reasons(exc)
    except ValueError as exc:
        errors = [str(exc)]
    else:
        unknown = [f.procedure for f in fees.fees if admin.store.current.get(f.procedure) is None]
        if not unknown:
            await admin.desk_repo.save_province_fees(fees, who(request))
            admin.desks.put_fees(fees)
            await admin.audit_log.audit(
                who(request),
                "fees.save",
                f"province:{province.code}",
                fees=fees.model_dump(mode="json"),
            )
            raise redirect(f"{PREFIX}/fees/{province.code}", "fees_saved")
        errors = [f"không có thủ tục mã “{code}” trong motcua" for code in unknown]
    return render(
        request,
        "fees.html",
        status=400,
        province=province,
        text=text,
        errors=errors,
        editable=True,
        help=_FEE_HELP,
    )
