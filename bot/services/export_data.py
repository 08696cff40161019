"""What an export of one period holds, shared by the XLSX and DOCX renderers.

The service gathers it (async, from the database and the standings); the renderers
turn it into bytes in a worker thread. Everything here is plain data and pure
functions, so the renderers never touch the database or the event loop.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from zoneinfo import ZoneInfo

from bot.domain.models import Block, Period, Report, Unit
from bot.forms.schema import NUMERIC_TYPES, FieldSpec, FormSpec
from bot.identity import PlanIdentity
from bot.scoring.methodology import Methodology
from bot.services.office import UnitStatus
from bot.texts import exports as T

TWO_PLACES = Decimal("0.01")
_NONE: Mapping[str, object] = MappingProxyType({})
HUNDRED = Decimal(100)

STATUS_NAMES: dict[str, str] = T.STATUS_NAMES

# XML 1.0 (both file formats) cannot hold most control characters; a unit's text may.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Text as a document can hold it: without control characters, CRLF as LF."""
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


@dataclass(frozen=True, slots=True)
class RateSpec:
    """A derived rate the office reads first: sum(numerator) ÷ sum(denominator) × 100."""

    key: str
    label: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]

    def of(self, answers: Mapping[str, object]) -> Decimal | None:
        """The rate in percent, two decimals; None when a number is missing or the
        denominator is 0 (nothing to measure, which is not the same as 0 %)."""
        num = sum_fields(answers, self.numerator)
        den = sum_fields(answers, self.denominator)
        return percent(num, den) if num is not None and den is not None else None


def rates_of(methodology: Methodology, form: FormSpec) -> tuple[RateSpec, ...]:
    """The rates the year's criteria compute from the report (online, on time, …), with
    the criteria's own fields: the export shows the figure the score was made from, and
    a year whose methodology counts dossiers differently exports its own rates."""
    numeric = {f.key for f in form.fields if f.type in NUMERIC_TYPES}
    found = []
    for c in methodology.criteria:
        if c.source != "computed" or c.measure != "rate":
            continue
        if set(c.numerator + c.denominator) <= numeric:
            found.append(RateSpec(c.key, f"{c.title} (%)", c.numerator, c.denominator))
    return tuple(found)


def percent(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if denominator == 0:
        return None
    return (numerator * HUNDRED / denominator).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def sum_fields(answers: Mapping[str, object], keys: tuple[str, ...]) -> Decimal | None:
    """The sum of numeric answers; None if any is missing."""
    total = Decimal(0)
    for key in keys:
        value = answers.get(key)
        if value is None or isinstance(value, bool | dict):
            return None
        total += Decimal(str(value))
    return total


def number(field: FieldSpec, value: object) -> int | Decimal | None:
    """A numeric answer as a number (stored as int or plain decimal string)."""
    if value is None or field.type not in NUMERIC_TYPES or isinstance(value, bool | dict):
        return None
    if field.type == "integer":
        return int(str(value))
    return Decimal(str(value))


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One unit of the roster: its status, its latest submitted report and its standing."""

    unit: Unit
    status: UnitStatus
    report: Report | None
    rank: int | None = None
    index: Decimal | None = None
    band: str | None = None

    @property
    def answers(self) -> Mapping[str, object]:
        # The report's own answers, read-only and not copied: the renderers read them
        # once per column of every row.
        return MappingProxyType(self.report.answers) if self.report is not None else _NONE


@dataclass(frozen=True, slots=True)
class ExportBlock:
    block: Block
    rows: tuple[ExportRow, ...]  # ranking order; units without a report last

    @property
    def submitted(self) -> tuple[ExportRow, ...]:
        return tuple(r for r in self.rows if r.report is not None)


@dataclass(frozen=True, slots=True)
class PeriodExport:
    period: Period
    form: FormSpec
    methodology: Methodology
    blocks: tuple[ExportBlock, ...]
    tz: ZoneInfo
    exported_at: datetime
    scored: bool  # scores and ranks are filled in
    published: bool  # the ranking has been published (otherwise provisional)
    # Who issues the draft report and under which plan (its header and opening).
    identity: PlanIdentity = field(default_factory=PlanIdentity)
    # What the scores are and whether they are published, as every message says it:
    # "Kết quả theo dõi quý I/2025" and "tạm tính, chưa công bố" or "đã công bố theo
    # văn bản số … ngày …" (empty when not scored).
    result: str = ""
    status: str = ""

    @property
    def rows(self) -> tuple[ExportRow, ...]:
        return tuple(r for b in self.blocks for r in b.rows)

    @property
    def submitted(self) -> tuple[ExportRow, ...]:
        return tuple(r for r in self.rows if r.report is not None)

    @property
    def rates(self) -> tuple[RateSpec, ...]:
        return rates_of(self.methodology, self.form)
