"""Scoring: the methodology as data, a pure engine that scores one unit, block ranking.

Nothing here does I/O beyond reading the methodology file, so the same code scores a
quarter for /standing, for the office's export and for the benchmarks.
"""
