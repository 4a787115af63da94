-- A death is recorded, not deleted: the person stays on the family card's history as DECEASED with
-- the date, and is no longer enrolled, counted or the household's head.
ALTER TABLE member
    ADD COLUMN status  text NOT NULL DEFAULT 'LIVING' CHECK (status IN ('LIVING', 'DECEASED')),
    ADD COLUMN died_on date,
    ADD CONSTRAINT member_death_date CHECK ((status = 'DECEASED') = (died_on IS NOT NULL));

-- a family card names one living head: a deceased head stays HEAD in the record of the death
DROP INDEX member_one_head_per_household;
CREATE UNIQUE INDEX member_one_head_per_household ON member (household_id) WHERE relationship = 'HEAD' AND status = 'LIVING';
