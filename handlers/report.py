"""The unit's journey: /report, one question per message, summary, submit.

Thin by design: each callback parses the update, calls ReportingService, and renders
the returned step. Where the person is lives in the database, not in this module, so
any message after a restart lands on the right question.
"""

from __future__ import annotations

import logging
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CommandHandler

from bot.domain.models import Membership, Period, Unit
from bot.formatting import format_datetime, period_label
from bot.forms.answers import AnswerProblem, display_value, example_value
from bot.forms.schema import FormSpec
from bot.numbers import format_number
from bot.services import reporting as rs
from bot.texts.answers import answer_error, expected_hint
from handlers import buttons, report_excel, texts, unit_status
from handlers.buttons import ButtonData, Press, Who, button, kind
from handlers.callbacks import (
    ReportBack,
    ReportChoice,
    ReportEditField,
    ReportEditMenu,
    ReportEditSection,
    ReportKeep,
    ReportPeriod,
    ReportPrevious,
    ReportSaveDraft,
    ReportSkip,
    ReportSubmit,
    ReportSummary,
)
from handlers.common import (
    edit_markup,
    edit_text,
    identify,
    incoming_file,
    reply,
    require_member,
)
from handlers.context import App, BotContext
from handlers.dialog import Flow
from handlers.telegram_text import esc, truncate

log = logging.getLogger(__name__)


def _label(period: Period) -> str:
    return period_label(period.year, period.quarter)


def _due(context: BotContext, period: Period) -> str:
    return format_datetime(period.due_at, context.services.settings.tz)


# -- rendering ---------------------------------------------------------------------------


def recorded_line(recorded: rs.Recorded | None) -> list[str]:
    """The answer just taken, as the bot understood it ("Đã ghi câu 7: 85,5%")."""
    if recorded is None:
        return []
    if recorded.value is None:
        return [texts.RECORDED_SKIPPED.format(number=recorded.number), ""]
    shown = truncate(display_value(recorded.field, recorded.value), 200)
    return [texts.RECORDED.format(number=recorded.number, value=esc(shown)), ""]


def problem_text(problem: rs.Problem) -> str:
    """A refusal or a summary's problem as one sentence (plain text, not escaped)."""
    if isinstance(problem, AnswerProblem):
        return answer_error(problem)
    if isinstance(problem, rs.StepError):
        return texts.REPORT_STEP_ERRORS[problem.code]
    if isinstance(problem, rs.BrokenRules):
        return " ".join(problem.messages)
    if isinstance(problem, rs.MissingRequired):
        names = ", ".join(texts.REPORT_MISSING_NAME.format(number=n) for n in problem.numbers)
        return texts.REPORT_MISSING_REQUIRED.format(names=names)
    return texts.REPORT_UNANSWERED.format(number=problem.number, label=problem.label)


def _hint(step: rs.Ask) -> str:
    """After a refusal: the bound the other answers set, else what the field expects."""
    bound = step.bound
    if bound is None or not step.bound_from:
        return esc(expected_hint(step.field, example_value(step.field)))
    sources = ", ".join(texts.BOUND_SOURCE.format(number=n) for n in step.bound_from)
    if bound.value < step.field.lower_bound:
        return texts.BOUND_NONE.format(sources=sources)
    value = format_number(bound.value)
    template = {"max": texts.BOUND_MAX, "min": texts.BOUND_MIN, "equal": texts.BOUND_EQUAL}
    return template[bound.kind].format(value=value, sources=sources)


