"""CSV export: one row per unit, submitted values exactly as typed, drafts only as status."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pytest

from bot.config import Settings
from bot.domain.models import Membership
from bot.forms.answers import IncomingDocument
from bot.forms.schema import FieldSpec
from bot.services.container import Services, open_services
from bot.services.export import FIXED_COLUMNS, ExportService
from bot.services.registration import RedeemOutcome
from bot.services.reporting import Ask, Step, Submitted, Summary
from bot.services.roster import RosterService
from tests.conftest import EXAMPLE_UNITS
from tests.reports import VALID_ANSWERS, give
from tests.rules import YEAR

NOW = datetime(2025, 3, 15, 2, 14, tzinfo=UTC)  # 09:14 on 15/03/2025 in Hà Nội
REPORTER = "THPT-NTH"
DRAFTER = "THPT-AN3"

NARRATIVE = 'Triển khai "Một cửa số", đạt 95%;\nmở rộng sang 3 trường, tiết kiệm chi phí.'

# What the unit types for each question; a missing key is skipped (optional fields) or,
# for a required question this test does not name, answered as tests/reports.py has it.
TYPED: dict[str, str] = {
    "tasks_planned": "12",
    "tasks_completed": "10",
    "inspections": "0",
    "par_self_score": "85,5",
    "sipas_rate": "92,5%",
    "propaganda_events": "4",
    "articles": "1.250",
    "initiatives": "2",
    "initiative_titles": "Sổ liên lạc điện tử\nTiếp nhận hồ sơ qua Zalo",
    "dossiers_received": "1.250",
    "dossiers_online": "1.100",
    "dossiers_on_time": "1.200",
    "dossiers_late": "3",
    "feedback_received": "5",
    "feedback_on_time": "5",
    "staff_total": "86",
    "staff_streamlined": "1",
    "budget_disbursed": "47,25",
    "services_full_online": "3",
    "services_partial_online": "1",
    "e_documents_rate": "98",
    "highlights": NARRATIVE,
    "shortcomings": "Một số hồ sơ còn nộp trực tiếp, chưa số hóa.",
    "next_quarter": "Hoàn thành kế hoạch CCHC quý II.",
    "model_claim": "2,5",
}
CHOSEN = {
    "autonomy_level": "partial",
    "iso_applied": "y",
    "survey_done": "y",
    "investment_assigned": "y",
}
EXPECTED: dict[str, str] = {
    **TYPED,
    "par_self_score": "85.5",
    "sipas_rate": "92.5",
    "articles": "1250",
    "dossiers_received": "1250",
    "dossiers_online": "1100",
    "dossiers_on_time": "1200",
    "budget_disbursed": "47.25",
    "dossiers_postal": "",
    "staff_trained": "",
    "requests": "",
    "autonomy_level": "partial",
    "iso_applied": "có",
    "survey_done": "có",
    "investment_assigned": "có",
    "signed_report": "Báo cáo CCHC quý I.pdf",
    "model_claim": "2.5",
    "model_evidence": "Quyết định công nhận mô hình.pdf",
    "model_explanation": "",
}


@pytest.fixture
async def services(tmp_path: Path) -> AsyncIterator[Services]:
    settings = Settings(
        db_path=tmp_path / "cchc.db",
        _env_file=None,
    )
    opened = await open_services(settings, clock=lambda: NOW)
    roster = Path(str(resources.files("bot.data").joinpath("roster_example.csv")))
    result = await RosterService(opened.db, opened.clock).import_file(roster, actor="test")
    assert result.ok
    yield opened
    await opened.close()


async def member_of(services: Services, unit_code: str, telegram_id: int) -> Membership:
    new = await services.registration.create_invite(unit_code, "head", created_by="test")
    redeemed = await services.registration.redeem(
        telegram_id, new.code, full_name="Nguyễn Văn A", username=None
    )
    assert redeemed.outcome is RedeemOutcome.BOUND
    identity = await services.registration.identify(telegram_id)
    assert identity.membership is not None
    return identity.membership


async def fill_in(services: Services, member: Membership) -> None:
    reporting = services.reporting
    step: Step | None = await reporting.start(member)
    while isinstance(step, Ask):
        assert step.error is None, (step.field.key, step.error)
        spec = step.field
        if spec.key in CHOSEN:
            step = await reporting.answer_choice(member, step.number, CHOSEN[spec.key])
        elif spec.type == "file" and spec.key in EXPECTED:
            doc = IncomingDocument(
                file_id="BQACAgIAAxkBAAIB",
                file_unique_id="AgADxyz",
                file_name=EXPECTED[spec.key],
                mime_type="application/pdf",
                file_size=250_000,
            )
            step = await reporting.answer_document(member, doc)
        elif spec.key in TYPED:
            step = await reporting.answer_text(member, TYPED[spec.key])
        elif spec.required:
            step = await give(services, member, step, VALID_ANSWERS[spec.key])
        else:
            step = await reporting.skip(member, step.number)
    assert isinstance(step, Summary)
    assert step.problems == []


def expected_csv(spec: FieldSpec) -> str:
    """The CSV cell for what fill_in gave (worked out by hand, not by the bot's parser)."""
    if spec.key in EXPECTED:
        return EXPECTED[spec.key]
    text = VALID_ANSWERS[spec.key] if spec.required else "skip"
    if text == "skip":
        return ""
    if text == "file":
        return "bao-cao.pdf"
    if text.startswith("button:"):
        chosen = text.removeprefix("button:")
        if spec.type == "yesno":
            return chosen.lower()
        return next(c.key for c in spec.choices if c.label == chosen)
    if spec.type == "integer":
        return text.replace(".", "")
    if spec.type in {"decimal", "percent"}:
        return text.replace(".", "").replace(",", ".").replace("%", "").strip()
    return text


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


async def test_export_has_submitted_values_as_typed_and_empty_rows_for_the_rest(
    services: Services,
) -> None:
    head = await member_of(services, REPORTER, 1001)
    await fill_in(services, head)
    unit = await services.office.unit(REPORTER)
    assert unit is not None
    submitted = await services.reporting.submit(head, unit)
    assert isinstance(submitted, Submitted)
    # Another unit has only started: its draft must not leak into the export.
    drafter = await member_of(services, DRAFTER, 1002)
    await services.reporting.start(drafter)
    await services.reporting.answer_text(drafter, "7")

    period = await services.periods.resolve("2025-Q1")
    assert period is not None
    out = io.StringIO(newline="")
    exporter = ExportService(services.db, services.rules, tz=services.settings.tz)
    written = await exporter.period_csv(period, out)

    rows = read_csv(out.getvalue())
    assert written == len(rows) == EXAMPLE_UNITS
    keys = [f.key for f in services.rules.form(YEAR).fields]
    assert list(rows[0]) == [*FIXED_COLUMNS, *keys]
    by_code = {r["unit_code"]: r for r in rows}
    done = by_code[REPORTER]
    assert done["unit_name"] == "Trường THPT Nguyễn Thái Học"
    assert (done["block"], done["status"]) == ("truc_thuoc", "submitted")
    assert (done["submitted_at"], done["version"]) == ("2025-03-15T09:14:00+07:00", "1")
    assert {k: done[k] for k in keys} == {
        k: expected_csv(services.rules.form(YEAR).field(k)) for k in keys
    }
    draft = by_code[DRAFTER]
    assert draft["status"] == "draft"
    assert all(draft[k] == "" for k in ["submitted_at", "version", *keys])
    idle = by_code["VP"]
    assert idle["status"] == "none"
    assert all(idle[k] == "" for k in ["submitted_at", "version", *keys])
    # Units in block order (phong_so first), then by code.
    blocks = [r["block"] for r in rows]
    assert blocks == sorted(blocks, key=["phong_so", "phong_gd", "truc_thuoc", "trung_tam"].index)
    assert [r["unit_code"] for r in rows[:8]] == sorted(r["unit_code"] for r in rows[:8])


async def test_export_of_a_period_nobody_reported(services: Services) -> None:
    period = await services.periods.resolve("2025-Q2")
    assert period is not None
    out = io.StringIO(newline="")

    written = await ExportService(services.db, services.rules).period_csv(period, out)

    rows = read_csv(out.getvalue())
    assert written == EXAMPLE_UNITS
    assert {r["status"] for r in rows} == {"none"}
