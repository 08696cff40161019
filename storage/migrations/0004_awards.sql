-- Awards (khen thưởng): civil servants nominated by the office, the units the office has
-- asked for a proposal dossier, the documents they attached, and the reminders sent.

CREATE TABLE award_nominations (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    year         INTEGER NOT NULL,
    unit_code    TEXT NOT NULL REFERENCES units(code),
    full_name    TEXT NOT NULL,
    reason       TEXT NOT NULL,
    nominated_by TEXT NOT NULL,
    nominated_at TEXT NOT NULL,
    withdrawn_by TEXT,
    withdrawn_at TEXT
);
CREATE INDEX award_nominations_year ON award_nominations(year, withdrawn_at);

-- One row per (year, unit) once the office has confirmed the list: the unit must send a
-- dossier. ``grounds`` (JSON) says what for; ``released_at`` is set when the unit
-- drops out of a later confirmed list (no more reminders; its documents are kept).
CREATE TABLE award_dossiers (
    year         INTEGER NOT NULL,
    unit_code    TEXT NOT NULL REFERENCES units(code),
    grounds      TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    released_at  TEXT,
    PRIMARY KEY (year, unit_code)
);

-- The latest file per document kind; replaced files remain in the audit log.
CREATE TABLE award_documents (
    year           INTEGER NOT NULL,
    unit_code      TEXT NOT NULL REFERENCES units(code),
    kind           TEXT NOT NULL CHECK (kind IN ('proposal', 'minutes', 'achievements')),
    file_id        TEXT NOT NULL,
    file_unique_id TEXT NOT NULL DEFAULT '',
    file_name      TEXT NOT NULL,
    mime_type      TEXT NOT NULL DEFAULT '',
    file_size      INTEGER NOT NULL,
    uploaded_by    INTEGER NOT NULL,
    uploaded_at    TEXT NOT NULL,
    PRIMARY KEY (year, unit_code, kind)
);

-- A reminder is recorded before it is sent, so it goes out at most once, even across
-- restarts. ``status`` 'skipped': superseded by a later reminder while the bot was down.
CREATE TABLE award_reminders (
    year        INTEGER NOT NULL,
    unit_code   TEXT NOT NULL REFERENCES units(code),
    days_before INTEGER NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('sent', 'skipped')),
    at          TEXT NOT NULL,
    PRIMARY KEY (year, unit_code, days_before)
);
