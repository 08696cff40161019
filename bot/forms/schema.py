"""The report form as data: pydantic models for the TOML file the office edits.

Loading validates the whole file up front, so a typo in the office's own form stops
start-up with a message naming the place, instead of surfacing mid-conversation.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.texts import rules as T

FieldType = Literal["integer", "decimal", "percent", "yesno", "choice", "text", "file"]
NUMERIC_TYPES: frozenset[str] = frozenset({"integer", "decimal", "percent"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Strict):
    key: str = Field(pattern=r"^[a-z0-9_]{1,16}$")
    label: str = Field(min_length=1, max_length=60)


_V = TypeVar("_V")
_WHEN = r"^[a-z][a-z0-9_]{0,31}( (>|>=|<|<=|==|!=) -?[0-9]+(\.[0-9]+)?)?$"


@dataclass(frozen=True, slots=True)
class Condition:
    """When a question applies, from an earlier answer (see ``FieldSpec.when``)."""

    key: str
    op: str | None  # None: a Có/Không question answered Có
    value: Decimal | None

    def holds(self, answer: object) -> bool:
        if self.op is None:
            return answer is True
        if answer is None or isinstance(answer, bool | dict):
            return False
        try:
            number = Decimal(str(answer))
        except (ArithmeticError, ValueError):
            return False
        assert self.value is not None
        return {
            ">": number > self.value,
            ">=": number >= self.value,
            "<": number < self.value,
            "<=": number <= self.value,
            "==": number == self.value,
            "!=": number != self.value,
        }[self.op]


class FieldSpec(_Strict):
    """One question. ``key`` names the answer in stored reports and in the methodology
    (never in callback data: answer buttons carry a choice's key); up to 32 characters,
    so that a key can say what it counts ("procedures_to_dept_online")."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]{0,31}$")
    label: str = Field(min_length=1, max_length=300)
    # The question as the fourth quarter's report asks it, where it differs: the Q4
    # report is also the year report, so "phương hướng quý tới" becomes next year's.
    label_q4: str | None = Field(default=None, min_length=1, max_length=300)
    help: str = Field(default="", max_length=600)
    type: FieldType
    required: bool = True
    min: Decimal | None = None
    max: Decimal | None = None
    max_length: int | None = Field(default=None, ge=1, le=3500)
    choices: tuple[Choice, ...] = ()
    accept: tuple[str, ...] = ()  # file: allowed extensions, e.g. ("pdf", "docx")
    max_size_mb: int = Field(default=20, ge=1, le=2000)
    # Asked only of units in the year's inspection plan (cchc-bot inspection): the
    # remediation report after the Department's inspection means nothing to the others.
    only_inspected: bool = False
    # Asked only when an earlier answer makes it apply: "feedback_received > 0" (a number
    # compared with >, >=, <, <=, ==, !=) or "survey_done" (a Có/Không answered Có). Not
    # asked, it is not applicable: not stored, shown so in the summary.
    when: str | None = Field(default=None, pattern=_WHEN)
    # Offered with last quarter's answer ("Như quý trước: 42"): structural facts such as
    # staff numbers. ``carry_from`` names another field of last quarter's report: the
    # dossiers carried over are last quarter's dossiers still in progress. ``carry =
    # "year"`` carries only within a year: a fact of this year ("Năm nay đơn vị có được
    # giao vốn đầu tư công không?") is asked afresh in the first quarter of the next.
    carry: bool | Literal["year"] = False
    carry_from: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]{0,31}$")
    section: str = ""  # filled in from the enclosing section by FormSpec

    @model_validator(mode="after")
    def _coherent(self) -> FieldSpec:
        if self.type == "choice" and len(self.choices) < 2:
            raise ValueError(T.FIELD_CHOICE_NEEDS_TWO)
        if self.type != "choice" and self.choices:
            raise ValueError(T.FIELD_CHOICES_ONLY_FOR_CHOICE)
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(T.FIELD_MIN_OVER_MAX)
        if (self.min is not None or self.max is not None) and self.type not in NUMERIC_TYPES:
            raise ValueError(T.FIELD_MIN_MAX_ONLY_NUMERIC)
        if self.max_length is not None and self.type != "text":
            raise ValueError(T.FIELD_MAX_LENGTH_ONLY_TEXT)
        if self.type == "file" and not self.accept:
            raise ValueError(T.FIELD_FILE_NEEDS_ACCEPT)
        if len({c.key for c in self.choices}) != len(self.choices):
            raise ValueError(T.FIELD_DUPLICATE_CHOICE)
        return self

    @property
    def condition(self) -> Condition | None:
        if self.when is None:
            return None
        key, _, rest = self.when.partition(" ")
        if not rest:
            return Condition(key, None, None)
        op, _, number = rest.partition(" ")
        return Condition(key, op, Decimal(number))

    @property
    def carried_from(self) -> str | None:
        """The field of last quarter's report this question is offered from, if any."""
        return self.carry_from or (self.key if self.carry else None)

    def carried_into(self, year: int, from_year: int) -> str | None:
        """:attr:`carried_from` for a report of ``year`` seeded from one of ``from_year``."""
        if self.carry == "year" and from_year != year:
            return None
        return self.carried_from

    def label_for(self, quarter: int) -> str:
        """The question's wording in a report for ``quarter``."""
        return self.label_q4 if quarter == 4 and self.label_q4 is not None else self.label

    @property
    def lower_bound(self) -> Decimal:
        return self.min if self.min is not None else Decimal(0)

    @property
    def upper_bound(self) -> Decimal | None:
        if self.max is not None:
            return self.max
        return Decimal(100) if self.type == "percent" else None

    @property
    def text_limit(self) -> int:
        return self.max_length or 2000

    def choice_label(self, key: str) -> str:
        for choice in self.choices:
            if choice.key == key:
                return choice.label
        return key


