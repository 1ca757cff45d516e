-- A hazard is a case of kind hazard (cases/kinds): its status is derived from the case in each of
-- the case's actions, which find it by the case.
create unique index hazard_case_idx on hazard (case_id) where case_id is not null;
