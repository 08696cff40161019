"""What every inline button of the bot carries, journey by journey.

Each class is one kind of button: its prefix and typed fields travel as callback data
through :mod:`handlers.buttons`, which writes and reads them and sends each press to the
journey's callback. The wire format ("rp:c:3:y") is the one earlier versions wrote, so
buttons already in people's chats keep working; anything else is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from bot.services.awards import DOCUMENT_KINDS
from bot.services.practices import TAGS
from handlers.buttons import ButtonData, Id, Key, Number, OneOf, PeriodCode, Token, Year, kind

Question = Annotated[int, Number(1, 999)]
"""A question's number in the report form."""
ChoiceKey = Annotated[str, Token(r"[a-z0-9_]{1,16}")]
Section = Annotated[int, Number(0, 99)]
"""A section's position in the report form (0 for the first)."""
"""An answer button's key: "y"/"n" or a choice's key in the form."""


# -- the report (units) --------------------------------------------------------------------


@kind("rp:p")
@dataclass(frozen=True)
class ReportPeriod(ButtonData):
    """Report on this period (when several are open)."""

    period: PeriodCode


@kind("rp:c")
@dataclass(frozen=True)
class ReportChoice(ButtonData):
    """An answer given by a button (yes/no, a choice) to question ``number``."""

    number: Question
    key: ChoiceKey


@kind("rp:s")
@dataclass(frozen=True)
class ReportSkip(ButtonData):
    number: Question


@kind("rp:f")
@dataclass(frozen=True)
class ReportEditField(ButtonData):
    """Go back to question ``number`` from the edit menu."""

    number: Question


@kind("rp:k")
@dataclass(frozen=True)
class ReportKeep(ButtonData):
    """Keep the answer already given to question ``number``."""

    number: Question


@kind("rp:q")
@dataclass(frozen=True)
class ReportPrevious(ButtonData):
    """Answer question ``number`` with last quarter's answer."""

    number: Question


@kind("rp:g")
@dataclass(frozen=True)
class ReportEditSection(ButtonData):
    """List the questions of the form's section at position ``section``."""

    section: Section


@kind("rp:b")
@dataclass(frozen=True)
class ReportBack(ButtonData):
    pass


@kind("rp:d")
@dataclass(frozen=True)
class ReportSaveDraft(ButtonData):
    pass


@kind("rp:e")
@dataclass(frozen=True)
class ReportEditMenu(ButtonData):
    pass


@kind("rp:m")
@dataclass(frozen=True)
class ReportSummary(ButtonData):
    pass


@kind("rp:x")
@dataclass(frozen=True)
class ReportSubmit(ButtonData):
    pass


@kind("rp:t")
@dataclass(frozen=True)
class ReportTemplate(ButtonData):
    """ "📥 Tải mẫu Excel": this period's form as a workbook for the presser's unit."""

    period: PeriodCode


# -- review (office) -----------------------------------------------------------------------


@kind("rv:o")
@dataclass(frozen=True)
class ReviewOpen(ButtonData):
    report_id: Id


@kind("rv:a")
@dataclass(frozen=True)
class ReviewAccept(ButtonData):
    report_id: Id


@kind("rv:r")
@dataclass(frozen=True)
class ReviewReturn(ButtonData):
    report_id: Id


# -- periods and the late list (office) ----------------------------------------------------


@kind("pd:v")
@dataclass(frozen=True)
class PeriodView(ButtonData):
    period: PeriodCode


@kind("pd:o")
@dataclass(frozen=True)
class PeriodOpen(ButtonData):
    period: PeriodCode


@kind("pd:c")
@dataclass(frozen=True)
class PeriodClose(ButtonData):
    period: PeriodCode


@kind("pd:d")
@dataclass(frozen=True)
class PeriodDue(ButtonData):
    period: PeriodCode


@kind("rm:n")
@dataclass(frozen=True)
class RemindNow(ButtonData):
    period: PeriodCode


@kind("rm:r")
@dataclass(frozen=True)
class ReopenLate(ButtonData):
    period: PeriodCode


# -- awards --------------------------------------------------------------------------------


@kind("aw:c")
@dataclass(frozen=True)
class AwardsConfirm(ButtonData):
    """The office confirms the year's candidate list."""

    year: Year


@kind("aw:w")
@dataclass(frozen=True)
class AwardWithdraw(ButtonData):
    """The office withdraws a person it nominated."""

    nominee_id: Id


