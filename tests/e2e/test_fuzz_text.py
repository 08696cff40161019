"""Free text at every dialogue step, fuzzed: random Unicode up to Telegram's 4,096
characters, control characters, HTML and markup, Vietnamese, numbers in odd forms.

Every example is one message typed where the bot waits for an answer: the report's
questions (a number, a text, a file), composing a broadcast (content, unit codes, time), a
new deadline, a return comment, a nomination and its rejection, saving a practice, an
award document, an explanation. Whatever it is, the bot answers (and the error handler is never
reached: the ``app`` fixture fails the test otherwise; nothing the bot sends is refused by
Telegram: the ``standin`` fixture does), and nothing is stored when the bot refuses: the
database's fingerprint is the same before and after. What the bot takes is stored exactly
as it says it took it, and the dialogue is brought back to the same step for the next
example.

The fixtures are shared by the examples of a test on purpose (one bot, one conversation).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from bot.clock import to_iso
from bot.domain.broadcasts import Content
from bot.formatting import format_datetime
from bot.forms.answers import (
    AnswerError,
    StoredValue,
    display_value,
    example_value,
    parse_text_answer,
)
from bot.forms.schema import NUMERIC_TYPES, FieldSpec, FormSpec
from bot.services import reporting as rs
from bot.services.appraisal import EXPLANATION_LIMIT, AppraisalError
from bot.services.container import Services
from bot.services.periods import parse_deadline
from bot.standin import BotApiStandin, SentMessage, SimulatedUser, html_to_text
from bot.texts.answers import answer_error, expected_hint
from handlers import texts
from handlers.practices import REASON_MAX
from handlers.telegram_text import utf16_len
from storage import reports
from tests.awards_year import YEAR, UnitYear, procedures, publish_year, report_year
from tests.clock import FakeClock
from tests.conftest import OFFICE_ID, example_roster
from tests.e2e.conftest import bound_user, fill_report, outbox_settled
from tests.e2e.fuzz_support import (
    after,
    as_delivered,
    changed_tables,
    check_replies,
    db_fingerprint,
    exchange,
    joined,
    said,
    shown,
    squeezed,
    take_problems,
)
from tests.reports import bind, fill, submit

UNIT = "THPT-QH"
HEAD_ID = 8801

# Examples per dialogue step: enough to meet every kind of input below, few enough that
# the whole file runs in well under a minute.
EXAMPLES = 20


def fuzz(examples: int = EXAMPLES) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# -- what people type --------------------------------------------------------------------------

CONTROLS = [chr(c) for c in range(0x20)] + [
    "\x7f",
    "\x85",
    "\xad",
    "\u200b",
    "\u200d",
    "\u202e",
    "\u2028",
    "\u2066",
    "\ufeff",
    "\ufffd",
]
MARKUP = [
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    '<a href="javascript:alert(1)">',
    "</a>",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "&lt;",
    "&gt;",
    "&",
    "<",
    ">",
    "<b",
    "</",
    "<br/>",
    "<script>alert(1)</script>",
    '<span class="tg-spoiler">',
    '<tg-emoji emoji-id="1">',
    '<pre><code class="language-x">',
    "<!-- -->",
    "{}",
    "{text}",
    "%s",
    "\\",
    "*_[]()~`",
]
VIETNAMESE = [
    "Sáng kiến",
    "số hoá hồ sơ",
    "Trường THPT Quốc Học Quy Nhơn",
    "ĐỔI MỚI CÔNG TÁC TUYÊN TRUYỀN",
    "Nguyễn Thị Ánh Tuyết",
    "tiếp nhận hồ sơ trực tuyến",
    unicodedata.normalize("NFD", "Việt Nam, Đà Lạt, phở"),
    "ngày 15/03/2025",
    " ",
    "\n",
]
ODD_NUMBERS = [
    "1.250",
    "1,5",
    "²",
    "١٢",
    "-0",
    "1e309",
    "NaN",
    "٣",
    "Infinity",
    "-1",
    "−5",
    "+5",
    "0",
    "007",
    "1 250",
    "1\u00a0250",
    "90 %",
    "90%",
    "1.250,5",
    "1,250.5",
    "0,0001",
    "１２３",
    "½",
    "Ⅻ",
    "5.",
    ".5",
    "1..2",
    "1_000",
    "0x1F",
    "1.2.3",
    "999999999999999",
    "1000000000000000",
    "100",
    "3,99",
]
NUMBER_CHARS = set("0123456789.,+%") | set(" \u00a0\u2007\u2009\u202f")


def _stretch(body: str, size: int) -> str:
    """``body`` repeated to ``size`` characters (a near-limit text without generating
    thousands of characters one by one)."""
    return (body * (size // max(len(body), 1) + 1))[:size]


def _delivered(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    # A text of spaces and line breaks only cannot be sent at all; one character stands in.
    return strategy.map(lambda text: as_delivered(text) or ".")


unicode_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
digit_runs = st.builds(
    _stretch, st.text("0123456789", min_size=1, max_size=6), st.integers(10, 4200)
)
fragments = st.one_of(
    unicode_text,
    st.sampled_from(CONTROLS),
    st.sampled_from(MARKUP),
    st.sampled_from(VIETNAMESE),
    st.sampled_from(ODD_NUMBERS),
    digit_runs,
)
short_texts = st.lists(fragments, min_size=1, max_size=6).map("".join)
long_texts = st.builds(_stretch, short_texts, st.integers(2000, 5000))
# Anything a person can send as a message, short or up to the limit.
TEXTS = _delivered(st.one_of(short_texts, short_texts, long_texts))

NUMBERS = _delivered(
    st.one_of(
        st.sampled_from(ODD_NUMBERS),
        st.integers(0, 10**7).map(str),
        st.integers(0, 10**7).map(lambda n: f"{n:,}".replace(",", ".")),
        st.decimals(0, 200, places=2).map(lambda d: str(d).replace(".", ",")),
        st.lists(st.sampled_from([*ODD_NUMBERS, *"0123456789.,% "]), max_size=8).map("".join),
        digit_runs,
        TEXTS,
    )
)

_DIGITS = {
    "ascii": str.maketrans("", ""),
    "arabic-indic": str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"),
    "fullwidth": str.maketrans("0123456789", "０１２３４５６７８９"),
}
_DATE_SHAPES = [
    "{d:02d}/{m:02d}/{y:04d} {h:02d}:{mi:02d}",
    "{d}/{m}/{y} {h}:{mi:02d}",
    "{d}/{m}/{y} {h}h{mi:02d}",
    "{d:02d}/{m:02d}/{y:04d}",
    "{y:04d}-{m:02d}-{d:02d}",
    "{d}.{m}.{y}",
    "{d}-{m}-{y} {h}H",
    "{d}/{m}/{y}\n{h}:{mi}",
    "{d}/{m}/{y} {h}:{mi:02d} chiều",
]


def _date_text(shape: str, d: int, m: int, y: int, h: int, mi: int, digits: str) -> str:
    return shape.format(d=d, m=m, y=y, h=h, mi=mi).translate(_DIGITS[digits])


def _dates(days: int, months: int, years: st.SearchStrategy[int]) -> st.SearchStrategy[str]:
    return st.builds(
        _date_text,
        st.sampled_from(_DATE_SHAPES),
        st.integers(0 if days > 28 else 1, days),
        st.integers(0 if months > 12 else 1, months),
        years,
        st.integers(0, 23 if months <= 12 else 25),
        st.integers(0, 59 if months <= 12 else 61),
        st.sampled_from(list(_DIGITS)),
    )


# Dates and times as the office might type them: mostly real ones in the campaign's
# years, some that do not exist or are far off, and any text at all.
DATES = _delivered(
    st.one_of(
        _dates(28, 12, st.integers(2025, 2026)),
        _dates(32, 13, st.sampled_from([0, 1, 999, 2024, 9999])),
        TEXTS,
    )
)


def _roster_codes() -> list[str]:
    with example_roster().open(encoding="utf-8") as f:
        return [row["code"] for row in csv.DictReader(f)]


CODES = _roster_codes()
code_tokens = st.one_of(
    st.sampled_from(CODES),
    st.sampled_from(CODES).map(str.lower),
    st.sampled_from(CODES).map(str.swapcase),
    st.sampled_from(
        [
            "THPT-ZZ",
            "thpt\u2011qh",
            "\uff34\uff28\uff30\uff34-QH",
            "VP.",
            "<VP>",
            "VP\u200b",
            "VP\x00",
        ]
    ),
)
separators = st.sampled_from(
    [",", " ", ";", ", ", "\n", "\t", "\u00a0", " ; ", "\u060c", "\u3000", "/"]
)
CODE_LISTS = _delivered(
    st.one_of(
        st.builds(
            lambda codes, seps: "".join(c + s for c, s in zip(codes, seps, strict=False)),
            st.lists(code_tokens, min_size=1, max_size=6),
            st.lists(separators, min_size=6, max_size=6),
        ),
        TEXTS,
    )
)


# -- driving the bot -----------------------------------------------------------------------


@pytest.fixture(autouse=True)
async def current_period(app_services: Services) -> str:
    """The quarter open for reports, created now rather than by the first step that
    reads it (which would otherwise look like a change that step stored)."""
    return (await app_services.periods.current()).code


def unchanged(before: dict[str, str], after_: dict[str, str]) -> None:
    event("refused")
    assert changed_tables(before, after_) == set(), "a refused answer changed the database"


def within(before: dict[str, str], after_: dict[str, str], *tables: str) -> None:
    event("taken")
    changed = changed_tables(before, after_)
    assert changed <= set(tables), f"unexpected tables changed: {changed - set(tables)}"


# -- (1) the report's questions --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AtQuestion:
    head: SimulatedUser
    spec: FieldSpec
    number: int
    total: int
    period: str


def question_of(form: FormSpec, kind: str) -> FieldSpec:
    """The first required question of ``kind`` after the first one (so "⬅️ Quay lại" is
    offered) that no cross-field rule involves."""
    for spec in form.fields[1:]:
        if spec.type == kind and spec.required and not form.rules_for(spec.key):
            return spec
    raise LookupError(kind)


@pytest.fixture(params=["integer", "percent", "text", "file"])
async def at_question(
    request: pytest.FixtureRequest, standin: BotApiStandin, app_services: Services
) -> AtQuestion:
    """A unit head in /report, at a question of the kind given, the ones before answered."""
    form = app_services.rules.form(YEAR)
    spec = question_of(form, str(request.param))
    head = await bound_user(standin, app_services, HEAD_ID, UNIT)
    who = await app_services.registration.identify(head.id)
    assert who.membership is not None
    step = await fill(app_services, who.membership, stop_at=spec.key)
    assert isinstance(step, rs.Ask)
    number, total = form.index[spec.key] + 1, len(form.fields)
    await head.send("/report")
    await head.expect(shown(texts.ASK_HEADER, number=number, total=total))
    return AtQuestion(head, spec, number, total, step.period.code)


def refusal_of(spec: FieldSpec, text: str) -> tuple[str | None, StoredValue]:
    """The form's own reading of ``text``: (why it is refused, or None; the value)."""
    try:
        return None, parse_text_answer(spec, text)
    except AnswerError as exc:
        return answer_error(exc.problem), None


