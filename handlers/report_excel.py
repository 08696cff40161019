"""The report in Excel and in one message: "📥 Tải mẫu Excel", the filled workbook sent
back, and answers pasted as ``n. value`` lines.

Thin, as the other journeys: :class:`~bot.services.report_workbook.ReportWorkbookService`
builds, reads, checks and stores; this module routes and renders. An .xlsx document
from a unit member is looked at here first: if its hidden sheet makes it one of our
templates it is imported (in or out of the report conversation); any other document,
and any message that is not a batch of numbered answers in the report conversation,
goes on exactly as before, to the conversation the person is in (:mod:`handlers.dialog`).
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InputFile, Message, Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import filters

from bot.domain.models import Membership, Period
from bot.formatting import period_label
from bot.forms.answers import AnswerError, AnswerProblem, parse_document
from bot.services import report_workbook as rw
from bot.services import reporting as rs
from bot.services.periods import label_of
from bot.texts.answers import answer_error
from handlers import buttons, report, texts
from handlers.buttons import Press, Who, button
from handlers.callbacks import ReportTemplate
from handlers.common import identify, incoming_file, reply
from handlers.context import App, BotContext
from handlers.dialog import Step
from handlers.telegram_text import CAPTION_LIMIT, esc, truncate

log = logging.getLogger(__name__)


def template_row(period: Period) -> list[InlineKeyboardButton]:
    """The "📥 Tải mẫu Excel" row under a question and under the summary."""
    return [button(texts.BTN_EXCEL, ReportTemplate(period.code))]


def _service(context: BotContext) -> rw.ReportWorkbookService:
    return context.services.report_workbook


# -- the template ------------------------------------------------------------------------


async def on_template(update: Update, context: BotContext, press: Press[ReportTemplate]) -> None:
    member = press.who.membership
    if member is None:  # pragma: no cover - the router checked
        return
    await press.answer()
    made = await _service(context).template(member, press.data.period)
    if isinstance(made, rw.Refused):
        await reply(update, context, texts.EXCEL_CLOSED.format(period=label_of(made.found)))
        return
    chat = update.effective_chat
    assert chat is not None
    unit = await context.services.office.unit(member.unit_code)
    form = await context.services.reporting.form(made.period, member.unit_code)
    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    caption = texts.EXCEL_CAPTION.format(
        period=period_label(made.period.year, made.period.quarter),
        unit=esc(unit.name if unit is not None else member.unit_code),
        count=len(form.fields),
    )
    await context.bot.send_document(
        chat.id,
        InputFile(made.content, filename=made.file_name),
        caption=truncate(caption, CAPTION_LIMIT),
    )


# -- a filled template sent back -------------------------------------------------------


async def on_workbook(update: Update, context: BotContext) -> bool:
    """An .xlsx document: ours to import if it is one of our templates sent by a unit
    member; otherwise (False) on its usual way."""
    message = update.effective_message
    who = await identify(update, context)
    if message is None or who is None or who.membership is None:
        return False
    service = _service(context)
    content = await _download(message)
    filled = await service.recognise(content) if content is not None else None
    if filled is None:
        return False
    outcome = await service.import_template(who.membership, filled)
    await _render(update, context, who.membership, outcome, from_file=True)
    return True


async def _download(message: Message) -> bytes | None:
    """The document's bytes if it passes the upload checks of a workbook (type, size)."""
    incoming = incoming_file(message)
    if incoming is None:
        return None
    try:
        parse_document(rw.WORKBOOK_UPLOAD, incoming)
    except AnswerError:
        return None  # not a template we made: too large, not an .xlsx, empty
    try:
        found = await message.get_bot().get_file(incoming.file_id)
        return bytes(await found.download_as_bytearray())
    except TelegramError as exc:
        log.info("Could not fetch the workbook %s: %s", incoming.file_name, exc)
        return None


# -- answers pasted as numbered lines ----------------------------------------------------


class _Numbered(filters.MessageFilter):
    """A text whose every non-empty line is "n. value" (at least two)."""

    def filter(self, message: Message) -> bool:
        return message.text is not None and rw.numbered_lines(message.text) is not None


async def on_lines(update: Update, context: BotContext) -> bool:
    message = update.effective_message
    who = await identify(update, context)
    if message is None or message.text is None or who is None or who.membership is None:
        return False
    entries = rw.numbered_lines(message.text)
    assert entries is not None  # the filter said so
    outcome = await _service(context).import_lines(who.membership, entries)
    if outcome is None:  # not in the report conversation: as any other text
        return False
    await _render(update, context, who.membership, outcome, from_file=False)
    return True