class SectionSpec(_Strict):
    key: str = Field(min_length=1, max_length=16)
    title: str = Field(min_length=1, max_length=200)
    fields: tuple[FieldSpec, ...] = Field(min_length=1)


class RuleSpec(_Strict):
    """A cross-field rule, one of two kinds.

    - comparison (``left``, ``op``, ``right``): sum(left) <op> sum(right), numeric fields
      only, checked once every field it names has a value;
    - requirement (``when``, ``require_one_of``): when the ``when`` field is answered with
      something other than 0, "Không" or nothing, at least one of ``require_one_of`` must
      be answered — points a unit claims need an evidence file or a written explanation.
    """

    left: tuple[str, ...] = ()
    op: Literal["<=", "<", ">=", ">", "=="] | None = None
    right: tuple[str, ...] = ()
    when: str | None = None
    require_one_of: tuple[str, ...] = ()
    message: str = Field(min_length=1, max_length=400)

    @model_validator(mode="after")
    def _one_kind(self) -> RuleSpec:
        compares = bool(self.left or self.right) or self.op is not None
        requires = self.when is not None or bool(self.require_one_of)
        if compares and requires:
            raise ValueError(T.RULE_BOTH_KINDS)
        if requires:
            if self.when is None or not self.require_one_of:
                raise ValueError(T.RULE_REQUIREMENT_INCOMPLETE)
            if self.when in self.require_one_of:
                raise ValueError(T.RULE_REQUIREMENT_SELF)
        elif not self.left or not self.right or self.op is None:
            raise ValueError(T.RULE_COMPARISON_INCOMPLETE)
        return self

    @property
    def is_requirement(self) -> bool:
        return self.when is not None

    @property
    def keys(self) -> tuple[str, ...]:
        """Every field the rule names."""
        if self.when is not None:
            return (self.when, *self.require_one_of)
        return self.left + self.right

    @property
    def checked_on(self) -> tuple[str, ...]:
        """The fields whose answer is checked against this rule the moment it is given.

        A requirement is checked on its alternatives, not on its condition: they usually
        come after it in the form, and a claim must not be refused for lack of a file the
        unit has not been asked for yet. Over the whole form (summary, submission) every
        rule is checked.
        """
        return self.require_one_of if self.when is not None else self.keys


