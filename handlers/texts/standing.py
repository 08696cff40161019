"""/standing, /trend and /ranking (handlers/standing.py): results, ranks, the charts' titles
and captions.
"""

__all__ = [
    "BAD_SCOPE",
    "CHART_CAPTION",
    "CHART_TITLE",
    "RANKING_BLOCK_ONLY",
    "RANKING_HEADER",
    "RANKING_LINE",
    "RANKING_LINE_OWN",
    "RANKING_NOT_REPORTED",
    "RANKING_NOT_REPORTED_OWN",
    "RANKING_OWN_ONLY",
    "RANKING_UNREVIEWED_NOTE",
    "STANDING_APPRAISED",
    "STANDING_CHANGE_DOWN",
    "STANDING_CHANGE_SAME",
    "STANDING_CHANGE_UP",
    "STANDING_HEADER",
    "STANDING_INDEX",
    "STANDING_MEDIAN",
    "STANDING_NONE_PUBLISHED",
    "STANDING_NOT_REPORTED",
    "STANDING_NOT_REPORTED_YEAR",
    "STANDING_OFFICE_USAGE",
    "STANDING_RANK",
    "STANDING_SCORED_PART",
    "STANDING_SCORED_SO_FAR",
    "STANDING_SHOWN_AFTER",
    "STANDING_SHOWN_AFTER_DUE",
    "STANDING_SILENT",
    "STANDING_TIED",
    "STANDING_TOP",
    "STANDING_TO_NEXT",
    "STANDING_UNPUBLISHED",
    "STANDING_UNREVIEWED_NOTE",
    "STANDING_WEAKEST",
    "STANDING_WEAK_ABOVE",
    "STANDING_WEAK_BELOW",
    "STANDING_WEAK_LEVEL",
    "STANDING_WEAK_LINE",
    "STANDING_WHEN_NOT_REPORTED",
    "STANDING_WHEN_REPORTED",
    "STANDING_YTD_UNITS",
    "TREND_CAPTION_OFFICE",
    "TREND_CAPTION_UNITS",
    "TREND_HEADER",
    "TREND_LINE",
    "TREND_MEDIAN",
    "TREND_NONE_OFFICE",
    "TREND_NONE_UNITS",
    "TREND_NOTE_OFFICE",
    "TREND_NOTE_UNITS",
    "TREND_NO_DATA",
    "TREND_PROVISIONAL",
    "TREND_TITLE",
    "TREND_UNPUBLISHED",
    "UNKNOWN_BLOCK",
    "UNREVIEWED",
]

