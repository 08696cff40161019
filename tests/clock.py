"""A clock tests can move, injected into the services instead of the wall clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class FakeClock:
    def __init__(self, now: datetime | None = None) -> None:
        self.now = now or datetime(2025, 2, 20, 2, 0, tzinfo=UTC)  # 09:00, 20/02/2025 in Hà Nội

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
