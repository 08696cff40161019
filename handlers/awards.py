"""Awards: the office's /awards YEAR and /nominate_person, /award_dossier for units (attach
the three documents) and for the office (see a unit's dossier), and the reminder job.

Thin, like the other journeys: parse, call :class:`bot.services.awards.AwardsService`,
render. Office commands check the role on every call; every roster or user text is
escaped. The upload step is a persisted flow (a restart keeps the person's place).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from telegram import (
    InlineKeyboardMarkup,
    Update,
)
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import CommandHandler

from bot.formatting import format_date, format_datetime, format_points, format_size, quarter_roman
from bot.identity import PlanIdentity
from bot.numbers import format_number
from bot.services.awards import (
    DOCUMENT_KINDS,
    DOCUMENT_TITLES,
    FLOW,
    PERSON_SEATS,
    UNIT_SEATS,
    AwardRule,
    AwardsNotPublished,
    Candidates,
    Dossier,
    Ground,
    NominationError,
    Pick,
    Reason,
    UnitFacts,
    UploadError,
    format_share,
    plan_sentence,
)
from handlers import buttons, texts
from handlers.buttons import Press, Who, button
from handlers.callbacks import AwardsConfirm, AwardUpload, AwardUploadCancel, AwardWithdraw
from handlers.common import (
    identify,
    incoming_file,
    reply,
    require_office,
    retire_buttons,
    send,
)
from handlers.context import App, BotContext
from handlers.dialog import Flow
from handlers.telegram_text import CAPTION_LIMIT, esc, truncate

log = logging.getLogger(__name__)

JOB_NAME = "award_reminders"
# Reminders are due at 08:00; a check every five minutes sends them by 08:05.
REMINDER_CHECK_SECONDS = 300
REMINDER_FIRST_CHECK_SECONDS = 30
_YEAR = re.compile(r"^\d{4}$")


def parse_year(text: str) -> int | None:
    """A four-digit year between 2000 and 2100, else None."""
    text = text.strip()
    if not _YEAR.match(text):
        return None
    year = int(text)
    return year if 2000 <= year <= 2100 else None


# -- rendering -----------------------------------------------------------------------------


def _tied(pick: Pick) -> str:
    return texts.AWARDS_TIED if pick.tied else ""


def _facts_fields(f: UnitFacts) -> dict[str, object]:
    """The numbers behind a unit on the list, for whichever line template shows them."""
    assert f.index is not None
    return {
        "name": esc(f.unit.name),
        "code": esc(f.unit.code),
        "index": format_points(f.index),
        "band": esc(f.band or ""),
        "rank": f.rank,
        "ranked": f.ranked,
        "online": format_number(f.online),
        "submitted": format_number(f.submitted),
        "rate": _rate(f.share),
        "quarters": f.quarters,
    }


def _pick_fields(pick: Pick) -> dict[str, object]:
    """A candidate's numbers, with its position and whether it is tied."""
    return {**_facts_fields(pick.facts), "position": pick.position, "tied": _tied(pick)}


def _rate(rate: Decimal | None) -> str:
    return format_share(rate) if rate is not None else "—"


def reason_text(reason: Reason, facts: UnitFacts, rule: AwardRule) -> str:
    """Why a leader of the Khối is not a candidate, with the figure that decides it."""
    if reason == "band_low":
        return texts.AWARDS_REASON_BAND.format(
            band=esc(facts.band or ""), min_band=esc(rule.min_band)
        )
    if reason == "online_low":
        return texts.AWARDS_REASON_ONLINE.format(**_facts_fields(facts))
    if reason == "no_procedures":
        return texts.AWARDS_REASON_NO_PROCEDURES
    return texts.AWARDS_REASON_NO_DATA.format(
        quarters=", ".join(quarter_roman(q) for q in facts.missing)
    )


