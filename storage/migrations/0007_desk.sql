-- The office's desk: a period reopened for one unit, the office's review of submitted
-- reports, and every reminder and digest sent (so a restart neither loses nor repeats).

-- After the deadline (or once the office closes the period) a unit may still submit
-- until its own due_at: the office reopened the period for it, or returned its report.
CREATE TABLE period_extensions (
    period_code TEXT NOT NULL REFERENCES periods(code),
    unit_code   TEXT NOT NULL REFERENCES units(code),
    due_at      TEXT NOT NULL,               -- UTC instant
    reason      TEXT NOT NULL CHECK (reason IN ('reopen', 'return')),
    granted_by  TEXT NOT NULL,
    granted_at  TEXT NOT NULL,
    PRIMARY KEY (period_code, unit_code)
);

-- The office's decision on one submitted version. A later version needs its own
-- decision; a later decision on the same version replaces the earlier one.
CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id   INTEGER NOT NULL REFERENCES reports(id),
    unit_code   TEXT NOT NULL REFERENCES units(code),
    period_code TEXT NOT NULL REFERENCES periods(code),
    decision    TEXT NOT NULL CHECK (decision IN ('accepted', 'returned')),
    comment     TEXT NOT NULL DEFAULT '',
    reviewed_by TEXT NOT NULL,
    reviewed_at TEXT NOT NULL
);
CREATE INDEX reviews_period ON reviews(period_code, unit_code, id);
CREATE INDEX reviews_report ON reviews(report_id, id);

-- One row per message of the desk's schedule, written ("sending") before the message
-- goes out and marked after; the office's "remind now" rows wait as "queued" until
-- their time (the end of quiet hours, if pressed at night). slot: "d7", "d3", "d1", "d0" (days before the deadline),
-- "late" (the office's late list), "digest:2025-03-10", "now:<instant>" (the office's
-- "remind now"). deadline: the deadline the message was about, so a moved deadline
-- gets its own reminders; "" for digests.
CREATE TABLE reminders_sent (
    period_code TEXT NOT NULL REFERENCES periods(code),
    slot        TEXT NOT NULL,
    deadline    TEXT NOT NULL,
    telegram_id INTEGER NOT NULL,
    unit_code   TEXT,
    status      TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    at          TEXT NOT NULL,
    error       TEXT,
    PRIMARY KEY (period_code, slot, deadline, telegram_id)
);
CREATE INDEX reminders_sent_unit ON reminders_sent(period_code, unit_code);
