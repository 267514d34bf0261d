"""Passwords (argon2) and the login rate limit, without HTTP."""

from __future__ import annotations

from bot.admin.auth import (
    LoginLimiter,
    check_name,
    check_password,
    hash_password,
    verify_password,
)


def test_password_hash_is_argon2_and_verifies() -> None:
    hashed = hash_password("mot-mat-khau-dai")
    assert hashed.startswith("$argon2id$")
    assert "mot-mat-khau-dai" not in hashed
    assert verify_password(hashed, "mot-mat-khau-dai")


def test_wrong_password_does_not_verify() -> None:
    assert not verify_password(hash_password("mot-mat-khau-dai"), "mot-mat-khau-khac")


def test_missing_account_never_verifies() -> None:
    assert not verify_password(None, "motcua-no-such-account")
    assert not verify_password("not a hash", "anything")


def test_password_and_name_rules() -> None:
    assert check_password("ngan") is not None
    assert check_password("du-dai-roi-day") is None
    assert check_name("giam.sat_1") is None
    assert check_name("Tên Có Dấu") is not None
    assert check_name("") is not None


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_five_failures_block_that_address_and_name() -> None:
    clock = Clock()
    limiter = LoginLimiter(failures=5, window=900, clock=clock)
    for _ in range(4):
        limiter.failed("1.2.3.4", "an")
    assert not limiter.blocked("1.2.3.4", "an")
    limiter.failed("1.2.3.4", "AN")
    assert limiter.blocked("1.2.3.4", "an")
    assert not limiter.blocked("1.2.3.4", "binh")
    assert not limiter.blocked("5.6.7.8", "an")
    assert 0 < limiter.retry_after("1.2.3.4", "an") <= 900


def test_block_lifts_after_the_window() -> None:
    clock = Clock()
    limiter = LoginLimiter(failures=2, window=900, clock=clock)
    limiter.failed("ip", "an")
    limiter.failed("ip", "an")
    clock.now += 901
    assert not limiter.blocked("ip", "an")


def test_success_clears_the_failures() -> None:
    limiter = LoginLimiter(failures=2, window=900, clock=Clock())
    limiter.failed("ip", "an")
    limiter.succeeded("ip", "an")
    limiter.failed("ip", "an")
    assert not limiter.blocked("ip", "an")