@fuzz()
@given(data=st.data())
async def test_report_question(
    standin: BotApiStandin, app_services: Services, at_question: AtQuestion, data: st.DataObject
) -> None:
    q = at_question
    spec = q.spec
    text = data.draw(NUMBERS if spec.type in NUMERIC_TYPES else TEXTS, label="text")
    before = await db_fingerprint(app_services)
    replies = await exchange(standin, q.head, text)
    refusal, value = refusal_of(spec, text)
    if refusal is not None:
        # Independently of the validator: a text within the limit is always taken, and a
        # file question takes no text.
        assert spec.type != "text" or len(text) > spec.text_limit, text
        assert said(
            replies, texts.ASK_ERROR, error=refusal, hint=expected_hint(spec, example_value(spec))
        )
        assert said(replies, texts.ASK_HEADER, number=q.number, total=q.total)
        unchanged(before, await db_fingerprint(app_services))
        return
    if spec.type == "text":
        assert value == text
    else:
        assert set(text) <= NUMBER_CHARS, text
        number = Decimal(str(value))
        assert spec.lower_bound <= number
        assert spec.upper_bound is None or number <= spec.upper_bound
    assert said(replies, texts.ASK_HEADER, number=q.number + 1, total=q.total)
    draft = await reports.get_draft(app_services.db.reader, UNIT, q.period)
    assert draft is not None
    assert draft.answers[spec.key] == value
    within(before, await db_fingerprint(app_services), "drafts", "sessions", "audit_log")
    # Back to the question: the stored answer is read back as the bot took it.
    back = await after(standin, q.head, q.head.click(texts.BTN_BACK))
    assert said(back, texts.ASK_HEADER, number=q.number, total=q.total)
    assert said(back, texts.ASK_CURRENT, value=display_value(spec, value))


