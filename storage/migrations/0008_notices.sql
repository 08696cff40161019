-- Notices through the outbox: the office's one-off messages to many people (a published
-- ranking, a moved deadline) go through the same persistent outbox and sender as
-- broadcasts, with the same delivery guarantees.
--
-- SQLite cannot change a CHECK constraint in place, so nothing here widens the existing
-- ones: a notice is a 'text' broadcast (kind and status keep their checks) told apart by
-- a new column of its own, and a row's own text lives in a new nullable column.

-- 'broadcast': an exemplary practice (the acknowledgement button, listed in /broadcasts);
-- 'notice': a notice to people (no button, not listed).
ALTER TABLE broadcasts ADD COLUMN purpose TEXT NOT NULL DEFAULT 'broadcast'
    CHECK (purpose IN ('broadcast', 'notice'));

-- HTML: this recipient's own text (a notice worded per unit); NULL: the broadcast's content.
ALTER TABLE outbox ADD COLUMN body TEXT;
