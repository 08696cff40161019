"""The audit trail read back: who changed what, when, before and after, as data.

Every change is written to ``audit_log`` in the same transaction as the change itself
(see ``storage/audit.py`` and the services that call ``audit.record``). This service
reads those rows back and resolves what the office needs to read them: people by name
and role, questions by their number and label in the form of the entry's year, answers
as the unit typed them, criteria by title. It writes no sentence: ``bot/texts/audit.py``
renders the entries, for the chat (``/audit``) and the command line (``cchc-bot audit``)
alike, so the two read the same.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import InvalidOperation
from typing import Any, Literal, get_args

from bot.forms.answers import display_value
from bot.forms.schema import FormSpec
from bot.numbers import parse_whole
from bot.scoring.methodology import Methodology
from bot.yearbook import YearBook
from storage import audit, people
from storage.database import Database

DEFAULT_LIMIT = 30

# The actions this version reads back; each has a sentence in bot/texts/audit.py
# (tests/unit/test_audit_actions.py checks both against the ``audit.record`` calls).
Action = Literal[
    "draft.answer",
    "report.submit",
    "report.review",
    "period.open",
    "period.close",
    "period.due",
    "period.reopen_unit",
    "member.bind",
    "invite.create",
    "invite.revoke",
    "invite.fail",
    "appraisal.set",
    "explanation.add",
    "explanation.close",
    "ranking.publish",
    "roster.import",
    "unit.update",
    "inspection.plan",
    "block.add",
    "block.rename",
    "award.nominate",
    "award.withdraw",
    "award.confirm",
    "award.document",
    "broadcast.queue",
    "practice.add",
    "practice.nominate",
    "practice.decide",
]
ACTIONS: frozenset[str] = frozenset(get_args(Action))

# Who acted: the command line, the bot itself, a Telegram user, or an actor string this
# version does not know (shown as stored).
ActorKind = Literal["cli", "system", "person", "other"]
# What a person was when the trail is read: the office, or their role in a unit.
ActorRole = Literal["office", "head", "reporter"]


@dataclass(frozen=True, slots=True)
class Actor:
    kind: ActorKind
    name: str | None = None  # the person's full name; the raw actor text for "other"
    telegram_id: int | None = None
    role: str | None = None  # an ActorRole, or a membership role this version lacks


@dataclass(frozen=True, slots=True)
class Question:
    """A question of the form of the entry's year; no number nor label when that year's
    form is not loaded any more or has no such key."""

    key: str
    number: int | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class AnswerChange:
    """One answer before and after, each as the unit typed it (None: no answer)."""

    question: Question
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class CriterionRef:
    """A criterion of the methodology by key; its title when that year's is loaded."""

    key: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Change:
    """What one entry recorded: the action code, its details as stored (codes, numbers,
    ISO moments, values as typed), and what they refer to, resolved."""

    action: str
    detail: Mapping[str, Any]
    answers: tuple[AnswerChange, ...] = ()
    criterion: CriterionRef | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audit entry: when, who, which unit, what."""

    id: int
    at: datetime
    actor: Actor
    unit_code: str | None
    change: Change


class AuditService:
    def __init__(
        self, db: Database, rules: YearBook, *, office_ids: frozenset[int] = frozenset()
    ) -> None:
        self._db = db
        self._rules = rules
        self._office_ids = office_ids

    async def trail(
        self, *, unit_code: str | None = None, limit: int = DEFAULT_LIMIT
    ) -> list[AuditEntry]:
        """The latest entries, newest first; of one unit when ``unit_code`` is given."""
        found = await audit.entries(self._db.reader, unit_code=unit_code, limit=limit)
        actors: dict[str, Actor] = {}
        entries = []
        for entry in found:
            if entry.actor not in actors:
                actors[entry.actor] = await self._actor(entry.actor)
            entries.append(
                AuditEntry(
                    id=entry.id,
                    at=entry.at,
                    actor=actors[entry.actor],
                    unit_code=entry.unit_code,
                    change=self.change(entry.action, entry.detail),
                )
            )
        return entries

    async def _actor(self, actor: str) -> Actor:
        if actor == "cli":
            return Actor(kind="cli")
        if actor == "system":
            return Actor(kind="system")
        telegram_id = parse_whole(actor[3:]) if actor.startswith("tg:") else None
        if telegram_id is None:
            return Actor(kind="other", name=actor)
        person = await people.get_person(self._db.reader, telegram_id)
        name = person.full_name if person is not None else None
        role: str | None
        if telegram_id in self._office_ids:
            role = "office"
        else:
            membership = await people.get_membership(self._db.reader, telegram_id)
            role = membership.role if membership is not None else None
        return Actor(kind="person", name=name, telegram_id=telegram_id, role=role)

    def change(self, action: str, detail: Mapping[str, Any]) -> Change:
        """One entry's details with the questions and criterion they name resolved
        against the form and methodology of the entry's year."""
        answers: tuple[AnswerChange, ...] = ()
        criterion: CriterionRef | None = None
        if action == "draft.answer":
            form = self._form(detail)
            key = str(detail.get("field"))
            answers = (_answer(form, key, detail.get("before"), detail.get("after")),)
        elif action == "report.submit":
            form = self._form(detail)
            changes = detail.get("changes")
            if isinstance(changes, dict):
                answers = tuple(
                    _answer(form, str(key), v.get("before"), v.get("after"))
                    for key, v in changes.items()
                    if isinstance(v, dict)
                )
        elif action in ("appraisal.set", "explanation.add"):
            criterion = _criterion(self._methodology(detail), detail.get("criterion"))
        return Change(action=action, detail=detail, answers=answers, criterion=criterion)

    def _form(self, d: Mapping[str, Any]) -> FormSpec | None:
        """The form of the entry's year; None if that year's is not loaded any more."""
        year = _year(d.get("period"))
        return self._rules.form(year) if year is not None and self._rules.has(year) else None

    def _methodology(self, d: Mapping[str, Any]) -> Methodology | None:
        year = _year(d.get("period"))
        if year is None or not self._rules.has(year):
            return None
        return self._rules.methodology(year)


def _answer(form: FormSpec | None, key: str, before: object, after: object) -> AnswerChange:
    """One question's change, each side as the unit typed it."""
    if form is None or key not in form.index:
        return AnswerChange(Question(key), _raw(before), _raw(after))
    spec = form.field(key)

    def shown(value: object) -> str | None:
        if value is None:
            return None
        try:
            return display_value(spec, value)  # type: ignore[arg-type]
        except (InvalidOperation, ValueError, TypeError):
            return _raw(value)

    question = Question(key, number=form.index[key] + 1, label=spec.label)
    return AnswerChange(question, shown(before), shown(after))


def _raw(value: object) -> str | None:
    """A stored value as text: a file by its name, anything else as stored."""
    if value is None:
        return None
    if isinstance(value, dict):
        return str(value.get("file_name") or json.dumps(value, ensure_ascii=False))
    return str(value)


def _criterion(methodology: Methodology | None, key: object) -> CriterionRef:
    if methodology is not None and isinstance(key, str):
        try:
            return CriterionRef(key, methodology.criterion(key).title)
        except KeyError:
            pass
    return CriterionRef(str(key))


def _year(code: object) -> int | None:
    """The year of a period code ("2026-Q4") or a year ("2026") in an entry."""
    text = str(code or "")
    return int(text[:4]) if text[:4].isdigit() else None
