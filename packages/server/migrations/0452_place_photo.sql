-- The photos taken at a place (a visit's answers, a hazard's fix and re-checks), by their hash:
-- the place's photo lookup reads this key instead of scanning the place's records' JSON.
create table place_photo (
  place_id  bigint not null references place (id),
  sha256    text not null,
  primary key (place_id, sha256)
);

insert into place_photo (place_id, sha256)
select place_id, sha256 from (
select i.place_id, p ->> 'sha256' as sha256
from inspection i
  cross join lateral jsonb_array_elements(i.answers) a
  cross join lateral jsonb_array_elements(coalesce(a -> 'photos', '[]'::jsonb)) p
union
select h.place_id, p ->> 'sha256'
from hazard h
  cross join lateral jsonb_array_elements(coalesce(h.evidence -> 'photos', '[]'::jsonb)) p
union
select h.place_id, p ->> 'sha256'
from hazard_event e
  join hazard h on h.id = e.hazard_id
  cross join lateral jsonb_array_elements(coalesce(e.payload -> 'photos', '[]'::jsonb)) p
) photos
where sha256 is not null
on conflict do nothing;
