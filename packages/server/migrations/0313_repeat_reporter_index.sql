-- Repeat detection looks up earlier cases of the same reporter (by keyed phone hash → persons).
create index cases_reporter_person_idx on cases (reporter_person_id) where reporter_person_id is not null;
