"""Turning what a person typed or sent into a stored answer, or the reason why not.

Each field type has a pydantic ``TypeAdapter``; our number parser runs as a
before-validator so "1.250", "1,5" and "90 %" reach pydantic's bounds checks as
Decimals. A refusal is an :class:`AnswerError` carrying a code and the values that
explain it (the bound, the accepted file types, ...), as :class:`~bot.numbers.NumberError`
does; the sentences are :mod:`bot.texts.answers`'.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from bot.forms.schema import NUMERIC_TYPES, FieldSpec, FormSpec, RuleSpec
from bot.numbers import NumberError, NumberErrorCode, format_number, parse_number, plain_number
from bot.texts import answers as words

# What a draft stores per field: int (integer), plain decimal string (decimal,
# percent), bool (yes-no), choice key, text, or file metadata.
StoredValue = int | str | bool | dict[str, Any] | None
Answers = dict[str, StoredValue]

AnswerErrorCode = Literal[
    "number",  # not a number as the field takes it: ``number`` says how
    "below_min",  # ``limit``: the lower bound
    "above_max",  # ``limit``: the upper bound
    "text_empty",
    "text_too_long",  # ``limit``: the most characters
    "invalid",
    "text_for_file",  # a message where a file is asked for
    "not_yes_no",
    "not_a_choice",
    "file_for_text",  # a file where a typed answer is asked for
    "photo",  # a compressed photo where a document is asked for: ``accept``
    "file_type",  # ``accept``, ``file_name``
    "file_content",  # the type sent is not the name's: ``accept``, ``extension``, ``mime_type``
    "file_too_large",  # ``max_mb``
    "file_empty",
]


@dataclass(frozen=True, slots=True)
class AnswerProblem:
    """Why an answer is refused: a code and the values a sentence about it needs."""

    code: AnswerErrorCode
    number: NumberErrorCode | None = None
    limit: Decimal | None = None
    accept: tuple[str, ...] = ()
    max_mb: int | None = None
    file_name: str = ""
    extension: str = ""
    mime_type: str = ""


class AnswerError(ValueError):
    """The answer is refused; ``problem`` says why (rendered by the caller)."""

    def __init__(
        self,
        code: AnswerErrorCode,
        *,
        number: NumberErrorCode | None = None,
        limit: Decimal | int | None = None,
        accept: tuple[str, ...] = (),
        max_mb: int | None = None,
        file_name: str = "",
        extension: str = "",
        mime_type: str = "",
    ) -> None:
        super().__init__(code)
        self.problem = AnswerProblem(
            code,
            number=number,
            limit=None if limit is None else Decimal(limit),
            accept=accept,
            max_mb=max_mb,
            file_name=file_name,
            extension=extension,
            mime_type=mime_type,
        )

    @property
    def code(self) -> AnswerErrorCode:
        return self.problem.code

    @property
    def message(self) -> str:
        """The refusal as a sentence, for a caller that does not render codes itself
        (an award dossier's upload)."""
        return words.answer_error(self.problem)


class FileAnswer(BaseModel):
    """A document the unit sent; we keep Telegram's ids, never the bytes."""

    file_id: str = Field(min_length=1)
    file_unique_id: str = ""
    file_name: str = Field(min_length=1, max_length=255)
    mime_type: str = ""
    file_size: int = Field(ge=0)


@dataclass(frozen=True, slots=True)
class IncomingDocument:
    file_id: str
    file_unique_id: str
    file_name: str | None
    mime_type: str | None
    file_size: int | None


_MIME_BY_EXTENSION = {
    "pdf": {"application/pdf"},
    "doc": {"application/msword"},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    "xls": {"application/vnd.ms-excel"},
    "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "png": {"image/png"},
}


def _number_parser(*, integer: bool, percent: bool) -> BeforeValidator:
    def parse(value: object) -> Decimal:
        try:
            return parse_number(str(value), allow_percent_sign=percent, integer=integer)
        except NumberError as exc:
            raise PydanticCustomError("vn_number", "{code}", {"code": exc.code}) from None

    return BeforeValidator(parse)


@cache
def _adapter(field: FieldSpec) -> TypeAdapter[Any]:
    if field.type in NUMERIC_TYPES:
        parser = _number_parser(integer=field.type == "integer", percent=field.type == "percent")
        bounds = Field(ge=field.lower_bound, le=field.upper_bound)
        return TypeAdapter(Annotated[Decimal, parser, bounds])
    if field.type == "text":
        return TypeAdapter(Annotated[str, Field(min_length=1, max_length=field.text_limit)])
    raise ValueError(f"no text adapter for {field.type}")


def _explain(field: FieldSpec, exc: ValidationError) -> AnswerError:
    err = exc.errors()[0]
    kind = err["type"]
    if kind == "vn_number":
        code: NumberErrorCode = err.get("ctx", {})["code"]
        return AnswerError("number", number=code)
    if kind == "greater_than_equal":
        return AnswerError("below_min", limit=field.lower_bound)
    if kind == "less_than_equal":
        return AnswerError("above_max", limit=field.upper_bound)
    if kind == "string_too_short":
        return AnswerError("text_empty")
    if kind == "string_too_long":
        return AnswerError("text_too_long", limit=field.text_limit)
    return AnswerError("invalid")


_EXAMPLES = {
    "integer": (Decimal(1250), Decimal(120), Decimal(12), Decimal(2)),
    "decimal": (Decimal("85.5"), Decimal("8.5"), Decimal("1.5")),
    "percent": (Decimal("92.5"), Decimal("50.5"), Decimal("5.5")),
}


def example_value(field: FieldSpec) -> Decimal:
    """An example answer inside the field's range: the hint never shows one the bot
    would refuse (a test checks every field of every shipped form)."""
    low, high = field.lower_bound, field.upper_bound
    for candidate in _EXAMPLES.get(field.type, ()):
        if low <= candidate and (high is None or candidate <= high):
            return candidate
    return high if high is not None else low


def parse_text_answer(field: FieldSpec, text: str) -> StoredValue:
    """Validate typed text for a field; raises AnswerError with the reason."""
    if field.type in {"yesno", "choice"}:
        return _match_choice(field, text)
    if field.type == "file":
        raise AnswerError("text_for_file")
    adapter = _adapter(field)
    try:
        value = adapter.validate_python(text.strip())
    except ValidationError as exc:
        raise _explain(field, exc) from None
    if isinstance(value, Decimal):
        return int(value) if field.type == "integer" else plain_number(value)
    return str(value)


def _match_choice(field: FieldSpec, text: str) -> StoredValue:
    # Buttons are the way; typing "có"/"không" or a choice's label is accepted too.
    said = text.strip().casefold()
    if field.type == "yesno":
        if said in words.YES_WORDS:
            return True
        if said in words.NO_WORDS:
            return False
        raise AnswerError("not_yes_no")
    for choice in field.choices:
        if said in {choice.key, choice.label.casefold()}:
            return choice.key
    raise AnswerError("not_a_choice")


def choice_answer(field: FieldSpec, choice_key: str) -> StoredValue:
    """A pressed button's value, checked against the form (buttons can be stale)."""
    if field.type == "yesno" and choice_key in {"y", "n"}:
        return choice_key == "y"
    if field.type == "choice" and any(c.key == choice_key for c in field.choices):
        return choice_key
    raise AnswerError("not_a_choice")


def parse_document(field: FieldSpec, doc: IncomingDocument) -> StoredValue:
    """Check a sent document's type and size before we keep its file_id."""
    if field.type != "file":
        raise AnswerError("file_for_text")
    name = doc.file_name or ""
    ext = name.rsplit(".", 1)[-1].casefold() if "." in name else ""
    allowed = {e.casefold() for e in field.accept}
    accept = field.accept
    # A photo is refused even where JPG/PNG are accepted: Telegram compresses it, and
    # its file id cannot be re-sent as a document when the office opens the report.
    if not name and (doc.mime_type or "").startswith("image/"):
        raise AnswerError("photo", accept=accept)
    if ext not in allowed:
        raise AnswerError("file_type", accept=accept, file_name=name)
    known = _MIME_BY_EXTENSION.get(ext)
    if doc.mime_type and known and doc.mime_type not in known:
        raise AnswerError("file_content", accept=accept, extension=ext, mime_type=doc.mime_type)
    size = doc.file_size or 0
    if size > field.max_size_mb * 1024 * 1024:
        raise AnswerError("file_too_large", max_mb=field.max_size_mb)
    if size == 0:
        raise AnswerError("file_empty")
    answer = FileAnswer(
        file_id=doc.file_id,
        file_unique_id=doc.file_unique_id,
        file_name=name,
        mime_type=doc.mime_type or "",
        file_size=size,
    )
    return answer.model_dump()


def _sum(answers: Answers, keys: tuple[str, ...]) -> Decimal:
    return sum((Decimal(str(answers[k])) for k in keys), Decimal(0))


def _given(value: StoredValue | None) -> bool:
    """An answer with content: not skipped, not an empty text or file."""
    if value is None or value == "":
        return False
    return not (isinstance(value, dict) and not value.get("file_id"))


def _is_set(field: FieldSpec, value: StoredValue | None) -> bool:
    """The condition of a requirement: answered with something other than 0 or "Không"."""
    if not _given(value) or value is False:
        return False
    if field.type in NUMERIC_TYPES:
        try:
            return Decimal(str(value)) != 0
        except ArithmeticError:
            return False
    return True


def _broken(form: FormSpec, rule: RuleSpec, answers: Answers, *, whole: bool) -> bool:
    if rule.when is not None:
        if not _is_set(form.field(rule.when), answers.get(rule.when)):
            return False
        if any(_given(answers.get(k)) for k in rule.require_one_of):
            return False
        # While answering, wait until every alternative has been reached (answered or
        # skipped): a later question can still satisfy the rule.
        return whole or all(k in answers for k in rule.require_one_of)
    if not all(answers.get(k) is not None for k in rule.keys):
        return False
    return not _holds(rule, answers)


def _holds(rule: RuleSpec, answers: Answers) -> bool:
    left, right = _sum(answers, rule.left), _sum(answers, rule.right)
    match rule.op:
        case "<=":
            return left <= right
        case "<":
            return left < right
        case ">=":
            return left >= right
        case ">":
            return left > right
        case "==":
            return left == right
        case None:  # a requirement rule has no comparison to fail
            return True


def broken_rules(form: FormSpec, answers: Answers, *, touching: str | None = None) -> list[str]:
    """Messages of the cross-field rules the answers break.

    ``answers`` may hold None for skipped questions. A comparison waits until every field
    it names has a value. A requirement whose condition is met is broken when none of its
    alternatives has a value: over the whole form (``touching`` None: the summary and
    submission) at once; while answering ``touching``, only once every alternative has
    been answered or skipped, so skipping the evidence question before the explanation
    question is not refused.
    """
    rules = form.rules if touching is None else form.rules_for(touching)
    whole = touching is None
    counted = form.effective(answers)  # a question not asked has no answer to check
    return [rule.message for rule in rules if _broken(form, rule, counted, whole=whole)]


def missing_required(form: FormSpec, answers: Answers) -> list[FieldSpec]:
    """Required questions not answered, among those asked (see ``FormSpec.visible``)."""
    return [f for f in form.visible(answers) if f.required and f.key not in answers]


def required_now(form: FormSpec, answers: Answers, key: str) -> bool:
    """Whether the question must be answered now: required by the form, or the last
    alternative left of a requirement whose condition is met (a claimed score with no
    evidence sent: the explanation is then not optional, so it is not offered a skip)."""
    field = form.field(key)
    if field.required:
        return True
    for rule in form.rules:
        if rule.when is None or key not in rule.require_one_of:
            continue
        if not _is_set(form.field(rule.when), answers.get(rule.when)):
            continue
        others = [k for k in rule.require_one_of if k != key]
        if all(k in answers and not _given(answers.get(k)) for k in others):
            return True
    return False


@dataclass(frozen=True, slots=True)
class Bound:
    """What a comparison rule allows for one field, given the others it names."""

    kind: Literal["max", "min", "equal"]
    value: Decimal
    sources: tuple[str, ...]  # the fields the bound comes from


def rule_bound(form: FormSpec, answers: Answers, key: str) -> Bound | None:
    """The tightest bound the comparison rules put on ``key`` given the other answers:
    the hint after a cross-field refusal says it ("tối đa 12 — số đã nhập ở Câu 1")."""
    counted = form.effective(answers)
    found: Bound | None = None
    for rule in form.rules_for(key):
        if rule.is_requirement or rule.op not in ("<=", "=="):
            continue
        others = [k for k in rule.keys if k != key]
        if not all(counted.get(k) is not None for k in others):
            continue
        same, other = (rule.left, rule.right) if key in rule.left else (rule.right, rule.left)
        room = _sum(counted, other) - _sum(counted, tuple(k for k in same if k != key))
        sources = tuple(k for k in rule.keys if k != key)
        if rule.op == "==":
            return Bound("equal", room, sources)
        kind: Literal["max", "min"] = "max" if key in rule.left else "min"
        if found is None or (kind == "max" and found.kind == "max" and room < found.value):
            found = Bound(kind, room, sources)
    return found


def display_value(field: FieldSpec, value: StoredValue | None) -> str:
    """How an answer reads back to a person (Vietnamese number format)."""
    if value is None:
        return words.BLANK
    if field.type in {"integer", "decimal"}:
        return format_number(Decimal(str(value)))
    if field.type == "percent":
        return format_number(Decimal(str(value))) + "%"
    if field.type == "yesno":
        return words.YES if value is True else words.NO
    if field.type == "choice":
        return field.choice_label(str(value))
    if field.type == "file" and isinstance(value, dict):
        return str(value.get("file_name", words.A_FILE))
    return str(value)


def export_value(field: FieldSpec, value: StoredValue | None) -> str | Decimal:
    """Machine form for CSV: yes-no as có/không, choices by key, files by name.

    Numbers come back as numbers, without trailing zeros, so the CSV writer tells them
    from text that merely looks like a number (and writes them plain, "92.5").
    """
    if value is None:
        return ""
    if field.type in NUMERIC_TYPES:
        return Decimal(plain_number(Decimal(str(value))))
    if field.type == "yesno":
        return words.EXPORT_YES if value is True else words.EXPORT_NO
    if field.type == "file" and isinstance(value, dict):
        return str(value.get("file_name", ""))
    return str(value)
