"""What the core writes into files: the Word draft of the Department's quarterly report,
the Excel workbook of a period, and the errors of the tables (CSV/XLSX) the office
imports. Templates are ``str.format`` strings.
"""

from __future__ import annotations

# --- A period's export, both formats (bot/services/export_data.py) ---------------------

STATUS_NAMES: dict[str, str] = {
    "submitted": "Đã gửi",
    "draft": "Đang soạn, chưa nộp",
    "none": "Chưa nộp",
}
TOTAL = "Tổng cộng"
BLOCK = "Khối"
INDEX = "Chỉ số CCHC"
BAND = "Xếp loại"

# --- The Word draft (bot/services/export_docx.py) --------------------------------------

# The narrative fields gathered into the report, by form key, with their part titles.
DOCX_NARRATIVE: tuple[tuple[str, str, str], ...] = (
    ("highlights", "KẾT QUẢ NỔI BẬT", "Các đơn vị báo cáo một số kết quả nổi bật như sau:"),
    ("shortcomings", "TỒN TẠI, HẠN CHẾ", "Các đơn vị nêu một số tồn tại, hạn chế như sau:"),
)
DOCX_REQUESTS = ("requests", "KIẾN NGHỊ, ĐỀ XUẤT", "Các đơn vị có kiến nghị, đề xuất như sau:")
DOCX_SUBTITLE = "Kết quả thực hiện công tác cải cách hành chính quý {quarter} năm {year}"
DOCX_DOC_TITLE = "Báo cáo {title}"  # the file's properties: "Báo cáo kết quả …"
DOCX_HEADING = "BÁO CÁO"
DOCX_OPENING = (
    "Thực hiện {plan}, {department} báo cáo kết quả thực hiện công tác cải "
    "cách hành chính (CCHC) quý {quarter} năm {year} (số liệu từ ngày "
    "{data_from} đến ngày {data_to}), "
    "tổng hợp từ báo cáo của các đơn vị, như sau:"
)
DOCX_NEXT_QUARTER = "{part}. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ TỚI"
DOCX_NEXT_QUARTER_DRAFT = (
    "{placeholder} (Văn phòng Sở dự thảo các nhiệm vụ trọng tâm của quý tới.)"
)
DOCX_CLOSING = (
    "Trên đây là báo cáo kết quả thực hiện công tác CCHC quý "
    "{quarter} năm {year} của {department}./."
)
DOCX_NUMBER = "Số:       /BC-SGDĐT"
DOCX_DATED = "ngày    tháng    năm {year}"
DOCX_NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
DOCX_MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOCX_REPORTING = "{part}. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ"
DOCX_REPORTING_SUMMARY = (
    "Tổng số đơn vị thuộc đối tượng báo cáo: {total}; đã gửi báo cáo: {sent} đơn vị "
    "(đạt {share}); chưa nộp báo cáo: {missing} đơn vị."
)
DOCX_REPORTING_HEADER = ["Khối", "Số đơn vị", "Đã gửi báo cáo", "Tỷ lệ"]
DOCX_MISSING = "Các đơn vị chưa nộp báo cáo:"
DOCX_RESULTS = "{part}. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH"
DOCX_RESULTS_LEAD = (
    "Tổng hợp từ {count} báo cáo đã gửi: số liệu là tổng cộng của các đơn vị, "
    "tỷ lệ là bình quân của các đơn vị có số liệu, trừ các tỷ lệ tính trên tổng số hồ sơ."
)
DOCX_RESULTS_HEADER = ["Chỉ tiêu", "Kết quả"]
DOCX_COMMON_RATES = "Các tỷ lệ chung"
DOCX_SUM = "Tổng cộng: {total}"
DOCX_NOBODY = "Không có đơn vị nào báo cáo"
DOCX_MEAN = "Bình quân: {mean}{unit} ({count} đơn vị có số liệu)"
DOCX_YES_COUNT = "{yes}/{total} đơn vị trả lời Có"
DOCX_CHOICE_UNIT = " (đơn vị)"
DOCX_NO_RATE = "Không có số liệu để tính"
DOCX_NOT_MENTIONED = "Các đơn vị không nêu nội dung này trong báo cáo."
DOCX_RECIPIENTS_TITLE = "Nơi nhận:"
DOCX_RECIPIENTS: tuple[str, ...] = (
    "- UBND tỉnh (để báo cáo);",
    "- Sở Nội vụ (để tổng hợp);",
    "- Giám đốc, các Phó Giám đốc Sở;",
    "- Các phòng, đơn vị thuộc Sở;",
    "- Lưu: VT, VP.",
)
DOCX_SIGNER = "GIÁM ĐỐC"
DOCX_SIGN_HINT = "(Ký, ghi rõ họ tên, đóng dấu)"
DOCX_ANNEX = "Phụ lục: {result} ({status})"
DOCX_ANNEX_HEADER = ["STT", "Đơn vị", "Chỉ số CCHC", "Xếp loại", "Xếp hạng"]
DOCX_NOT_SUBMITTED = "chưa nộp báo cáo"