def render_ask(step: rs.Ask) -> tuple[str, InlineKeyboardMarkup]:
    spec = step.field
    lines: list[str] = recorded_line(step.recorded)
    if step.prefilled:
        lines += [texts.PREFILLED.format(count=step.prefilled), ""]
    if step.error:
        error = esc(problem_text(step.error))
        lines += [texts.ASK_ERROR.format(error=error, hint=_hint(step)), ""]
    if step.notice:
        lines += [esc(texts.REPORT_NOTICES[step.notice]), ""]
    lines.append(
        texts.ASK_HEADER.format(
            period=_label(step.period),
            number=step.number,
            total=step.total,
            section=esc(spec.section),
        )
    )
    lines.append("")
    label = spec.label_for(step.period.quarter)
    lines.append(f"<b>{esc(label)}</b>" + ("" if step.required else texts.ASK_OPTIONAL))
    if spec.help:
        lines.append(f"💡 {esc(spec.help)}")
    if spec.type == "file" and not spec.help:
        lines.append(texts.ASK_FILE_HINT)
    kept = step.answered and step.current is not None
    if kept:
        lines += ["", texts.ASK_CURRENT.format(value=esc(display_value(spec, step.current)))]
    elif step.answered:
        lines += ["", texts.ASK_SKIPPED_BEFORE]
    offer_previous = step.previous is not None and not (kept and step.current == step.previous)
    if offer_previous:
        lines += ["", texts.ASK_PREVIOUS.format(value=esc(display_value(spec, step.previous)))]
    rows: list[list[InlineKeyboardButton]] = []
    if kept:
        shown = truncate(display_value(spec, step.current), 40)
        rows.append([button(texts.BTN_KEEP.format(value=shown), ReportKeep(step.number))])
    if offer_previous:
        shown = truncate(display_value(spec, step.previous), 40)
        rows.append([button(texts.BTN_PREVIOUS.format(value=shown), ReportPrevious(step.number))])
    if spec.type == "yesno":
        rows.append(
            [
                button(texts.BTN_YES, ReportChoice(step.number, "y")),
                button(texts.BTN_NO, ReportChoice(step.number, "n")),
            ]
        )
    for choice in spec.choices:
        rows.append([button(truncate(choice.label, 60), ReportChoice(step.number, choice.key))])
    nav: list[InlineKeyboardButton] = []
    if step.number > 1:
        nav.append(button(texts.BTN_BACK, ReportBack()))
    if not step.required:
        nav.append(button(texts.BTN_SKIP, ReportSkip(step.number)))
    nav.append(button(texts.BTN_SAVE, ReportSaveDraft()))
    rows.append(nav)
    rows.append(report_excel.template_row(step.period))
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def render_summary(
    step: rs.Summary, unit: Unit, context: BotContext, *, notice: str | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    """The summary; ``notice`` (already worded) stands in for the step's own."""
    tz = context.services.settings.tz
    lines = recorded_line(step.recorded) + [
        texts.SUMMARY_HEADER.format(
            period=_label(step.period), unit=esc(unit.name), due=_due(context, step.period)
        )
    ]
    if step.last_report is not None:
        lines.append(
            texts.SUMMARY_LAST.format(
                version=step.last_report.version,
                at=format_datetime(step.last_report.submitted_at, tz),
                reference=esc(step.last_report.reference),
            )
        )
    if notice is None and step.notice is not None:
        notice = texts.REPORT_NOTICES[step.notice]
    if notice:
        lines += ["", esc(notice)]
    lines += answer_lines(step.form, step.answers)
    lines.append("")
    if step.problems:
        lines.append(texts.SUMMARY_PROBLEMS)
        lines += [f"• {esc(problem_text(p))}" for p in step.problems]
    else:
        lines.append(texts.SUMMARY_READY)
    markup = InlineKeyboardMarkup(
        [
            [
                button(texts.BTN_EDIT, ReportEditMenu()),
                button(texts.BTN_SUBMIT, ReportSubmit()),
            ],
            [button(texts.BTN_SAVE, ReportSaveDraft())],
            report_excel.template_row(step.period),
        ]
    )
    return "\n".join(lines), markup


def answer_lines(form: FormSpec, answers: Mapping[str, Any]) -> list[str]:
    """The answers grouped by section, numbered as the unit was asked (also used by
    /view); a question an earlier answer made not applicable is listed as such."""
    lines: list[str] = []
    section = None
    numbers = form.numbers(answers)
    for spec in form.fields:
        if spec.section != section:
            section = spec.section
            lines += ["", f"<b>{esc(section)}</b>"]
        number = numbers.get(spec.key)
        if number is None:
            lines.append(f"– {esc(spec.label)}: <i>{texts.NOT_APPLICABLE}</i>")
            continue
        value = answers.get(spec.key)
        if spec.key not in answers:
            shown = texts.NOT_ANSWERED
        elif value is None:
            shown = texts.SKIPPED
        else:
            shown = display_value(spec, value)
        if spec.type == "text" and value:
            lines.append(f"{number}. {esc(spec.label)}:\n<i>{esc(shown)}</i>")
        else:
            lines.append(f"{number}. {esc(spec.label)}: <b>{esc(shown)}</b>")
    return lines


def render_edit_menu(step: rs.EditMenu) -> tuple[str, InlineKeyboardMarkup]:
    """The sections (a–g and the rest) with their answered counts; a section's questions
    by number and short label."""
    numbers = step.form.numbers(step.answers)
    if step.section is None:
        rows = []
        for position, section in enumerate(step.form.sections):
            asked = [f for f in section.fields if f.key in numbers]
            if not asked:
                continue
            answered = sum(1 for f in asked if f.key in step.answers)
            text = texts.EDIT_SECTION_BUTTON.format(
                title=truncate(section.title, 48), answered=answered, total=len(asked)
            )
            rows.append([button(text, ReportEditSection(position))])
        rows.append([button(texts.BTN_SUMMARY, ReportSummary())])
        return texts.EDIT_MENU, InlineKeyboardMarkup(rows)
    section = step.form.sections[step.section]
    rows = [
        [
            button(
                texts.EDIT_QUESTION_BUTTON.format(
                    number=numbers[f.key], label=truncate(f.label, 50)
                ),
                ReportEditField(numbers[f.key]),
            )
        ]
        for f in section.fields
        if f.key in numbers
    ]
    rows.append(
        [button(texts.BTN_SECTIONS, ReportEditMenu()), button(texts.BTN_SUMMARY, ReportSummary())]
    )
    return texts.EDIT_SECTION.format(title=esc(section.title)), InlineKeyboardMarkup(rows)


async def show(
    update: Update,
    context: BotContext,
    step: rs.Step,
    who: Membership,
    *,
    notice: str | None = None,
) -> None:
    """Render any step of the report conversation as messages; ``notice`` (worded by
    the caller, the Excel import's count say) replaces a summary's own."""
    if isinstance(step, rs.Stale):  # a button's answer says so; the step is shown again
        step = step.step
    if isinstance(step, rs.Ask):
        text, markup = render_ask(step)
        await reply(update, context, text, markup)
    elif isinstance(step, rs.Summary):
        unit = await context.services.office.unit(who.unit_code)
        assert unit is not None
        text, markup = render_summary(step, unit, context, notice=notice)
        await reply(update, context, text, markup)
    elif isinstance(step, rs.EditMenu):
        text, markup = render_edit_menu(step)
        await reply(update, context, text, markup)
    elif isinstance(step, rs.ChoosePeriod):
        rows = [
            [
                button(
                    texts.PERIOD_BUTTON.format(label=_label(p), due=_due(context, p)),
                    ReportPeriod(p.code),
                )
            ]
            for p in step.periods
        ]
        await reply(update, context, texts.CHOOSE_PERIOD, InlineKeyboardMarkup(rows))
    elif isinstance(step, rs.Saved):
        await reply(
            update,
            context,
            texts.SAVED.format(
                period=_label(step.period),
                answered=step.answered,
                total=step.total,
                due=_due(context, step.period),
            ),
        )
    elif isinstance(step, rs.Closed):
        kept = texts.CLOSED_DRAFT_KEPT if step.draft_kept else ""
        if step.period is None:
            await reply(update, context, texts.CLOSED_NONE)
        elif step.period.status == "closed":
            text = texts.CLOSED_BY_OFFICE.format(period=_label(step.period))
            await reply(update, context, text + kept)
        else:
            text = texts.CLOSED.format(period=_label(step.period), due=_due(context, step.period))
            await reply(update, context, text + kept)
    elif isinstance(step, rs.Submitted):
        await _submitted(update, context, step)


@kind("rp:v")
@dataclass(frozen=True)
class ReportMyStatus(ButtonData):
    """On the receipt: the unit's submissions this year, as a unit's /status shows them,
    so the version just sent is seen among the others without a command."""


async def on_my_status(update: Update, context: BotContext, press: Press[ReportMyStatus]) -> None:
    await press.answer()
    await unit_status.show(update, context, press.who)


async def _submitted(update: Update, context: BotContext, step: rs.Submitted) -> None:
    """The receipt. The unit's other members (a head whose CCHC contact submitted, say)
    and the office are told through the outbox, written with the submission itself."""
    tz = context.services.settings.tz
    report, unit, period = step.report, step.unit, step.period
    at = format_datetime(report.submitted_at, tz)
    await reply(
        update,
        context,
        texts.RECEIPT.format(
            period=_label(period),
            unit=esc(unit.name),
            reference=esc(report.reference),
            version=report.version,
            at=at,
            due=_due(context, period),
        ),
        InlineKeyboardMarkup([[button(texts.BTN_MY_STATUS, ReportMyStatus())]]),
    )


# -- handlers ----------------------------------------------------------------------------


async def cmd_report(update: Update, context: BotContext) -> None:
    who = await require_member(update, context)
    if who is None or who.membership is None:
        return
    # "/report 2024-Q4" (or "/report quý IV/2024") picks a period explicitly (one still
    # open for submission).
    period = " ".join(context.args or []) or None
    step = await context.services.reporting.start(who.membership, period)
    await unit_status.returned_note(update, context, who.membership.unit_code, step)
    await show(update, context, step, who.membership)


async def _pause(update: Update, context: BotContext) -> Mapping[str, object] | None:
    """/cancel in the report pauses it: the conversation ends, the draft stays as it is."""
    who = await identify(update, context)
    if who is None or who.membership is None:
        # No longer a member: nothing could continue this report.
        if who is not None:
            await context.services.conversations.end(who.telegram_id, rs.FLOW)
        return None
    saved = await context.services.reporting.leave(who.membership)
    if saved is None:
        return None
    return {
        "period": _label(saved.period),
        "answered": saved.answered,
        "total": saved.total,
        "due": _due(context, saved.period),
    }


ReportButton = (
    ReportPeriod
    | ReportChoice
    | ReportKeep
    | ReportPrevious
    | ReportEditSection
    | ReportSkip
    | ReportEditField
    | ReportBack
    | ReportSaveDraft
    | ReportEditMenu
    | ReportSummary
    | ReportSubmit
)


async def on_button(update: Update, context: BotContext, press: Press[ReportButton]) -> None:
    who = press.who
    if who.membership is None or who.unit is None:  # pragma: no cover - the router checked
        return
    step, chosen = await _press(context, who.membership, who.unit, press)
    if step is None:
        await press.answer(texts.NOT_IN_REPORT, alert=True)
        return
    if isinstance(step, rs.Stale):
        await press.answer(texts.STALE_BUTTON, alert=True)
        step = step.step
    else:
        await press.answer()
        accepted = not (isinstance(step, rs.Ask) and step.error)
        await _retire_buttons(press, chosen if accepted else None)
        if isinstance(press.data, ReportPeriod):  # the period chosen: as /report does
            await unit_status.returned_note(update, context, who.membership.unit_code, step)
    await show(update, context, step, who.membership)


async def _press(
    context: BotContext, member: Membership, unit: Unit, press: Press[ReportButton]
) -> tuple[rs.Step | None, str | None]:
    """Carry out a pressed button; returns the next step and the label to note, if any."""
    reporting = context.services.reporting
    data = press.data
    if isinstance(data, ReportPeriod):
        return await reporting.start(member, data.period), None
    if isinstance(data, ReportChoice):
        step = await reporting.answer_choice(member, data.number, data.key)
        return step, _button_text(press)
    if isinstance(data, ReportSkip):
        return await reporting.skip(member, data.number), texts.BTN_SKIP
    if isinstance(data, ReportKeep):
        return await reporting.keep(member, data.number), _button_text(press)
    if isinstance(data, ReportPrevious):
        return await reporting.take_previous(member, data.number), _button_text(press)
    if isinstance(data, ReportEditSection):
        return await reporting.edit_menu(member, data.section), None
    if isinstance(data, ReportEditField):
        return await reporting.edit(member, data.number), None
    if isinstance(data, ReportSubmit):
        return await reporting.submit(member, unit), None
    simple = {
        ReportBack: reporting.back,
        ReportSaveDraft: reporting.leave,
        ReportEditMenu: reporting.edit_menu,
        ReportSummary: reporting.summary,
    }
    return await simple[type(data)](member), None


def _button_text(press: Press[ReportButton]) -> str | None:
    message = press.message
    markup = message.reply_markup if message is not None else None
    for row in markup.inline_keyboard if markup else ():
        for shown in row:
            if shown.callback_data == press.query.data:
                return shown.text
    return None


async def _retire_buttons(press: Press[ReportButton], chosen: str | None) -> None:
    """Take the buttons off the message that was answered, noting the choice made."""
    message = press.message
    if message is None or message.reply_markup is None:
        return
    if chosen and message.text:
        await edit_text(
            message, f"{message.text_html}\n\n✅ {esc(texts.CHOSEN.format(value=chosen))}"
        )
    else:
        await edit_markup(message, None)


async def on_message(update: Update, context: BotContext) -> bool:
    """Typed text or a sent file while the person is in the report conversation."""
    who = await identify(update, context)
    if who is None or who.membership is None:
        return False
    member = who.membership
    message = update.effective_message
    if message is None:
        return False
    reporting = context.services.reporting
    step: rs.Step | None
    incoming = incoming_file(message)
    if incoming is not None:
        step = await reporting.answer_document(member, incoming)
    elif message.text is not None:
        step = await reporting.answer_text(member, message.text)
    else:
        return False
    if step is None:
        return False
    await show(update, context, step, member)
    return True


def register(app: App) -> None:
    app.add_handler(CommandHandler("report", cmd_report))
    buttons.on(on_button, *typing.get_args(ReportButton), who=Who.MEMBER)
    buttons.on(on_my_status, ReportMyStatus, who=Who.MEMBER)


FLOWS = (Flow(rs.FLOW, on_message, cancel="pause", cancelled=texts.PAUSED, end=_pause),)
