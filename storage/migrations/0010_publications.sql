-- Publications name the document that published them: the office publishes the annual
-- Chỉ số CCHC by a decision (e.g. "998/QĐ-SGDĐT", 15/06/2027) and the quarterly
-- monitoring results by a document (a công văn), both with a number and a date.
--
-- decision_number: as the office wrote it, 1–60 characters with at least one digit;
-- decision_date:   ISO date ("2027-06-15"), never after the day of publication.
-- Rows published before this migration keep NULL in both: they were published without
-- a document, and are shown as published on their publication day.
ALTER TABLE publications ADD COLUMN decision_number TEXT;
ALTER TABLE publications ADD COLUMN decision_date TEXT;
