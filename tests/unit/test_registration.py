"""Invites: single use, expiry, revocation, throttling, and binding."""

from __future__ import annotations

import pytest

from bot.services.container import Services
from bot.services.registration import MAX_FAILURES, RedeemOutcome, UnknownUnitError
from tests.clock import FakeClock


async def test_code_is_long_random_and_binds_once(services: Services) -> None:
    reg = services.registration
    first = await reg.create_invite("THPT-QH", "head", created_by="test")
    second = await reg.create_invite("THPT-QH", "head", created_by="test")
    assert len(first.code) >= 32  # token_urlsafe(24): 192 bits
    assert first.code != second.code

    result = await reg.redeem(7, first.code, full_name="A", username=None)
    assert result.outcome is RedeemOutcome.BOUND
    assert result.unit is not None
    assert result.unit.code == "THPT-QH"
    who = await reg.identify(7)
    assert who.is_bound
    assert who.membership is not None
    assert who.membership.role == "head"

    again = await reg.redeem(8, first.code, full_name="B", username=None)
    assert again.outcome is RedeemOutcome.USED
    assert not (await reg.identify(8)).is_bound


async def test_expired_invite_is_refused(services: Services, clock: FakeClock) -> None:
    new = await services.registration.create_invite("PGD-QN", "reporter", created_by="test")
    clock.advance(days=14, seconds=1)
    result = await services.registration.redeem(9, new.code, full_name="C", username=None)
    assert result.outcome is RedeemOutcome.EXPIRED


async def test_revoked_invite_is_refused(services: Services) -> None:
    new = await services.registration.create_invite("PGD-QN", "head", created_by="test")
    revoked = await services.registration.revoke(new.code, actor="cli")
    assert revoked is not None
    assert revoked.revoked_at is not None
    result = await services.registration.redeem(10, new.code, full_name="D", username=None)
    assert result.outcome is RedeemOutcome.REVOKED
    # revoking twice, or an unknown code, does nothing
    assert await services.registration.revoke(new.code, actor="cli") is None
    assert await services.registration.revoke("no-such-code", actor="cli") is None


async def test_revoke_by_number(services: Services) -> None:
    new = await services.registration.create_invite("PGD-QN", "head", created_by="test")
    assert await services.registration.revoke(str(new.invite.id), actor="cli") is not None


async def test_wrong_codes_are_throttled_then_allowed_again(
    services: Services, clock: FakeClock
) -> None:
    reg = services.registration
    good = await reg.create_invite("THPT-QH", "head", created_by="test")
    for _ in range(MAX_FAILURES):
        result = await reg.redeem(11, "guess", full_name="E", username=None)
        assert result.outcome is RedeemOutcome.UNKNOWN
    blocked = await reg.redeem(11, good.code, full_name="E", username=None)
    assert blocked.outcome is RedeemOutcome.THROTTLED
    assert blocked.retry_after is not None
    # the good code was not consumed by the throttled attempt
    clock.advance(minutes=16)
    result = await reg.redeem(11, good.code, full_name="E", username=None)
    assert result.outcome is RedeemOutcome.BOUND


async def test_unknown_unit(services: Services) -> None:
    with pytest.raises(UnknownUnitError):
        await services.registration.create_invite("NOPE", "head", created_by="test")


async def test_office_needs_no_invite(services: Services) -> None:
    from tests.conftest import OFFICE_ID

    who = await services.registration.identify(OFFICE_ID)
    assert who.is_office
    assert not who.is_bound


async def test_codes_are_stored_only_as_hashes(services: Services) -> None:
    new = await services.registration.create_invite("THPT-QH", "head", created_by="test")
    async with services.db.reader.execute("SELECT * FROM invites") as cur:
        rows = [tuple(r) for r in await cur.fetchall()]
    assert all(new.code not in str(row) for row in rows)


async def test_revoking_what_is_no_invite_number_finds_nothing(services: Services) -> None:
    await services.registration.create_invite("THPT-QH", "head", created_by="test")
    for typed in ("²", "١", "1" * 20, "9" * 5000, "-1", ""):
        assert await services.registration.revoke(typed, actor="cli") is None, typed
