-- Broadcasts of exemplary practices: what the office sends, a persistent outbox with one
-- row per recipient, acknowledgements, recipients who blocked the bot, and the practice
-- library with units' nominations.

CREATE TABLE broadcasts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    created_by    INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('text', 'photo', 'document', 'album')),
    body          TEXT NOT NULL DEFAULT '',   -- HTML: the text, or the caption
    media         TEXT NOT NULL DEFAULT '[]', -- JSON: [{"type": "photo"|"document", "file_id"}]
    audience      TEXT NOT NULL DEFAULT '',   -- how the recipients were chosen, for people
    status        TEXT NOT NULL DEFAULT 'sending'
                  CHECK (status IN ('scheduled', 'sending', 'done', 'cancelled')),
    scheduled_at  TEXT,
    finished_at   TEXT,
    progress_chat INTEGER,                    -- the office message edited with progress
    progress_message INTEGER
);

-- One row per recipient. The sender claims a row (pending -> sending) before the request
-- and records the outcome after it, each in its own transaction: after kill -9 only rows
-- left in 'sending' are in doubt, and there are never more of them than the sender's
-- concurrency.
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    broadcast_id  INTEGER NOT NULL REFERENCES broadcasts(id),
    chat_id       INTEGER NOT NULL,
    unit_code     TEXT,
    state         TEXT NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'blocked', 'cancelled')),
    not_before    REAL NOT NULL DEFAULT 0,    -- unix time: scheduled, backoff or retry_after
    attempts      INTEGER NOT NULL DEFAULT 0,
    parts_done    INTEGER NOT NULL DEFAULT 0, -- an album is two requests: media, then button
    message_ids   TEXT NOT NULL DEFAULT '[]', -- JSON, every message delivered
    error         TEXT,
    sent_at       TEXT,
    UNIQUE (broadcast_id, chat_id)
);
CREATE INDEX outbox_due ON outbox(state, not_before);
CREATE INDEX outbox_broadcast ON outbox(broadcast_id, state);

CREATE TABLE broadcast_acks (
    broadcast_id  INTEGER NOT NULL REFERENCES broadcasts(id),
    telegram_id   INTEGER NOT NULL,
    at            TEXT NOT NULL,
    PRIMARY KEY (broadcast_id, telegram_id)
);

-- Recipients who blocked the bot (403). Nothing is sent to them until they write again.
CREATE TABLE inactive_chats (
    chat_id       INTEGER PRIMARY KEY,
    since         TEXT NOT NULL,
    reason        TEXT NOT NULL
);

CREATE TABLE practices (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',   -- HTML
    unit_code     TEXT REFERENCES units(code),
    tags          TEXT NOT NULL DEFAULT '[]', -- JSON list of tag keys
    search_text   TEXT NOT NULL DEFAULT '',   -- lower case, without diacritics
    kind          TEXT NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'photo', 'document', 'album')),
    media         TEXT NOT NULL DEFAULT '[]',
    status        TEXT NOT NULL CHECK (status IN ('pending', 'published', 'rejected')),
    broadcast_id  INTEGER REFERENCES broadcasts(id),
    proposed_by   INTEGER,
    created_at    TEXT NOT NULL,
    decided_by    INTEGER,
    decided_at    TEXT,
    reason        TEXT
);
CREATE INDEX practices_status ON practices(status, id);
