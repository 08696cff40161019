"""Score one unit's quarter from its report (with its own claims) and the office's appraisals.

Pure: no I/O, no clock, Decimal only. The same inputs always give the same points, so
a published ranking can be recomputed and checked at any time.

Rules that are policy rather than arithmetic:

- A claim (tự chấm) for a ``self`` criterion is read from the report's claim field and
  counts only when the report also holds its evidence file or a written explanation
  (giải trình); the form refuses a claim without either, so this guards older reports
  and hand-edited data. The claim is kept on the score sheet beside the final points.
- An appraisal (thẩm định) for any criterion replaces whatever its source gave —
  computed, claimed, even "not applicable" — because the office has the final word.
  It is clamped to [0, max_points]. A criterion outside the unit's block stays out:
  the block's maximum is part of the methodology, not the office's call per unit. So
  does a criterion for inspected units only (``only_inspected``) at a unit the office
  does not inspect this year: "the others are not penalised for the office's schedule".
- A criterion only the office scores (``source = "appraisal"``) is *pending* until the
  office scores it: left out of both points and maximum, so the provisional index is
  the share of what has been scored so far, and the sheet says over how many points
  ("tạm tính trên 61/100 điểm"). Scoring it 0 meanwhile would rank units by the order
  in which the office gets to them.
- Leaving a question out never helps: an unanswered input scores 0 with the criterion's
  maximum kept. A criterion is *not applicable* only on the unit's explicit word — a
  "Không" to its ``applies_if`` question, or a zero denominator the methodology declares
  not applicable ("không phát sinh") — and the sheet lists those criteria, with the
  points they took out of the maximum, for the office's review.
- Each criterion's points are rounded to 2 decimals (half up) before summing, so the
  total equals the sum of the points the unit sees on its score sheet.
- A stored answer that cannot be read as the expected type counts as unanswered: one
  malformed report must not stop a whole block's ranking.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Literal

from bot.numbers import format_number
from bot.scoring.methodology import Criterion, FieldGroup, Methodology
from bot.texts import scoring as T

__all__ = ["ENGINE_VERSION", "CriterionScore", "State", "UnitScore", "score_unit"]

# Part of every stored score's fingerprint: a change to the rules in this module (not
# in the methodology file) must rescore what was stored under the old ones.
ENGINE_VERSION = "3"

# How a criterion stands on a sheet:
#
# - ``scored``: it has points;
# - ``pending``: only the office can score it and has not yet (out of the maximum);
# - ``not_applicable``: the unit's own data made it inapplicable — declared "Không" to its
#   ``applies_if`` question, or a zero denominator "không phát sinh" (out of the maximum,
#   listed for the office);
# - ``exempt``: the methodology or the office's plan leaves it out for this unit — another
#   block's criterion, or an inspection criterion at a unit not inspected this year.
State = Literal["scored", "pending", "not_applicable", "exempt"]

TWO_PLACES = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal(0)

_NOTHING: Mapping[str, Decimal] = MappingProxyType({})
_ZERO_INDEX = ZERO.quantize(TWO_PLACES)

# Scoring a block formats the same targets and small counts over and over; the output
# depends only on the value, so a cache halves the cost of a cold block ranking.
_show = lru_cache(maxsize=4096)(format_number)


@dataclass(frozen=True, slots=True)
class CriterionScore:
    """One line of a unit's score sheet. ``points`` is None unless ``state`` is scored.

    ``claimed`` is what the unit claimed for a ``self`` criterion (clamped to the
    maximum; None when it claimed nothing or the criterion is not self-assessed),
    whether or not it counts: ``points`` is what counts, after any appraisal, so a sheet
    can show "tự chấm X, thẩm định Y" side by side.
    """

    key: str
    title: str
    field_key: str  # the lĩnh vực, not a report field
    field_title: str
    max_points: Decimal
    points: Decimal | None
    applicable: bool  # scored: counts in the index
    source: str
    appraised: bool
    detail: str
    claimed: Decimal | None = None
    state: State = "scored"


@dataclass(frozen=True, slots=True)
class UnitScore:
    """A unit's quarter: points over the maximum scored so far, index 0–100.

    ``max_points`` is the maximum of the scored criteria, the index's denominator;
    ``pending_points`` the maximum of the criteria still waiting for the office; and
    ``declined_points`` the maximum the unit's own data took out (not applicable).
    """

    points: Decimal
    max_points: Decimal
    index: Decimal
    band: str
    criteria: tuple[CriterionScore, ...]
    pending_points: Decimal = ZERO
    declined_points: Decimal = ZERO

    @property
    def provisional(self) -> bool:
        """Some criterion only the office can score is not scored yet."""
        return self.pending_points > 0

    @property
    def full_max(self) -> Decimal:
        """The maximum once the office has scored everything pending."""
        return self.max_points + self.pending_points

    def lost(self) -> dict[str, Decimal]:
        """Points left on the table per scored criterion: where to improve first."""
        return {
            c.key: c.max_points - c.points
            for c in self.criteria
            if c.state == "scored" and c.points is not None
        }

    def declined(self) -> dict[str, Decimal]:
        """The criteria the unit's data made not applicable, with their maximum points."""
        return {c.key: c.max_points for c in self.criteria if c.state == "not_applicable"}

    def index_counting_declined(self) -> Decimal:
        """The index had the not-applicable criteria scored 0: what they moved, for review."""
        maximum = self.max_points + self.declined_points
        return _two_places(self.points / maximum * HUNDRED) if maximum > 0 else _ZERO_INDEX


