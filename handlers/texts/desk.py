"""The office's desk (handlers/desk.py): /export, /audit and the daily backup's failure notice."""

__all__ = [
    "AUDIT_HEADER",
    "AUDIT_LINE",
    "AUDIT_NONE",
    "AUDIT_USAGE",
    "BACKUP_FAILED",
    "EXPORT_CAPTION",
    "EXPORT_DOCX_NOTE",
    "EXPORT_DOCX_NO_PROVINCE",
    "EXPORT_KINDS",
    "EXPORT_USAGE",
]

EXPORT_USAGE = (
    "Cú pháp: <code>/export KỲ [xlsx|docx|csv]</code>, ví dụ <code>/export 2025-Q1 docx</code>.\n"
    "• xlsx (mặc định) — bảng tổng hợp theo khối: số liệu, tỷ lệ, Chỉ số CCHC, xếp hạng;\n"
    "• docx — dự thảo Báo cáo kết quả thực hiện công tác CCHC quý của Sở;\n"
    "• csv — dữ liệu thô để xử lý bằng phần mềm khác."
)
EXPORT_KINDS = {
    "xlsx": "Bảng tổng hợp báo cáo CCHC",
    "docx": "Dự thảo báo cáo kết quả thực hiện công tác CCHC",
    "csv": "Dữ liệu báo cáo CCHC",
}
EXPORT_CAPTION = (
    "{kind} {period}: {units} đơn vị, trong đó {submitted} đơn vị đã gửi báo cáo.\nXuất lúc {at}."
)
EXPORT_DOCX_NOTE = (
    "\nĐây là bản dự thảo: vui lòng điền số, ngày văn bản và rà soát trước khi trình ký."
)
EXPORT_DOCX_NO_PROVINCE = (
    "\nChưa đặt tên tỉnh (CCHC_PROVINCE) nên phần đầu văn bản chưa có dòng tên Ủy ban nhân "
    "dân tỉnh và địa danh; vui lòng bổ sung khi rà soát."
)
AUDIT_USAGE = (
    "Cú pháp: <code>/audit MÃ_ĐƠN_VỊ [số mục]</code>, ví dụ <code>/audit THPT-QH 50</code> "
    "(mặc định 30 mục mới nhất, tối đa 200)."
)
AUDIT_HEADER = (
    "<b>Nhật ký thay đổi của {unit}</b> ({code})\n{n} mục mới nhất, mục mới nhất ở trên:"
)
AUDIT_NONE = "Chưa có thay đổi nào được ghi nhận cho {unit} ({code})."
AUDIT_LINE = "\n<b>{at}</b> — {actor}\n{text}"
BACKUP_FAILED = (
    "⚠️ Sao lưu tự động cơ sở dữ liệu lúc {at} không thành công: {reason}\n"
    "Vui lòng kiểm tra máy chủ (dung lượng đĩa, thư mục sao lưu) hoặc sao lưu thủ công bằng "
    "lệnh <code>cchc-bot backup THƯ_MỤC</code>."
)
