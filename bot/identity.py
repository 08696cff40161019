"""Who issues the campaign's documents and under which plan: settings, never text.

The seed plan is the Bình Định Department's "Kế hoạch phát động phong trào thi đua đẩy
mạnh cải cách hành chính" for 2021–2025; later years run under the province's next plan,
and another province runs its own. So the province, the Department's name, the plan's
name and its period are settings (CCHC_PROVINCE, CCHC_DEPARTMENT_NAME, CCHC_PLAN_NAME,
CCHC_PLAN_PERIOD), read wherever a text or a document names them.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.texts import config as texts
from bot.texts.config import DEFAULT_DEPARTMENT, DEFAULT_PLAN_NAME, DEFAULT_PLAN_PERIOD

_CITY = texts.CITY_PREFIX
_PROVINCE = texts.PROVINCE_PREFIX


@dataclass(frozen=True, slots=True)
class PlanIdentity:
    """The issuing Department and the plan it runs the campaign under."""

    province: str | None = None  # "Bình Định"; None: not configured
    department: str = DEFAULT_DEPARTMENT
    plan_name: str = DEFAULT_PLAN_NAME
    plan_period: str = DEFAULT_PLAN_PERIOD

    @property
    def plan(self) -> str:
        """The plan as a document cites it: "Kế hoạch … giai đoạn 2021–2025"."""
        return texts.PLAN_CITED.format(name=self.plan_name, period=self.plan_period)

    @property
    def people_committee(self) -> str | None:
        """The line above the Department in a document's header (Decree 30/2020/NĐ-CP):
        "UBND TỈNH BÌNH ĐỊNH", or "UBND THÀNH PHỐ CẦN THƠ" for a centrally run city;
        None when the province is not configured (the line is left out, never dotted)."""
        if self.province is None:
            return None
        name = self.province
        if name.casefold().startswith(_CITY):
            return texts.COMMITTEE_OF_CITY.format(name=name[len(_CITY) :].upper())
        if name.casefold().startswith(_PROVINCE):
            name = name[len(_PROVINCE) :]
        return texts.COMMITTEE_OF_PROVINCE.format(name=name.upper())

    @property
    def place(self) -> str | None:
        """The place before a document's date: a provincial body writes its province's
        name ("Bình Định, ngày …"; a city its full name), by Decree 30/2020/NĐ-CP."""
        if self.province is None:
            return None
        name = self.province
        if name.casefold().startswith(_PROVINCE):
            return name[len(_PROVINCE) :]
        return name
