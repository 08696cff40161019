"""The scoring methodology (bộ tiêu chí Chỉ số CCHC) as data the office edits each year.

The Department changes its criteria, points and targets from year to year, so they live
in a TOML file, not in code. Loading validates the whole file up front — every report
field it reads must exist in the active report form with a fitting type — so a typo
stops start-up with a Vietnamese message naming the place, instead of silently scoring
every unit 0 on a criterion for a whole quarter.

One flat table per criterion (``source``, ``measure``, ``numerator`` … side by side)
rather than nested tables: it is what the office sees in the file, and an error can
point at ``fields[4] (tthc).criteria[1] (online_rate).target`` directly.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from bot.forms.schema import FormSpec
from bot.texts import rules as T

__all__ = [
    "Band",
    "Criterion",
    "FieldGroup",
    "Methodology",
    "MethodologyError",
    "Step",
    "load_methodology",
]


Source = Literal["computed", "appraisal", "self"]
Measure = Literal["rate", "count", "yesno", "percent"]
Rule = Literal["linear", "steps"]
ZeroDenominator = Literal["zero", "not_applicable"]
PLAN_ITEMS: tuple[str, ...] = T.PLAN_ITEMS
if TYPE_CHECKING:
    PlanItem = str
else:
    # The letters are the plan's (one is Vietnamese), so they live in the catalogue.
    PlanItem = Literal[PLAN_ITEMS]

# Settings earlier files used that the rules no longer allow, and why: each let a unit
# raise its index by leaving something out.
_RETIRED = {"missing": T.RETIRED_MISSING}

KEY_PATTERN = r"^[a-z][a-z0-9_]{0,23}$"
BlockCode = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,31}$")]

# Which report field types each measure can read; "rate" and "count" sum numbers,
# so a percent field (already a ratio) would be summed meaninglessly.
_INPUT_TYPES: dict[str, frozenset[str]] = {
    "rate": frozenset({"integer", "decimal"}),
    "count": frozenset({"integer", "decimal"}),
    "yesno": frozenset({"yesno"}),
    "percent": frozenset({"percent"}),
}
_TYPE_NAMES = T.TYPE_NAMES


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _At(ValueError):
    """A validation error that knows where below the validated item it belongs.

    A model validator's error is located at the model; ``at`` ("target", "steps[2].points")
    lets the message name the exact setting the office must change.
    """

    def __init__(self, at: str, message: str) -> None:
        super().__init__(message)
        self.at = at


class Step(_Strict):
    """One rung of a ``steps`` rule: a value of at least ``at_least`` earns ``points``."""

    at_least: Decimal = Field(ge=0)
    points: Decimal = Field(ge=0)


class Criterion(_Strict):
    """A tiêu chí. Field order matters: the form check reads ``measure`` before inputs."""

    key: str = Field(pattern=KEY_PATTERN)
    title: str = Field(min_length=1, max_length=300)
    max_points: Decimal = Field(gt=0, le=1000)
    # Where the criterion comes from: the plan's contents a–g it measures (none: the
    # office's own rule), and the sentence it rests on, for anyone who asks.
    plan_items: tuple[PlanItem, ...] = ()
    basis: str = Field(min_length=1, max_length=600)
    blocks: tuple[BlockCode, ...] | None = Field(default=None, min_length=1)
    # Only for units in the office's inspection plan for the year; others are exempt.
    only_inspected: bool = False
    # A required yes/no question of the form; "Không" makes the criterion not applicable
    # for the unit (declared, and shown to the office in review).
    applies_if: str | None = None
    source: Source
    measure: Measure | None = None
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    report_field: str | None = None
    target: Decimal | None = Field(default=None, gt=0)
    rule: Rule = "linear"
    steps: tuple[Step, ...] = ()
    zero_denominator: ZeroDenominator | None = None
    claim_field: str | None = None
    evidence_field: str | None = None
    explanation_field: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _no_retired_settings(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for name, why in _RETIRED.items():
                if name in data:
                    raise _At(name, why)
            if data.get("zero_denominator") == "full":
                raise _At("zero_denominator", T.RETIRED_FULL)
        return data

    @field_validator("plan_items")
    @classmethod
    def _distinct_items(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(value)) != len(value):
            raise ValueError(T.PLAN_ITEMS_DUPLICATE)
        return value

    @field_validator("applies_if")
    @classmethod
    def _declaration_question(cls, value: str | None, info: ValidationInfo) -> str | None:
        """The question must be a required yes/no one: were it optional, skipping it
        would have to mean something, and no reading of a skip may help the unit."""
        form = info.context.get("form") if isinstance(info.context, dict) else None
        if not isinstance(form, FormSpec) or value is None:
            return value
        if value not in form.index:
            raise ValueError(T.FORM_HAS_NO_FIELD.format(version=form.version, key=value))
        spec = form.field(value)
        if spec.type != "yesno" or not spec.required:
            raise ValueError(T.APPLIES_IF_NOT_YESNO.format(key=value))
        return value

    @field_validator("numerator", "denominator", "report_field")
    @classmethod
    def _known_report_field(cls, value: Any, info: ValidationInfo) -> Any:
        form = info.context.get("form") if isinstance(info.context, dict) else None
        if not isinstance(form, FormSpec) or value is None:
            return value
        measure = info.data.get("measure")
        allowed = _INPUT_TYPES.get(measure) if isinstance(measure, str) else None
        listed = not isinstance(value, str)
        for n, key in enumerate(value if listed else (value,), start=1):
            at = f"[{n}]" if listed else ""
            if key not in form.index:
                raise _At(at, T.FORM_HAS_NO_FIELD.format(version=form.version, key=key))
            kind = form.field(key).type
            if allowed is not None and kind not in allowed:
                wanted = ", ".join(sorted(_TYPE_NAMES.get(t, t) for t in allowed))
                raise _At(
                    at,
                    T.INPUT_WRONG_TYPE.format(key=key, kind=kind, measure=measure, wanted=wanted),
                )
        return value

    @model_validator(mode="after")
    def _coherent(self) -> Criterion:
        self._check_claim_settings()
        if self.source != "computed":
            self._no_measure_settings()
            return self
        if self.measure is None:
            raise _At("measure", T.COMPUTED_NEEDS_MEASURE)
        if self.measure == "rate":
            self._check_rate_inputs()
        else:
            self._check_single_input(self.measure)
        if self.measure == "yesno":
            for name in ("target", "steps"):
                if getattr(self, name) not in (None, ()):
                    raise _At(name, T.YESNO_NO_TARGET)
            if self.rule != "linear":
                raise _At("rule", T.YESNO_NO_TARGET)
            return self
        ceiling = {"rate": Decimal(1), "percent": Decimal(100)}.get(self.measure)
        unit = T.RATE_RANGE if self.measure == "rate" else T.PERCENT_RANGE
        if self.target is not None and ceiling is not None and self.target > ceiling:
            raise _At("target", T.TARGET_OUT_OF_RANGE.format(measure=self.measure, unit=unit))
        if self.rule == "linear":
            if self.target is None:
                raise _At("target", T.LINEAR_NEEDS_TARGET)
            if self.steps:
                raise _At("steps", T.STEPS_ONLY_FOR_STEPS)
            return self
        self._check_steps(ceiling, unit)
        return self

    def _check_rate_inputs(self) -> None:
        for name in ("numerator", "denominator"):
            if not getattr(self, name):
                raise _At(name, T.RATE_NEEDS_INPUT.format(name=name))
        if self.report_field is not None:
            raise _At("report_field", T.RATE_NO_REPORT_FIELD)
        if self.zero_denominator is None:
            raise _At("zero_denominator", T.RATE_NEEDS_ZERO_DENOMINATOR)

    def _check_single_input(self, measure: str) -> None:
        if self.report_field is None:
            raise _At("report_field", T.SINGLE_NEEDS_REPORT_FIELD.format(measure=measure))
        for name in ("numerator", "denominator"):
            if getattr(self, name):
                raise _At(name, T.SINGLE_NO_RATE_INPUT.format(measure=measure, name=name))
        if self.zero_denominator is not None:
            raise _At("zero_denominator", T.ZERO_DENOMINATOR_ONLY_RATE)

    def _no_measure_settings(self) -> None:
        names = (
            "measure",
            "numerator",
            "denominator",
            "report_field",
            "target",
            "steps",
            "zero_denominator",
        )
        used = [name for name in names if getattr(self, name) not in (None, ())]
        if self.rule != "linear":
            used.append("rule")
        if self.source == "appraisal" and self.applies_if is not None:
            used.append("applies_if")
        if used:
            raise _At(
                used[0], T.NOT_COMPUTED_SETTINGS.format(source=self.source, used=", ".join(used))
            )

    def _check_claim_settings(self) -> None:
        names = ("claim_field", "evidence_field", "explanation_field")
        if self.source != "self":
            used = [name for name in names if getattr(self, name) is not None]
            if used:
                raise _At(
                    used[0], T.NOT_SELF_SETTINGS.format(source=self.source, used=", ".join(used))
                )
            return
        if self.claim_field is None:
            raise _At("claim_field", T.SELF_NEEDS_CLAIM)
        if self.evidence_field is None and self.explanation_field is None:
            raise _At("evidence_field", T.SELF_NEEDS_BACKING)

    @model_validator(mode="after")
    def _declaration_is_not_an_input(self) -> Criterion:
        """A "Không" to a criterion's own input must score it, not take it out."""
        if self.applies_if is not None and self.applies_if in self.inputs:
            raise _At("applies_if", T.DECLARATION_IS_INPUT.format(key=self.applies_if))
        return self

    @model_validator(mode="after")
    def _claim_fields_in_form(self, info: ValidationInfo) -> Criterion:
        """With a form: the claim questions exist, fit, and the form requires backing.

        The claim's maximum in the form must equal ``max_points``: a lower one would stop
        units claiming full points, a higher one would be clamped without a word. And the
        form must refuse a claim with neither evidence nor explanation, or such a claim
        would be submitted and then silently count for nothing.
        """
        form = info.context.get("form") if isinstance(info.context, dict) else None
        if not isinstance(form, FormSpec) or self.claim_field is None:
            return self
        kinds = (
            ("claim_field", frozenset({"integer", "decimal"})),
            ("evidence_field", frozenset({"file"})),
            ("explanation_field", frozenset({"text"})),
        )
        for name, allowed in kinds:
            key = getattr(self, name)
            if key is None:
                continue
            if key not in form.index:
                raise _At(name, T.FORM_HAS_NO_FIELD.format(version=form.version, key=key))
            kind = form.field(key).type
            if kind not in allowed:
                wanted = ", ".join(sorted(allowed))
                raise _At(
                    name,
                    T.CLAIM_FIELD_WRONG_TYPE.format(key=key, kind=kind, name=name, wanted=wanted),
                )
        claim = form.field(self.claim_field)
        if claim.upper_bound != self.max_points:
            allowed_max = T.UNLIMITED if claim.upper_bound is None else claim.upper_bound
            raise _At(
                "claim_field",
                T.CLAIM_MAX_MISMATCH.format(
                    key=claim.key, allowed=allowed_max, max_points=self.max_points
                ),
            )
        backing = {k for k in (self.evidence_field, self.explanation_field) if k is not None}
        if not any(
            rule.when == claim.key and set(rule.require_one_of) == backing for rule in form.rules
        ):
            listed = ", ".join(repr(k) for k in sorted(backing))
            raise _At(
                "claim_field",
                T.CLAIM_NEEDS_RULE.format(key=claim.key, listed=listed),
            )
        return self

    def _check_steps(self, ceiling: Decimal | None, unit: str) -> None:
        if not self.steps:
            raise _At("steps", T.STEPS_EMPTY)
        previous: Step | None = None
        for n, step in enumerate(self.steps, start=1):
            if step.points > self.max_points:
                raise _At(
                    f"steps[{n}].points",
                    T.STEP_OVER_MAX.format(points=step.points, max_points=self.max_points),
                )
            if ceiling is not None and step.at_least > ceiling:
                raise _At(
                    f"steps[{n}].at_least",
                    T.TARGET_OUT_OF_RANGE.format(measure=self.measure, unit=unit),
                )
            # Ascending rungs with non-decreasing points: a better result never scores less.
            if previous is not None and step.at_least <= previous.at_least:
                raise _At(f"steps[{n}].at_least", T.STEPS_NOT_ASCENDING)
            if previous is not None and step.points < previous.points:
                raise _At(f"steps[{n}].points", T.STEPS_POINTS_DECREASE)
            previous = step

    def applies_to(self, block: str) -> bool:
        return self.blocks is None or block in self.blocks

    @property
    def inputs(self) -> tuple[str, ...]:
        """The report fields this criterion reads, numerator first (claim first for self)."""
        if self.source == "self":
            named = (self.claim_field, self.evidence_field, self.explanation_field)
            return tuple(k for k in named if k is not None)
        if self.report_field is not None:
            return (self.report_field,)
        return self.numerator + self.denominator