@dataclass(frozen=True, slots=True)
class AtSummary:
    head: SimulatedUser
    total: int
    period: str


@pytest.fixture
async def at_summary(standin: BotApiStandin, app_services: Services) -> AtSummary:
    """A unit head in /report with every question answered: at the summary."""
    head = await bound_user(standin, app_services, HEAD_ID, UNIT)
    who = await app_services.registration.identify(head.id)
    assert who.membership is not None
    summary = await fill(app_services, who.membership)
    assert isinstance(summary, rs.Summary)
    shown_ = await after(standin, head, head.send("/report"))
    assert said(shown_, texts.SUMMARY_HEADER)
    return AtSummary(head, len(app_services.rules.form(YEAR).fields), summary.period.code)


def question_number(text: str, total: int) -> int | None:
    """The question a text typed at the summary names: ASCII digits, 1 to ``total``."""
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text.lstrip("0") or "0") if len(text.lstrip("0")) < 10 else 0
    return number if 1 <= number <= total else None


@fuzz()
@given(text=_delivered(st.one_of(st.integers(0, 40).map(str), NUMBERS, TEXTS)))
@example(text="²")  # passes str.isdigit(), not int(): it used to reach the error handler
@example(text="0007")
async def test_report_summary(
    standin: BotApiStandin, app_services: Services, at_summary: AtSummary, text: str
) -> None:
    """At the summary, a question's number opens it; any other text shows the summary."""
    head, total = at_summary.head, at_summary.total
    before = await db_fingerprint(app_services)
    replies = await exchange(standin, head, text)
    number = question_number(text, total)
    if number is None:
        assert said(replies, texts.SUMMARY_HEADER)
        unchanged(before, await db_fingerprint(app_services))
        return
    assert said(replies, texts.ASK_HEADER, number=number, total=total)
    within(before, await db_fingerprint(app_services), "sessions")
    await after(standin, head, head.send("/cancel"))
    again = await after(standin, head, head.send("/report"))
    assert said(again, texts.SUMMARY_HEADER)


