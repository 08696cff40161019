"""What the scoring commands print: `methodology show`, `appraise import`
(bot/cli_scoring.py) and the inspection plan, `inspection add|remove|list`
(bot/cli_inspections.py).

Plain constants only: the parser is built from these at every start.
Templates are filled with ``str.format`` by their named fields.
"""

from __future__ import annotations

# -- methodology show -------------------------------------------------------------------

HELP_METHODOLOGY = "bộ tiêu chí chấm điểm Chỉ số CCHC"
HELP_METHODOLOGY_SHOW = "hiển thị bộ tiêu chí đang dùng (lĩnh vực, tiêu chí, điểm, cách tính)"
HELP_METHODOLOGY_YEAR = "năm của bộ tiêu chí (mặc định: năm nay)"

SOURCE_NAMES = {
    "computed": "tính tự động từ số liệu báo cáo của đơn vị (Văn phòng Sở có thể thẩm định lại)",
    "appraisal": "Văn phòng Sở chấm (thẩm định)",
    "self": "đơn vị tự chấm, kèm tài liệu kiểm chứng hoặc giải trình; Văn phòng Sở thẩm định",
}
MEASURE_NAMES = {
    "rate": "tỷ lệ",
    "count": "số lượng",
    "yesno": "có/không",
    "percent": "tỷ lệ %",
}
ZERO_DENOMINATOR_NAMES = {
    "zero": "0 điểm",
    "not_applicable": (
        "không phát sinh, không tính tiêu chí (giảm điểm tối đa; Văn phòng Sở thấy trong "
        "duyệt báo cáo)"
    ),
}

METHODOLOGY_TITLE = "{title}\n(năm {year}, phiên bản {version})\n"
GROUP = "\n{title} — {points} điểm\n"
CRITERION = "  [{key}] {title}: {points} điểm\n"
CRITERION_ITEMS = "      Nội dung thi đua: {items}\n"
CRITERION_BASIS = "      Căn cứ: {basis}\n"
CRITERION_SOURCE = "      Người chấm: {source}\n"
CRITERION_HOW = "      Cách tính: {how}\n"
CRITERION_ABSENT = "      Khi thiếu: {absent}\n"
CRITERION_BLOCKS = "      Chỉ áp dụng cho khối: {blocks}\n"
BLOCK_MAX_HEADING = "\nĐiểm tối đa theo khối:\n"
BLOCK_MAX = "  {block}: {points} điểm\n"
BANDS_HEADING = "\nXếp loại theo chỉ số (điểm ÷ điểm tối đa áp dụng × 100):\n"
BAND = "  {name}: từ {index}\n"

PLAN_ITEM = "mục II.1.{item}"
PLAN_ITEMS = "{items} của Kế hoạch"
NOT_PLAN_ITEM = "không thuộc mục a–g của Kế hoạch (quy định của Văn phòng Sở)"

ABSENT_APPRAISAL = "chưa chấm thì chờ chấm: chưa tính vào điểm và điểm tối đa (chỉ số tạm tính)"
ABSENT_SELF = "đơn vị không tự chấm: 0 điểm"
ABSENT_COMPUTED = "câu hỏi bị bỏ qua: 0 điểm (giữ điểm tối đa)"
ABSENT_ZERO_DENOMINATOR = "mẫu số bằng 0: {meaning}"
ABSENT_NOT_APPLIED = (
    "đơn vị trả lời “Không” ở câu {field}: không áp dụng (Văn phòng Sở thấy trong duyệt báo cáo)"
)
ABSENT_NOT_INSPECTED = "chỉ chấm đơn vị có trong kế hoạch kiểm tra năm đó; đơn vị khác không tính"

HOW_SELF = "điểm tự chấm ở câu {field}."
HOW_APPRAISAL = "Văn phòng Sở nhập điểm (/appraise hoặc cchc-bot appraise import)."
HOW_TARGET = "mục tiêu {target}"
HOW_STEP = "từ {at_least}: {points} điểm"
HOW_STEPS = "theo bậc ({steps})"
HOW_PROPORTIONAL = "điểm tỷ lệ thuận đến mục tiêu"

# -- appraise import --------------------------------------------------------------------

HELP_APPRAISE = "điểm thẩm định của Văn phòng Sở"
HELP_APPRAISE_IMPORT = "nhập điểm thẩm định từ tệp CSV/XLSX (unit_code, criterion, points, reason)"
HELP_APPRAISE_PERIOD = "kỳ áp dụng cho mọi dòng, ví dụ 2025-Q1 (bỏ qua nếu tệp có cột period)"
APPRAISALS_WHAT = "điểm thẩm định"
APPRAISALS_IMPORTED = (
    "Đã nhập {count} điểm thẩm định cho {units} đơn vị "
    "({replaced} điểm thay cho điểm thẩm định trước đó)."
)
APPRAISALS_NEXT = "Đơn vị xem kết quả bằng /standing và giải trình bằng /explain trong Telegram."

# -- inspection -------------------------------------------------------------------------

HELP_INSPECTION = "kế hoạch kiểm tra CCHC của Sở: đơn vị được kiểm tra trong năm, theo đợt"
DESCRIPTION_INSPECTION = (
    "Tiêu chí kết quả kiểm tra chỉ chấm các đơn vị có trong kế hoạch kiểm tra năm "
    "đó; đơn vị khác không tính tiêu chí này, không bị trừ điểm."
)
HELP_INSPECTION_ADD = "đưa đơn vị vào kế hoạch kiểm tra (hoặc đổi đợt)"
METAVAR_ROUND = "ĐỢT"
HELP_INSPECTION_ROUND = "mặc định 1"
HELP_INSPECTION_REMOVE = "bỏ đơn vị khỏi kế hoạch kiểm tra"
HELP_INSPECTION_LIST = "kế hoạch kiểm tra của một năm"
INSPECTION_OUTCOMES = {
    "added": "Đã đưa {unit} vào kế hoạch kiểm tra CCHC năm {year}, đợt {round}.",
    "moved": "Đã chuyển {unit} sang đợt {round} (trước đó: đợt {before}) trong năm {year}.",
    "unchanged": "{unit} đã có trong kế hoạch kiểm tra năm {year}, đợt {round}: không đổi.",
    "removed": "Đã bỏ {unit} khỏi kế hoạch kiểm tra CCHC năm {year}.",
    "absent": "{unit} không có trong kế hoạch kiểm tra năm {year}: không có gì để bỏ.",
    "unknown_unit": "Không có đơn vị mã {unit} trong danh sách đơn vị.",
    "bad_round": "Đợt kiểm tra phải từ 1 đến 4 (đã nhập {round}).",
    "bad_year": "Năm {year} nằm ngoài các năm của phong trào thi đua.",
}
INSPECTION_PLAN_EMPTY = "Năm {year} chưa có đơn vị nào trong kế hoạch kiểm tra CCHC."
INSPECTION_PLAN = "Kế hoạch kiểm tra CCHC năm {year}: {count} đơn vị"
INSPECTION_ITEM = "  Đợt {round}: {unit} – {name} ({block})"