@kind("aw:a")
@dataclass(frozen=True)
class AwardUpload(ButtonData):
    """A unit attaches one document of its award dossier."""

    year: Year
    document: Annotated[str, OneOf(frozenset(DOCUMENT_KINDS))]


@kind("aw:x")
@dataclass(frozen=True)
class AwardUploadCancel(ButtonData):
    pass


# -- broadcasts (office) -------------------------------------------------------------------


@kind("bc:x")
@dataclass(frozen=True)
class ComposeCancel(ButtonData):
    pass


@kind("bc:a")
@dataclass(frozen=True)
class ComposeAudience(ButtonData):
    audience: Literal["all", "block", "district", "late", "codes"]


@kind("bc:b")
@dataclass(frozen=True)
class ComposeBlock(ButtonData):
    block: Key


@kind("bc:d")
@dataclass(frozen=True)
class ComposeDistrict(ButtonData):
    """A district by its place in the roster's sorted list (names do not fit 64 bytes)."""

    index: Annotated[int, Number(0, 999)]


@kind("bc:r")
@dataclass(frozen=True)
class ComposeRoles(ButtonData):
    roles: Literal["h", "a"]  # heads only, or every member


@kind("bc:go")
@dataclass(frozen=True)
class ComposeSend(ButtonData):
    pass


@kind("bc:sch")
@dataclass(frozen=True)
class ComposeSchedule(ButtonData):
    pass


@kind("bcd")
@dataclass(frozen=True)
class BroadcastDetail(ButtonData):
    """Who has read a broadcast."""

    broadcast_id: Id


@kind("bcs")
@dataclass(frozen=True)
class SaveAsPractice(ButtonData):
    broadcast_id: Id


@kind("ack")
@dataclass(frozen=True)
class Ack(ButtonData):
    """ "👍 Đã đọc" under a broadcast; counts only from a person it was delivered to."""

    broadcast_id: Id


@kind("ackp")
@dataclass(frozen=True)
class AckPreview(ButtonData):
    """The same button on the office's preview, before anything is sent."""


# -- the practice library ------------------------------------------------------------------

Tag = Annotated[str, OneOf(frozenset(TAGS))]
Words = Annotated[str, Token(r"(?:\w+(?:\+\w+)*)?")]
"""Search words, folded and joined by "+"."""


@kind("pr:l")
@dataclass(frozen=True)
class PracticeList(ButtonData):
    """A page of the library: a topic ("-" for all), the page, the searched words."""

    tag: Annotated[str, OneOf(frozenset({"-", *TAGS}))]
    page: Annotated[int, Number(1, 9999)]
    words: Words


@kind("pr:v")
@dataclass(frozen=True)
class PracticeView(ButtonData):
    practice_id: Id


@kind("pr:a")
@dataclass(frozen=True)
class NominationApprove(ButtonData):
    practice_id: Id


@kind("pr:ab")
@dataclass(frozen=True)
class NominationApproveBroadcast(ButtonData):
    practice_id: Id


@kind("pr:r")
@dataclass(frozen=True)
class NominationReject(ButtonData):
    practice_id: Id


@kind("pr:t")
@dataclass(frozen=True)
class PracticeTag(ButtonData):
    """A topic toggled while saving or proposing a practice."""

    tag: Tag


@kind("pr:td")
@dataclass(frozen=True)
class PracticeTagsDone(ButtonData):
    pass


@kind("pr:skip")
@dataclass(frozen=True)
class PracticeSkip(ButtonData):
    pass


# -- appraisal -----------------------------------------------------------------------------


@kind("xp")
@dataclass(frozen=True)
class Explain(ButtonData):
    """A unit explains its view of an appraised criterion."""

    period: PeriodCode
    criterion: Key


@kind("xc")
@dataclass(frozen=True)
class CloseExplanation(ButtonData):
    explanation_id: Id


# -- publication (office) ------------------------------------------------------------------


@kind("pb:ok")
@dataclass(frozen=True)
class PublishConfirm(ButtonData):
    """ "✅ Công bố" under a publication's summary: the year, the quarter (0: the annual
    index) and the ticket drawn for that summary, so only the summary on screen works."""

    year: Year
    quarter: Annotated[int, Number(0, 4)]
    ticket: Annotated[int, Number(1, 999_999)]


@kind("pb:x")
@dataclass(frozen=True)
class PublishCancel(ButtonData):
    pass
