"""The report's Excel template: its sheet's name, title, instructions, column headers,
the names of the answer types, the "Giới hạn / lựa chọn" column and the messages of
Excel's own cell checks. The layout (rows, columns, widths) is
:mod:`bot.services.report_workbook`'s.

The answer sheet's name is also how a workbook sent back is recognised as one of ours:
renaming it here makes the templates already handed out unreadable.
"""

from __future__ import annotations

from typing import Final

from bot.forms.schema import NUMERIC_TYPES, FieldSpec
from bot.numbers import format_number
from bot.texts.answers import NO, YES, extensions

SHEET: Final = "Báo cáo"
TITLE: Final = "Báo cáo CCHC {period} — {unit}"
FORM_LINE: Final = "Mẫu báo cáo: {title} (phiên bản {version})"
# Câu, Mục, Câu hỏi, Loại, Giới hạn, Quý trước, Trả lời, and the field's key (hidden).
HEADERS: Final = (
    "Câu",
    "Mục",
    "Câu hỏi",
    "Loại câu trả lời",
    "Giới hạn / lựa chọn",
    "Quý trước ({last})",
    "Trả lời",
    "Mã câu",
)
TYPE_NAMES: Final = {
    "integer": "Số nguyên",
    "decimal": "Số",
    "percent": "Tỷ lệ %",
    "yesno": f"{YES} / {NO}",
    "choice": "Chọn một",
    "text": "Văn bản",
    "file": "Tệp đính kèm",
}
OPTIONAL: Final = " (không bắt buộc)"
BY_TELEGRAM: Final = "(gửi qua Telegram)"
INSTRUCTIONS: Final = (
    "Cách điền: nhập câu trả lời vào cột “Trả lời” (các cột khác được khoá để tránh sửa "
    "nhầm). Ô để trống: câu trả lời đã có trong bot được giữ nguyên. Số viết như trong bot "
    "(1.250 hoặc 1250; 85,5); câu Có/Không và câu chọn một: chọn trong danh sách của ô. "
    "Câu cần tệp đính kèm (báo cáo đã ký, minh chứng) gửi qua Telegram, không điền ở đây."
)
INSTRUCTIONS_RETURN: Final = (
    "Điền xong, anh/chị gửi lại chính tệp này cho bot dưới dạng tài liệu (📎 → Tệp). Bot "
    "kiểm tra từng ô như khi trả lời trong Telegram: nếu có ô chưa hợp lệ, bot liệt kê "
    "từng lỗi theo dòng và chưa ghi câu trả lời nào trong tệp; nếu hợp lệ, bot ghi vào "
    "bản nháp và hiện bản tóm tắt để anh/chị gửi báo cáo. Tệp chỉ dùng được cho đơn vị, "
    "kỳ báo cáo và mẫu báo cáo ghi ở đầu trang."
)
# The label of the workbook as an upload (its type and size are checked as a file
# answer's are).
UPLOAD_LABEL: Final = "Tệp Excel báo cáo"

# The "Giới hạn / lựa chọn" column.
RANGE_BETWEEN: Final = "từ {low} đến {high}"
RANGE_FROM: Final = "từ {low} trở lên"
RANGE_PERCENT: Final = " (%)"
RANGE_TEXT: Final = "tối đa {limit} ký tự"
RANGE_FILE: Final = "Gửi qua Telegram ({exts}, tối đa {max_mb} MB)"

# Excel's own check of an answer cell.
CHECK_TITLE: Final = "Giá trị chưa hợp lệ"
CHECK_RANGE: Final = "Giá trị phải {bounds}."
CHECK_YES_NO: Final = f"{YES}/{NO}"
CHECK_CHOICE: Final = "Chọn trong danh sách."
CHECK_TEXT: Final = "Tối đa {limit} ký tự."


def allowed(spec: FieldSpec) -> str:
    """The allowed values of a question, as the template's "Giới hạn" column says them."""
    if spec.type in NUMERIC_TYPES:
        low = format_number(spec.lower_bound)
        upper = spec.upper_bound
        if upper is not None:
            text = RANGE_BETWEEN.format(low=low, high=format_number(upper))
        else:
            text = RANGE_FROM.format(low=low)
        return text + (RANGE_PERCENT if spec.type == "percent" else "")
    if spec.type == "yesno":
        return f"{YES}; {NO}"
    if spec.type == "choice":
        return "; ".join(c.label for c in spec.choices)
    if spec.type == "text":
        return RANGE_TEXT.format(limit=format_number(spec.text_limit))
    return RANGE_FILE.format(exts=extensions(spec.accept), max_mb=spec.max_size_mb)
