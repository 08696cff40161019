-- The office's inspection plan: which units it inspects for CCHC in a year, and in which
-- round (Sóc Trăng inspects half of its units a year, in two rounds). An inspection
-- criterion applies to these units only; the others are not penalised for the schedule.

CREATE TABLE inspection_plan (
    year       INTEGER NOT NULL,
    unit_code  TEXT    NOT NULL REFERENCES units(code),
    round      INTEGER NOT NULL CHECK (round BETWEEN 1 AND 4),
    added_by   TEXT    NOT NULL,
    added_at   TEXT    NOT NULL,
    PRIMARY KEY (year, unit_code)
);

-- A stored score also keeps what is not in its index yet: the maximum of the criteria
-- waiting for the office (pending), and the criteria the unit's data made not
-- applicable, with their maximum (JSON), so /standing can say "tạm tính trên 61/100
-- điểm" and the review can list what moved, without rescoring. Old rows are rescored
-- anyway: their basis lacks the engine version.
ALTER TABLE scores ADD COLUMN pending_points TEXT NOT NULL DEFAULT '0';
ALTER TABLE scores ADD COLUMN declined TEXT NOT NULL DEFAULT '{}';
