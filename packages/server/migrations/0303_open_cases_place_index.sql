-- Duplicate detection at intake looks for open cases of the same category inside a small lon/lat
-- box around the new case: an index range scan on (category, lon) with lat checked in the index,
-- instead of every case of the category in the window.
create index cases_open_category_place_idx on cases (category_code, lon, lat) where closed_at is null;
