"""Answers: how a stored answer reads back, the yes/no words people type, and the
sentences that refuse an answer and say what is expected.

:mod:`bot.forms.answers` refuses an answer with a code and the values that explain it
(:class:`~bot.forms.answers.AnswerProblem`); :func:`answer_error` turns it into the
sentence the person reads. One render for every place an answer is refused: a typed
or sent answer in the report conversation, a cell of the Excel template sent back, a
line of pasted answers, an award dossier's upload.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Final

from bot.numbers import NumberErrorCode, format_number

if TYPE_CHECKING:  # the forms import this module: types only, no cycle at run time
    from bot.forms.answers import AnswerErrorCode, AnswerProblem
    from bot.forms.schema import FieldSpec

# -- how an answer reads back ------------------------------------------------------------

YES: Final = "Có"
NO: Final = "Không"
BLANK: Final = "(bỏ trống)"  # a skipped question
A_FILE: Final = "tệp"  # a file answer whose name is not known
# The CSV export's machine form of a yes-no answer.
EXPORT_YES: Final = "có"
EXPORT_NO: Final = "không"

# -- what people type for yes and no (compared after casefold) ---------------------------

YES_WORDS: Final = frozenset({"có", "co", "yes", "y", "1", "đúng", "dung", "x"})
NO_WORDS: Final = frozenset({"không", "khong", "ko", "k", "no", "n", "0"})

# -- refusals ----------------------------------------------------------------------------

NUMBER_ERRORS: Final[dict[NumberErrorCode, str]] = {
    "empty": "Anh/chị chưa nhập giá trị.",
    "negative": "Giá trị không được âm.",
    "not_a_number": "Giá trị phải là một con số.",
    "too_large": "Số quá lớn.",
    "bad_grouping": "Cách viết phân cách hàng nghìn chưa đúng (ví dụ đúng: 1.250 hoặc 1250).",
    "percent_sign": "Câu này không nhận dấu %; vui lòng chỉ nhập số.",
    "not_integer": "Giá trị phải là số nguyên (không có phần thập phân).",
}

ANSWER_ERRORS: Final[dict[AnswerErrorCode, str]] = {
    "below_min": "Giá trị phải từ {limit} trở lên.",
    "above_max": "Giá trị không được vượt quá {limit}.",
    "text_empty": "Anh/chị chưa nhập nội dung.",
    "text_too_long": "Nội dung dài quá mức cho phép: tối đa {limit} ký tự (vui lòng rút gọn).",
    "invalid": "Giá trị chưa hợp lệ.",
    "text_for_file": "Câu này cần một tệp đính kèm, không phải tin nhắn chữ.",
    "not_yes_no": f"Vui lòng trả lời “{YES}” hoặc “{NO}”.",
    "not_a_choice": "Lựa chọn này không có trong danh sách.",
    "file_for_text": "Câu này không cần tệp đính kèm; vui lòng trả lời bằng tin nhắn.",
    "photo": (
        "Anh/chị đã gửi ảnh; câu này cần tệp {exts} gửi dưới dạng tài liệu "
        "(biểu tượng 📎 → Tệp), không gửi dưới dạng ảnh."
    ),
    "file_type": "Tệp phải có định dạng {exts}; tệp “{name}” không đúng.",
    "file_content": (
        "Nội dung tệp không khớp với đuôi .{ext} (loại {mime}); vui lòng gửi đúng tệp {exts}."
    ),
    "file_too_large": "Tệp quá lớn: tối đa {max_mb} MB.",
    "file_empty": "Tệp rỗng; vui lòng gửi lại tệp.",
}
UNNAMED_FILE: Final = "không tên"


def extensions(accept: tuple[str, ...]) -> str:
    """The accepted file types as people know them: "PDF, DOCX"."""
    return ", ".join(e.upper() for e in accept)


def answer_error(problem: AnswerProblem) -> str:
    """Why an answer was refused, as one sentence."""
    if problem.code == "number":
        assert problem.number is not None
        return NUMBER_ERRORS[problem.number]
    limit = format_number(problem.limit) if problem.limit is not None else ""
    return ANSWER_ERRORS[problem.code].format(
        limit=limit,
        exts=extensions(problem.accept),
        name=problem.file_name or UNNAMED_FILE,
        ext=problem.extension,
        mime=problem.mime_type,
        max_mb=problem.max_mb,
    )


# -- what a valid answer looks like (said after every refusal) ---------------------------

HINT_INTEGER: Final = "Vui lòng nhập một số nguyên từ {low}{tail}, ví dụ {example}."
HINT_DECIMAL: Final = "Vui lòng nhập một số từ {low}{tail}, ví dụ {example}."
HINT_UPPER: Final = " đến {high}"
HINT_PERCENT: Final = (
    "Vui lòng nhập tỷ lệ phần trăm từ {low} đến {high}, ví dụ {example} hoặc {example}%."
)
HINT_TEXT: Final = "Vui lòng nhập nội dung, tối đa {limit} ký tự."
HINT_BUTTONS: Final = "Vui lòng chọn một trong các nút bên dưới câu hỏi."
HINT_FILE: Final = "Vui lòng gửi tệp {exts} (tối đa {max_mb} MB) dưới dạng tài liệu."


def expected_hint(field: FieldSpec, example: Decimal) -> str:
    """What a valid answer to ``field`` looks like; ``example`` is a value inside its
    range (:func:`bot.forms.answers.example_value`)."""
    shown = format_number(example)
    low = format_number(field.lower_bound)
    upper = field.upper_bound
    tail = HINT_UPPER.format(high=format_number(upper)) if upper is not None else ""
    if field.type == "integer":
        return HINT_INTEGER.format(low=low, tail=tail, example=shown)
    if field.type == "decimal":
        return HINT_DECIMAL.format(low=low, tail=tail, example=shown)
    if field.type == "percent":
        high = format_number(upper or Decimal(100))
        return HINT_PERCENT.format(low=low, high=high, example=shown)
    if field.type == "text":
        return HINT_TEXT.format(limit=format_number(field.text_limit))
    if field.type in {"yesno", "choice"}:
        return HINT_BUTTONS
    return HINT_FILE.format(exts=extensions(field.accept), max_mb=field.max_size_mb)