# --- The Excel workbook (bot/services/export_xlsx.py) -----------------------------------

XLSX_SUMMARY_SHEET = "Tổng hợp"
XLSX_BLOCK_PREFIX = "khối "  # dropped from a block's name in its tab: "Khối các trường …"
XLSX_COLUMN_UNIT_CODE = "Mã đơn vị"
XLSX_COLUMN_UNIT_NAME = "Tên đơn vị"
XLSX_COLUMN_DISTRICT = "Địa bàn"
XLSX_COLUMN_STATUS = "Tình trạng báo cáo"
XLSX_COLUMN_SUBMITTED_AT = "Thời điểm gửi"
XLSX_COLUMN_VERSION = "Lần gửi"
XLSX_COLUMN_REFERENCE = "Số hiệu báo cáo"
XLSX_COLUMN_RANK = "Xếp hạng trong khối"
XLSX_TITLE = "TỔNG HỢP BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC CCHC {period}"
XLSX_DATES = "Số liệu từ ngày {data_from} đến ngày {data_to}; hạn gửi {due}."
XLSX_EXPORTED_AT = "Xuất lúc {moment}."
XLSX_RESULT = "Chỉ số, xếp loại và xếp hạng: {result} ({status})."
XLSX_SUMMARY_HEADER = ["Khối", "Số đơn vị", "Đã gửi", "Đang soạn", "Chưa nộp", "Tỷ lệ đã gửi (%)"]

# --- Tables the office imports (bot/tabular.py) -----------------------------------------

# The letters NFD leaves whole, folded by hand so "Mã đơn vị" matches "ma don vi".
FOLD_LETTERS: dict[str, str] = {"đ": "d", "Đ": "D"}
TABLE_NOT_FOUND = "Không tìm thấy tệp {path}."
TABLE_UNREADABLE = "Không đọc được tệp {path}: {error}."
TABLE_UNSUPPORTED = "Định dạng tệp {suffix} chưa được hỗ trợ; vui lòng dùng tệp CSV hoặc XLSX."
TABLE_NOT_UTF8 = (
    "Tệp CSV không ở mã UTF-8. Trong Excel, vui lòng chọn Lưu thành → "
    "“CSV UTF-8 (Comma delimited)”."
)
TABLE_BAD_CSV = "Tệp CSV không hợp lệ (dòng {line}): {error}."
TABLE_BAD_XLSX = "Không đọc được tệp Excel; vui lòng lưu lại ở định dạng .xlsx."
TABLE_EMPTY = "Tệp trống: cần {hint} và dữ liệu."
TABLE_DUPLICATE_COLUMN = 'Dòng {line}: cột "{column}" xuất hiện hai lần.'
TABLE_MISSING_COLUMNS = "Dòng {line}: thiếu cột {columns} ({hint})."
