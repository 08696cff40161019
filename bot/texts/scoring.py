"""The "Cách tính" of a score sheet: how the engine (bot/scoring/engine.py) explains each
criterion's points, in the office's words, and the letters the Vietnamese collation of
unit names (bot/scoring/ranking.py) knows. Templates are ``str.format`` strings.
"""

from __future__ import annotations

OTHER_BLOCK = "Không áp dụng đối với khối của đơn vị"
NOT_APPRAISED = "Chờ Văn phòng Sở chấm điểm: chưa tính vào chỉ số tạm tính"
NOT_INSPECTED = "Đơn vị không thuộc kế hoạch kiểm tra của Sở năm nay: không tính"
DECLARED_NA = "Đơn vị khai báo không áp dụng (trả lời “Không” ở câu hỏi tương ứng)"
APPRAISED = "Văn phòng Sở thẩm định: {points}/{max} điểm"
APPRAISED_OVER = "Văn phòng Sở thẩm định: {points}/{max} điểm (trước thẩm định: {before})"
NOT_CLAIMED = "Đơn vị chưa tự chấm điểm"
CLAIMED = "Đơn vị tự chấm {points}/{max} điểm{basis}, chưa thẩm định"
WITH_EVIDENCE = ", có tài liệu kiểm chứng"
WITH_EXPLANATION = ", có văn bản giải trình"
UNBACKED = (
    "Đơn vị tự chấm {points}/{max} điểm nhưng không có tài liệu kiểm chứng "
    "hay văn bản giải trình: không tính điểm"
)
NO_DATA = "Báo cáo không có số liệu cho tiêu chí này: 0 điểm"
ZERO_DENOMINATOR = "Không phát sinh (mẫu số bằng 0)"
SUFFIX_NA = ": không áp dụng"
SUFFIX_ZERO = ": 0 điểm"
RATE = "Tỷ lệ {value} ({numerator}/{denominator})"
COUNT = "Số lượng {value}"
PERCENT = "Đạt {value}"
TARGET = ", mục tiêu {target}"
STEP_REACHED = ", đạt bậc từ {at_least}"
STEP_NONE = ", chưa đạt bậc thấp nhất (từ {at_least})"
YES = "Có"
NO = "Không"
BEFORE_NA = "không áp dụng"
BEFORE_POINTS = "{points} điểm"

# The one Vietnamese letter that is not a Latin letter with marks: collated after "d".
D_STROKE = "đ"