@fuzz()
@given(text=TEXTS)
async def test_report_text_edited_from_the_summary(
    standin: BotApiStandin, app_services: Services, at_summary: AtSummary, text: str
) -> None:
    """A narrative question opened from the summary: what it takes, the summary shows."""
    head, total = at_summary.head, at_summary.total
    spec = question_of(app_services.rules.form(YEAR), "text")
    number = app_services.rules.form(YEAR).index[spec.key] + 1
    if await app_services.conversations.flow_of(HEAD_ID) is None:
        await after(standin, head, head.send("/report"))
    asked = await exchange(standin, head, str(number))
    assert said(asked, texts.ASK_HEADER, number=number, total=total)
    before = await db_fingerprint(app_services)
    replies = await exchange(standin, head, text)
    refusal, value = refusal_of(spec, text)
    if refusal is not None:
        assert len(text) > spec.text_limit, text
        assert said(
            replies, texts.ASK_ERROR, error=refusal, hint=expected_hint(spec, example_value(spec))
        )
        unchanged(before, await db_fingerprint(app_services))
        await after(standin, head, head.send("/cancel"))
        return
    assert value == text
    assert said(replies, texts.SUMMARY_HEADER)
    within(before, await db_fingerprint(app_services), "drafts", "sessions", "audit_log")
    draft = await reports.get_draft(app_services.db.reader, UNIT, at_summary.period)
    assert draft is not None
    assert draft.answers[spec.key] == text
    assert squeezed(text) in squeezed(joined(replies))


# -- (2) composing a broadcast ----------------------------------------------------------------

NEWS = "Bản tin thử nghiệm: mô hình một cửa điện tử"


@pytest.fixture
async def newsroom(
    standin: BotApiStandin, app_services: Services, office: SimulatedUser
) -> SimulatedUser:
    """The office, with one unit head able to receive a broadcast."""
    await bind(app_services, HEAD_ID, UNIT)
    standin.user(HEAD_ID, "Thủ trưởng").started = True
    return office


async def compose(standin: BotApiStandin, office: SimulatedUser, *presses: str) -> None:
    """/broadcast, the test's news as content, then ``presses``."""
    asked = await after(standin, office, office.send("/broadcast"))
    assert said(asked, texts.BROADCAST_ASK_CONTENT)
    if presses:
        await after(standin, office, office.send(NEWS))
    for press in presses:
        await after(standin, office, office.click(press))


@fuzz()
@given(text=TEXTS)
async def test_broadcast_content(
    standin: BotApiStandin, app_services: Services, newsroom: SimulatedUser, text: str
) -> None:
    office = newsroom
    await compose(standin, office)
    before = await db_fingerprint(app_services)
    replies = await exchange(standin, office, text)
    assert said(replies, texts.BROADCAST_GOT_CONTENT, what=texts.CONTENT_NAMES["text"])
    within(before, await db_fingerprint(app_services), "sessions")
    # The preview is what units will get: the text exactly as typed, markup escaped.
    await after(standin, office, office.click(texts.BTN_AUD_ALL))
    preview = await after(standin, office, office.click(texts.BTN_ROLE_HEADS))
    assert said(preview, texts.BROADCAST_PREVIEW_HEADER)
    assert [m.text for m in preview if m.text == text] == [text]
    await after(standin, office, office.click(texts.BTN_CANCEL))


def typed_codes(text: str) -> list[str] | None:
    """The roster's spelling of every code in ``text`` (separated by commas, semicolons or
    spaces, in any ASCII letter case), or None if one is not a code."""
    roster = {code.lower(): code for code in CODES}
    tokens = [t for t in re.split(r"[\s,;]+", text) if t]
    if not tokens or not all(t.isascii() and t.lower() in roster for t in tokens):
        return None
    return list(dict.fromkeys(roster[t.lower()] for t in tokens))


@fuzz()
@given(text=CODE_LISTS)
async def test_broadcast_codes(
    standin: BotApiStandin, app_services: Services, newsroom: SimulatedUser, text: str
) -> None:
    office = newsroom
    session = await app_services.conversations.flow_of(OFFICE_ID)
    if session is None:
        await compose(standin, office, texts.BTN_AUD_CODES)
    before = await db_fingerprint(app_services)
    replies = await exchange(standin, office, text)
    codes = typed_codes(text)
    if codes is None:
        assert said(replies, texts.BROADCAST_UNKNOWN_CODES)
        unchanged(before, await db_fingerprint(app_services))
        return
    label = texts.AUD_CODES.format(codes=", ".join(codes))
    assert said(replies, texts.BROADCAST_CHOOSE_ROLE, audience=label)
    within(before, await db_fingerprint(app_services), "sessions")
    await after(standin, office, office.click(texts.BTN_CANCEL))


TIME_FORMAT = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2})[:h](\d{2})", re.ASCII)


def typed_time(text: str, app_services: Services) -> datetime | None:
    """``dd/mm/yyyy hh:mm`` (or ``hh``h``mm``) in Việt Nam's time, if a real moment."""
    match = TIME_FORMAT.fullmatch(text.strip())
    if match is None:
        return None
    day, month, year, hour, minute = (int(g) for g in match.groups())
    try:
        return datetime(year, month, day, hour, minute, tzinfo=app_services.settings.tz)
    except ValueError:
        return None


