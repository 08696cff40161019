-- Scores kept between runs: each unit's quarter as last scored, with a fingerprint of
-- what it was scored from (report version, block, appraisals, methodology). A ranking
-- reads these rows and rescores only units whose fingerprint changed, so a block's
-- ranking after a restart costs a query, not five hundred score sheets.

CREATE TABLE scores (
    unit_code    TEXT NOT NULL REFERENCES units(code),
    period_code  TEXT NOT NULL REFERENCES periods(code),
    basis        TEXT NOT NULL,
    points       TEXT NOT NULL,              -- decimals as text, e.g. "85.5"
    max_points   TEXT NOT NULL,
    index_value  TEXT NOT NULL,
    band         TEXT NOT NULL,
    lost         TEXT NOT NULL,              -- JSON: criterion -> points lost
    appraised    TEXT NOT NULL,              -- JSON: criteria the office appraised
    PRIMARY KEY (unit_code, period_code)
);
