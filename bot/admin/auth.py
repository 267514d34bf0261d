"""Accounts: roles, argon2 password hashes, and the login rate limit."""

from __future__ import annotations

import functools
import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_PASSWORD = 10
MAX_PASSWORD = 1024
NAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")


class Role(StrEnum):
    ADMIN = "admin"  # everything
    SUPERVISOR = "supervisor"  # unmet inbox, statistics, knowledge browser
    VOLUNTEER = "volunteer"  # the handoff queue only
    WARD_ADMIN = "ward_admin"  # its own commune's desk only
    REVIEWER = "reviewer"  # a ward's legal officer: checks and corrects the knowledge base


ROLE_LABELS = {
    Role.ADMIN: "Quản trị viên",
    Role.SUPERVISOR: "Giám sát viên",
    Role.VOLUNTEER: "Tình nguyện viên",
    Role.WARD_ADMIN: "Quản trị xã, phường",
    Role.REVIEWER: "Cán bộ kiểm tra pháp lý",
}


@functools.cache
def _hasher() -> PasswordHasher:
    """Made at the first use: argon2 is not loaded by a start that nobody signs in to."""
    from argon2 import PasswordHasher

    return PasswordHasher()


@functools.cache
def _dummy() -> str:
    """Verified when the account does not exist, so a wrong name costs the same time as a wrong
    password. Made at the first login, not at import: one hash is ~0.1 s of the server's start."""
    return _hasher().hash("motcua-no-such-account")


def check_name(name: str) -> str | None:
    """The reason a login name is not acceptable, or None."""
    if not 1 <= len(name) <= 64 or not set(name) <= NAME_CHARS:
        return "tên đăng nhập gồm 1–64 ký tự a-z, 0-9, dấu chấm, gạch dưới, gạch ngang"
    return None


def check_password(password: str) -> str | None:
    """The reason a new password is not acceptable, or None."""
    if len(password) < MIN_PASSWORD:
        return f"mật khẩu cần ít nhất {MIN_PASSWORD} ký tự"
    if len(password) > MAX_PASSWORD:
        return f"mật khẩu dài quá {MAX_PASSWORD} ký tự"
    return None


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Constant-work check; ``password_hash`` None (no such account) is always False."""
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return _hasher().verify(password_hash or _dummy(), password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)


class LoginLimiter:
    """Two brakes on guessing passwords, neither of which can lock the real user out.

    - Per (client address, name): at most ``failures`` failed logins within ``window`` seconds,
      then 429 until the oldest ages out. Behind a proxy the address is the client's
      (``TRUSTED_PROXIES``), so a stranger's failures never lock the real user's address.
    - Per account, from any address: after ``account_free`` failures within the window, every
      further attempt on that name waits before its password is checked, doubling from
      ``account_step`` seconds up to ``account_cap``: guessing spread over many addresses slows
      down, while the real user still gets in, a few seconds later at worst. A success resets it.

    Entries live in ordered dicts pruned by age from the front (O(1) per call, memory bounded by
    the names and addresses of the last window). Kept per process.
    """

    def __init__(
        self,
        failures: int = 5,
        window: float = 15 * 60,
        clock: Callable[[], float] = time.monotonic,
        *,
        account_free: int = 10,
        account_step: float = 0.25,
        account_cap: float = 8.0,
    ) -> None:
        self.failures, self.window, self.clock = failures, window, clock
        self.account_free, self.account_step = account_free, account_step
        self.account_cap = account_cap
        self._seen: OrderedDict[Any, deque[float]] = OrderedDict()  # (address, name) → times
        self._accounts: OrderedDict[Any, deque[float]] = OrderedDict()  # name → times
        # enough failures per account to reach the cap, no more: bounded memory per name
        self._account_depth = (
            account_free + 1 + max(0, math.ceil(math.log2(max(account_cap / account_step, 1))))
        )

    def _recent(self, table: OrderedDict[Any, deque[float]], who: Any) -> deque[float]:
        now = self.clock()
        while table:  # drop whole entries idle for a window, oldest first
            oldest, times = next(iter(table.items()))
            if times and now - times[-1] <= self.window:
                break
            del table[oldest]
        seen = table.get(who, deque())
        while seen and now - seen[0] > self.window:
            seen.popleft()
        return seen

    def blocked(self, address: str, name: str) -> bool:
        return len(self._recent(self._seen, (address, name.lower()))) >= self.failures

    def retry_after(self, address: str, name: str) -> int:
        seen = self._recent(self._seen, (address, name.lower()))
        return max(1, int(self.window - (self.clock() - seen[0]))) if seen else 0

    def delay(self, name: str) -> float:
        """Seconds to wait before checking a password for ``name`` (0 while it is quiet)."""
        excess = len(self._recent(self._accounts, name.lower())) - self.account_free
        if excess < 0:
            return 0.0
        return float(min(self.account_cap, self.account_step * 2**excess))

    def failed(self, address: str, name: str) -> None:
        now = self.clock()
        tables: tuple[tuple[OrderedDict[Any, deque[float]], Any, int], ...] = (
            (self._seen, (address, name.lower()), self.failures),
            (self._accounts, name.lower(), self._account_depth),
        )
        for table, who, depth in tables:
            seen = self._recent(table, who)
            seen.append(now)
            while len(seen) > depth:
                seen.popleft()
            table[who] = seen
            table.move_to_end(who)

    def succeeded(self, address: str, name: str) -> None:
        self._seen.pop((address, name.lower()), None)
        self._accounts.pop(name.lower(), None)
