"""Accounts: roles, argon2 password hashes, and the login rate limit."""

from __future__ import annotations

import functools
import time
from collections import deque
from collections.abc import Callable
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

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

_hasher = PasswordHasher()


@functools.cache
def _dummy() -> str:
    """Verified when the account does not exist, so a wrong name costs the same time as a wrong
    password. Made at the first login, not at import: one hash is ~0.1 s of the server's start."""
    return _hasher.hash("motcua-no-such-account")


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
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Constant-work check; ``password_hash`` None (no such account) is always False."""
    try:
        return _hasher.verify(password_hash or _dummy(), password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


class LoginLimiter:
    """At most ``failures`` failed logins per (client address, name) within ``window`` seconds.

    Kept in memory (per process): with several instances behind a balancer each counts its own.
    """

    def __init__(
        self,
        failures: int = 5,
        window: float = 15 * 60,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.failures, self.window, self.clock = failures, window, clock
        self._seen: dict[tuple[str, str], deque[float]] = {}

    def _recent(self, who: tuple[str, str]) -> deque[float]:
        now = self.clock()
        seen = self._seen.get(who, deque())
        while seen and now - seen[0] > self.window:
            seen.popleft()
        return seen

    def blocked(self, address: str, name: str) -> bool:
        return len(self._recent((address, name.lower()))) >= self.failures

    def retry_after(self, address: str, name: str) -> int:
        seen = self._recent((address, name.lower()))
        return max(1, int(self.window - (self.clock() - seen[0]))) if seen else 0

    def failed(self, address: str, name: str) -> None:
        who = (address, name.lower())
        seen = self._recent(who)
        seen.append(self.clock())
        self._seen[who] = seen
        if len(self._seen) > 10_000:  # forget quiet entries so memory stays bounded
            for stale in [k for k, q in self._seen.items() if not self._recent(k)]:
                del self._seen[stale]

    def succeeded(self, address: str, name: str) -> None:
        self._seen.pop((address, name.lower()), None)