def score_unit(
    methodology: Methodology,
    *,
    block: str,
    answers: Mapping[str, Any],
    appraisals: Mapping[str, Decimal] = _NOTHING,
    inspected: bool = False,
) -> UnitScore:
    """Score a submitted report (its stored ``answers``) for a unit of ``block``.

    ``appraisals`` maps criterion keys to points; keys the methodology does not know are
    ignored, so an appraisal kept from last year's file is harmless. The unit's own
    claims for ``self`` criteria are part of ``answers`` (the criterion names the fields).
    ``inspected``: the unit is in the office's inspection plan for the report's year.
    """
    sheet = tuple(
        _score(group, criterion, block, answers, appraisals, inspected)
        for group in methodology.fields
        for criterion in group.criteria
    )
    scored = [c for c in sheet if c.state == "scored" and c.points is not None]
    points = sum((c.points for c in scored if c.points is not None), ZERO)
    maximum = sum((c.max_points for c in scored), ZERO)
    index = _two_places(points / maximum * HUNDRED) if maximum > 0 else _ZERO_INDEX
    return UnitScore(
        points=points,
        max_points=maximum,
        index=index,
        band=methodology.band(index),
        criteria=sheet,
        pending_points=sum((c.max_points for c in sheet if c.state == "pending"), ZERO),
        declined_points=sum((c.max_points for c in sheet if c.state == "not_applicable"), ZERO),
    )


def _score(
    group: FieldGroup,
    criterion: Criterion,
    block: str,
    answers: Mapping[str, Any],
    appraisals: Mapping[str, Decimal],
    inspected: bool,
) -> CriterionScore:
    # A claim on a criterion outside the unit's block is not part of its sheet.
    applies = criterion.applies_to(block)
    claimed = _claimed(criterion, answers) if applies else None

    def line(
        points: Decimal | None, detail: str, *, appraised: bool = False, state: State = "scored"
    ) -> CriterionScore:
        if points is None and state == "scored":
            state = "not_applicable"
        return CriterionScore(
            key=criterion.key,
            title=criterion.title,
            field_key=group.key,
            field_title=group.title,
            max_points=criterion.max_points,
            points=points,
            applicable=points is not None,
            source=criterion.source,
            appraised=appraised,
            detail=detail,
            claimed=claimed,
            state=state,
        )

    if not applies:
        return line(None, T.OTHER_BLOCK, state="exempt")
    if criterion.only_inspected and not inspected:
        return line(None, T.NOT_INSPECTED, state="exempt")
    appraisal = appraisals.get(criterion.key)
    if appraisal is None and criterion.source == "appraisal":
        return line(None, T.NOT_APPRAISED, state="pending")
    if appraisal is None:
        points, detail = _before_appraisal(criterion, answers, claimed)
        return line(points, detail)
    final = _clamp(Decimal(appraisal), criterion.max_points)
    shown = {"points": _show(final), "max": _show(criterion.max_points)}
    if criterion.source == "appraisal":
        return line(final, T.APPRAISED.format(**shown), appraised=True)
    points, _ = _before_appraisal(criterion, answers, claimed)
    before = T.BEFORE_NA if points is None else T.BEFORE_POINTS.format(points=_show(points))
    return line(final, T.APPRAISED_OVER.format(**shown, before=before), appraised=True)


def _before_appraisal(
    criterion: Criterion, answers: Mapping[str, Any], claimed: Decimal | None
) -> tuple[Decimal | None, str]:
    """A computed or self criterion's points from the report (None: not applicable, on
    the unit's declaration or a zero denominator the methodology declares so), and why."""
    if criterion.applies_if is not None and answers.get(criterion.applies_if) is False:
        return None, T.DECLARED_NA
    raw, detail = _from_source(criterion, answers, claimed)
    return (None if raw is None else _clamp(raw, criterion.max_points)), detail


def _claimed(criterion: Criterion, answers: Mapping[str, Any]) -> Decimal | None:
    """The unit's claim for a self criterion, clamped and rounded; None if it made none."""
    if criterion.source != "self" or criterion.claim_field is None:
        return None
    claim = _number(answers.get(criterion.claim_field))
    return None if claim is None else _clamp(claim, criterion.max_points)