class FieldGroup(_Strict):
    """A lĩnh vực: a heading grouping criteria, as in the national PAR index."""

    key: str = Field(pattern=KEY_PATTERN)
    title: str = Field(min_length=1, max_length=300)
    criteria: tuple[Criterion, ...] = Field(min_length=1)


class Band(_Strict):
    """A classification (xếp loại): the first band whose ``min_index`` the index reaches."""

    name: str = Field(min_length=1, max_length=60)
    min_index: Decimal = Field(ge=0, le=100)


class Methodology(_Strict):
    year: int = Field(ge=2000, le=2100)
    version: str = Field(min_length=1, max_length=40)
    title: str = Field(min_length=1, max_length=300)
    fields: tuple[FieldGroup, ...] = Field(min_length=1)
    bands: tuple[Band, ...] = Field(min_length=1)

    @field_validator("bands")
    @classmethod
    def _bands_cover_zero(cls, bands: tuple[Band, ...]) -> tuple[Band, ...]:
        names: set[str] = set()
        for n, band in enumerate(bands, start=1):
            if n > 1 and band.min_index >= bands[n - 2].min_index:
                raise _At(
                    f"[{n}] ({band.name}).min_index",
                    T.BANDS_NOT_DESCENDING,
                )
            if band.name in names:
                raise _At(f"[{n}] ({band.name}).name", T.BANDS_DUPLICATE_NAME)
            names.add(band.name)
        last = bands[-1]
        if last.min_index != 0:
            raise _At(
                f"[{len(bands)}] ({last.name}).min_index",
                T.BANDS_LAST_NOT_ZERO,
            )
        return bands

    @model_validator(mode="after")
    def _unique_keys(self) -> Methodology:
        groups: dict[str, int] = {}
        seen: dict[str, str] = {}
        for g, group in enumerate(self.fields, start=1):
            here = f"fields[{g}] ({group.key})"
            if group.key in groups:
                raise _At(
                    f"{here}.key",
                    T.DUPLICATE_GROUP.format(n=groups[group.key]),
                )
            groups[group.key] = g
            for c, criterion in enumerate(group.criteria, start=1):
                place = f"{here}.criteria[{c}] ({criterion.key})"
                if criterion.key in seen:
                    raise _At(
                        f"{place}.key", T.DUPLICATE_CRITERION.format(place=seen[criterion.key])
                    )
                seen[criterion.key] = place
        return self

    @cached_property
    def criteria(self) -> tuple[Criterion, ...]:
        """All criteria in file order."""
        return tuple(c for group in self.fields for c in group.criteria)

    @cached_property
    def _by_key(self) -> dict[str, tuple[FieldGroup, Criterion]]:
        return {c.key: (group, c) for group in self.fields for c in group.criteria}

    def criterion(self, key: str) -> Criterion:
        """The criterion with this key; ``KeyError`` if the methodology has none."""
        return self._by_key[key][1]

    def group_of(self, key: str) -> FieldGroup:
        """The lĩnh vực a criterion belongs to; ``KeyError`` if unknown."""
        return self._by_key[key][0]

    def max_points(self, block: str) -> Decimal:
        """The most a unit of ``block`` can score before any criterion turns out inapplicable."""
        return sum((c.max_points for c in self.criteria if c.applies_to(block)), Decimal(0))

    def band(self, index: Decimal) -> str:
        """Classification of an index; bands are validated to end at 0, so one always fits."""
        for band in self.bands:
            if index >= band.min_index:
                return band.name
        return self.bands[-1].name


