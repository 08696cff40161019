"""What `cchc-bot` prints: the parser's help, the units/blocks/form/awards/demo commands,
and what every command group shares (metavars, refusals, file errors).

The other command groups have their own modules (``cli_desk``, ``cli_doctor``,
``cli_invites``, ``cli_scoring``). Plain constants only: the parser is built from these
at every start, and `cchc-bot --help` must stay fast (tests/unit/test_cli_imports.py).
Templates are filled with ``str.format`` by their named fields.
"""

from __future__ import annotations

from bot.texts import rules

# -- shared by every command group ------------------------------------------------------

METAVAR_COMMAND = "LỆNH"
METAVAR_ACTION = "THAO_TÁC"
METAVAR_YEAR = "NĂM"
METAVAR_PERIOD = "KỲ"
METAVAR_UNIT = "MÃ_ĐƠN_VỊ"
METAVAR_BLOCK = "MÃ_KHỐI"
METAVAR_BLOCK_NAME = "TÊN_KHỐI"
METAVAR_DATE = "NGÀY"
METAVAR_FILE = "TỆP"
HELP_OUTPUT_STDOUT = "tệp ghi ra (mặc định: stdout)"

CONFIG_ERROR = "Lỗi cấu hình: {error}"
CANNOT_WRITE = "Không ghi được tệp {path}: {reason}."
NO_UNITS = "Chưa có đơn vị nào. Nhập danh sách bằng: cchc-bot units import FILE"
UNKNOWN_UNIT = 'Không có đơn vị mã "{unit}" trong danh sách.'
REFUSED_IMPORT = "Không nhập được {what} từ {name} ({count} lỗi); chưa có thay đổi nào được ghi:"
NO_RULES_FOR_YEAR = (
    "năm {year} chưa có mẫu báo cáo và bộ tiêu chí ({files}); các năm đã có: {years}"
)
NO_RULES_FILES_JOIN = " và "

# -- the parser -------------------------------------------------------------------------

DESCRIPTION = "Bot Telegram theo dõi phong trào thi đua cải cách hành chính (CCHC)."
HELP_DB = "tệp cơ sở dữ liệu (thay cho CCHC_DB_PATH)"
HELP_VERBOSE = "ghi nhật ký chi tiết (mức INFO)"
HELP_UNITS = "danh sách đơn vị"
HELP_UNITS_IMPORT = "nhập danh sách đơn vị từ tệp CSV/XLSX"
HELP_UNITS_LIST = "liệt kê các đơn vị"
HELP_BLOCKS = "các khối thi đua"
HELP_BLOCKS_LIST = "liệt kê các khối"
HELP_BLOCKS_ADD = "thêm khối (hoặc đổi tên khối đã có)"
HELP_FORM = "mẫu báo cáo"
HELP_FORM_SHOW = "hiển thị các câu hỏi của mẫu báo cáo"
HELP_FORM_JSON = "xuất dạng JSON"
HELP_FORM_YEAR = "năm của mẫu báo cáo (mặc định: năm nay)"
HELP_AWARDS = "đề xuất khen thưởng CCHC hằng năm"
DESCRIPTION_AWARDS = "Danh sách đề xuất khen thưởng theo Kế hoạch (mục III), kèm số liệu căn cứ."
HELP_AWARDS_YEAR = "ví dụ 2025"
HELP_RUN = "chạy bot (long polling)"
HELP_DEMO = "chạy thử bot trong terminal, không cần Telegram"

# -- units and blocks -------------------------------------------------------------------

ROSTER_WHAT = "danh sách"
UNITS_IMPORTED = "Đã nhập {total} đơn vị: {added} mới, {updated} cập nhật, {unchanged} không đổi."
UNITS_COLUMNS = ("Mã", "Tên đơn vị", "Khối", "Địa bàn")
UNITS_TOTAL = "Tổng cộng: {count} đơn vị."
BLOCKS_COLUMNS = ("Thứ tự", "Mã khối", "Tên khối", "Số đơn vị")
BLOCK_ADDED = "Đã thêm khối {code} – {name} (thứ tự {position})."
BLOCK_RENAMED = "Đã cập nhật tên khối {code}: {name}."

# -- the form ---------------------------------------------------------------------------

TYPE_NAMES = rules.TYPE_NAMES  # one copy, with the methodology's load errors
FORM_TITLE = "{title} (phiên bản {version})\n"
FORM_COUNT = "{count} câu hỏi.\n"
FORM_REQUIRED = "bắt buộc"
FORM_OPTIONAL = "không bắt buộc"
TYPE_FROM = "{kind}, từ {low}"
TYPE_TO = " đến {high}"
TYPE_TEXT = "{kind}, tối đa {limit} ký tự"
TYPE_FILE = "{kind} {exts}, tối đa {size} MB"

# -- awards -----------------------------------------------------------------------------