# -- rendering -------------------------------------------------------------------------


async def _render(
    update: Update,
    context: BotContext,
    member: Membership,
    outcome: rw.Outcome,
    *,
    from_file: bool,
) -> None:
    if isinstance(outcome, rw.Refused):
        await reply(update, context, await _refusal(context, outcome))
    elif isinstance(outcome, rw.Rejected):
        await reply(update, context, render_errors(outcome, from_file=from_file))
    else:
        step = outcome.step
        notice = None
        if isinstance(step, rs.Summary):
            if outcome.changed:
                done = texts.IMPORT_DONE_FILE if from_file else texts.IMPORT_DONE_LINES
                notice = done.format(n=outcome.changed)
            else:
                notice = texts.IMPORT_NOTHING_NEW if from_file else texts.IMPORT_NOTHING_NEW_LINES
        await report.show(update, context, step, member, notice=notice)
        if outcome.then is not None:
            await report.show(update, context, outcome.then, member)


def entry_problem_text(problem: rw.EntryProblem) -> str:
    """Why a cell or a pasted line was refused, as one sentence (plain text)."""
    if isinstance(problem, AnswerProblem):
        return answer_error(problem)
    if isinstance(problem, rw.CellRefused):
        return texts.IMPORT_FORMULA if problem.code == "formula" else texts.IMPORT_FILE_ROW
    if isinstance(problem, rw.UnknownQuestion):
        if problem.number is None:
            return texts.IMPORT_UNKNOWN_KEY
        return texts.IMPORT_UNKNOWN_NUMBER.format(n=problem.number)
    if isinstance(problem, rw.EnteredTwice):
        return texts.IMPORT_TWICE.format(rows=", ".join(str(r) for r in problem.rows))
    return problem.message


def render_errors(rejected: rw.Rejected, *, from_file: bool) -> str:
    """Every error, by row and question, in one message (split by ``reply`` if long)."""
    head = texts.IMPORT_ERRORS_FILE if from_file else texts.IMPORT_ERRORS_LINES
    lines = [head.format(n=len(rejected.errors))]
    worded = sorted(
        ((e, entry_problem_text(e.problem)) for e in rejected.errors),
        key=lambda pair: (pair[0].row, pair[0].number or 0, pair[1]),
    )
    for error, message in worded:
        if error.number is None:
            label = f" ({esc(error.label)})" if error.label else ""
            lines.append(
                texts.IMPORT_ERROR_LINE_UNKNOWN.format(
                    row=error.row, label=label, message=esc(message)
                )
            )
        else:
            lines.append(
                texts.IMPORT_ERROR_LINE.format(
                    row=error.row,
                    number=error.number,
                    label=esc(error.label),
                    message=esc(message),
                )
            )
    text = "\n".join(lines)
    return text + texts.IMPORT_LIST_HINT if rejected.at_text_question else text


async def _refusal(context: BotContext, refused: rw.Refused) -> str:
    if refused.reason == "unit":
        return texts.EXCEL_REFUSED_UNIT.format(
            found=await _unit_name(context, refused.found),
            expected=", ".join([await _unit_name(context, c) for c in refused.expected]),
        )
    if refused.reason == "period":
        return texts.EXCEL_REFUSED_PERIOD.format(
            found=label_of(refused.found), expected=", ".join(map(label_of, refused.expected))
        )
    if refused.reason == "closed":
        return texts.EXCEL_REFUSED_CLOSED.format(found=label_of(refused.found))
    if refused.reason == "version":
        return texts.EXCEL_REFUSED_VERSION.format(
            found=esc(refused.found), expected=esc(", ".join(refused.expected))
        )
    return texts.EXCEL_REFUSED_TAMPERED


async def _unit_name(context: BotContext, code: str) -> str:
    unit = await context.services.office.unit(code)
    return esc(f"{unit.name} ({unit.code})" if unit is not None else code)


AHEAD_OF_DIALOG: tuple[tuple[filters.BaseFilter, Step], ...] = (
    (filters.Document.FileExtension("xlsx"), on_workbook),
    (filters.TEXT & ~filters.COMMAND & _Numbered(), on_lines),
)
"""The messages looked at here before the dialog router (bot/app.py places them): .xlsx
documents and numbered texts; what is not theirs goes on to the router."""


def register(app: App) -> None:
    buttons.on(on_template, ReportTemplate, who=Who.MEMBER)