def _dossier_status(candidates: Candidates, unit_code: str) -> str:
    missing = candidates.missing_documents(unit_code)
    if missing is None:
        return texts.AWARDS_DOSSIER_NOT_ASKED
    if len(missing) == len(DOCUMENT_KINDS):
        return texts.AWARDS_DOSSIER_EMPTY
    titles = "; ".join(DOCUMENT_TITLES[k] for k in missing)
    return texts.AWARDS_DOSSIER_STATUS.format(
        done=len(DOCUMENT_KINDS) - len(missing),
        missing=texts.AWARDS_DOSSIER_MISSING.format(kinds=titles) if missing else "",
    )


def render_candidates(c: Candidates, identity: PlanIdentity) -> str:
    """The office's award list: each candidate with the numbers that justify it, the
    plan's sentence for each award, and the leaders a condition excluded, with why."""
    department = identity.department
    lines = [
        texts.AWARDS_HEADER.format(year=c.year, plan=esc(identity.plan), due=format_date(c.due))
    ]
    if not c.published:
        lines.append(texts.AWARDS_PROVISIONAL.format(year=c.year))
    if not c.year_over:
        lines.append(texts.AWARDS_YEAR_OPEN.format(year=c.year))

    blocks = ", ".join(esc(b.name) for b in c.award_blocks) or texts.AWARDS_KHOI_EMPTY
    lines += [
        "",
        texts.AWARDS_UNITS_TITLE,
        texts.AWARDS_PLAN_QUOTE.format(sentence=esc(plan_sentence("unit", department))),
        texts.AWARDS_KHOI.format(blocks=blocks, min_band=esc(c.rule.min_band)),
    ]
    if c.unknown_blocks:
        lines.append(texts.AWARDS_KHOI_UNKNOWN.format(codes=esc(", ".join(c.unknown_blocks))))
    for pick in c.units:
        lines.append(texts.AWARDS_UNIT_LINE.format(**_pick_fields(pick)))
        lines.append(_dossier_status(c, pick.facts.unit.code))
    if not c.units:
        lines.append(texts.AWARDS_NO_UNITS)
    elif len(c.units) < UNIT_SEATS:
        lines.append(texts.AWARDS_FEWER_UNITS.format(n=len(c.units)))
    elif len(c.units) > UNIT_SEATS:
        lines.append(texts.AWARDS_TIE_NOTE)
    if c.passed_over:
        lines.append(texts.AWARDS_PASSED_TITLE)
        for passed in c.passed_over:
            reasons = "; ".join(reason_text(r, passed.facts, c.rule) for r in passed.reasons)
            lines.append(
                texts.AWARDS_PASSED_LINE.format(**_facts_fields(passed.facts), reasons=reasons)
            )

    lines += [
        "",
        texts.AWARDS_HEADS_TITLE,
        texts.AWARDS_PLAN_QUOTE.format(sentence=esc(plan_sentence("head", department))),
    ]
    for head in c.heads:
        names = ", ".join(esc(n) for n in head.heads) or texts.AWARDS_HEAD_UNKNOWN
        lines.append(texts.AWARDS_HEAD_LINE.format(**_pick_fields(head.pick), heads=names))
    if not c.heads:
        lines.append(texts.AWARDS_NO_HEADS)

    bands = esc(", ".join(c.good_bands))
    lines += [
        "",
        texts.AWARDS_DIVISIONS_TITLE.format(bands=bands),
        texts.AWARDS_PLAN_QUOTE.format(sentence=esc(plan_sentence("division", department))),
        texts.AWARDS_DIVISIONS_MEASURE,
    ]
    for pick in c.divisions:
        lines.append(texts.AWARDS_DIVISION_LINE.format(**_pick_fields(pick)))
        lines.append(_dossier_status(c, pick.facts.unit.code))
    if not c.divisions:
        lines.append(texts.AWARDS_NO_DIVISIONS.format(bands=bands))

    lines += [
        "",
        texts.AWARDS_PERSONS_TITLE,
        texts.AWARDS_PLAN_QUOTE.format(sentence=esc(plan_sentence("person", department))),
    ]
    for nominee in c.persons:
        unit = c.units_by_code.get(nominee.unit_code)
        lines.append(
            texts.AWARDS_PERSON_LINE.format(
                id=nominee.id,
                name=esc(nominee.full_name),
                unit=esc(unit.name if unit else nominee.unit_code),
                reason=esc(nominee.reason),
            )
        )
        lines.append(_dossier_status(c, nominee.unit_code))
    if not c.persons:
        lines.append(texts.AWARDS_NO_PERSONS.format(year=c.year))
    elif len(c.persons) > PERSON_SEATS:
        lines.append(texts.AWARDS_MORE_PERSONS.format(n=len(c.persons)))

    live = c.grounds()
    dropped = [r for code, r in sorted(c.requests.items()) if code not in live]
    if dropped:
        lines += ["", texts.AWARDS_RELEASED_TITLE]
        for request in dropped:
            unit = c.units_by_code.get(request.unit_code)
            lines.append(
                texts.AWARDS_RELEASED_LINE.format(
                    name=esc(unit.name if unit else request.unit_code),
                    code=esc(request.unit_code),
                    done=len(c.documents_of(request.unit_code)),
                )
            )
    lines.append("")
    if c.can_confirm:
        lines.append(texts.AWARDS_CONFIRM_HINT)
    elif c.pending_changes:
        lines.append(texts.AWARDS_CONFIRM_WAITS.format(year=c.year))
    else:
        active = sum(1 for r in c.requests.values() if r.active)
        if active:
            lines.append(texts.AWARDS_CONFIRMED_STATE.format(n=active, year=c.year))
    return "\n".join(lines)


