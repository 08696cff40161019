"""The award rules' words (bot/services/awards.py): the plan's own sentences and document
names (seed 000, section III), quoted by the chat and the CLI alike, and the error of an
award band the methodology does not have. Templates are ``str.format`` strings.
"""

from __future__ import annotations

from collections.abc import Mapping

# The lowest band that earns an award: the plan's "đạt loại tốt, xuất sắc".
DEFAULT_MIN_BAND = "Tốt"

# The plan's own sentences (seed 000, III.1), quoted wherever a list is shown, so the
# office reads each list against the rule it applies. The Department is the setting's.
PLAN_SENTENCES: Mapping[str, str] = {
    "unit": (
        "Xét tặng Giấy khen của Giám đốc {department} cho 04 đơn vị trực thuộc có kết quả "
        "đánh giá chỉ số cải cách hành chính dẫn đầu Khối các đơn vị trực thuộc, có trên 90% "
        "thủ tục hành chính được trình Sở giải quyết theo hình thức trực tuyến."
    ),
    "head": (
        "Xét tặng Giấy khen của Giám đốc {department} cho Thủ trưởng 02 đơn vị trực thuộc có "
        "kết quả đánh giá chỉ số cải cách hành chính dẫn đầu Khối các đơn vị trực thuộc, có "
        "trên 90% thủ tục hành chính được trình Sở giải quyết theo hình thức trực tuyến."
    ),
    "division": (
        "Xét tặng Giấy khen của Giám đốc {department} cho 02 phòng chuyên môn, nghiệp vụ "
        "thuộc Sở có các chỉ số cải cách hành chính được phân công phụ trách theo dõi, thực "
        "hiện đạt loại tốt, xuất sắc (dựa theo kết quả đánh giá các chỉ số cải cách hành "
        "chính của tỉnh hàng năm)."
    ),
    "person": (
        "Xét tặng Giấy khen của Giám đốc {department} cho 02 công chức đang công tác tại "
        "phòng chuyên môn, nghiệp vụ thuộc Sở đã trực tiếp tham gia thụ lý hồ sơ, tham mưu "
        "đề xuất giải quyết thủ tục hành chính kịp thời, đúng quy định hiện hành, có sáng "
        "kiến trong đề xuất cải tiến phương thức giải quyết các thủ tục hành chính thuộc "
        "lĩnh vực được phân công phụ trách."
    ),
}

# The plan's own names for the three documents (seed 000, III.3).
DOCUMENT_TITLES: Mapping[str, str] = {
    "proposal": "Tờ trình (văn bản) đề nghị khen thưởng",
    "minutes": "Biên bản họp Hội đồng Thi đua – Khen thưởng",
    "achievements": "Báo cáo thành tích",
}

# The label of the file question a dossier document is checked against.
UPLOAD_LABEL = "Tệp hồ sơ đề nghị khen thưởng"

QUOTED = "“{name}”"
UNKNOWN_BAND = (
    "không có mức xếp loại “{band}” trong bộ tiêu chí chấm điểm; vui lòng ghi "
    "đúng tên một mức: {names}"
)
