"""Charts for standings: plain data in, PNG bytes out, safe to call from any thread."""

from charts.leaderboard import MAX_BARS, Bar, leaderboard_png
from charts.trend import TrendPoint, trend_png

__all__ = ["MAX_BARS", "Bar", "TrendPoint", "leaderboard_png", "trend_png"]