@fuzz()
@given(text=DATES)
async def test_broadcast_schedule_time(
    standin: BotApiStandin,
    app_services: Services,
    newsroom: SimulatedUser,
    clock: FakeClock,
    text: str,
) -> None:
    office = newsroom
    if await app_services.conversations.flow_of(OFFICE_ID) is None:
        await compose(standin, office, texts.BTN_AUD_ALL, texts.BTN_ROLE_HEADS, texts.BTN_SCHEDULE)
    before = await db_fingerprint(app_services)
    replies = await exchange(standin, office, text)
    at = typed_time(text, app_services)
    if at is None or at <= clock():
        assert said(replies, texts.BROADCAST_BAD_TIME if at is None else texts.BROADCAST_TIME_PAST)
        unchanged(before, await db_fingerprint(app_services))
        return
    tz = app_services.settings.tz
    assert said(replies, texts.BROADCAST_SCHEDULED, at=format_datetime(at, tz))
    async with app_services.db.reader.execute(
        "SELECT status, scheduled_at FROM broadcasts ORDER BY id DESC LIMIT 1"
    ) as cur:
        row = await cur.fetchone()
    assert row is not None
    assert tuple(row) == ("scheduled", to_iso(at))
    within(
        before, await db_fingerprint(app_services), "broadcasts", "outbox", "sessions", "audit_log"
    )


# -- (3) deadlines -------------------------------------------------------------------------


async def deadline_outcome(
    app_services: Services, clock: FakeClock, code: str, text: str
) -> tuple[str, datetime | None]:
    """Which reply a typed deadline deserves: (template, the deadline if taken)."""
    tz = app_services.settings.tz
    period = await app_services.periods.get(code)
    assert period is not None
    due = parse_deadline(text, tz)
    if due is None:
        return texts.PERIOD_BAD_DATE, None
    if due.astimezone(tz).date() <= period.data_to:
        return texts.PERIOD_DUE_BEFORE_CUTOFF, None
    if due <= clock():
        return texts.PERIOD_DUE_PAST, None
    return texts.PERIOD_DUE_SET, due


async def check_deadline(
    app_services: Services,
    clock: FakeClock,
    code: str,
    text: str,
    replies: list[SentMessage],
    before: dict[str, str],
) -> bool:
    """Check the reply to a typed deadline and what was stored; True if it was taken."""
    template, due = await deadline_outcome(app_services, clock, code, text)
    if due is None:
        assert said(replies, template)
        unchanged(before, await db_fingerprint(app_services))
        return False
    tz = app_services.settings.tz
    assert said(replies, template, due=format_datetime(due, tz))
    period = await app_services.periods.get(code)
    assert period is not None
    assert period.due_at == due
    within(
        before,
        await db_fingerprint(app_services),
        "periods",
        "audit_log",
        "sessions",
        "broadcasts",
        "outbox",
        "reminders_sent",
    )
    return True


@fuzz()
@given(text=DATES)
async def test_deadline_asked(
    standin: BotApiStandin,
    app_services: Services,
    office: SimulatedUser,
    clock: FakeClock,
    text: str,
) -> None:
    code = (await app_services.periods.current()).code
    if await app_services.conversations.flow_of(OFFICE_ID) is None:
        card = await after(standin, office, office.send(f"/period {code}"))
        assert said(card, texts.PERIOD_CARD, code=code)
        asked = await after(standin, office, office.click(texts.BTN_PERIOD_DUE))
        assert said(asked, texts.PERIOD_DUE_ASK)
    before = await db_fingerprint(app_services)
    replies = await exchange(standin, office, text)
    taken = await check_deadline(app_services, clock, code, text, replies, before)
    assert (await app_services.conversations.flow_of(OFFICE_ID) is None) == taken


@fuzz()
@given(text=DATES)
async def test_deadline_in_the_command(
    standin: BotApiStandin,
    app_services: Services,
    office: SimulatedUser,
    clock: FakeClock,
    text: str,
) -> None:
    code = (await app_services.periods.current()).code
    before = await db_fingerprint(app_services)
    replies = await after(standin, office, office.send(f"/period {code} due {text}"))
    # The command's arguments are the words of the text, however they were spaced.
    await check_deadline(app_services, clock, code, " ".join(text.split()), replies, before)


# -- (4) the office's return comment ----------------------------------------------------------


@pytest.fixture
async def reviewing(
    standin: BotApiStandin, app_services: Services, office: SimulatedUser
) -> tuple[SimulatedUser, SimulatedUser]:
    """The office at the review of a submitted report; the unit's head, who is told."""
    head = await bound_user(standin, app_services, HEAD_ID, UNIT)
    # Through the conversation, so that the signed report is a file the office can open.
    await fill_report(head)
    await head.click(texts.BTN_SUBMIT)
    await head.expect(shown(texts.RECEIPT))
    await outbox_settled(app_services)  # the office has heard of the submission
    view = await after(standin, office, office.send(f"/review {UNIT}"))
    assert said(view, texts.REVIEW_HEADER, code=UNIT)
    return office, head


@fuzz()
@given(text=TEXTS)
async def test_return_comment(
    standin: BotApiStandin,
    app_services: Services,
    reviewing: tuple[SimulatedUser, SimulatedUser],
    text: str,
) -> None:
    office, head = reviewing
    asked = await after(standin, office, office.click(texts.BTN_RETURN))
    assert said(asked, texts.REVIEW_ASK_COMMENT)
    await head.idle(quiet=0)
    before = await db_fingerprint(app_services)
    replies = await exchange(standin, office, text)
    # A message is never empty, so every comment is taken, as typed.
    assert said(replies, texts.REVIEW_RETURNED)
    within(
        before,
        await db_fingerprint(app_services),
        "reviews",
        "audit_log",
        "sessions",
        "period_extensions",
    )
    period = await app_services.periods.current()
    desk = (await app_services.review.view(UNIT, period)).desk
    assert desk.review is not None
    assert (desk.review.decision, desk.review.comment) == ("returned", text)
    told = await head.idle(quiet=0)
    check_replies(told)
    assert said(told, texts.UNIT_RETURNED)
    assert squeezed(text) in squeezed(joined(told))
    # The review shows the comment in force, read back from the database.
    view = await after(standin, office, office.send(f"/review {UNIT}"))
    assert said(view, texts.REVIEW_DECIDED_COMMENT)
    assert squeezed(text) in squeezed(joined(view))


