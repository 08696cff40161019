"""Why the roster refuses a block or the office's file of units (bot/services/roster.py),
as ``cchc-bot roster`` / ``block add`` print it: every wrong row of a file is named by
its line so the office fixes the file in one pass. Templates are ``str.format`` strings.
"""

from __future__ import annotations

BAD_BLOCK_CODE = (
    'Mã khối "{code}" không hợp lệ: chỉ gồm chữ thường không dấu, chữ số và '
    "dấu gạch dưới, tối đa 32 ký tự (ví dụ: mam_non)."
)
EMPTY_BLOCK_NAME = "Tên khối không được để trống."
LONG_BLOCK_NAME = "Tên khối dài quá 200 ký tự."

HEADER_HINT = "dòng tiêu đề cần có: {columns}; cột district có thể bỏ"
NO_ROWS = "Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề)."
ROW = "Dòng {line}: {reasons}."  # reasons joined by REASONS_JOINER
REASONS_JOINER = "; "
EMPTY_CODE = "mã đơn vị để trống"
DUPLICATE_CODE = 'mã đơn vị "{code}" trùng với dòng {first}'
EMPTY_NAME = "tên đơn vị để trống"
EMPTY_BLOCK = "khối để trống (các khối hợp lệ: {blocks})"
UNKNOWN_BLOCK = 'khối "{block}" không tồn tại (các khối hợp lệ: {blocks})'
UNIT_CODE_RULE = (
    "chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới; tối đa 32 ký tự"
)
BAD_UNIT_CODE = 'mã đơn vị "{code}" không hợp lệ ({rule})'
LONG_UNIT_NAME = "tên đơn vị dài quá 200 ký tự"
LONG_DISTRICT = "tên địa bàn dài quá 100 ký tự"
BAD_VALUE = "giá trị cột {column} không hợp lệ"
