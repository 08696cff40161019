-- Initial schema: roster, people and their bindings, invites, periods, drafts,
-- submitted report versions, the audit log and conversation sessions.
-- Times are ISO-8601 UTC strings ("2025-03-15T02:14:00+00:00").

CREATE TABLE blocks (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0
);

INSERT INTO blocks (code, name, position) VALUES
    ('phong_so',   'Khối các phòng chuyên môn, nghiệp vụ thuộc Sở', 1),
    ('phong_gd',   'Khối các Phòng Giáo dục và Đào tạo',             2),
    ('truc_thuoc', 'Khối các trường THPT và đơn vị trực thuộc',     3),
    ('trung_tam',  'Khối các Trung tâm GDTX, GDNN-GDTX',            4);

CREATE TABLE units (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    block       TEXT NOT NULL REFERENCES blocks(code),
    district    TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX units_block ON units(block);

CREATE TABLE people (
    telegram_id INTEGER PRIMARY KEY,
    full_name   TEXT NOT NULL DEFAULT '',
    username    TEXT,
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL
);

-- One binding per person: a person acts for one unit at a time.
CREATE TABLE memberships (
    telegram_id INTEGER PRIMARY KEY REFERENCES people(telegram_id),
    unit_code   TEXT NOT NULL REFERENCES units(code),
    role        TEXT NOT NULL CHECK (role IN ('head', 'reporter')),
    invite_id   INTEGER REFERENCES invites(id),
    bound_at    TEXT NOT NULL
);
CREATE INDEX memberships_unit ON memberships(unit_code);

-- Only a hash of the code is kept: a stolen database file gives no usable invites.
CREATE TABLE invites (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    code_hash   TEXT NOT NULL UNIQUE,
    unit_code   TEXT NOT NULL REFERENCES units(code),
    role        TEXT NOT NULL CHECK (role IN ('head', 'reporter')),
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    used_by     INTEGER,
    revoked_at  TEXT
);

CREATE TABLE invite_failures (
    telegram_id INTEGER NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX invite_failures_user ON invite_failures(telegram_id, at);

CREATE TABLE periods (
    code        TEXT PRIMARY KEY,            -- "2025-Q1"
    year        INTEGER NOT NULL,
    quarter     INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    data_from   TEXT NOT NULL,               -- dates, yyyy-mm-dd
    data_to     TEXT NOT NULL,
    due_at      TEXT NOT NULL,               -- UTC instant
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    UNIQUE (year, quarter)
);

CREATE TABLE drafts (
    unit_code   TEXT NOT NULL REFERENCES units(code),
    period_code TEXT NOT NULL REFERENCES periods(code),
    answers     TEXT NOT NULL DEFAULT '{}',  -- JSON: field key -> stored value
    updated_by  INTEGER,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (unit_code, period_code)
);

CREATE TABLE reports (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_code    TEXT NOT NULL REFERENCES units(code),
    period_code  TEXT NOT NULL REFERENCES periods(code),
    version      INTEGER NOT NULL,
    reference    TEXT NOT NULL UNIQUE,
    form_version TEXT NOT NULL,
    answers      TEXT NOT NULL,
    submitted_by INTEGER NOT NULL,
    submitted_at TEXT NOT NULL,
    UNIQUE (unit_code, period_code, version)
);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,               -- "tg:123", "cli", "system"
    action      TEXT NOT NULL,
    unit_code   TEXT,
    detail      TEXT NOT NULL DEFAULT '{}'   -- JSON
);
CREATE INDEX audit_unit ON audit_log(unit_code, at);

-- Where each person is in a multi-step conversation; written on every step so
-- that a killed process resumes exactly there.
CREATE TABLE sessions (
    telegram_id INTEGER PRIMARY KEY,
    flow        TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT '{}',
    updated_at  TEXT NOT NULL
);
