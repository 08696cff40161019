"""Load errors of the office's data files: the report form, the methodology (bộ tiêu
chí) and the year book that pairs them. The office reads these when start-up or
``cchc-bot doctor`` stops on a typo, so each names the setting to change in its words.

Templates are ``str.format`` strings; ``{key!r}`` quotes a key as the file spells it.
"""

from __future__ import annotations

# --- Shared by both files -------------------------------------------------------------

WHOLE_FILE = "tệp"  # the place of an error that belongs to no setting
UNREADABLE = "{path}: không đọc được tệp ({error})"
BAD_TOML = "{where}: TOML không hợp lệ: {error}"
LITERAL_ERROR = "giá trị không hợp lệ, phải là một trong: {expected}"
OR = " hoặc "  # joins the allowed values of a methodology setting
GREATER_THAN = "phải lớn hơn {gt}"

# pydantic's error types, in the office's words (the form's file).
FORM_PYDANTIC_MESSAGES: dict[str, str] = {
    "missing": "thiếu mục bắt buộc",
    "extra_forbidden": "mục không được hỗ trợ (kiểm tra chính tả)",
    "string_type": "phải là chuỗi ký tự trong dấu ngoặc kép",
    "bool_type": "phải là true hoặc false",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "decimal_type": "phải là một số",
    "decimal_parsing": "phải là một số",
    "tuple_type": "phải là một danh sách [ ... ]",
    "too_short": "không được để trống",
    "string_too_short": "không được để trống",
    "string_too_long": "quá dài",
    "string_pattern_mismatch": "chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới",
    "greater_than_equal": "quá nhỏ",
    "less_than_equal": "quá lớn",
}

# The methodology's file has a few more kinds of setting (floats, tables, "> 0").
METHODOLOGY_PYDANTIC_MESSAGES: dict[str, str] = {
    **FORM_PYDANTIC_MESSAGES,
    "int_from_float": "phải là số nguyên",
    "finite_number": "phải là một số hữu hạn",
    "model_type": "phải là một bảng { ... }",
    "greater_than": "phải lớn hơn 0",
}

# --- The report form (bot/forms/schema.py) ----------------------------------------------

FIELD_CHOICE_NEEDS_TWO = "trường kiểu choice cần ít nhất hai lựa chọn (choices)"
FIELD_CHOICES_ONLY_FOR_CHOICE = "chỉ trường kiểu choice mới có choices"
FIELD_MIN_OVER_MAX = "min lớn hơn max"
FIELD_MIN_MAX_ONLY_NUMERIC = "min/max chỉ dùng cho trường số (integer, decimal, percent)"
FIELD_MAX_LENGTH_ONLY_TEXT = "max_length chỉ dùng cho trường văn bản (text)"
FIELD_FILE_NEEDS_ACCEPT = 'trường kiểu file cần khai báo accept, ví dụ ["pdf", "docx"]'
FIELD_DUPLICATE_CHOICE = "khoá lựa chọn (choices.key) bị trùng"
RULE_BOTH_KINDS = (
    "một ràng buộc hoặc so sánh (left, op, right) hoặc bắt buộc có "
    "(when, require_one_of), không dùng cả hai"
)
RULE_REQUIREMENT_INCOMPLETE = "ràng buộc bắt buộc có cần cả when và require_one_of"
RULE_REQUIREMENT_SELF = "require_one_of không được chứa chính trường when"
RULE_COMPARISON_INCOMPLETE = "ràng buộc so sánh cần đủ left, op và right"
FORM_DUPLICATE_KEY = "khoá trường {key!r} bị trùng"
FORM_WHEN_NOT_EARLIER = (
    "trường {field!r}: when nhắc tới {key!r}, phải là một câu hỏi đứng trước trong mẫu báo cáo"
)
FORM_WHEN_NEEDS_YESNO = "trường {field!r}: when = {key!r} cần một câu Có/Không"
FORM_WHEN_NEEDS_NUMBER = "trường {field!r}: when so sánh {key!r}, phải là trường số"
FORM_CARRY_FROM_UNKNOWN = (
    "trường {field!r}: carry_from nhắc tới {key!r}, không có trong mẫu báo cáo"
)
FORM_RULE_UNKNOWN = "ràng buộc (rules) thứ {n} nhắc tới {key!r}, không có trong mẫu báo cáo"
FORM_RULE_NOT_NUMERIC = "ràng buộc (rules) thứ {n} nhắc tới {key!r}, không phải trường số"

# --- The methodology (bot/scoring/methodology.py) ---------------------------------------

# The plan's contents a–g (section II), as the plan letters them: criteria cite them.
PLAN_ITEMS: tuple[str, ...] = ("a", "b", "c", "d", "đ", "e", "g")

