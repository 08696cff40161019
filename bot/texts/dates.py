"""How dates and reporting periods are worded (bot/formatting.py fills these in): the
quarter as report titles name it, lower case to sit mid-sentence, and a clock time
followed by its date."""

from __future__ import annotations

PERIOD = "quý {quarter}/{year}"
DATETIME = "{time} ngày {date}"
