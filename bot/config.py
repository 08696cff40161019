"""Settings: read once at start-up from the environment and `.env`, then passed down.

Nothing else in the project reads ``os.environ``; tests build ``Settings(...)``
explicitly.
"""

from __future__ import annotations

import os
from datetime import time, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.identity import PlanIdentity
from bot.texts import config as texts
from bot.texts.config import DEFAULT_DEPARTMENT, DEFAULT_PLAN_NAME, DEFAULT_PLAN_PERIOD

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"


class Settings(BaseSettings):
    """Everything the office may configure, with the CCHC_ prefix."""

    model_config = SettingsConfigDict(
        env_prefix="CCHC_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    bot_token: SecretStr | None = None
    api_base_url: str = DEFAULT_API_BASE_URL
    db_path: Path = Path("./cchc.db")
    office_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    timezone: str = "Asia/Ho_Chi_Minh"
    # A folder of the office's own report_form_<year>.toml / methodology_<year>.toml
    # files, adding years to (or replacing files of) those shipped (bot/yearbook.py).
    rules_dir: Path | None = None
    invite_ttl_days: int = Field(default=14, ge=1, le=365)
    due_day: int = Field(default=15, ge=1, le=28)
    bot_username: str | None = None
    # What unit users may see of others' results once published: only their own, their
    # block's ranking, or every block's.
    ranking_visibility: Literal["own", "block", "all"] = "block"
    # Everything the bot sends shares one budget (bot/services/pacing.py): Telegram's
    # "about 30 messages a second", with a margin. A chat whose person wrote within
    # conversation_window seconds gets replies at once; any other chat at most one message
    # per broadcast_chat_interval.
    telegram_rate: float = Field(default=28.0, ge=0.1, le=1000)
    conversation_window: float = Field(default=10.0, ge=0, le=600)
    # A reply waiting this long for its turn shows "typing…" to the person meanwhile.
    typing_after: float = Field(default=2.0, ge=0.1, le=60)
    # Submission notices to an office chat: the first at once, the next ones within this
    # many seconds together in one message.
    notice_window: float = Field(default=60.0, ge=0, le=3600)
    # Broadcasts (see bot/services/outbox.py): Telegram's limits are about 30 messages
    # a second overall and one a second per chat.
    broadcast_rate: float = Field(default=30.0, ge=0.1, le=1000)
    broadcast_chat_interval: float = Field(default=1.0, ge=0, le=60)
    broadcast_concurrency: int = Field(default=8, ge=1, le=64)
    broadcast_max_attempts: int = Field(default=5, ge=1, le=20)
    broadcast_backoff_max: float = Field(default=60.0, ge=0.01, le=3600)
    broadcast_progress_interval: float = Field(default=3.0, ge=0.1, le=60)
    broadcast_timeout: float = Field(default=10.0, ge=0.1, le=120)
    # -- periods, reminders, review (bot/services/reminders.py, review.py, digest.py) --
    # Days before the deadline on which units that have not submitted are reminded, at
    # reminder_time local; 0 is the morning of the deadline day.
    reminder_offsets: Annotated[tuple[int, ...], NoDecode] = (7, 3, 1, 0)
    reminder_time: time = time(8, 0)
    # Nothing is sent to anyone between quiet_start and quiet_end (local); a message
    # due then waits until quiet_end.
    quiet_start: time = time(21, 0)
    quiet_end: time = time(7, 0)
    # The office's daily digest during a reporting window (the last digest_days days
    # before a deadline); "off" turns it off.
    digest_time: Annotated[time | None, NoDecode] = time(8, 0)
    digest_days: int = Field(default=14, ge=1, le=92)
    # How long a unit may submit after the office reopens the period for it (or returns
    # its report when the deadline is near or past).
    reopen_days: int = Field(default=3, ge=1, le=60)
    # Which reports standings count: every submitted one (provisional until accepted)
    # or only those the office has accepted.
    standings_count: Literal["submitted", "accepted"] = "submitted"
    # Backups (see bot/services/backup.py): one a day at backup_time (local), the newest
    # backup_keep kept; 0 turns the daily backup off. No folder: "backups" beside the db.
    backup_dir: Path | None = None
    backup_keep: int = Field(default=14, ge=0, le=3650)
    backup_time: time = time(2, 0)
    # The campaign's years: periods and award years outside them are refused wherever
    # they are named (commands, buttons), so nothing is ever created for year 9999.
    campaign_first_year: int = Field(default=2021, ge=2000, le=2100)
    campaign_last_year: int = Field(default=2030, ge=2000, le=2100)
    # -- awards (bot/services/awards.py) and the plan's identity (bot/identity.py) --
    # The blocks whose units are "đơn vị trực thuộc": they compete together, as one
    # "Khối các đơn vị trực thuộc", for the plan's unit and head awards (seed 000, III.1).
    award_blocks: Annotated[tuple[str, ...], NoDecode] = ("truc_thuoc", "trung_tam")
    # The lowest band (xếp loại, a name from the methodology's bands) an award candidate
    # may have; the divisions' "đạt loại tốt, xuất sắc" is this band and those above it.
    # Checked against the methodology at start-up. Unset: "Tốt", or the second-highest
    # band of a methodology that has no "Tốt".
    award_min_band: str | None = Field(default=None, max_length=60)
    # Who issues the documents and under which plan; no "…" is left where they are set.
    province: str | None = Field(default=None, max_length=60)
    department_name: str = Field(default=DEFAULT_DEPARTMENT, min_length=1, max_length=120)
    plan_name: str = Field(default=DEFAULT_PLAN_NAME, min_length=1, max_length=300)
    plan_period: str = Field(default=DEFAULT_PLAN_PERIOD, min_length=1, max_length=40)
    # Pictures of published results, drawn ahead and kept on disk so that a restarted
    # bot sends them at once (bot/services/chart_images.py). No folder: "<db>-charts"
    # beside the db (its own for each database, the demo's included); chart_cache_mb
    # bounds it (0: nothing kept on disk, nothing drawn ahead).
    chart_dir: Path | None = None
    chart_cache_mb: int = Field(default=1024, ge=0, le=1_000_000)

    @field_validator("office_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        # The environment gives "111,222"; tests may pass a set directly.
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
            try:
                return frozenset(int(p) for p in parts)
            except ValueError:
                raise ValueError(texts.OFFICE_IDS_NOT_NUMBERS) from None
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("reminder_offsets", mode="before")
    @classmethod
    def _split_offsets(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
            try:
                value = [int(p) for p in parts]
            except ValueError:
                raise ValueError(texts.OFFSETS_NOT_NUMBERS) from None
        if isinstance(value, (list, tuple, set, frozenset)):
            days = sorted({int(d) for d in value}, reverse=True)
            if any(not 0 <= d <= 60 for d in days):
                raise ValueError(texts.OFFSETS_OUT_OF_RANGE)
            return tuple(days)
        return value

    @field_validator("award_blocks", mode="before")
    @classmethod
    def _split_blocks(cls, value: object) -> object:
        if isinstance(value, str):
            value = [p.strip() for p in value.replace(";", ",").split(",")]
        if isinstance(value, (list, tuple, set, frozenset)):
            codes = [str(c).strip() for c in value if str(c).strip()]
            if not codes:
                raise ValueError(texts.BLOCKS_EMPTY)
            bad = [c for c in codes if len(c) > 32 or any(ch.isspace() for ch in c)]
            if bad:
                raise ValueError(texts.BLOCK_CODE_BAD.format(code=bad[0]))
            return tuple(dict.fromkeys(codes))  # in order, once each
        return value

    @field_validator(
        "award_min_band", "province", "department_name", "plan_name", "plan_period", mode="before"
    )
    @classmethod
    def _plain_text(cls, value: object, info: ValidationInfo) -> object:
        # One line, single spaces; an empty province or band is "not set". A "…" left in would
        # print as a placeholder in the documents that quote these settings.
        if isinstance(value, str):
            value = " ".join(value.split())
            if "…" in value or "..." in value:
                raise ValueError(texts.TEXT_ELLIPSIS)
            if not value and info.field_name not in {"province", "award_min_band"}:
                raise ValueError(texts.TEXT_EMPTY)
            return value or None
        return value

    @field_validator("digest_time", mode="before")
    @classmethod
    def _digest_off(cls, value: object) -> object:
        if isinstance(value, str) and value.strip().lower() in {"", "off", "0", "none", "tat"}:
            return None
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(texts.UNKNOWN_TIMEZONE.format(name=value)) from None
        return value

    @field_validator("api_base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(texts.URL_NOT_HTTP)
        return value

    @field_validator("rules_dir")
    @classmethod
    def _folder_exists(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_dir():
            raise ValueError(texts.FOLDER_MISSING.format(path=value))
        return value

    @model_validator(mode="after")
    def _campaign_years_in_order(self) -> Settings:
        if self.campaign_first_year > self.campaign_last_year:
            raise ValueError(texts.CAMPAIGN_YEARS_ORDER)
        return self

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def identity(self) -> PlanIdentity:
        """The Department and its plan, as texts and documents name them."""
        return PlanIdentity(
            province=self.province,
            department=self.department_name,
            plan_name=self.plan_name,
            plan_period=self.plan_period,
        )

    @property
    def api_file_url(self) -> str:
        """The file URL follows the API URL, as a self-hosted Bot API server expects."""
        base = self.api_base_url.rstrip("/")
        if base.endswith("/bot"):
            return base[: -len("/bot")] + "/file/bot"
        return base + "/file/bot"

    @property
    def backup_path(self) -> Path:
        """Where the daily backups go."""
        return self.backup_dir if self.backup_dir is not None else self.db_path.parent / "backups"

    @property
    def chart_path(self) -> Path:
        """Where pictures of published results are kept."""
        if self.chart_dir is not None:
            return self.chart_dir
        return self.db_path.parent / f"{self.db_path.stem}-charts"

    @property
    def invite_ttl(self) -> timedelta:
        return timedelta(days=self.invite_ttl_days)

    def token(self) -> str:
        """The token, or a clear error for commands that need Telegram."""
        if self.bot_token is None or not self.bot_token.get_secret_value().strip():
            raise SettingsError(texts.UNSET_FOR_TELEGRAM)
        return self.bot_token.get_secret_value().strip()


class SettingsError(Exception):
    """A setting is missing or malformed; the message names it, for a one-line exit."""


_RETIRED = ("CCHC_FORM_FILE", "CCHC_METHODOLOGY_FILE")


def load_settings(**overrides: object) -> Settings:
    """Read settings, turning pydantic's report into one line naming the setting."""
    for retired in _RETIRED:
        if os.environ.get(retired):
            # Silently ignoring them would score the year with files the office did not pick.
            raise SettingsError(texts.RETIRED_SETTING.format(name=retired))
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "CCHC_" + str(first["loc"][0]).upper() if first["loc"] else "CCHC_*"
        raise SettingsError(f"{name}: {_vietnamese(first)}") from None


def _vietnamese(error: Any) -> str:
    kind = str(error["type"])
    ctx = error.get("ctx") or {}
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "literal_error":
        return texts.ONE_OF.format(choices=str(ctx.get("expected", "")).replace(" or ", ", "))
    if kind in {"time_parsing", "time_type"}:
        return texts.NOT_A_TIME
    if kind in {"int_parsing", "int_type"}:
        return texts.NOT_AN_INTEGER
    if kind == "greater_than_equal":
        return texts.AT_LEAST.format(bound=ctx.get("ge"))
    if kind == "less_than_equal":
        return texts.AT_MOST.format(bound=ctx.get("le"))
    return str(error["msg"])