AWARD_COLUMNS = (
    "Hạng mục",
    "Vị trí",
    "Đồng hạng",
    "Mã đơn vị",
    "Tên đơn vị",
    "Khối",
    "Người được đề nghị",
    "Chỉ số năm",
    "Xếp loại",
    "Hạng trong khối",
    "Số đơn vị được xếp hạng",
    "Hồ sơ TTHC trình Sở",
    "Trong đó trực tuyến",
    "Tỷ lệ trình Sở trực tuyến (%)",
    "Số quý có báo cáo",
    "Lý do chưa đạt",
    "Lý do đề cử",
    "Hồ sơ đề nghị",
    "Văn bản còn thiếu",
    "Căn cứ (Kế hoạch, mục III.1)",
)
AWARD_CATEGORIES = {
    "unit": "Tập thể đơn vị trực thuộc",
    "head": "Thủ trưởng đơn vị trực thuộc",
    "division": "Phòng chuyên môn, nghiệp vụ thuộc Sở",
    "person": "Công chức (Văn phòng Sở đề cử)",
    "passed": "Chưa đạt: đơn vị xếp hạng cao trong Khối các đơn vị trực thuộc",
}
AWARD_TIED_CELL = "có"
AWARDS_BAD_YEAR = "Năm {year} không hợp lệ; vui lòng ghi năm bằng 4 chữ số, ví dụ 2025."
AWARDS_WRITTEN = "Đã ghi danh sách đề xuất khen thưởng năm {year} vào tệp {path}."
DOSSIER_NOT_PROPOSED = "chưa đề nghị"

REASON_BAND_LOW = "xếp loại {band}, dưới mức tối thiểu {min_band}"
REASON_ONLINE_LOW = (
    "tỷ lệ hồ sơ trình Sở trực tuyến {share}% ({online}/{submitted}) — không trên 90%"
)
REASON_NO_PROCEDURES = "không có hồ sơ trình Sở trong năm nên chưa xác định được tỷ lệ trực tuyến"
REASON_OLD_FORM = "chưa có số liệu hồ sơ trình Sở (báo cáo quý {quarters} lập theo mẫu cũ)"

AWARDS_TITLE = "Đề xuất khen thưởng phong trào thi đua CCHC năm {year}"
AWARDS_PLAN = "Theo mục III.1 {plan}."
AWARDS_DUE = "Hạn nộp hồ sơ đề nghị khen thưởng về Sở: {due}."
AWARDS_NOT_PUBLISHED = (
    "Kết quả Chỉ số CCHC năm {year} chưa được công bố; danh sách là tạm tính "
    "và chỉ được chốt sau khi công bố."
)
AWARDS_UNKNOWN_BLOCKS = (
    "Lưu ý: danh sách đơn vị chưa có khối {blocks} "
    "(CCHC_AWARD_BLOCKS); các khối này không được xét."
)
AWARDS_PROCEDURES = "hồ sơ trình Sở trực tuyến {online}/{submitted} = {share}"
AWARDS_NO_PROCEDURE_DATA = "chưa có số liệu hồ sơ trình Sở"
AWARDS_NUMBERS = "chỉ số {index} ({band}), hạng {rank}/{ranked}; {procedures}"
AWARDS_DOSSIER = "hồ sơ {state}"
AWARDS_DOSSIER_MISSING = ", còn thiếu: {missing}"
AWARDS_TIED = " (đồng hạng)"
AWARDS_QUOTE = "  Kế hoạch: “{sentence}”"
AWARDS_NO_BLOCKS = "chưa có khối nào"
AWARDS_NONE = "  (chưa có)"
AWARDS_UNITS_TITLE = "1. Tập thể 04 đơn vị trực thuộc"
AWARDS_UNITS_RULE = (
    "  Khối các đơn vị trực thuộc gồm: {blocks} (xếp hạng chung). Điều kiện: xếp "
    "loại {min_band} trở lên; trên 90% hồ sơ thủ tục hành chính trình Sở "
    "trực tuyến (đúng 90% là chưa đạt)."
)
AWARDS_UNIT_PICK = "  {position}) {name} ({code}){tied}: {numbers}; {dossier}"
AWARDS_NONE_ELIGIBLE = "  (chưa có đơn vị nào đủ điều kiện)"
AWARDS_PASSED_OVER = "  Chưa đạt: {name} ({code}), hạng {rank}, chỉ số {index}: {reasons}"
AWARDS_HEADS_TITLE = "2. Thủ trưởng 02 đơn vị trực thuộc"
AWARDS_HEAD_PICK = "  {position}) {name} ({code}){tied}: {heads}"
AWARDS_NO_HEAD = "chưa có Thủ trưởng đăng ký trên bot"
AWARDS_DIVISIONS_TITLE = "3. 02 phòng chuyên môn, nghiệp vụ thuộc Sở đạt loại {bands}"
AWARDS_DIVISION_PICK = (
    "  {position}) {name} ({code}){tied}: chỉ số {index} ({band}), hạng {rank}/{ranked}; {dossier}"
)
AWARDS_PERSONS_TITLE = "4. 02 công chức do Văn phòng Sở đề cử"
AWARDS_PERSON = "  #{id} {name} — {unit}: {reason}; {dossier}"

# -- the demo command -------------------------------------------------------------------

DEMO_NEEDS_AIOHTTP = (
    "Chế độ chạy thử cần gói aiohttp, chưa được cài đặt; "
    'hãy cài bằng lệnh: pip install "cchc-bot[demo]" '
    '(trong thư mục mã nguồn: pip install -e ".[demo]").'
)
DEMO_MISSING = "Bản cài đặt này chưa có chế độ chạy thử (thiếu mô-đun bot.demo)."
