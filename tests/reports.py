"""Filling reports through the reporting service (fast, for tests that need many units)."""

from __future__ import annotations

from bot.domain.models import Membership
from bot.forms.answers import IncomingDocument, example_value
from bot.forms.schema import FieldSpec
from bot.numbers import format_number
from bot.services import reporting as rs
from bot.services.container import Services
from tests.rules import BOOK, YEAR

# The answers the tests rely on, by key (the helpers follow the form's order, not this
# dict's): the numbers the scoring tests work out, the rules' balances, the buttons that
# decide what else is asked. "skip" presses Bỏ qua, "button:…" a button, "file" sends a
# PDF ("file:NAME" one so named). A question not listed is answered as the form itself
# suggests (see ``_suggested``), so a question added to a form's TOML needs no test edit.
CHOSEN_ANSWERS: dict[str, str] = {
    "tasks_planned": "12",
    "tasks_completed": "10",
    "inspections": "2",
    "par_self_score": "85,5",
    "survey_done": "button:Có",
    "sipas_rate": "92",
    "propaganda_events": "20",
    "articles": "8",
    "initiatives": "2",
    "initiative_titles": "Số hoá hồ sơ tuyển sinh",
    # 2026 counts the backlog: carried + received == early + on time + late + pending.
    "dossiers_carried": "0",
    "dossiers_received": "1.250",
    "dossiers_online": "1.000",
    "dossiers_postal": "50",
    "dossiers_on_time": "1.200",
    "dossiers_late": "50",
    "dossiers_early": "0",
    "dossiers_pending": "0",
    "dossiers_pending_overdue": "0",
    "remediation_report": "skip",
    "feedback_received": "4",
    "feedback_on_time": "4",
    "procedures_to_dept": "10",
    "procedures_to_dept_online": "10",
    "staff_total": "85",
    "staff_streamlined": "1",
    "staff_trained": "40",
    "autonomy_level": "button:Tự bảo đảm chi thường xuyên",
    "investment_assigned": "button:Có",
    "budget_disbursed": "45,5",
    "services_full_online": "3",
    "services_partial_online": "2",
    "e_documents_rate": "95",
    "iso_applied": "button:Có",
    "highlights": "Triển khai tuyển sinh trực tuyến",
    "shortcomings": "Còn chậm",
    "next_quarter": "Đẩy mạnh chuyển đổi số",
    "requests": "Đề nghị tập huấn",
    "signed_report": "file",
    # No self-assessed claim, so neither evidence nor explanation (scores stay as computed).
    "model_claim": "skip",
    "model_evidence": "skip",
    "model_explanation": "skip",
}


def _suggested(spec: FieldSpec) -> str:
    """A valid answer to a question no test is about: skipped if optional; else the
    hint's own example (inside the range), "Không", the first choice, a short text."""
    if not spec.required:
        return "skip"
    if spec.type == "file":
        return "file"
    if spec.type == "yesno":
        return "button:Không"
    if spec.type == "choice":
        return f"button:{spec.choices[0].label}"
    if spec.type == "text":
        return "Không có"
    return format_number(example_value(spec), max_decimals=2)


# A valid answer for every question of every shipped year's form, by key.
VALID_ANSWERS: dict[str, str] = {
    **{f.key: _suggested(f) for year in BOOK.years for f in BOOK.form(year).fields},
    **CHOSEN_ANSWERS,
}


async def bind(services: Services, user_id: int, unit_code: str) -> Membership:
    invite = await services.registration.create_invite(unit_code, "head", created_by="test")
    await services.registration.redeem(user_id, invite.code, full_name="Người thử", username=None)
    who = await services.registration.identify(user_id)
    assert who.membership is not None
    return who.membership


async def fill(
    services: Services,
    member: Membership,
    overrides: dict[str, str] | None = None,
    *,
    stop_at: str | None = None,
) -> rs.Step:
    """Answer the questions as a person would (same service calls), each the bot asks
    in turn, by its key.

    Returns the summary, or with ``stop_at`` the question with that key, unanswered.
    """
    answers = {**VALID_ANSWERS, **(overrides or {})}
    step = await services.reporting.start(member)
    while isinstance(step, rs.Ask):
        key = step.field.key
        if key == stop_at:
            return step
        assert key in answers, f"tests/reports.py VALID_ANSWERS has no answer for {key}"
        step = await give(services, member, step, answers[key])
        assert not (isinstance(step, rs.Ask) and step.error), step
    assert isinstance(step, rs.Summary), step
    return step


async def give(services: Services, member: Membership, step: rs.Ask, value: str) -> rs.Step:
    """Answer the question ``step`` asks with ``value``, spelt as in VALID_ANSWERS."""
    reporting = services.reporting
    spec = step.field
    if value == "skip":
        done = await reporting.skip(member, step.number)
    elif value.startswith("button:"):
        label = value.removeprefix("button:")
        key = (
            "y"
            if label == "Có"
            else "n"
            if label == "Không"
            else next(c.key for c in spec.choices if c.label == label)
        )
        done = await reporting.answer_choice(member, step.number, key)
    elif value == "file" or value.startswith("file:"):
        name = value.removeprefix("file:") if value != "file" else "bao-cao.pdf"
        doc = IncomingDocument("FILE", "U", name, "application/pdf", 1000)
        done = await reporting.answer_document(member, doc)
    else:
        done = await reporting.answer_text(member, value)
    assert done is not None, "no report conversation"
    return done


async def submit(
    services: Services, member: Membership, overrides: dict[str, str] | None = None
) -> rs.Submitted:
    """Answer every question as a person would (same service calls), then submit."""
    await fill(services, member, overrides)
    unit = await services.office.unit(member.unit_code)
    assert unit is not None
    done = await services.reporting.submit(member, unit)
    assert isinstance(done, rs.Submitted), done
    return done


async def resubmit(services: Services, member: Membership, changes: dict[str, str]) -> int:
    """Edit the given questions (by key) of the last submission, then submit again."""
    step = await services.reporting.start(member)
    assert isinstance(step, rs.Summary), step
    for key, text in changes.items():
        step = await services.reporting.edit(member, services.rules.form(YEAR).index[key] + 1)
        assert isinstance(step, rs.Ask), step
        if text.startswith("file:"):
            doc = IncomingDocument("F2", "U2", text[5:], "application/pdf", 2000)
            step = await services.reporting.answer_document(member, doc)
        else:
            step = await services.reporting.answer_text(member, text)
        assert isinstance(step, rs.Summary), step
    unit = await services.office.unit(member.unit_code)
    assert unit is not None
    done = await services.reporting.submit(member, unit)
    assert isinstance(done, rs.Submitted), done
    return done.report.version