# -- (5) nominations ------------------------------------------------------------------------

NOMINATION_TITLE = "Mô hình số hoá hồ sơ tuyển sinh"
NOMINATION_TEXT = "Cách làm: tiếp nhận trực tuyến. Kết quả: 100 % hồ sơ đúng hạn."


@pytest.fixture
async def nominating(
    standin: BotApiStandin, app_services: Services, office: SimulatedUser
) -> SimulatedUser:
    """A unit head; the office (told of each nomination) has opened the bot."""
    return await bound_user(standin, app_services, HEAD_ID, UNIT)


async def finish_nomination(
    standin: BotApiStandin, app_services: Services, head: SimulatedUser
) -> int:
    """From the file question: no file, no topic; returns the nomination's number."""
    await after(standin, head, head.click(texts.BTN_PRACTICE_SKIP))
    sent = await after(standin, head, head.click(texts.BTN_PRACTICE_DONE))
    assert said(sent, texts.NOMINATE_SENT)
    return max(p.id for p in await app_services.practices.pending())


def stated_limits(refusal: list[SentMessage], template: str) -> tuple[int, int]:
    """The lengths a refusal states ("từ 3 đến 200 ký tự"): its first two numbers."""
    pattern = shown(template)
    for message in refusal:
        if pattern.search(message.text):
            low, high = re.findall(r"\d[\d.]*", message.text)[:2]
            return int(low.replace(".", "")), int(high.replace(".", ""))
    raise AssertionError("no length refusal")


@fuzz()
@given(text=TEXTS)
async def test_nomination_title(
    standin: BotApiStandin, app_services: Services, nominating: SimulatedUser, text: str
) -> None:
    head = nominating
    asked = await after(standin, head, head.send("/nominate"))
    assert said(asked, texts.NOMINATE_ASK_TITLE)
    before = await db_fingerprint(app_services)
    replies = await exchange(standin, head, text)
    if said(replies, texts.PRACTICE_TITLE_BAD):
        low, high = stated_limits(replies, texts.PRACTICE_TITLE_BAD)
        if len(text) == utf16_len(text):  # "characters" is ambiguous beyond the BMP
            assert not low <= len(text) <= high, text
        unchanged(before, await db_fingerprint(app_services))
        return
    assert said(replies, texts.NOMINATE_ASK_DESCRIPTION)
    within(before, await db_fingerprint(app_services), "sessions")
    await after(standin, head, head.send(NOMINATION_TEXT))
    practice_id = await finish_nomination(standin, app_services, head)
    practice = await app_services.practices.get(practice_id)
    assert practice is not None
    assert practice.title == text


@fuzz()
@given(text=TEXTS)
async def test_nomination_description(
    standin: BotApiStandin, app_services: Services, nominating: SimulatedUser, text: str
) -> None:
    head = nominating
    if await app_services.conversations.flow_of(HEAD_ID) is None:
        await after(standin, head, head.send("/nominate"))
        asked = await after(standin, head, head.send(NOMINATION_TITLE))
        assert said(asked, texts.NOMINATE_ASK_DESCRIPTION)
    before = await db_fingerprint(app_services)
    replies = await exchange(standin, head, text)
    if said(replies, texts.NOMINATE_DESCRIPTION_BAD):
        low, high = stated_limits(replies, texts.NOMINATE_DESCRIPTION_BAD)
        assert not low <= utf16_len(text) <= high, text
        unchanged(before, await db_fingerprint(app_services))
        return
    assert said(replies, texts.NOMINATE_ASK_FILE)
    within(before, await db_fingerprint(app_services), "sessions")
    practice_id = await finish_nomination(standin, app_services, head)
    practice = await app_services.practices.get(practice_id)
    assert practice is not None
    assert html_to_text(practice.content.body) == f"{NOMINATION_TITLE}\n\n{text}"


