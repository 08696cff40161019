"""Questions by field key: numbers, counts, labels and answers from the loaded form.

The project rule: tests take counts and labels from the loaded form, never "/33". A test
names the question it means by its field key; where the question stands, how many there
are, what it is called and what a person answers (tests/reports.py VALID_ANSWERS) come
from the form, so fields added, removed or reordered change only the tests about them.

Everything takes an optional ``form``: by default the shipped form, which the test
settings load; a test that runs the bot on another form (another year's, say) passes it.
"""

from __future__ import annotations

import re
import time

from bot.forms.answers import AnswerError, parse_text_answer
from bot.forms.schema import FieldSpec, FormSpec
from bot.standin import SentMessage, SimulatedUser
from tests.reports import VALID_ANSWERS
from tests.rules import TEST_FORM

FORM: FormSpec = TEST_FORM

SUMMARY = "Tóm tắt báo cáo"
SKIP = "Bỏ qua"
BACK = "⬅️ Quay lại"
PDF = b"%PDF-1.4 test"

_HEADER = re.compile(r"Câu (\d+)/(\d+)")


def stored(spec: FieldSpec, answer: str) -> object:
    """What the bot stores for an answer spelt as in VALID_ANSWERS ("skip", "button:Có",
    "file", or typed text): enough to know which questions a form's ``when`` asks."""
    if answer == "skip":
        return None
    if answer.startswith("button:"):
        chosen = answer.removeprefix("button:")
        if spec.type == "yesno":
            return chosen == "Có"
        return next(c.key for c in spec.choices if c.label == chosen)
    if answer == "file" or answer.startswith("file:"):
        return {"file_id": "F", "file_name": answer.removeprefix("file:")}
    return parse_text_answer(spec, answer)


def values(form: FormSpec, answers: dict[str, str] | None = None) -> dict[str, object]:
    """The stored values of VALID_ANSWERS (with ``answers`` over them) for ``form``."""
    given = {**VALID_ANSWERS, **(answers or {})}
    return {f.key: stored(f, given[f.key]) for f in form.fields if f.key in given}


def asked(
    form: FormSpec = FORM, answers: dict[str, str] | None = None, *, before: str | None = None
) -> tuple[FieldSpec, ...]:
    """The questions the bot counts for a unit giving VALID_ANSWERS (with ``answers``
    over them) — all of them, or as it stands when it asks ``before``. A question whose
    ``when`` rests on an answer not given yet counts; once given, it may rule it out."""
    known = values(form, answers)
    if before is not None:
        earlier = {f.key for f in form.fields[: form.index[before]]}
        known = {k: v for k, v in known.items() if k in earlier}
    return form.visible(known)


def count(form: FormSpec = FORM) -> int:
    """How many questions the bot counts at the first question ("Câu 1/N" says N)."""
    return len(form.visible({}))


def number(key: str, form: FormSpec = FORM, answers: dict[str, str] | None = None) -> int:
    """The 1-based number the bot shows for the question with this key."""
    return [f.key for f in asked(form, answers, before=key)].index(key) + 1


def header(n: int, form: FormSpec = FORM) -> str:
    """How the bot heads question number ``n`` of the first ones (before any answer
    rules a question out): "Câu n/total"."""
    return f"Câu {n}/{count(form)}"


def ask(key: str, form: FormSpec = FORM, answers: dict[str, str] | None = None) -> str:
    """How the bot heads the question with this key, e.g. "Câu 7/33", after the valid
    answers (with ``answers`` over them) to the questions before it."""
    shown = asked(form, answers, before=key)
    return f"Câu {[f.key for f in shown].index(key) + 1}/{len(shown)}"


def following(key: str, form: FormSpec = FORM) -> str | None:
    """The key of the question the bot asks after ``key``, None after the last."""
    keys = [f.key for f in asked(form)]
    after = keys.index(key) + 1
    return keys[after] if after < len(keys) else None


def label(key: str, form: FormSpec = FORM) -> str:
    """The question's wording, as the summary, /view and the audit trail quote it."""
    return form.field(key).label


def rule_message(*left: str, form: FormSpec = FORM) -> str:
    """What the bot says when the comparison rule on these fields (its left side) fails."""
    return next(r.message for r in form.rules if r.left == left)


async def give(user: SimulatedUser, value: str) -> None:
    """Answer the question the bot is asking as VALID_ANSWERS spells answers: "skip"
    presses Bỏ qua, "button:…" a button, "file" sends a PDF ("file:NAME" one so named),
    anything else is typed."""
    if value == "skip":
        await user.click(SKIP)
    elif value.startswith("button:"):
        await user.click(value.removeprefix("button:"))
    elif value == "file" or value.startswith("file:"):
        name = value.removeprefix("file:") if value != "file" else "bao-cao.pdf"
        await user.send_document(name, "application/pdf", PDF)
    else:
        await user.send(value)