def ground_text(ground: Ground) -> str:
    if ground.kind == "unit":
        return texts.AWARD_GROUND_UNIT
    if ground.kind == "head":
        return texts.AWARD_GROUND_HEAD
    if ground.kind == "division":
        return texts.AWARD_GROUND_DIVISION
    return texts.AWARD_GROUND_PERSON.format(name=esc(ground.person or ""))


def _left(due: date, today: date, *, brief: bool = False) -> str:
    days = (due - today).days
    if brief:
        if days <= 0:
            return texts.AWARD_REMINDER_TODAY
        return texts.AWARD_REMINDER_DAYS.format(n=days)
    if days > 0:
        return texts.AWARD_DAYS_LEFT.format(n=days)
    return texts.AWARD_DUE_TODAY if days == 0 else texts.AWARD_OVERDUE


def render_dossier(
    dossier: Dossier, context: BotContext, *, buttons: bool
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The checklist: what the dossier is for, the due date, each document's state."""
    tz = context.services.settings.tz
    today = context.services.awards.today()
    grounds = "\n".join(
        texts.AWARD_GROUND_LINE.format(ground=ground_text(g)) for g in dossier.request.grounds
    )
    lines = [
        texts.AWARD_DOSSIER_HEADER.format(
            year=dossier.year,
            unit=esc(dossier.unit.name),
            grounds=grounds,
            due=format_date(dossier.due),
            left=_left(dossier.due, today) if dossier.request.active else "",
        ),
        "",
    ]
    for n, kind in enumerate(DOCUMENT_KINDS, start=1):
        doc = dossier.documents.get(kind)
        if doc is None:
            lines.append(texts.AWARD_DOC_MISSING.format(n=n, title=DOCUMENT_TITLES[kind]))
        else:
            lines.append(
                texts.AWARD_DOC_DONE.format(
                    n=n,
                    title=DOCUMENT_TITLES[kind],
                    file=esc(doc.file_name),
                    size=format_size(doc.file_size),
                    at=format_datetime(doc.uploaded_at, tz),
                )
            )
    lines.append("")
    if not dossier.request.active:
        lines.append(texts.AWARD_DOSSIER_RELEASED.format(year=dossier.year))
        return "\n".join(lines), None
    lines.append(texts.AWARD_DOSSIER_COMPLETE if dossier.complete else texts.AWARD_DOSSIER_HOWTO)
    return "\n".join(lines), (_document_buttons(dossier.year, DOCUMENT_KINDS) if buttons else None)


def _document_buttons(year: int, kinds: tuple[str, ...]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                button(
                    texts.BTN_AWARD_DOC.format(title=DOCUMENT_TITLES[kind]),
                    AwardUpload(year, kind),
                )
            ]
            for kind in kinds
        ]
    )


