"""Why a message could not be delivered, as the outbox (bot/services/outbox.py) stores it
with the row and the office later reads it in a broadcast's report. The Telegram
transport (handlers/broadcast_delivery.py) gives the same reason for a blocked bot, so
it takes it from here: one copy.
"""

from __future__ import annotations

REASON_BLOCKED = "Người nhận đã chặn bot"
REASON_NO_BROADCAST = "Không tìm thấy bản tin"
REASON_UNEXPECTED = "Lỗi không xác định: {error}"  # cut to 200 characters when stored