# Settings earlier files used that the rules no longer allow, and why.
RETIRED_MISSING = (
    "không còn dùng missing: câu bị bỏ qua luôn tính 0 điểm (giữ điểm tối đa), để "
    "bỏ qua không bao giờ có lợi hơn trả lời; muốn cho đơn vị khai báo không áp dụng, "
    "dùng applies_if (một câu Có/Không bắt buộc)"
)
RETIRED_FULL = (
    "không còn dùng full: đơn vị khai mẫu số bằng 0 (ví dụ 0 nhiệm vụ) sẽ được "
    "điểm tối đa; dùng zero hoặc not_applicable"
)
# The report field types, as `cchc-bot form show` lists them and a measure's error names
# the ones it can read.
TYPE_NAMES: dict[str, str] = {
    "integer": "số nguyên",
    "decimal": "số thập phân",
    "percent": "tỷ lệ %",
    "yesno": "Có/Không",
    "choice": "chọn một",
    "text": "văn bản",
    "file": "tệp đính kèm",
}
PLAN_ITEMS_DUPLICATE = "plan_items bị trùng mục"
FORM_HAS_NO_FIELD = "mẫu báo cáo {version} không có trường {key!r}"
APPLIES_IF_NOT_YESNO = "trường {key!r} phải là câu Có/Không bắt buộc (type = yesno, required)"
INPUT_WRONG_TYPE = (
    "trường {key!r} của mẫu báo cáo có kiểu {kind}, phép đo {measure} cần trường kiểu: {wanted}"
)
COMPUTED_NEEDS_MEASURE = (
    "tiêu chí tính từ báo cáo (source = computed) cần measure: rate, count, yesno hoặc percent"
)
YESNO_NO_TARGET = "phép đo yesno không dùng target, rule hay steps"
RATE_RANGE = "tỷ lệ từ 0 đến 1, ví dụ 0.9"
PERCENT_RANGE = "từ 0 đến 100"
TARGET_OUT_OF_RANGE = "với phép đo {measure}, phải là {unit}"
LINEAR_NEEDS_TARGET = "quy tắc linear cần target (mức mục tiêu)"
STEPS_ONLY_FOR_STEPS = 'steps chỉ dùng khi rule = "steps"'
RATE_NEEDS_INPUT = "phép đo rate cần {name} (danh sách trường báo cáo)"
RATE_NO_REPORT_FIELD = "phép đo rate dùng numerator/denominator, không dùng report_field"
RATE_NEEDS_ZERO_DENOMINATOR = (
    "phép đo rate cần zero_denominator (zero hoặc not_applicable): cách chấm khi mẫu số bằng 0"
)
SINGLE_NEEDS_REPORT_FIELD = "phép đo {measure} cần report_field (một trường báo cáo)"
SINGLE_NO_RATE_INPUT = "phép đo {measure} dùng report_field, không dùng {name}"
ZERO_DENOMINATOR_ONLY_RATE = "zero_denominator chỉ dùng cho phép đo rate"
NOT_COMPUTED_SETTINGS = (
    "tiêu chí source = {source} không dùng {used} (chỉ tiêu chí computed mới tính từ báo cáo)"
)
NOT_SELF_SETTINGS = (
    "tiêu chí source = {source} không dùng {used} (chỉ tiêu chí self mới do đơn vị tự chấm)"
)
SELF_NEEDS_CLAIM = (
    "tiêu chí đơn vị tự chấm (source = self) cần claim_field: trường báo cáo ghi điểm tự chấm"
)
SELF_NEEDS_BACKING = (
    "tiêu chí đơn vị tự chấm cần evidence_field (tệp tài liệu kiểm chứng) "
    "hoặc explanation_field (văn bản giải trình), hoặc cả hai"
)
DECLARATION_IS_INPUT = (
    "câu {key!r} là số liệu của chính tiêu chí; câu khai báo không "
    "áp dụng phải là một câu Có/Không riêng"
)
CLAIM_FIELD_WRONG_TYPE = "trường {key!r} của mẫu báo cáo có kiểu {kind}, {name} cần kiểu: {wanted}"
UNLIMITED = "không giới hạn"
CLAIM_MAX_MISMATCH = (
    "trường {key!r} của mẫu báo cáo cho tự chấm tối đa {allowed} điểm; "
    "phải đặt max = {max_points} như max_points của tiêu chí"
)
CLAIM_NEEDS_RULE = (
    "mẫu báo cáo cần ràng buộc [[rules]] when = {key!r}, "
    "require_one_of = [{listed}] để điểm tự chấm luôn có tài liệu kiểm chứng "
    "hoặc giải trình"
)
STEPS_EMPTY = 'rule = "steps" cần ít nhất một bậc trong steps'
STEP_OVER_MAX = "{points} lớn hơn max_points của tiêu chí ({max_points})"
STEPS_NOT_ASCENDING = "các bậc phải xếp theo at_least tăng dần"
STEPS_POINTS_DECREASE = "bậc cao hơn không được ít điểm hơn bậc liền trước"
BANDS_NOT_DESCENDING = "các mức xếp loại phải xếp theo min_index giảm dần, không trùng nhau"
BANDS_DUPLICATE_NAME = "tên mức xếp loại bị trùng"
BANDS_LAST_NOT_ZERO = "mức xếp loại cuối phải có min_index = 0 để mọi chỉ số đều được xếp loại"
DUPLICATE_GROUP = "khoá lĩnh vực bị trùng với fields[{n}]"
DUPLICATE_CRITERION = "khoá tiêu chí bị trùng với {place}"

# --- The year book (bot/yearbook.py) ------------------------------------------------------

NO_YEARS = "không có năm nào có mẫu báo cáo và bộ tiêu chí"
SHIPPED_FORM = "(mẫu có sẵn) {name}"
SHIPPED_METHODOLOGY = "(bộ tiêu chí có sẵn) {name}"
FORM_WITHOUT_METHODOLOGY = "{where}: năm {year} có mẫu báo cáo nhưng chưa có bộ tiêu chí ({name})"
METHODOLOGY_WITHOUT_FORM = "{where}: năm {year} có bộ tiêu chí nhưng chưa có mẫu báo cáo ({name})"
CHECKED_AGAINST_FORM = "{error} (đối chiếu với mẫu báo cáo {where})"
YEAR_MISMATCH = "{where}: year = {year} nhưng tên tệp là của năm {file_year}"