class MethodologyError(Exception):
    """The methodology file is malformed; the message names the file and the place."""


def shipped_methodology_text(name: str) -> str | None:
    """A methodology file shipped with the package (``methodology_2026.toml``), if any."""
    resource = resources.files("bot.scoring").joinpath(name)
    return resource.read_text(encoding="utf-8") if resource.is_file() else None


def load_methodology(path: Path, *, form: FormSpec | None = None) -> Methodology:
    """Load a methodology file; the message of a :class:`MethodologyError` names it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MethodologyError(T.UNREADABLE.format(path=path, error=exc)) from None
    return parse_methodology(text, where=str(path), form=form)


def parse_methodology(text: str, *, where: str, form: FormSpec | None = None) -> Methodology:
    """A methodology from its TOML text.

    With ``form``, every report field the criteria read must exist in it with a fitting
    type: the year's form is passed at start-up so a form edit cannot orphan a criterion.
    """
    try:
        # Decimal, not float: 0.9 must stay exactly 0.9 in the points it produces.
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise MethodologyError(T.BAD_TOML.format(where=where, error=exc)) from None
    try:
        return Methodology.model_validate(data, context={"form": form})
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = _describe_location(data, err["loc"])
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, _At) and cause.at:
            joiner = "" if not loc or cause.at.startswith("[") else "."
            loc = f"{loc}{joiner}{cause.at}"
        raise MethodologyError(f"{where}: {loc or T.WHOLE_FILE}: {_vietnamese(err)}") from None


def _vietnamese(err: Any) -> str:
    kind = str(err["type"])
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if kind == "literal_error":
        expected = str((err.get("ctx") or {}).get("expected", "")).replace(" or ", T.OR)
        return T.LITERAL_ERROR.format(expected=expected)
    if kind == "greater_than":
        return T.GREATER_THAN.format(gt=(err.get("ctx") or {}).get("gt", 0))
    return T.METHODOLOGY_PYDANTIC_MESSAGES.get(kind, str(err["msg"]))


def _describe_location(data: object, loc: tuple[int | str, ...]) -> str:
    """Turn pydantic's ("fields", 3, "criteria", 0, "target") into the office's words.

    That is "fields[4] (tthc).criteria[1] (online_rate).target": one-based positions
    and the item's key, because the office counts tables in the file, not from zero.
    """
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(node, dict) and isinstance(step, str):
            node = node.get(step)
            parts.append(step)
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
            key = node.get("key") if isinstance(node, dict) else None
            label = f"[{step + 1}]" + (f" ({key})" if isinstance(key, str) else "")
            if parts:
                parts[-1] += label
            else:
                parts.append(label)
        else:
            parts.append(str(step))
    return ".".join(parts)
