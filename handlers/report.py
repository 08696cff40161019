"""The unit's journey: /report, one question per message, summary, submit.

Thin by design: each callback parses the update, calls ReportingService, and renders
the returned step. Where the person is lives in the database, not in this module, so
any message after a restart lands on the right question.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain.models import Membership, Period, Unit
from bot.formatting import format_datetime, period_label
from bot.forms.answers import display_value, expected_hint
from bot.forms.schema import FormSpec
from bot.services import reporting as rs
from handlers import dialog, texts
from handlers.common import answer_query, identify, incoming_file, reply, require_member, send
from handlers.context import App, BotContext
from handlers.telegram_text import esc, truncate

log = logging.getLogger(__name__)

PREFIX = "rp"


def _cb(*parts: object) -> str:
    return ":".join([PREFIX, *map(str, parts)])


def _label(period: Period) -> str:
    return period_label(period.year, period.quarter)


def _due(context: BotContext, period: Period) -> str:
    return format_datetime(period.due_at, context.services.settings.tz)


# -- rendering ---------------------------------------------------------------------------


def render_ask(step: rs.Ask) -> tuple[str, InlineKeyboardMarkup]:
    spec = step.field
    lines: list[str] = []
    if step.error:
        lines += [texts.ASK_ERROR.format(error=esc(step.error), hint=esc(expected_hint(spec))), ""]
    if step.notice:
        lines += [esc(step.notice), ""]
    lines.append(
        texts.ASK_HEADER.format(
            period=_label(step.period),
            number=step.number,
            total=step.total,
            section=esc(spec.section),
        )
    )
    lines.append("")
    lines.append(f"<b>{esc(spec.label)}</b>" + ("" if spec.required else texts.ASK_OPTIONAL))
    if spec.help:
        lines.append(f"💡 {esc(spec.help)}")
    if spec.type == "file" and not spec.help:
        lines.append(texts.ASK_FILE_HINT)
    if step.answered:
        lines += ["", texts.ASK_CURRENT.format(value=esc(display_value(spec, step.current)))]
    rows: list[list[InlineKeyboardButton]] = []
    if spec.type == "yesno":
        rows.append(
            [
                InlineKeyboardButton(texts.BTN_YES, callback_data=_cb("c", step.number, "y")),
                InlineKeyboardButton(texts.BTN_NO, callback_data=_cb("c", step.number, "n")),
            ]
        )
    for choice in spec.choices:
        rows.append(
            [
                InlineKeyboardButton(
                    truncate(choice.label, 60), callback_data=_cb("c", step.number, choice.key)
                )
            ]
        )
    nav: list[InlineKeyboardButton] = []
    if step.number > 1:
        nav.append(InlineKeyboardButton(texts.BTN_BACK, callback_data=_cb("b")))
    if not spec.required:
        nav.append(InlineKeyboardButton(texts.BTN_SKIP, callback_data=_cb("s", step.number)))
    nav.append(InlineKeyboardButton(texts.BTN_SAVE, callback_data=_cb("d")))
    rows.append(nav)
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def render_summary(
    step: rs.Summary, unit: Unit, context: BotContext
) -> tuple[str, InlineKeyboardMarkup]:
    tz = context.services.settings.tz
    lines = [
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
    if step.notice:
        lines += ["", esc(step.notice)]
    lines += answer_lines(step.form, step.answers)
    lines.append("")
    if step.problems:
        lines.append(texts.SUMMARY_PROBLEMS)
        lines += [f"• {esc(p)}" for p in step.problems]
    else:
        lines.append(texts.SUMMARY_READY)
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.BTN_EDIT, callback_data=_cb("e")),
                InlineKeyboardButton(texts.BTN_SUBMIT, callback_data=_cb("x")),
            ],
            [InlineKeyboardButton(texts.BTN_SAVE, callback_data=_cb("d"))],
        ]
    )
    return "\n".join(lines), markup


def answer_lines(form: FormSpec, answers: Mapping[str, Any]) -> list[str]:
    """The answers grouped by section, numbered as in the form (also used by /view)."""
    lines: list[str] = []
    section = None
    for number, spec in enumerate(form.fields, start=1):
        if spec.section != section:
            section = spec.section
            lines += ["", f"<b>{esc(section)}</b>"]
        value = answers.get(spec.key) if spec.key in answers else None
        shown = display_value(spec, value) if spec.key in answers else texts.NOT_ANSWERED
        if spec.type == "text" and value:
            lines.append(f"{number}. {esc(spec.label)}:\n<i>{esc(shown)}</i>")
        else:
            lines.append(f"{number}. {esc(spec.label)}: <b>{esc(shown)}</b>")
    return lines


def render_edit_menu(step: rs.EditMenu) -> tuple[str, InlineKeyboardMarkup]:
    numbers = [
        InlineKeyboardButton(str(n), callback_data=_cb("f", n))
        for n in range(1, len(step.form.fields) + 1)
    ]
    rows = [numbers[i : i + 6] for i in range(0, len(numbers), 6)]
    rows.append([InlineKeyboardButton(texts.BTN_SUMMARY, callback_data=_cb("m"))])
    return texts.EDIT_MENU, InlineKeyboardMarkup(rows)


async def show(update: Update, context: BotContext, step: rs.Step, who: Membership) -> None:
    """Render any step of the report conversation as messages."""
    if isinstance(step, rs.Stale):
        if update.callback_query:
            await answer_query(update.callback_query, texts.STALE_BUTTON, alert=True)
        step = step.step
    if isinstance(step, rs.Ask):
        text, markup = render_ask(step)
        await reply(update, context, text, markup)
    elif isinstance(step, rs.Summary):
        unit = await context.services.office.unit(who.unit_code)
        assert unit is not None
        text, markup = render_summary(step, unit, context)
        await reply(update, context, text, markup)
    elif isinstance(step, rs.EditMenu):
        text, markup = render_edit_menu(step)
        await reply(update, context, text, markup)
    elif isinstance(step, rs.ChoosePeriod):
        rows = [
            [
                InlineKeyboardButton(
                    texts.PERIOD_BUTTON.format(label=_label(p), due=_due(context, p)),
                    callback_data=_cb("p", p.code),
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
        if step.period is None:
            await reply(update, context, texts.CLOSED_NONE)
        elif step.period.status == "closed":
            await reply(update, context, texts.CLOSED_BY_OFFICE.format(period=_label(step.period)))
        else:
            await reply(
                update,
                context,
                texts.CLOSED.format(period=_label(step.period), due=_due(context, step.period)),
            )
    elif isinstance(step, rs.Submitted):
        await _submitted(update, context, step)


async def _submitted(update: Update, context: BotContext, step: rs.Submitted) -> None:
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
    )
    # The unit's other members (a head whose CCHC contact submitted, say) are told too.
    user = update.effective_user
    colleagues = [
        m.telegram_id
        for m in await context.services.office.members(unit.code)
        if user is None or m.telegram_id != user.id
    ]
    unit_notice = texts.UNIT_NOTICE.format(
        period=_label(period),
        name=esc(user.full_name if user else ""),
        at=at,
        version=report.version,
        reference=esc(report.reference),
    )
    notice = texts.OFFICE_NOTICE.format(
        unit=esc(unit.name),
        code=esc(unit.code),
        period=_label(period),
        period_code=period.code,
        version=report.version,
        at=at,
        reference=esc(report.reference),
    )
    # The office's notice opens the review of this version in one press: handlers/review's
    # "open" button (review imports this module, so its PREFIX cannot be imported here).
    review = InlineKeyboardMarkup(
        [[InlineKeyboardButton(texts.BTN_REVIEW, callback_data=f"rv:o:{report.id}")]]
    )
    recipients: list[tuple[int, str, InlineKeyboardMarkup | None]] = [
        (c, unit_notice, None) for c in colleagues
    ] + [(o, notice, review) for o in sorted(context.services.registration.office_ids)]
    for chat_id, text, markup in recipients:
        try:
            await send(context, chat_id, text, markup)
        except TelegramError as exc:
            # Someone who never opened the bot, or blocked it, cannot be written to; the
            # submission stands regardless.
            log.warning("Could not notify %s of a submission: %s", chat_id, exc)


# -- handlers ----------------------------------------------------------------------------


async def cmd_report(update: Update, context: BotContext) -> None:
    who = await require_member(update, context)
    if who is None or who.membership is None:
        return
    # "/report 2024-Q4" picks a period explicitly (one still open for submission).
    period = context.args[0] if context.args else None
    step = await context.services.reporting.start(who.membership, period)
    await show(update, context, step, who.membership)


async def cmd_cancel(update: Update, context: BotContext) -> None:
    who = await require_member(update, context)
    if who is None or who.membership is None:
        return
    saved = await context.services.reporting.leave(who.membership)
    if saved is None and await context.services.conversations.end(who.telegram_id, "explain"):
        await reply(update, context, texts.EXPLAIN_CANCELLED)
    elif saved is None:
        await reply(update, context, texts.NOT_IN_REPORT)
    else:
        await show(update, context, saved, who.membership)


async def on_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    who = await require_member(update, context)
    if who is None or who.membership is None or who.unit is None:
        await answer_query(query)
        return
    try:
        step, chosen = await _press(context, who.membership, who.unit, query)
    except (IndexError, ValueError):
        # Buttons from an older version of the bot, or tampered data.
        step, chosen = None, None
    if step is None:
        await answer_query(query, texts.NOT_IN_REPORT, alert=True)
        return
    if not isinstance(step, rs.Stale):
        await answer_query(query)
        accepted = not (isinstance(step, rs.Ask) and step.error)
        await _retire_buttons(query, chosen if accepted else None)
    await show(update, context, step, who.membership)


async def _press(
    context: BotContext, member: Membership, unit: Unit, query: CallbackQuery
) -> tuple[rs.Step | None, str | None]:
    """Carry out a pressed button; returns the next step and the label to note, if any."""
    reporting = context.services.reporting
    _, op, *args = (query.data or "").split(":")
    if op == "p":
        return await reporting.start(member, args[0]), None
    if op == "c":
        step = await reporting.answer_choice(member, int(args[0]), args[1])
        return step, _button_text(query)
    if op == "s":
        return await reporting.skip(member, int(args[0])), texts.BTN_SKIP
    if op == "f":
        return await reporting.edit(member, int(args[0])), None
    simple = {
        "b": reporting.back,
        "d": reporting.leave,
        "e": reporting.edit_menu,
        "m": reporting.summary,
    }
    if op in simple:
        return await simple[op](member), None
    if op == "x":
        return await reporting.submit(member, unit), None
    return None, None


def _button_text(query: CallbackQuery) -> str | None:
    message = query.message
    markup = message.reply_markup if isinstance(message, Message) else None
    for row in markup.inline_keyboard if markup else ():
        for button in row:
            if button.callback_data == query.data:
                return button.text
    return None


async def _retire_buttons(query: CallbackQuery, chosen: str | None) -> None:
    """Take the buttons off the message that was answered, noting the choice made."""
    message = query.message
    if not isinstance(message, Message) or message.reply_markup is None:
        return
    try:
        if chosen and message.text:
            await query.edit_message_text(
                f"{message.text_html}\n\n✅ {esc(texts.CHOSEN.format(value=chosen))}",
                reply_markup=None,
            )
        else:
            await query.edit_message_reply_markup(reply_markup=None)
    except TelegramError as exc:
        log.info("Could not retire buttons: %s", exc)


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
    app.add_handler(CommandHandler("cancel", cmd_cancel))
    app.add_handler(CallbackQueryHandler(on_button, pattern=rf"^{PREFIX}:"))
    dialog.register_flow(rs.FLOW, on_message)