def _cancel_button() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[button(texts.BTN_AWARD_CANCEL, AwardUploadCancel())]])


# -- /awards -------------------------------------------------------------------------------


async def cmd_awards(update: Update, context: BotContext) -> None:
    if await require_office(update, context) is None:
        return
    if not context.args:
        plan = esc(context.services.settings.identity.plan)
        await reply(update, context, texts.AWARDS_USAGE.format(plan=plan))
        return
    year = parse_year(context.args[0])
    if year is None:
        await reply(update, context, texts.AWARDS_BAD_YEAR.format(text=esc(context.args[0])))
        return
    periods = context.services.periods
    if not periods.in_campaign(year):
        first, last = periods.campaign_years
        await reply(
            update, context, texts.YEAR_OUTSIDE_CAMPAIGN.format(year=year, first=first, last=last)
        )
        return
    candidates = await context.services.awards.candidates(year)
    # No "Chốt danh sách" on provisional figures: the year's index must be published.
    markup = (
        InlineKeyboardMarkup([[button(texts.BTN_AWARDS_CONFIRM, AwardsConfirm(year))]])
        if candidates.can_confirm
        else None
    )
    identity = context.services.settings.identity
    await reply(update, context, render_candidates(candidates, identity), markup)


async def on_confirm(update: Update, context: BotContext, press: Press[AwardsConfirm]) -> None:
    """The office confirms the year's list: dossiers are requested from the units."""
    await press.answer()
    who, year = press.who, press.data.year
    await retire_buttons(press.query)
    try:
        result = await context.services.awards.confirm(year, actor=f"tg:{who.telegram_id}")
    except AwardsNotPublished:  # a button from before, or publication was undone
        await reply(update, context, texts.AWARDS_CONFIRM_UNPUBLISHED.format(year=year))
        return
    if not result.notify and not result.released:
        await reply(update, context, texts.AWARDS_NOTHING_TO_CONFIRM.format(year=year))
        return
    sent = 0
    unreachable: list[str] = []
    members_by_unit = await context.services.office.members_by_unit()
    for dossier in result.notify:
        text, markup = render_dossier(dossier, context, buttons=True)
        notice = f"{texts.AWARD_REQUEST_NOTICE.format(year=year)}\n\n{text}"
        delivered = 0
        for member in members_by_unit.get(dossier.unit.code, []):
            try:
                await send(context, member.telegram_id, notice, markup)
                delivered += 1
            except TelegramError as exc:
                log.warning("Award request to %s failed: %s", member.telegram_id, exc)
        sent += delivered
        if not delivered:
            unreachable.append(dossier.unit.code)
    released = (
        texts.AWARDS_CONFIRMED_RELEASED.format(
            n=len(result.released), units=esc(", ".join(u.code for u in result.released))
        )
        if result.released
        else ""
    )
    summary = texts.AWARDS_CONFIRMED.format(
        year=year,
        active=result.active,
        notified=len(result.notify),
        sent=sent,
        released=released,
    )
    if unreachable:
        summary += texts.AWARDS_NO_MEMBERS.format(units=esc(", ".join(unreachable)))
    await reply(update, context, summary)


# -- /nominate_person ------------------------------------------------------------------------


