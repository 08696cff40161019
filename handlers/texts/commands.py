"""The command menus Telegram shows under "/" (handlers/commands.py); office members also see
the unit commands.
"""

__all__ = [
    "OFFICE_COMMAND_MENU",
    "UNIT_COMMAND_MENU",
]

UNIT_COMMAND_MENU = {
    "report": "Lập, sửa và gửi báo cáo CCHC hằng quý",
    "status": "Tình hình các báo cáo đơn vị đã nộp",
    "standing": "Kết quả đã công bố và xếp hạng của đơn vị",
    "trend": "Diễn biến kết quả theo dõi các quý",
    "ranking": "Bảng xếp hạng của khối",
    "explain": "Giải trình về điểm thẩm định",
    "cancel": "Tạm dừng lập báo cáo (giữ bản nháp)",
    "practices": "Thư viện điển hình tiên tiến, mô hình hay",
    "nominate": "Đề xuất mô hình hay của đơn vị",
    "award_dossier": "Hồ sơ đề nghị khen thưởng CCHC của đơn vị",
    "help": "Hướng dẫn sử dụng",
}
OFFICE_COMMAND_MENU = {
    "status": "Tình hình gửi báo cáo theo khối",
    "view": "Xem báo cáo của một đơn vị",
    "review": "Xem xét, chấp nhận hoặc trả lại báo cáo",
    "late": "Đơn vị chưa nộp, quá hạn; nhắc ngay",
    "period": "Kỳ báo cáo: mở, đóng, hạn nộp",
    "reopen": "Mở lại kỳ báo cáo cho một đơn vị",
    "invite": "Tạo mã mời cho đơn vị",
    "broadcast": "Soạn và gửi bản tin điển hình tiên tiến",
    "broadcasts": "Các bản tin đã gửi, đã nhận, đã đọc",
    "nominations": "Đề xuất mô hình hay chờ duyệt",
    "appraise": "Thẩm định điểm của đơn vị",
    "explanations": "Giải trình của đơn vị đang chờ xem xét",
    "publish": "Công bố kết quả theo dõi quý, Chỉ số CCHC năm",
    "awards": "Đề xuất khen thưởng CCHC hằng năm",
    "nominate_person": "Đề cử công chức được khen thưởng CCHC",
    "export": "Xuất bảng tổng hợp, dự thảo báo cáo CCHC quý",
    "audit": "Nhật ký thay đổi của một đơn vị",
}