@fuzz()
@given(text=TEXTS)
async def test_nomination_rejection_reason(
    standin: BotApiStandin,
    app_services: Services,
    office: SimulatedUser,
    nominating: SimulatedUser,
    text: str,
) -> None:
    proposer = nominating
    practice_id = await app_services.practices.add(
        title=NOMINATION_TITLE,
        content=Content(kind="text", body=f"<b>{NOMINATION_TITLE}</b>\n\n{NOMINATION_TEXT}"),
        unit_code=UNIT,
        tags=[],
        by=proposer.id,
        pending=True,
    )
    listing = await after(standin, office, office.send("/nominations"))
    assert said(listing, texts.NOMINATION_VIEW, id=practice_id)
    asked = await after(standin, office, office.click(texts.BTN_REJECT))
    assert said(asked, texts.NOMINATION_ASK_REASON, id=practice_id)
    await proposer.idle(quiet=0)
    before = await db_fingerprint(app_services)
    replies = await exchange(standin, office, text)
    if len(text) > REASON_MAX:
        # Refused with the limit, nothing stored; the question stays open.
        assert said(replies, texts.NOMINATION_REASON_LONG, n=len(text), max=REASON_MAX)
        unchanged(before, await db_fingerprint(app_services))
        text = text[:REASON_MAX].strip() or "Chưa phù hợp"
        replies = await exchange(standin, office, text)
    assert said(replies, texts.NOMINATION_REJECTED, id=practice_id)
    within(before, await db_fingerprint(app_services), "practices", "audit_log", "sessions")
    practice = await app_services.practices.get(practice_id)
    assert practice is not None
    assert practice.status == "rejected"
    assert practice.reason == text
    told = await proposer.idle(quiet=0)
    check_replies(told)
    assert said(told, texts.NOMINATION_TOLD_REJECTED, id=practice_id)
    assert squeezed(practice.reason) in squeezed(joined(told))


# -- (5b) saving a sent broadcast into the practice library ------------------------------------

PRACTICE_TITLE = "Mô hình một cửa điện tử"


@pytest.fixture
async def librarian(standin: BotApiStandin, newsroom: SimulatedUser) -> SimulatedUser:
    """The office, with a broadcast sent and its final report (with "save") on screen."""
    office = newsroom
    await compose(standin, office, texts.BTN_AUD_ALL, texts.BTN_ROLE_HEADS, texts.BTN_SEND_NOW)
    await office.expect(shown(texts.BROADCAST_DONE), timeout=10)
    return office


async def save_practice(
    standin: BotApiStandin, app_services: Services, office: SimulatedUser
) -> int:
    """From the tags question: no topic; returns the saved practice's number."""
    saved = await after(standin, office, office.click(texts.BTN_PRACTICE_DONE))
    assert said(saved, texts.PRACTICE_SAVED)
    found = await app_services.practices.browse(tag=None, query="", page=1)
    return max(p.id for p in found.items)


@fuzz()
@given(text=TEXTS)
async def test_practice_title(
    standin: BotApiStandin, app_services: Services, librarian: SimulatedUser, text: str
) -> None:
    office = librarian
    if await app_services.conversations.flow_of(OFFICE_ID) is None:
        asked = await after(standin, office, office.click(texts.BTN_SAVE_PRACTICE))
        assert said(asked, texts.PRACTICE_ASK_TITLE)
    before = await db_fingerprint(app_services)
    replies = await exchange(standin, office, text)
    if said(replies, texts.PRACTICE_TITLE_BAD):
        low, high = stated_limits(replies, texts.PRACTICE_TITLE_BAD)
        if len(text) == utf16_len(text):  # "characters" is ambiguous beyond the BMP
            assert not low <= len(text) <= high, text
        unchanged(before, await db_fingerprint(app_services))
        return
    assert said(replies, texts.PRACTICE_ASK_UNIT)
    within(before, await db_fingerprint(app_services), "sessions")
    await after(standin, office, office.click(texts.BTN_PRACTICE_SKIP))
    practice = await app_services.practices.get(await save_practice(standin, app_services, office))
    assert practice is not None
    assert practice.title == text


def typed_code(text: str) -> str | None:
    """The roster's spelling of the one unit code ``text`` is (in any ASCII letter case),
    if it is one."""
    roster = {code.lower(): code for code in CODES}
    return roster.get(text.lower()) if text.isascii() else None


@fuzz()
@given(text=_delivered(st.one_of(code_tokens, CODE_LISTS)))
async def test_practice_unit(
    standin: BotApiStandin, app_services: Services, librarian: SimulatedUser, text: str
) -> None:
    office = librarian
    if await app_services.conversations.flow_of(OFFICE_ID) is None:
        await after(standin, office, office.click(texts.BTN_SAVE_PRACTICE))
        asked = await after(standin, office, office.send(PRACTICE_TITLE))
        assert said(asked, texts.PRACTICE_ASK_UNIT)
    before = await db_fingerprint(app_services)
    replies = await exchange(standin, office, text)
    code = typed_code(text)
    if code is None:
        assert said(replies, texts.UNKNOWN_UNIT)
        unchanged(before, await db_fingerprint(app_services))
        return
    assert said(replies, texts.PRACTICE_ASK_TAGS)
    within(before, await db_fingerprint(app_services), "sessions")
    practice = await app_services.practices.get(await save_practice(standin, app_services, office))
    assert practice is not None
    assert practice.unit_code == code


# -- (5c) an award dossier's upload: a file is awaited ------------------------------------------