class Walk:
    """A person going through the report in the bot's order, knowing which question the
    bot asks, so a test says what it types at the question it means (by key) and the
    questions between are answered validly, however many the form has.

    The bot moves on to the next unanswered question after an accepted answer (then to
    any earlier gap, then to the summary); the walk keeps the same account.
    """

    def __init__(
        self,
        user: SimulatedUser,
        overrides: dict[str, str] | None = None,
        *,
        form: FormSpec = FORM,
        timeout: float = 5.0,  # seconds, for each expect()
    ) -> None:
        self.user = user
        self.form = form
        self.answers = {**VALID_ANSWERS, **(overrides or {})}
        self.timeout = timeout
        self.position = 0  # index in the form of the question asked; its length at the summary
        self.answered: set[str] = set()
        # What the bot holds so far (stored values): which questions a `when` asks.
        self.held: dict[str, object] = {}

    @property
    def visible(self) -> tuple[FieldSpec, ...]:
        """The questions the bot counts given the answers so far."""
        return self.form.visible(self.held)

    def shown(self, key: str) -> str:
        """How the bot heads the question with this key now: "Câu n/N"."""
        keys = [f.key for f in self.visible]
        return f"Câu {keys.index(key) + 1}/{len(keys)}"

    @property
    def key(self) -> str:
        """The key of the question the bot is asking."""
        assert not self.at_summary, "at the summary"
        return self.form.fields[self.position].key

    @property
    def at_summary(self) -> bool:
        return self.position >= len(self.form.fields)

    async def start(self, command: str = "/report") -> SentMessage:
        """/report on a fresh draft: the first question."""
        await self.user.send(command)
        self.position = self.form.index[self.visible[0].key]
        return await self.user.expect(self.shown(self.key), timeout=self.timeout)

    async def resume(self, command: str = "/report") -> SentMessage:
        """/report on a draft the walk may have lost track of (a crash, say): the question
        the bot shows says where it stands; every question before it counts as answered."""
        await self.user.send(command)
        shown = await self.user.expect(_HEADER, timeout=self.timeout)
        found = _HEADER.search(shown.text)
        assert found is not None
        assert int(found.group(2)) == len(self.visible), shown.text
        asked_now = self.visible[int(found.group(1)) - 1]
        self.position = self.form.index[asked_now.key]
        for spec in self.visible[: int(found.group(1)) - 1]:
            self.answered.add(spec.key)
            self.held[spec.key] = stored(spec, self.answers[spec.key])
        return shown

    async def accepted(self, answer: str | None = None) -> SentMessage:
        """The answer to the current question was taken (spelt as in VALID_ANSWERS, by
        default the walk's own): wait for the bot's next step."""
        spec = self.form.fields[self.position]
        self.answered.add(spec.key)
        given = self.answers[spec.key] if answer is None else answer
        try:
            self.held[spec.key] = stored(spec, given)
        except AnswerError:  # a button's label, say: the walk's own answer stands for it
            self.held[spec.key] = stored(spec, self.answers[spec.key])
        self.position = self._next_gap()
        expected = SUMMARY if self.at_summary else self.shown(self.key)
        return await self.user.expect(expected, timeout=self.timeout)

    def _next_gap(self) -> int:
        keys = [self.form.index[f.key] for f in self.visible if f.key not in self.answered]
        later = [i for i in keys if i > self.position]
        return (later or keys or [len(self.form.fields)])[0]

    async def to(self, key: str) -> None:
        """Answer every question before ``key`` validly until the bot asks ``key``."""
        assert key in self.form.index, f"the form has no question {key!r}"
        assert key in {f.key for f in self.visible}, f"the bot does not ask {key!r}"
        target = self.form.index[key]
        assert target >= self.position, f"{key} is behind the walk (at {self.key})"
        while self.position < target:
            await self.give()
        assert self.position == target, f"{key} was answered already"

    async def give(self) -> SentMessage:
        """The valid answer (VALID_ANSWERS or the overrides) to the current question."""
        await give(self.user, self.answers[self.key])
        return await self.accepted()

    async def send(self, text: str, *, at: str | None = None) -> SentMessage:
        """Type an answer the bot accepts (at ``at``, reached first, if given)."""
        if at is not None:
            await self.to(at)
        await self.user.send(text)
        return await self.accepted(text)

    async def click(self, button: str, *, at: str | None = None) -> SentMessage:
        """Press the button that answers the question (at ``at``, reached first)."""
        if at is not None:
            await self.to(at)
        await self.user.click(button)
        return await self.accepted()

    async def skip(self, *, at: str | None = None) -> SentMessage:
        """Press Bỏ qua on an optional question (at ``at``, reached first)."""
        return await self.click(SKIP, at=at)

    async def document(self, name: str, mime_type: str, content: bytes) -> SentMessage:
        """Send the file that answers the current question."""
        await self.user.send_document(name, mime_type, content)
        return await self.accepted()

    async def back(self, *, to: str | None = None) -> SentMessage:
        """Press ⬅️ Quay lại once, or until the bot asks ``to``."""
        target = self.position - 1 if to is None else self.form.index[to]
        assert 0 <= target < self.position, f"cannot go back to {to} from {self.position}"
        shown: SentMessage | None = None
        while self.position > target:
            await self.user.click(BACK)
            self.position = max(
                self.form.index[f.key]
                for f in self.visible
                if self.form.index[f.key] < self.position
            )
            shown = await self.user.expect(self.shown(self.key), timeout=self.timeout)
        assert shown is not None
        return shown

    async def finish(self, *, step_times: list[float] | None = None) -> SentMessage:
        """Answer every remaining question validly; returns the summary's first part.

        With ``step_times``, the time from each answer to the bot's next step is recorded.
        """
        shown: SentMessage | None = None
        while not self.at_summary:
            started = time.perf_counter()
            shown = await self.give()
            if step_times is not None:
                step_times.append(time.perf_counter() - started)
        assert shown is not None, "the walk was at the summary already"
        return shown


async def edit_question(
    user: SimulatedUser, key: str, form: FormSpec = FORM, answers: dict[str, str] | None = None
) -> None:
    """From the summary, as a person edits one answer: ✏️ Sửa, the question's section,
    then the question (listed by number and short label)."""
    spec = form.field(key)
    await user.click("✏️ Sửa")
    await user.expect("chọn phần cần sửa")
    await user.click(spec.section[:30])
    await user.expect("chọn câu cần sửa")
    await user.click(f"{number(key, form, answers)}. {spec.label[:30]}")
