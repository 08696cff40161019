"""Domain models: plain pydantic objects that services and repositories exchange."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["head", "reporter"]
ROLES: tuple[Role, ...] = ("head", "reporter")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Block(_Model):
    code: str
    name: str
    position: int = 0


class Unit(_Model):
    code: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,31}$")
    name: str = Field(min_length=1, max_length=200)
    block: str = Field(min_length=1, max_length=32)
    district: str = Field(default="", max_length=100)


class Membership(_Model):
    telegram_id: int
    unit_code: str
    role: Role
    bound_at: datetime


class Person(_Model):
    telegram_id: int
    full_name: str
    username: str | None = None


class Invite(_Model):
    id: int
    unit_code: str
    role: Role
    created_by: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    used_by: int | None = None
    revoked_at: datetime | None = None


class Period(_Model):
    code: str  # "2025-Q1"
    year: int
    quarter: int = Field(ge=1, le=4)
    data_from: date
    data_to: date
    due_at: datetime
    status: Literal["open", "closed"] = "open"

    def accepts_submissions(self, now: datetime) -> bool:
        return self.status == "open" and now <= self.due_at


class Draft(_Model):
    unit_code: str
    period_code: str
    answers: dict[str, Any]
    updated_by: int | None
    updated_at: datetime


class Report(_Model):
    id: int
    unit_code: str
    period_code: str
    version: int
    reference: str
    form_version: str
    answers: dict[str, Any]
    submitted_by: int
    submitted_at: datetime


class AuditEntry(_Model):
    id: int
    at: datetime
    actor: str
    action: str
    unit_code: str | None
    detail: dict[str, Any]


class Session(_Model):
    """Where a person is in a multi-step conversation (persisted on every step)."""

    telegram_id: int
    flow: str
    state: dict[str, Any]