class FormSpec(_Strict):
    version: str = Field(min_length=1, max_length=40)
    title: str = Field(min_length=1, max_length=200)
    sections: tuple[SectionSpec, ...] = Field(min_length=1)
    rules: tuple[RuleSpec, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> FormSpec:
        seen: set[str] = set()
        for section in self.sections:
            for field in section.fields:
                if field.key in seen:
                    raise ValueError(T.FORM_DUPLICATE_KEY.format(key=field.key))
                seen.add(field.key)
        numeric = {f.key for f in self.fields if f.type in NUMERIC_TYPES}
        earlier: dict[str, FieldSpec] = {}
        for field in self.fields:
            condition = field.condition
            if condition is not None:
                source = earlier.get(condition.key)
                if source is None:
                    raise ValueError(
                        T.FORM_WHEN_NOT_EARLIER.format(field=field.key, key=condition.key)
                    )
                if condition.op is None and source.type != "yesno":
                    raise ValueError(
                        T.FORM_WHEN_NEEDS_YESNO.format(field=field.key, key=condition.key)
                    )
                if condition.op is not None and source.type not in NUMERIC_TYPES:
                    raise ValueError(
                        T.FORM_WHEN_NEEDS_NUMBER.format(field=field.key, key=condition.key)
                    )
            if field.carry_from is not None and field.carry_from not in seen:
                raise ValueError(
                    T.FORM_CARRY_FROM_UNKNOWN.format(field=field.key, key=field.carry_from)
                )
            earlier[field.key] = field
        for i, rule in enumerate(self.rules, start=1):
            for key in rule.keys:
                if rule.is_requirement and key not in seen:
                    raise ValueError(T.FORM_RULE_UNKNOWN.format(n=i, key=key))
                if not rule.is_requirement and key not in numeric:
                    raise ValueError(T.FORM_RULE_NOT_NUMERIC.format(n=i, key=key))
        return self

    @cached_property
    def fields(self) -> tuple[FieldSpec, ...]:
        """All fields in asking order, each knowing its section's title."""
        return tuple(
            field.model_copy(update={"section": section.title})
            for section in self.sections
            for field in section.fields
        )

    @cached_property
    def index(self) -> dict[str, int]:
        return {field.key: i for i, field in enumerate(self.fields)}

    def field(self, key: str) -> FieldSpec:
        return self.fields[self.index[key]]

    def for_unit(self, *, inspected: bool) -> FormSpec:
        """The form as one unit is asked it: without the questions for inspected units
        when it is not inspected this year (nor the rules that name them). Its numbering
        ("Câu n/N") counts only what the unit sees."""
        hidden = {f.key for f in self.fields if f.only_inspected and not inspected}
        if not hidden:
            return self
        sections = [
            s.model_copy(update={"fields": tuple(f for f in s.fields if f.key not in hidden)})
            for s in self.sections
        ]
        return FormSpec(
            version=self.version,
            title=self.title,
            sections=tuple(s for s in sections if s.fields),
            rules=tuple(r for r in self.rules if not hidden & set(r.keys)),
        )

    def visible(self, answers: Mapping[str, object]) -> tuple[FieldSpec, ...]:
        """The questions asked, in order, given the answers: "Câu n/N" counts these.

        A question whose condition rests on a question not answered yet counts as asked
        (so N only shrinks as answers rule questions out); a condition on a question
        that is itself not asked does not hold."""
        shown: list[FieldSpec] = []
        asked: set[str] = set()
        for field in self.fields:
            condition = field.condition
            if condition is None or (
                condition.key in asked
                and (condition.key not in answers or condition.holds(answers.get(condition.key)))
            ):
                shown.append(field)
                asked.add(field.key)
        return tuple(shown)

    def numbers(self, answers: Mapping[str, object]) -> dict[str, int]:
        """Each question asked given ``answers``, by key, with the number the person sees
        ("Câu n/N"): the chat, the summary, the edit menu and the Excel template agree."""
        return {f.key: n for n, f in enumerate(self.visible(answers), start=1)}

    def effective(self, answers: Mapping[str, _V]) -> dict[str, _V]:
        """The answers that count: those of questions that apply (an answer kept from
        before an earlier answer changed does not count, nor is it submitted)."""
        shown = {f.key for f in self.visible(answers)}
        return {k: v for k, v in answers.items() if k in shown}

    def rules_for(self, key: str) -> tuple[RuleSpec, ...]:
        """The rules to check when ``key`` is answered (see ``RuleSpec.checked_on``)."""
        return tuple(rule for rule in self.rules if key in rule.checked_on)

    def as_public_json(self) -> dict[str, object]:
        """The shape other tools rely on (`cchc-bot form show --json`)."""
        out: list[dict[str, object]] = []
        for f in self.fields:
            item: dict[str, object] = {
                "key": f.key,
                "label": f.label,
                "type": f.type,
                "required": f.required,
                "min": _json_number(f.lower_bound if f.type in NUMERIC_TYPES else None),
                "max": _json_number(f.upper_bound if f.type in NUMERIC_TYPES else f.max_length),
                "section": f.section,
            }
            if f.type == "choice":
                item["choices"] = [{"key": c.key, "label": c.label} for c in f.choices]
            out.append(item)
        return {"version": self.version, "fields": out}


def _json_number(value: Decimal | int | None) -> int | float | None:
    if value is None:
        return None
    if isinstance(value, int) or value == value.to_integral_value():
        return int(value)
    return float(value)


class FormError(Exception):
    """The form file is malformed; the message names the file and the place."""


def shipped_form_text(name: str) -> str | None:
    """A form file shipped with the package (``report_form_2026.toml``), if there is one."""
    resource = resources.files("bot.forms").joinpath(name)
    return resource.read_text(encoding="utf-8") if resource.is_file() else None


def load_form(path: Path) -> FormSpec:
    """Load a form file; the message of a :class:`FormError` names the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormError(T.UNREADABLE.format(path=path, error=exc)) from None
    return parse_form(text, where=str(path))


def parse_form(text: str, *, where: str) -> FormSpec:
    """A form from its TOML text; ``where`` names its file in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FormError(T.BAD_TOML.format(where=where, error=exc)) from None
    try:
        return FormSpec.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = _describe_location(data, err["loc"])
        raise FormError(f"{where}: {loc}: {_vietnamese(err)}") from None


def _vietnamese(err: Any) -> str:
    kind = str(err["type"])
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if kind == "literal_error":
        expected = (err.get("ctx") or {}).get("expected", "")
        return T.LITERAL_ERROR.format(expected=expected)
    return T.FORM_PYDANTIC_MESSAGES.get(kind, str(err["msg"]))


def _describe_location(data: object, loc: tuple[int | str, ...]) -> str:
    """Turn ("sections", 2, "fields", 3, "type") into a path with the field key if known."""
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(node, dict) and isinstance(step, str):
            node = node.get(step)
            parts.append(step)
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
            key = node.get("key") if isinstance(node, dict) else None
            parts[-1:] = [f"{parts[-1]}[{step + 1}]" + (f" ({key})" if key else "")]
        else:
            parts.append(str(step))
    return ".".join(parts) or T.WHOLE_FILE
