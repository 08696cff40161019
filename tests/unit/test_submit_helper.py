"""The service-level report filler used by standings tests submits a complete report."""

from __future__ import annotations

from bot.services.container import Services
from tests.reports import bind, submit


async def test_submit_through_the_service(services: Services) -> None:
    member = await bind(services, 31, "THPT-QH")
    done = await submit(
        services,
        member,
        {"dossiers_online": "900", "survey_done": "button:Không", "sipas_rate": "skip"},
    )
    assert done.report.version == 1
    assert done.report.answers["dossiers_online"] == 900
    assert done.report.answers["sipas_rate"] is None
    assert done.report.answers["iso_applied"] is True
    assert done.report.answers["autonomy_level"] == "regular"
