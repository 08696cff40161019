"""The report as an Excel workbook, or pasted as numbered lines (handlers/report_excel.py)."""

__all__ = [
    "BTN_EXCEL",
    "EXCEL_CAPTION",
    "EXCEL_CLOSED",
    "EXCEL_REFUSED_CLOSED",
    "EXCEL_REFUSED_PERIOD",
    "EXCEL_REFUSED_TAMPERED",
    "EXCEL_REFUSED_UNIT",
    "EXCEL_REFUSED_VERSION",
    "IMPORT_DONE_FILE",
    "IMPORT_DONE_LINES",
    "IMPORT_ERRORS_FILE",
    "IMPORT_ERRORS_LINES",
    "IMPORT_ERROR_LINE",
    "IMPORT_ERROR_LINE_UNKNOWN",
    "IMPORT_FILE_ROW",
    "IMPORT_FORMULA",
    "IMPORT_LIST_HINT",
    "IMPORT_NOTHING_NEW",
    "IMPORT_NOTHING_NEW_LINES",
    "IMPORT_TWICE",
    "IMPORT_UNKNOWN_KEY",
    "IMPORT_UNKNOWN_NUMBER",
]

BTN_EXCEL = "📥 Tải mẫu Excel"
EXCEL_CAPTION = (
    "📥 Mẫu báo cáo CCHC {period} của {unit} ({count} câu), đã điền sẵn bản nháp hiện có. "
    "Anh/chị điền cột “Trả lời” (ô để trống: giữ nguyên câu trả lời đã có), rồi gửi lại "
    "chính tệp này cho bot dưới dạng tài liệu (📎 → Tệp). Câu cần tệp đính kèm vẫn gửi "
    "qua Telegram."
)
EXCEL_CLOSED = "Kỳ báo cáo {period} hiện không nhận báo cáo của đơn vị, nên không có mẫu để tải."
EXCEL_REFUSED_UNIT = (
    "⚠️ Tệp này là mẫu báo cáo của <b>{found}</b>, không phải của đơn vị anh/chị "
    "(<b>{expected}</b>). Bot không ghi câu trả lời nào. Anh/chị vui lòng tải mẫu của "
    "đơn vị mình bằng nút “📥 Tải mẫu Excel” trong /report."
)
EXCEL_REFUSED_PERIOD = (
    "⚠️ Tệp này là mẫu báo cáo <b>{found}</b>; kỳ đang nhận báo cáo của đơn vị là "
    "<b>{expected}</b>. Bot không ghi câu trả lời nào. Anh/chị vui lòng tải mẫu của kỳ "
    "này bằng nút “📥 Tải mẫu Excel” trong /report."
)
EXCEL_REFUSED_CLOSED = (
    "⚠️ Tệp này là mẫu báo cáo <b>{found}</b>; hiện không có kỳ báo cáo nào đang nhận "
    "báo cáo của đơn vị. Bot không ghi câu trả lời nào."
)
EXCEL_REFUSED_VERSION = (
    "⚠️ Tệp này được tạo theo mẫu báo cáo phiên bản <b>{found}</b>; mẫu báo cáo hiện hành "
    "là phiên bản <b>{expected}</b> (câu hỏi có thể đã thay đổi). Bot không ghi câu trả lời "
    "nào. Anh/chị vui lòng tải mẫu mới bằng nút “📥 Tải mẫu Excel” trong /report."
)
EXCEL_REFUSED_TAMPERED = (
    "⚠️ Phần nhận diện ẩn của tệp mẫu đã bị sửa, nên bot không xác định được tệp thuộc "
    "đơn vị, kỳ báo cáo nào. Bot không ghi câu trả lời nào. Anh/chị vui lòng tải mẫu mới "
    "bằng nút “📥 Tải mẫu Excel” trong /report."
)
IMPORT_ERRORS_FILE = (
    "⚠️ <b>Tệp có {n} lỗi cần sửa.</b> Bot chưa ghi câu trả lời nào trong tệp; anh/chị "
    "vui lòng sửa các ô dưới đây rồi gửi lại tệp:"
)
IMPORT_ERRORS_LINES = (
    "⚠️ <b>Tin nhắn có {n} lỗi cần sửa.</b> Bot chưa ghi câu trả lời nào trong "
    "tin nhắn; anh/chị vui lòng sửa rồi gửi lại:"
)
IMPORT_ERROR_LINE = "• Dòng {row} — Câu {number} ({label}): {message}"
IMPORT_ERROR_LINE_UNKNOWN = "• Dòng {row}{label}: {message}"
IMPORT_LIST_HINT = (
    "\nNếu anh/chị muốn trả lời câu đang hỏi bằng một danh sách đánh số, vui lòng đánh số "
    "kiểu khác (ví dụ “1-” hoặc “a.”): tin nhắn mà mọi dòng đều bắt đầu bằng “số.” được "
    "hiểu là trả lời nhiều câu cùng lúc."
)
IMPORT_DONE_FILE = "📥 Đã ghi {n} câu trả lời từ tệp Excel vào bản nháp."
IMPORT_DONE_LINES = "📥 Đã ghi {n} câu trả lời từ tin nhắn vào bản nháp."
IMPORT_NOTHING_NEW = "📥 Tệp không thay đổi câu trả lời nào của bản nháp."
IMPORT_NOTHING_NEW_LINES = "📥 Tin nhắn không thay đổi câu trả lời nào của bản nháp."

# A refused cell of the Excel template or line of pasted answers (report_workbook codes).
IMPORT_FORMULA = "Ô có công thức; vui lòng nhập giá trị (không dùng công thức)."
IMPORT_FILE_ROW = "Câu này cần tệp đính kèm; vui lòng gửi tệp qua Telegram."
IMPORT_UNKNOWN_KEY = (
    "Câu hỏi này không có trong mẫu báo cáo của đơn vị hiện nay; vui lòng tải mẫu Excel mới."
)
IMPORT_UNKNOWN_NUMBER = "Báo cáo không có câu số {n}."
IMPORT_TWICE = "Câu này được nhập nhiều lần (dòng {rows})."
