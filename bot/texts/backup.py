"""What backing up and restoring the database (bot/services/backup.py) tells the person
running ``cchc-bot backup`` / ``restore``. Templates are ``str.format`` strings.
"""

from __future__ import annotations

NO_DATABASE = "Không tìm thấy cơ sở dữ liệu {path}."
DEST_EXISTS = "Tệp {path} đã có; vui lòng chọn tên khác (bản sao lưu không ghi đè)."
NO_DIRECTORY = "Không có thư mục {path}."
BACKUP_FAILED = "Không sao lưu được cơ sở dữ liệu: {error}."
FILE_NOT_FOUND = "Không tìm thấy tệp {path}."
CANNOT_OPEN_FILE = "Không mở được tệp {path}: {error}."
NOT_SQLITE = "Tệp {path} không phải cơ sở dữ liệu SQLite hợp lệ ({error})."
TOO_NEW = (
    "Tệp {path} có phiên bản cơ sở dữ liệu {version}, bản cài đặt này "
    "chỉ biết đến phiên bản {latest}; vui lòng dùng phiên bản bot mới hơn để khôi phục."
)
SOURCE_IS_LIVE = "Tệp nguồn chính là cơ sở dữ liệu đang dùng."
CANNOT_OPEN_DATABASE = "Không mở được cơ sở dữ liệu {path}: {error}."
IN_USE = (
    "Cơ sở dữ liệu {path} đang được sử dụng (bot hoặc một lệnh khác đang chạy). "
    "Vui lòng dừng bot rồi chạy lại lệnh khôi phục."
)
RESTORE_FAILED = "Khôi phục không thành công: {error}."
NOT_CCHC = "Tệp {path} không phải cơ sở dữ liệu của cchc-bot (thiếu bảng {tables})."
DAMAGED = "Tệp {path} bị hỏng: {details}."