def _backing(criterion: Criterion, answers: Mapping[str, Any]) -> str | None:
    """What backs a claim, as the score sheet says it; None when nothing does."""
    if criterion.evidence_field is not None:
        evidence = answers.get(criterion.evidence_field)
        if isinstance(evidence, Mapping) and evidence.get("file_id"):
            return T.WITH_EVIDENCE
    if criterion.explanation_field is not None:
        explanation = answers.get(criterion.explanation_field)
        if isinstance(explanation, str) and explanation.strip():
            return T.WITH_EXPLANATION
    return None


def _from_source(
    criterion: Criterion, answers: Mapping[str, Any], claimed: Decimal | None
) -> tuple[Decimal | None, str]:
    """Points before clamping and rounding (None: not applicable), and why."""
    if criterion.source == "self":
        if claimed is None:
            return ZERO, T.NOT_CLAIMED
        said = {"points": _show(claimed), "max": _show(criterion.max_points)}
        basis = _backing(criterion, answers)
        if basis is None and claimed > 0:
            return ZERO, T.UNBACKED.format(**said)
        return claimed, T.CLAIMED.format(**said, basis=basis or "")
    if criterion.measure == "yesno":
        assert criterion.report_field is not None
        value = answers.get(criterion.report_field)
        if not isinstance(value, bool):
            return _missing(criterion)
        return (criterion.max_points, T.YES) if value else (ZERO, T.NO)
    if criterion.measure == "rate":
        return _rate(criterion, answers)
    assert criterion.report_field is not None
    number = _number(answers.get(criterion.report_field))
    if number is None:
        return _missing(criterion)
    if criterion.measure == "percent":
        shown = T.PERCENT.format(value=_percent(number))
        return _graded(criterion, number, Decimal(1), shown, _percent)
    shown = T.COUNT.format(value=_show(number))
    return _graded(criterion, number, Decimal(1), shown, _show)


def _rate(criterion: Criterion, answers: Mapping[str, Any]) -> tuple[Decimal | None, str]:
    numerator = _sum(answers, criterion.numerator)
    denominator = _sum(answers, criterion.denominator)
    # Nothing to measure is decided by the denominator alone: a numerator the form does
    # not ask when there is nothing to count (its `when`) changes nothing.
    if denominator is not None and denominator <= 0:
        if criterion.zero_denominator == "zero":
            return ZERO, T.ZERO_DENOMINATOR + T.SUFFIX_ZERO
        return None, T.ZERO_DENOMINATOR + T.SUFFIX_NA
    if numerator is None or denominator is None:
        return _missing(criterion)
    shown = T.RATE.format(
        value=_percent(numerator / denominator * HUNDRED),
        numerator=_show(numerator),
        denominator=_show(denominator),
    )
    return _graded(criterion, numerator, denominator, shown, _rate_text)


def _graded(
    criterion: Criterion,
    numerator: Decimal,
    denominator: Decimal,
    shown: str,
    render: Callable[[Decimal], str],
) -> tuple[Decimal, str]:
    """Apply the criterion's rule to the value numerator ÷ denominator.

    Kept as a fraction so that "at target" is decided exactly (9 of 10 reaches 0.9)
    and linear points take one division, not two roundings.
    """
    if criterion.rule == "linear":
        assert criterion.target is not None
        scaled = denominator * criterion.target
        share = Decimal(1) if numerator >= scaled else max(numerator, ZERO) / scaled
        target = T.TARGET.format(target=render(criterion.target))
        return criterion.max_points * share, shown + target
    reached = [s for s in criterion.steps if numerator >= s.at_least * denominator]
    if not reached:
        return ZERO, shown + T.STEP_NONE.format(at_least=render(criterion.steps[0].at_least))
    best = max(reached, key=lambda s: s.at_least)
    return best.points, shown + T.STEP_REACHED.format(at_least=render(best.at_least))


def _missing(criterion: Criterion) -> tuple[Decimal | None, str]:
    """An unanswered input: 0 points, the maximum kept, so leaving it out never helps."""
    return ZERO, T.NO_DATA


def _sum(answers: Mapping[str, Any], keys: tuple[str, ...]) -> Decimal | None:
    total = ZERO
    for key in keys:
        value = _number(answers.get(key))
        if value is None:
            return None
        total += value
    return total


def _number(value: object) -> Decimal | None:
    """A stored numeric answer (int, or a plain decimal string) as a finite Decimal."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | Decimal):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            return None
    else:
        return None
    # Nothing a form accepts comes near 10^18; a pasted "1E+999999" would overflow later.
    return result if result.is_finite() and result.adjusted() < 18 else None


def _clamp(value: Decimal, maximum: Decimal) -> Decimal:
    if not value.is_finite():
        return ZERO
    return _two_places(min(max(value, ZERO), maximum))


def _two_places(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _percent(value: Decimal) -> str:
    return f"{_show(value)}%"


def _rate_text(value: Decimal) -> str:
    return _percent(value * HUNDRED)
