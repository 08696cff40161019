"""Each year is reported and scored with its own form and criteria (issue 10: "Form and
methodology are per year … chosen by the period's year, with a clear error when a year
has none"), as a unit head and the office meet them in the chat.

The 2026 form counts dossiers the way one-stop-shop reports do ("carried over from the
previous period, received, resolved early / on time / late, still in progress"), and asks
the units the Department inspects this year for their remediation report (seed 003:
"đảm bảo kiểm tra 50% các đơn vị trực thuộc (trong 02 đợt) … yêu cầu các đơn vị khắc
phục").
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app import services_of
from bot.forms.schema import FormSpec
from bot.standin import BotApiStandin, SimulatedUser
from handlers.context import App
from tests.clock import FakeClock
from tests.e2e.conftest import bound_user
from tests.form_steps import PDF, Walk, ask, count, label, rule_message
from tests.rules import BOOK

FORM_2026 = BOOK.form(2026)
# Dossiers of a quarter clearing a backlog: 30 carried + 100 received = 20 early + 90 on
# time + 5 late + 15 still in progress (2 of them already overdue).
BACKLOG = {
    "dossiers_carried": "30",
    "dossiers_received": "100",
    "dossiers_online": "95",
    "dossiers_postal": "0",
    "dossiers_early": "20",
    "dossiers_on_time": "90",
    "dossiers_late": "5",
    "dossiers_pending": "15",
    "dossiers_pending_overdue": "2",
}
BALANCE = ("dossiers_carried", "dossiers_received")


async def test_a_2026_report_balances_its_dossiers_and_keeps_the_numbers_typed(
    standin: BotApiStandin, app: App, clock: FakeClock
) -> None:
    services = services_of(app)
    clock.now = datetime(2026, 5, 20, 2, tzinfo=UTC)  # quý II/2026
    head = await bound_user(standin, services, 7501, "THPT-QH")
    form = FORM_2026.for_unit(inspected=False)
    walk = Walk(head, BACKLOG, form=form)
    await walk.start()
    await walk.to("dossiers_pending")

    await head.send("14")  # one dossier lost: 30 + 100 ≠ 20 + 90 + 5 + 14
    refused = await head.expect(rule_message(*BALANCE, form=form))
    assert ask("dossiers_pending", form) in refused.text
    await walk.send("15")

    summary = await walk.finish()
    assert "Tóm tắt báo cáo" in summary.text
    member = (await services.registration.identify(7501)).membership
    assert member is not None
    unit = await services.office.unit("THPT-QH")
    assert unit is not None
    await services.reporting.submit(member, unit)
    period = await services.periods.resolve("2026-Q2")
    assert period is not None
    _, report = await services.office.latest_report("THPT-QH", period)
    assert report is not None
    assert report.form_version == FORM_2026.version
    assert {k: report.answers[k] for k in BACKLOG} == {k: int(v) for k, v in BACKLOG.items()}


async def test_only_an_inspected_unit_is_asked_for_its_remediation_report(
    standin: BotApiStandin, app: App, clock: FakeClock
) -> None:
    services = services_of(app)
    clock.now = datetime(2026, 8, 20, 2, tzinfo=UTC)  # quý III/2026
    await services.inspections.add(2026, "THPT-QH", 1, actor="test")
    inspected = await bound_user(standin, services, 7502, "THPT-QH")
    other = await bound_user(standin, services, 7503, "THPT-LQD", name="Lê Văn Khác")

    full, reduced = FORM_2026, FORM_2026.for_unit(inspected=False)
    assert count(reduced) == count(full) - 1
    question = label("remediation_report", full)

    walk = Walk(inspected, form=full)
    await walk.start()
    await walk.to("remediation_report")
    await inspected.send_document("khac-phuc.pdf", "application/pdf", PDF)
    await walk.accepted()
    await walk.finish()

    seen = await _walk_all(other, reduced)
    assert question not in seen
    assert all(f"/{count(full)}" not in text for text in seen.splitlines() if "Câu " in text)


async def _walk_all(user: SimulatedUser, form: FormSpec) -> str:
    """Every question the bot asks, to the summary, as one text."""
    walk = Walk(user, form=form)
    first = await walk.start()
    texts = [first.text]
    while not walk.at_summary:
        texts.append((await walk.give()).text)
    return "\n".join(texts)


async def test_a_year_without_its_files_is_said_plainly_to_the_unit_and_the_office(
    standin: BotApiStandin, app: App, clock: FakeClock, office: SimulatedUser
) -> None:
    services = services_of(app)
    missing = max(BOOK.years) + 1
    assert not services.rules.has(missing)
    clock.now = datetime(missing, 2, 20, 2, tzinfo=UTC)
    head = await bound_user(standin, services, 7504, "THPT-QH")

    await head.send("/report")
    told = await head.expect(f"Năm {missing} chưa có mẫu báo cáo")
    assert "Xin lỗi" not in told.text  # not the apology for a bug

    await office.send(f"/export {missing}-Q1")
    shown = await office.expect(f"Năm {missing} chưa có mẫu báo cáo")
    assert f"report_form_{missing}.toml" in shown.text
    assert f"methodology_{missing}.toml" in shown.text
    assert "CCHC_RULES_DIR" in shown.text