async def cmd_nominate_person(update: Update, context: BotContext) -> None:
    """``/nominate_person YEAR UNIT | Name | Reason``, or ``/nominate_person YEAR`` to list."""
    who = await require_office(update, context)
    message = update.effective_message
    if who is None or message is None:
        return
    parts = (message.text or "").split(maxsplit=1)
    rest = parts[1] if len(parts) > 1 else ""
    head, bar, tail = rest.partition("|")
    tokens = head.split()
    year = parse_year(tokens[0]) if tokens else None
    if year is None:
        await reply(update, context, texts.AWARD_NOMINATE_USAGE)
        return
    if not bar and len(tokens) == 1:
        await _list_nominations(update, context, year)
        return
    name, bar2, reason = tail.partition("|")
    if len(tokens) != 2 or not bar2:
        await reply(update, context, texts.AWARD_NOMINATE_USAGE)
        return
    awards = context.services.awards
    try:
        nomination, unit = await awards.nominate(
            year, tokens[1], name, reason, actor=f"tg:{who.telegram_id}"
        )
    except NominationError as exc:
        await reply(update, context, _nomination_refusal(exc, tokens[1]))
        return
    count = len(await awards.nominations(year))
    await reply(
        update,
        context,
        texts.AWARD_NOMINATED.format(
            id=nomination.id,
            name=esc(nomination.full_name),
            unit=esc(unit.name),
            year=year,
            reason=esc(nomination.reason),
            n=count,
        ),
    )


def _nomination_refusal(exc: NominationError, code: str) -> str:
    if exc.code == "unknown_unit" or exc.unit is None:
        return texts.UNKNOWN_UNIT.format(code=esc(code))
    if exc.code == "not_division":
        return texts.AWARD_NOMINATE_NOT_DIVISION.format(
            unit=esc(exc.unit.name), code=esc(exc.unit.code)
        )
    if exc.code == "name":
        return texts.AWARD_NOMINATE_BAD_NAME
    return texts.AWARD_NOMINATE_BAD_REASON


async def _list_nominations(update: Update, context: BotContext, year: int) -> None:
    nominations = await context.services.awards.nominations(year)
    if not nominations:
        await reply(update, context, texts.AWARD_NOMINATIONS_NONE.format(year=year))
        return
    tz = context.services.settings.tz
    lines = [texts.AWARD_NOMINATIONS_HEADER.format(year=year)]
    rows = []
    for nominee in nominations:
        unit = await context.services.office.unit(nominee.unit_code)
        lines.append(
            texts.AWARD_NOMINATION_LINE.format(
                id=nominee.id,
                name=esc(nominee.full_name),
                unit=esc(unit.name if unit else nominee.unit_code),
                reason=esc(nominee.reason),
                at=format_datetime(nominee.nominated_at, tz),
            )
        )
        rows.append(
            [button(texts.BTN_AWARD_WITHDRAW.format(id=nominee.id), AwardWithdraw(nominee.id))]
        )
    await reply(update, context, "\n".join(lines), InlineKeyboardMarkup(rows))


async def on_withdraw(update: Update, context: BotContext, press: Press[AwardWithdraw]) -> None:
    withdrawn = await context.services.awards.withdraw(
        press.data.nominee_id, actor=f"tg:{press.who.telegram_id}"
    )
    if withdrawn is None:
        await press.answer(texts.AWARD_WITHDRAW_GONE, alert=True)
        return
    await press.answer()
    unit = await context.services.office.unit(withdrawn.unit_code)
    await reply(
        update,
        context,
        texts.AWARD_WITHDRAWN.format(
            id=withdrawn.id,
            name=esc(withdrawn.full_name),
            unit=esc(unit.name if unit else withdrawn.unit_code),
            year=withdrawn.year,
        ),
    )


# -- /award_dossier --------------------------------------------------------------------------


