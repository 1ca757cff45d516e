-- A place's page lists its latest hazards: by place and time found, without a sort of all of them.
create index hazard_place_found_idx on hazard (place_id, found_at desc);
