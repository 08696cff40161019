-- Standings: the office's appraisal points, units' explanations of adjustments, and
-- which rankings have been published (units see only published results).

CREATE TABLE appraisals (
    unit_code    TEXT NOT NULL REFERENCES units(code),
    period_code  TEXT NOT NULL REFERENCES periods(code),
    criterion    TEXT NOT NULL,
    points       TEXT NOT NULL,              -- decimal, e.g. "7.5"
    reason       TEXT NOT NULL,
    appraised_by TEXT NOT NULL,
    appraised_at TEXT NOT NULL,
    PRIMARY KEY (unit_code, period_code, criterion)
);

CREATE TABLE explanations (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_code    TEXT NOT NULL REFERENCES units(code),
    period_code  TEXT NOT NULL REFERENCES periods(code),
    criterion    TEXT NOT NULL,
    text         TEXT NOT NULL,
    written_by   INTEGER NOT NULL,
    written_at   TEXT NOT NULL,
    closed_by    TEXT,
    closed_at    TEXT,
    response     TEXT
);
CREATE INDEX explanations_open ON explanations(closed_at, unit_code);

CREATE TABLE publications (
    scope        TEXT PRIMARY KEY,           -- "2025-Q1", "2025-YTD", "2025"
    published_by TEXT NOT NULL,
    published_at TEXT NOT NULL
);

-- Rankings are cached by the newest audit id of the actions that change them.
CREATE INDEX audit_action ON audit_log(action, id);