STANDING_HEADER = "<b>{result}</b> <i>({status})</i>\nĐơn vị: <b>{unit}</b>\n{block}"
STANDING_RANK = "Xếp hạng trong khối: <b>{rank}/{total}</b>{tied}"
STANDING_TIED = " (đồng hạng)"
STANDING_SCORED_SO_FAR = (
    "Chỉ số tạm tính trên {scored}/{full} điểm: {pending} điểm của các tiêu chí do Văn phòng "
    "Sở chấm chưa có điểm, chưa tính."
)
STANDING_SCORED_PART = (
    "Chỉ số tính trên {scored}/{full} điểm đã chấm; {pending} điểm của các tiêu chí do Văn "
    "phòng Sở chấm không có điểm khi công bố."
)
STANDING_SILENT = "{silent}/{total} đơn vị của khối chưa nộp báo cáo, xếp cuối khối."
STANDING_INDEX = "Chỉ số: <b>{index}</b> điểm — xếp loại <b>{band}</b>{unreviewed}"
UNREVIEWED = " (chưa duyệt)"
STANDING_UNREVIEWED_NOTE = (
    "<i>Báo cáo được tính chưa được Văn phòng Sở duyệt: kết quả là tạm tính, có thể thay "
    "đổi sau khi xem xét.</i>"
)
STANDING_NOT_REPORTED = (
    "Đơn vị chưa nộp báo cáo {scope} nên xếp cuối khối, không có thứ hạng "
    "({reported}/{total} đơn vị của khối đã nộp báo cáo)."
)
STANDING_NOT_REPORTED_YEAR = (
    "Đơn vị chưa nộp báo cáo quý nào của năm {year} nên xếp cuối khối, không có thứ hạng "
    "({reported}/{total} đơn vị của khối đã nộp báo cáo)."
)
STANDING_CHANGE_UP = "So với {previous}: ▲ tăng {delta} điểm"
STANDING_CHANGE_DOWN = "So với {previous}: ▼ giảm {delta} điểm"
STANDING_CHANGE_SAME = "So với {previous}: không thay đổi"
STANDING_TO_NEXT = "Cần thêm <b>{points}</b> điểm để lên hạng {rank}."
STANDING_TOP = "🏆 Đơn vị đang dẫn đầu khối."
STANDING_WEAKEST = "<b>Các tiêu chí mất nhiều điểm nhất so với trung vị của khối:</b>"
STANDING_WEAK_LINE = "{n}. {title}: {points}/{max} điểm ({gap})"
STANDING_WEAK_BELOW = "mất nhiều hơn trung vị khối {gap} điểm"
STANDING_WEAK_LEVEL = "mất bằng trung vị khối"
STANDING_WEAK_ABOVE = "mất ít hơn trung vị khối {gap} điểm"
STANDING_MEDIAN = "Trung vị của khối: {median} điểm."
STANDING_APPRAISED = (
    "Chỉ số theo báo cáo của đơn vị: {reported} · sau thẩm định: <b>{final}</b> "
    "({count} tiêu chí được Văn phòng Sở điều chỉnh; xem và giải trình: /explain)."
)
STANDING_NONE_PUBLISHED = (
    "Văn phòng Sở chưa công bố kết quả nào (kết quả theo dõi quý hoặc Chỉ số CCHC năm)."
)
STANDING_WHEN_REPORTED = (
    "\nBáo cáo {label} của đơn vị đã được nộp (lần {version}, lúc {at}). Kết quả theo dõi "
    "{label} được hiển thị tại đây sau khi Văn phòng Sở tổng hợp báo cáo của các đơn vị "
    "(hạn nộp {due}) và công bố; khi công bố, bot sẽ gửi thông báo tới đơn vị. Tình hình "
    "báo cáo của đơn vị: /status."
)
STANDING_WHEN_NOT_REPORTED = (
    "\nKết quả theo dõi {label} được hiển thị tại đây sau khi các đơn vị nộp báo cáo (hạn "
    "nộp {due}) và Văn phòng Sở công bố; khi công bố, bot sẽ gửi thông báo tới đơn vị. "
    "Đơn vị chưa nộp báo cáo {label}: dùng /report để lập và nộp."
)
STANDING_UNPUBLISHED = "{result} chưa được công bố."
STANDING_SHOWN_AFTER_DUE = (
    " Kết quả được hiển thị sau khi Văn phòng Sở tổng hợp báo cáo {label} của các đơn vị "
    "(hạn nộp {due}) và công bố; khi công bố, bot sẽ gửi thông báo tới đơn vị."
)
STANDING_SHOWN_AFTER = (
    " Kết quả được hiển thị sau khi Văn phòng Sở công bố; khi công bố, bot sẽ gửi thông báo "
    "tới đơn vị."
)
STANDING_YTD_UNITS = (
    "Kết quả lũy kế năm chỉ để Văn phòng Sở theo dõi, không được công bố. Anh/chị xem kết "
    "quả theo dõi quý (ví dụ <code>/standing {year}-Q1</code>) hoặc Chỉ số CCHC năm (ví dụ "
    "<code>/standing {year}</code>) khi đã công bố."
)
STANDING_OFFICE_USAGE = (
    "Cú pháp dành cho Văn phòng Sở: <code>/standing MÃ_ĐƠN_VỊ [kỳ]</code>, ví dụ "
    "<code>/standing THPT-QH 2025-Q1</code>; kỳ có thể là quý (2025-Q1: kết quả theo dõi), "
    "năm (2025: Chỉ số CCHC năm) hoặc lũy kế năm (2025-YTD: chỉ để theo dõi)."
)
BAD_SCOPE = (
    "Kỳ xếp hạng không hợp lệ: “{text}”. Ví dụ hợp lệ: <code>2025-Q1</code> (kết quả theo dõi "
    "quý), <code>2025</code> (Chỉ số CCHC năm), <code>2025-YTD</code> (lũy kế năm)."
)
CHART_TITLE = "{result} ({status})"
CHART_CAPTION = "{result} — {block}\n<i>({status})</i>"
TREND_TITLE = "Diễn biến kết quả theo dõi quý — {unit}"
TREND_HEADER = "<b>Diễn biến kết quả theo dõi quý</b>\nĐơn vị: <b>{unit}</b>"
TREND_LINE = "{scope}: {index}{median}{status}"
TREND_MEDIAN = " (trung vị khối {median})"
TREND_NO_DATA = "chưa có"
TREND_NONE_UNITS = (
    "<b>Diễn biến kết quả theo dõi quý</b>\nĐơn vị: <b>{unit}</b>\n"
    "Chưa có kết quả theo dõi quý nào của đơn vị được Văn phòng Sở công bố nên chưa có biểu "
    "đồ. Khi Văn phòng Sở công bố, bot sẽ gửi thông báo tới đơn vị và /trend sẽ hiển thị "
    "diễn biến qua các quý."
)
TREND_NONE_OFFICE = (
    "<b>Diễn biến kết quả theo dõi quý</b>\nĐơn vị: <b>{unit}</b>\n"
    "Đơn vị chưa có kết quả theo dõi nào trong {n} quý gần đây (chưa nộp báo cáo) nên chưa "
    "có biểu đồ."
)
TREND_UNPUBLISHED = "chưa công bố"
TREND_PROVISIONAL = " — tạm tính, chưa công bố"
TREND_NOTE_UNITS = "<i>Chỉ hiện các quý Văn phòng Sở đã công bố.</i>"
TREND_NOTE_OFFICE = "<i>Quý ghi “tạm tính, chưa công bố” chưa được công bố cho các đơn vị.</i>"
TREND_CAPTION_UNITS = "{title}\n<i>(các quý đã công bố)</i>"
TREND_CAPTION_OFFICE = "{title}\n<i>(gồm kết quả tạm tính, chưa công bố)</i>"
RANKING_HEADER = (
    "<b>Bảng xếp hạng — {result}</b> <i>({status})</i>\n{block}\n"
    "Đã báo cáo: {reported}/{total} đơn vị"
)
RANKING_LINE = "{rank}. {name} — <b>{index}</b> ({band}){unreviewed}"
RANKING_LINE_OWN = "<u>{rank}. {name} — <b>{index}</b> ({band}){unreviewed}</u>"
RANKING_UNREVIEWED_NOTE = (
    "\n<i>(chưa duyệt): báo cáo chưa được Văn phòng Sở duyệt, kết quả là tạm tính.</i>"
)
RANKING_NOT_REPORTED = "— {name}: chưa nộp báo cáo"
RANKING_NOT_REPORTED_OWN = "<u>— {name}: chưa nộp báo cáo</u>"
RANKING_OWN_ONLY = (
    "Theo quy định của Sở, đơn vị chỉ xem được kết quả của đơn vị mình. "
    "Anh/chị dùng /standing để xem."
)
RANKING_BLOCK_ONLY = "Đơn vị chỉ xem được bảng xếp hạng của khối mình."
UNKNOWN_BLOCK = "Không có khối “{code}”. Các khối: {blocks}."