@pytest.fixture
async def uploading(
    standin: BotApiStandin, app_services: Services, office: SimulatedUser, clock: FakeClock
) -> SimulatedUser:
    """A unit head asked for one document of the unit's award dossier."""
    head = await bound_user(standin, app_services, HEAD_ID, UNIT)
    who = await app_services.registration.identify(head.id)
    assert who.membership is not None
    # A good year, all its procedures submitted to the Sở online, the index published:
    # the unit is on the award list and the list is confirmed (as in test_awards).
    plan = {UNIT: UnitYear(procedures(10, 10))}
    await report_year(app_services, clock, plan, bound={UNIT: who.membership})
    await publish_year(app_services)
    await app_services.awards.confirm(YEAR, actor="test")
    checklist = await after(standin, head, head.send("/award_dossier"))
    prefix = texts.BTN_AWARD_DOC.split("{", 1)[0]
    first = next(b["text"] for m in checklist for b in m.buttons if b["text"].startswith(prefix))
    asked = await after(standin, head, head.click(first))
    assert said(asked, texts.AWARD_UPLOAD_PROMPT)
    await outbox_settled(app_services)  # the submission's notices are out of the way
    return head


@fuzz()
@given(text=TEXTS)
async def test_award_upload_takes_no_text(
    standin: BotApiStandin, app_services: Services, uploading: SimulatedUser, text: str
) -> None:
    before = await db_fingerprint(app_services)
    replies = await exchange(standin, uploading, text)
    assert said(replies, texts.AWARD_UPLOAD_NEED_FILE)
    unchanged(before, await db_fingerprint(app_services))


# -- (6) explanations -------------------------------------------------------------------------


@pytest.fixture
async def explaining(standin: BotApiStandin, app_services: Services) -> SimulatedUser:
    """A unit head whose quarter the office appraised, at /explain's list."""
    head = await bound_user(standin, app_services, HEAD_ID, UNIT)
    who = await app_services.registration.identify(head.id)
    assert who.membership is not None
    await submit(app_services, who.membership)
    period = (await app_services.periods.current()).code
    for criterion in app_services.appraisal.methodology(str(YEAR)).criteria:
        try:  # the first criterion that applies to the unit
            await app_services.appraisal.appraise(
                UNIT, period, criterion.key, "0", "Thiếu minh chứng", actor="test"
            )
            break
        except AppraisalError:
            continue
    listing = await after(standin, head, head.send("/explain"))
    assert said(listing, texts.EXPLAIN_LIST_HEADER)
    return head


@fuzz()
@given(text=TEXTS)
async def test_explanation(
    standin: BotApiStandin,
    app_services: Services,
    explaining: SimulatedUser,
    office: SimulatedUser,
    text: str,
) -> None:
    head = explaining
    if await app_services.conversations.flow_of(HEAD_ID) is None:
        asked = await after(standin, head, head.click(texts.BTN_EXPLAIN))
        assert said(asked, texts.EXPLAIN_ASK)
    before = await db_fingerprint(app_services)
    replies = await exchange(standin, head, text)
    if len(text) > EXPLANATION_LIMIT:
        assert said(replies, texts.EXPLAIN_REFUSED)
        unchanged(before, await db_fingerprint(app_services))
        return
    assert said(replies, texts.EXPLAIN_SENT)
    within(before, await db_fingerprint(app_services), "explanations", "audit_log", "sessions")
    newest = max(await app_services.appraisal.open_explanations(), key=lambda e: e.id)
    assert newest.text == text


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00"
    b"\x90\x91h6\x00\x00\x00\x0cIDAT\x08\xd7c\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x9a\xa0\xa0"
)


async def test_a_nomination_at_its_longest_with_a_photo_reaches_the_office(
    standin: BotApiStandin,
    app_services: Services,
    nominating: SimulatedUser,
    office: SimulatedUser,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The longest title and description the questions take, with a photo: the photo's
    caption is the title and the description, which Telegram limits to 1,024 characters."""
    head = nominating
    await after(standin, head, head.send("/nominate"))
    title = as_delivered("Mô hình " + "x" * 300)
    # The longest title taken: the refusal states the limits.
    low, high = stated_limits(await exchange(standin, head, title), texts.PRACTICE_TITLE_BAD)
    asked = await exchange(standin, head, title[:high])
    assert said(asked, texts.NOMINATE_ASK_DESCRIPTION)
    refused = await exchange(standin, head, "y" * 5000)
    low, high = stated_limits(refused, texts.NOMINATE_DESCRIPTION_BAD)
    asked = await exchange(standin, head, "y" * high)
    assert said(asked, texts.NOMINATE_ASK_FILE)
    await after(standin, head, head.send_photo(PNG))
    sent = await after(standin, head, head.click(texts.BTN_PRACTICE_DONE))
    assert said(sent, texts.NOMINATE_SENT)

    await after(standin, office, office.send("/nominations"))
    assert take_problems(standin, caplog) == []


# -- numbers in commands' arguments --------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        # These three used to reach the error handler ("²".isdigit(), then int("²")).
        "/close_explanation ² đã xem",
        f"/audit {UNIT} ²",
        f"/reopen {UNIT} ²",
        f"/view {UNIT} ²",
        f"/review {UNIT} ²",
        "/status ²",
        "/late ²",
        "/ranking ²",
        "/awards ²",
        "/period ²",
    ],
)
async def test_a_superscript_number_in_a_command_is_answered(
    standin: BotApiStandin,
    office: SimulatedUser,
    caplog: pytest.LogCaptureFixture,
    command: str,
) -> None:
    """Digits that are not digits, where a command takes a number (the same trap as the
    report's summary): the office is answered, nothing fails."""
    await exchange(standin, office, command)
    assert take_problems(standin, caplog) == []