async def cmd_award_dossier(update: Update, context: BotContext) -> None:
    """Units: their own checklist (``[YEAR]``). Office: ``UNIT [YEAR]``, with the files."""
    who = await identify(update, context)
    if who is None:
        return
    args = list(context.args or [])
    awards = context.services.awards
    if who.is_office and args and parse_year(args[0]) is None:
        await _office_dossier(update, context, args[0], args[1] if len(args) > 1 else None)
        return
    if not who.is_bound or who.unit is None:
        await reply(
            update,
            context,
            texts.AWARD_DOSSIER_OFFICE_USAGE if who.is_office else texts.NEED_INVITE,
        )
        return
    if args:
        year = parse_year(args[0])
        if year is None:
            await reply(update, context, texts.AWARDS_BAD_YEAR.format(text=esc(args[0])))
            return
        dossier = await awards.dossier(year, who.unit.code)
        if dossier is None:
            await reply(update, context, texts.AWARD_NO_DOSSIER_YEAR.format(year=year))
            return
    else:
        dossiers = await awards.dossiers_of(who.unit.code)
        if not dossiers:
            await reply(update, context, texts.AWARD_NO_DOSSIER)
            return
        dossier = dossiers[0]
    text, markup = render_dossier(dossier, context, buttons=True)
    await reply(update, context, text, markup)


async def _office_dossier(
    update: Update, context: BotContext, unit_code: str, year_text: str | None
) -> None:
    unit = await context.services.office.unit(unit_code)
    if unit is None:
        await reply(update, context, texts.UNKNOWN_UNIT.format(code=esc(unit_code)))
        return
    awards = context.services.awards
    if year_text is not None:
        year = parse_year(year_text)
        if year is None:
            await reply(update, context, texts.AWARDS_BAD_YEAR.format(text=esc(year_text)))
            return
        dossier = await awards.dossier(year, unit.code)
    else:
        found = await awards.dossiers_of(unit.code, active_only=False)
        dossier = found[0] if found else None
    if dossier is None:
        await reply(
            update,
            context,
            texts.AWARD_UNIT_NO_DOSSIER.format(
                unit=esc(unit.name),
                code=esc(unit.code),
                year=texts.IN_YEAR.format(year=year_text) if year_text else "",
            ),
        )
        return
    text, _ = render_dossier(dossier, context, buttons=False)
    await reply(update, context, text)
    chat = update.effective_chat
    if chat is None:
        return
    for kind in DOCUMENT_KINDS:
        doc = dossier.documents.get(kind)
        if doc is None:
            continue
        caption = texts.AWARD_DOC_CAPTION.format(
            title=DOCUMENT_TITLES[kind], unit=esc(unit.name), year=dossier.year
        )
        try:
            await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
            await context.bot.send_document(
                chat.id, doc.file_id, caption=truncate(caption, CAPTION_LIMIT)
            )
        except TelegramError as exc:
            log.warning("Could not re-send %s of %s: %s", kind, unit.code, exc)


async def on_upload(update: Update, context: BotContext, press: Press[AwardUpload]) -> None:
    """A unit starts attaching one document of its dossier."""
    membership = press.who.membership
    if membership is None:  # pragma: no cover - the router lets only members press
        return
    kind = press.data.document
    dossier = await context.services.awards.begin_upload(membership, press.data.year, kind)
    if dossier is None:
        await press.answer(texts.AWARD_UPLOAD_GONE, alert=True)
        return
    await press.answer()
    await reply(
        update,
        context,
        texts.AWARD_UPLOAD_PROMPT.format(title=DOCUMENT_TITLES[kind]),
        _cancel_button(),
    )


async def on_cancel_upload(
    update: Update, context: BotContext, press: Press[AwardUploadCancel]
) -> None:
    await press.answer()
    if await context.services.awards.end_upload(press.user_id):
        await retire_buttons(press.query)
        await reply(update, context, texts.AWARD_UPLOAD_CANCELLED)


