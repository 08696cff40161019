-- Notices rendered when they are sent, and gathered while they wait: the office hears of
-- each submission, the first at once and those of the next minute in one message.
--
-- payload: JSON, a structured notice (e.g. {"kind": "submissions", "items": [...]}) the
--          transport words and adds buttons to at send time; NULL for the other rows.
-- batch:   what a waiting row gathers (e.g. 'submissions'): a new item for the same chat
--          joins its pending row instead of making a message of its own.
ALTER TABLE outbox ADD COLUMN payload TEXT;
ALTER TABLE outbox ADD COLUMN batch TEXT;
CREATE INDEX outbox_batch ON outbox(chat_id, batch, state);
