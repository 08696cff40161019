-- What a publication published: every unit of every block in the result, with its score
-- as it stood when the office published it (NULL score: no report counted), and whether
-- the counted report was still waiting for the office's acceptance. A published result
-- is read from here, so a resubmission, an appraisal, a methodology or engine change
-- made afterwards cannot move a number the office has published by decision.
-- Results published before this migration are frozen the first time they are read.
CREATE TABLE published_scores (
    scope          TEXT    NOT NULL,
    unit_code      TEXT    NOT NULL,
    block          TEXT    NOT NULL,
    unaccepted     INTEGER NOT NULL DEFAULT 0,
    points         TEXT,
    max_points     TEXT,
    index_value    TEXT,
    band           TEXT,
    lost           TEXT,
    appraised      TEXT,
    pending_points TEXT,
    declined       TEXT,
    PRIMARY KEY (scope, unit_code)
);
CREATE INDEX published_scores_block ON published_scores (scope, block);