async def on_upload_message(update: Update, context: BotContext) -> bool:
    """A file (or stray text) while the person is at the upload step."""
    who = await identify(update, context)
    message = update.effective_message
    if who is None or who.membership is None or message is None:
        return False
    awards = context.services.awards
    target = await awards.upload_target(who.telegram_id)
    if target is None:
        return False
    title = DOCUMENT_TITLES.get(target[1], "")
    incoming = incoming_file(message)
    if incoming is None:
        await reply(
            update, context, texts.AWARD_UPLOAD_NEED_FILE.format(title=title), _cancel_button()
        )
        return True
    try:
        attached = await awards.attach(who.membership, incoming)
    except UploadError as exc:
        await reply(
            update,
            context,
            texts.AWARD_UPLOAD_REFUSED.format(error=esc(exc.message), title=title),
            _cancel_button(),
        )
        return True
    except LookupError:
        await awards.end_upload(who.telegram_id)
        await reply(update, context, texts.AWARD_UPLOAD_GONE)
        return True
    dossier = attached.dossier
    saved = dossier.documents[attached.kind]
    note = texts.AWARD_UPLOADED.format(
        title=title, file=esc(saved.file_name), size=format_size(saved.file_size)
    )
    if attached.replaced is not None:
        note += texts.AWARD_UPLOAD_REPLACED.format(file=esc(attached.replaced.file_name))
    if attached.late:
        note += texts.AWARD_UPLOAD_LATE.format(due=format_date(dossier.due))
    text, markup = render_dossier(dossier, context, buttons=True)
    await reply(update, context, f"{note}\n\n{text}", markup)
    if attached.completed:
        notice = texts.AWARD_COMPLETE_NOTICE.format(
            unit=esc(dossier.unit.name), code=esc(dossier.unit.code), year=dossier.year
        )
        for office_id in sorted(context.services.registration.office_ids):
            try:
                await send(context, office_id, notice)
            except TelegramError as exc:
                log.warning("Could not tell %s of a complete dossier: %s", office_id, exc)
    return True


async def _end_upload(update: Update, context: BotContext) -> Mapping[str, object] | None:
    """/cancel at the upload step leaves it."""
    user = update.effective_user
    assert user is not None
    return {} if await context.services.awards.end_upload(user.id) else None


# -- reminders -------------------------------------------------------------------------------


async def send_reminders(context: BotContext) -> int:
    """The job: send the reminders due now (each at most once); returns messages sent.

    Nothing goes out in the desk's quiet hours (a reminder caught up after the bot was
    down at night): the first check after they end claims and sends it.
    """
    services = context.services
    if services.desk.is_quiet(services.clock()):
        return 0
    sent = 0
    for reminder in await context.services.awards.claim_due_reminders():
        dossier = reminder.dossier
        missing = "\n".join(
            texts.AWARD_MISSING_LINE.format(title=DOCUMENT_TITLES[k]) for k in dossier.missing
        )
        text = texts.AWARD_REMINDER.format(
            year=dossier.year,
            unit=esc(dossier.unit.name),
            due=format_date(dossier.due),
            left=_left(dossier.due, context.services.awards.today(), brief=True),
            missing=missing,
        )
        markup = _document_buttons(dossier.year, dossier.missing)
        for chat_id in reminder.recipients:
            try:
                await send(context, chat_id, text, markup)
                sent += 1
            except TelegramError as exc:
                log.warning("Award reminder to %s failed: %s", chat_id, exc)
    return sent


async def _reminder_job(context: BotContext) -> None:
    await send_reminders(context)


def register(app: App) -> None:
    app.add_handler(CommandHandler("awards", cmd_awards))
    app.add_handler(CommandHandler("nominate_person", cmd_nominate_person))
    app.add_handler(CommandHandler("award_dossier", cmd_award_dossier))
    buttons.on(on_confirm, AwardsConfirm, who=Who.OFFICE)
    buttons.on(on_withdraw, AwardWithdraw, who=Who.OFFICE)
    buttons.on(on_upload, AwardUpload, who=Who.MEMBER)
    buttons.on(on_cancel_upload, AwardUploadCancel, who=Who.MEMBER)
    if app.job_queue is None:
        log.warning("No job queue (APScheduler missing): award reminders are not sent")
        return
    app.job_queue.run_repeating(
        _reminder_job,
        interval=REMINDER_CHECK_SECONDS,
        first=REMINDER_FIRST_CHECK_SECONDS,
        name=JOB_NAME,
    )


FLOWS = (
    Flow(
        FLOW,
        on_upload_message,
        cancel="discard",
        cancelled=texts.AWARD_UPLOAD_CANCELLED,
        end=_end_upload,
    ),
)
