"""The map and the desks the bot answers from, and the deployment's own commune.

The gazetteer (every commune and old name) is loaded once at start-up; the desks are read from
the database at start-up, replaced at once when this instance's dashboard saves one, and
re-read periodically for the saves of other instances.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from types import MappingProxyType

from bot.storage.desk_repo import DeskRepo
from bot.storage.stats_repo import LOCAL  # Vietnam keeps UTC+7 all year
from knowledge.desk import Desk, ProvinceFees
from knowledge.locality import Locality
from knowledge.places import Found, Gazetteer

log = logging.getLogger("motcua.places")


def vietnam_now() -> datetime:
    """Vietnam's wall-clock time (naive): what "open now" and "today" mean for a desk."""
    return (datetime.now(UTC) + LOCAL).replace(tzinfo=None)


class Desks:
    """Immutable snapshots of the desks (by commune) and the local fees (by province), each
    swapped whole: a reader never sees half an update."""

    def __init__(
        self,
        desks: Mapping[int, Desk] | None = None,
        fees: Mapping[int, ProvinceFees] | None = None,
    ) -> None:
        self.current: Mapping[int, Desk] = MappingProxyType(dict(desks or {}))
        self.fees: Mapping[int, ProvinceFees] = MappingProxyType(dict(fees or {}))

    def replace(
        self, desks: Mapping[int, Desk], fees: Mapping[int, ProvinceFees] | None = None
    ) -> None:
        self.current = MappingProxyType(dict(desks))
        if fees is not None:
            self.fees = MappingProxyType(dict(fees))

    def put(self, desk: Desk) -> None:
        self.current = MappingProxyType({**self.current, desk.commune: desk})

    def put_fees(self, fees: ProvinceFees) -> None:
        self.fees = MappingProxyType({**self.fees, fees.province: fees})

    async def refresh_forever(self, repo: DeskRepo, every: float) -> None:
        """Re-read every ``every`` seconds: what other instances' dashboards saved."""
        while True:
            await asyncio.sleep(every)
            try:
                self.replace(await repo.desks(), await repo.all_province_fees())
            except Exception:  # the database may be down: keep what we have
                log.warning("could not re-read the desks; keeping %d", len(self.current))


def default_commune(
    value: str | None, places: Gazetteer, setting: str = "DEFAULT_LOCALITY"
) -> int | None:
    """``DEFAULT_LOCALITY``: an official commune code ("70") or a name that is one commune
    ("phường Hoàn Kiếm, Hà Nội"). Anything else is a configuration error, said at start-up."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        commune = places.commune(value)
        if commune is None:
            raise ValueError(f"{setting}={value}: no commune has this code")
        return commune.code
    result = places.resolve(value)
    if result.found is not Found.COMMUNE or result.commune is None:
        raise ValueError(
            f"{setting}={value!r} is not one commune ({result.found.value}); "
            "give the commune with its province, or its official code"
        )
    return result.commune.code


def ward_of(commune_code: int | None, places: Gazetteer | None) -> str | None:
    """The ward a dashboard account serves, as its full name ("Phường X, Thành phố Y"), or
    None: an account without a commune serves every ward. A code the map does not know stays
    a ward of its own ("#123"), which matches no place a citizen can name."""
    if commune_code is None:
        return None
    commune = places.commune(commune_code) if places else None
    return commune.full if commune else f"#{commune_code}"


def ward_places(ward: str, localities: Mapping[str, Locality]) -> frozenset[str]:
    """Every place value a ticket or a call-back of ``ward`` may carry: the ward's full name and
    the ids of the knowledge base's localities of that name."""
    return frozenset({ward, *(key for key, loc in localities.items() if loc.name == ward)})


def in_ward(place: str | None, ward: str | None, localities: Mapping[str, Locality]) -> bool:
    """Whether a ticket or a call-back whose citizen chose ``place`` is for an account serving
    ``ward``. One whose place is not known is for every ward (somebody has to answer it)."""
    if ward is None or not place or place == ward:
        return True
    locality = localities.get(place)
    return locality is not None and locality.name == ward
