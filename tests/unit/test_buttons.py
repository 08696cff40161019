"""The callback-data codec: every button round-trips, nothing else decodes.

A modified Telegram client can send any data of up to 64 bytes on any of the bot's
messages; these tests hold the codec to "decode accepts exactly what encode writes".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import handlers.callbacks as cb
from bot.app import build_application
from bot.config import Settings
from bot.numbers import SQLITE_MAX_INT
from handlers.buttons import (
    ButtonData,
    Who,
    Years,
    decode,
    encode,
    fits,
    kind,
    registered,
    routed,
)
from handlers.telegram_text import CALLBACK_DATA_LIMIT
from tests.button_strategies import CAMPAIGN, any_button, forged_data

ANY_BUTTON = any_button()


def test_every_journey_declares_its_buttons() -> None:
    prefixes = {t.prefix for t in registered()}
    # One per kind of button the bot shows; the wire prefixes of earlier versions.
    for expected in ("rp:c", "rv:a", "pd:v", "rm:n", "aw:c", "bc:a", "ack", "pr:l", "xp", "xc"):
        assert expected in prefixes


@settings(max_examples=600, deadline=None)
@given(ANY_BUTTON)
def test_what_fits_round_trips(data: ButtonData) -> None:
    if not fits(data):  # only free words can be too long; the handler fits them first
        assert isinstance(data, cb.PracticeList)
        with pytest.raises(ValueError, match=f"{CALLBACK_DATA_LIMIT} bytes"):
            encode(data)
        return
    raw = encode(data)
    assert len(raw.encode()) <= CALLBACK_DATA_LIMIT
    assert decode(raw, CAMPAIGN) == data


@settings(max_examples=3000, deadline=None)
@given(forged_data())
def test_anything_decodes_to_nothing_or_to_exactly_itself(raw: str) -> None:
    data = decode(raw, CAMPAIGN)
    if data is not None:
        assert encode(data) == raw


@settings(max_examples=1500, deadline=None)
@given(ANY_BUTTON.filter(fits), st.data())
def test_a_mutated_field_never_decodes_to_something_else(data: ButtonData, draw: Any) -> None:
    tokens = encode(data).split(":")
    prefix_size = len(data.prefix.split(":"))
    if len(tokens) == prefix_size:
        tokens.append(draw.draw(st.text(max_size=10)))
    else:
        index = draw.draw(st.integers(prefix_size, len(tokens) - 1))
        tokens[index] = draw.draw(st.text(max_size=24))
    raw = ":".join(tokens)
    decoded = decode(raw, CAMPAIGN)
    assert decoded is None or encode(decoded) == raw


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "zz:junk",
        "ack",  # a field missing
        "ack:5:6",  # a field too many
        "ack:99999999999999999999",  # beyond SQLite's 64-bit integers
        f"ack:{SQLITE_MAX_INT + 1}",
        "ack:0",  # ids start at 1 (the old preview button)
        "ack:-1",
        "ack:+1",
        "ack:01",
        "ack: 1",
        "ack:1 ",
        "ack:²",  # "²".isdigit() is True, int("²") fails
        "ack:١٢",  # Arabic-Indic digits: int() accepts them
        "ack:1_000",  # int() accepts underscores
        "pr:v",
        "pr:v:abc",
        "pr:l:zz:1:",  # an unknown topic
        "pr:l:-:0:",  # page 0
        "bc:a:everyone",  # an unknown audience
        "bc:r:x",
        "rp:c:3",
        "rp:c:3:Y",
        "rp:c:1000:y",
        "rp:b:",
        "pd:v:9999-Q4",  # outside the campaign
        "pd:v:2020-Q4",
        "pd:v:2025-Q5",
        "pd:v:2025q1",  # not canonical
        "xp:2025-Q1:<b>x</b>",
        "xp:2025-Q1",
        "aw:c:2019",
        "aw:a:2025:passport",
        "ACK:5",
        "ack:5\n",
        "x" * 65,
    ],
)
def test_refused(raw: str) -> None:
    assert decode(raw, CAMPAIGN) is None


def test_the_campaign_years_bound_periods_and_years() -> None:
    assert decode("pd:v:2025-Q4", CAMPAIGN) == cb.PeriodView("2025-Q4")
    assert decode("pd:v:2031-Q1", CAMPAIGN) is None
    assert decode("pd:v:2031-Q1", Years(2021, 2035)) == cb.PeriodView("2031-Q1")
    assert decode("aw:c:2030", CAMPAIGN) == cb.AwardsConfirm(2030)
    assert decode("aw:c:2031", CAMPAIGN) is None


def test_encoding_refuses_what_telegram_or_the_decoder_would() -> None:
    with pytest.raises(ValueError, match=f"{CALLBACK_DATA_LIMIT} bytes"):
        encode(cb.PracticeList("-", 1, "+".join(["chuyendoiso"] * 6)))
    with pytest.raises(ValueError, match="outside"):
        encode(cb.Ack(0))
    with pytest.raises(ValueError, match="outside"):
        encode(cb.Ack(SQLITE_MAX_INT + 1))
    with pytest.raises(ValueError, match="not one of"):
        encode(cb.ComposeAudience("everyone"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="period"):
        encode(cb.PeriodView("2025-Q5"))
    with pytest.raises(ValueError, match="does not match"):
        encode(cb.Explain("2025-Q1", "Có:dấu"))


def test_a_prefix_cannot_shadow_another() -> None:
    with pytest.raises(ValueError, match="overlaps"):

        @kind("rp")
        @dataclass(frozen=True)
        class Shadow(ButtonData):  # pragma: no cover - refused at declaration
            pass

    with pytest.raises(ValueError, match="taken"):

        @kind("ack")
        @dataclass(frozen=True)
        class Twin(ButtonData):  # pragma: no cover - refused at declaration
            pass


def test_every_declared_button_is_handled_with_a_role(tmp_path: Path) -> None:
    bot_settings = Settings(
        bot_token="123456:TEST",  # type: ignore[arg-type]
        db_path=tmp_path / "cchc.db",
        _env_file=None,  # type: ignore[call-arg]
    )
    build_application(bot_settings)  # the journeys register their buttons
    who = routed()
    assert set(who) == set(registered())
    office_only = {t.prefix for t, w in who.items() if w is Who.OFFICE}
    assert {"rv:a", "pd:c", "rm:n", "aw:c", "bc:go", "bcd", "pr:a", "xc"} <= office_only
    assert who[cb.Ack] is Who.ANYONE  # the acknowledgement checks delivery itself
