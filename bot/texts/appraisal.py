"""Why the office's appraisal (thẩm định) or a unit's explanation is refused
(bot/services/appraisal.py). The chat (/appraise, /explain) and the CLI
(``cchc-bot appraise``, its file import) show the same sentence, so it is rendered here
from the refusal's code and values. Templates are ``str.format`` strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

Problem = Literal[
    "unknown_criterion",
    "other_block",
    "not_inspected",
    "bad_points",
    "over_max",
    "no_reason",
    "reason_too_long",
    "not_appraised",
    "explanation_empty",
    "explanation_too_long",
    "response_too_long",
    "unknown_explanation",
    "explanation_closed",
    "unknown_unit",
    "no_period",
    "bad_period",
]

REFUSALS: Mapping[Problem, str] = {
    "unknown_criterion": "không có tiêu chí “{criterion}” trong bộ tiêu chí {version}",
    "other_block": "tiêu chí “{criterion}” không áp dụng cho khối của đơn vị {unit}",
    "not_inspected": (
        "tiêu chí “{criterion}” chỉ chấm đơn vị có trong kế hoạch kiểm tra năm "
        "{year}; đơn vị {unit} chưa có (cchc-bot inspection add)"
    ),
    "bad_points": "điểm “{points}” không hợp lệ: cần một số từ 0 đến {top} (ví dụ 7,5)",
    "over_max": "điểm {points} vượt điểm tối đa {top} của tiêu chí “{criterion}”",
    "no_reason": "thiếu lý do thẩm định",
    "reason_too_long": "lý do dài quá {limit} ký tự",
    "not_appraised": "tiêu chí này chưa được Văn phòng Sở thẩm định",
    "explanation_empty": "nội dung giải trình đang để trống",
    "explanation_too_long": "nội dung giải trình dài {length} ký tự, vượt giới hạn {limit}",
    "response_too_long": "phản hồi dài quá {limit} ký tự",
    "unknown_explanation": "không có giải trình số {id}",
    "explanation_closed": "giải trình số {id} đã được đóng trước đó",
    "unknown_unit": "không có đơn vị mã “{code}”",
    "no_period": "thiếu kỳ báo cáo (ví dụ 2025-Q1)",
    "bad_period": "kỳ “{period}” không hợp lệ (ví dụ hợp lệ: 2025-Q1)",
}


def refusal(problem: Problem, values: Mapping[str, object]) -> str:
    """The sentence for a refused appraisal or explanation."""
    return REFUSALS[problem].format(**values)


# The office's appraisal file (``cchc-bot appraise --file``).
HEADER_HINT = "dòng tiêu đề cần có: {columns}; cột period tuỳ chọn"
NO_ROWS = "Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề)."
ROW_REFUSED = "Dòng {line}: {reason}."
ROW_DUPLICATE = "Dòng {line}: trùng với dòng {first}."
