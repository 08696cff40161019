-- Telegram may deliver an update again if the bot dies between receiving it and
-- confirming it. Claiming each update_id once keeps an answer from being applied twice
-- (for instance to the next question of the report).
CREATE TABLE processed_updates (
    update_id   INTEGER PRIMARY KEY,
    at          TEXT NOT NULL
);
