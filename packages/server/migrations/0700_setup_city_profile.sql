-- The city this installation serves: its name and division code, where its map opens, what its
-- residents' portal says, and whether it has gone live (the demo banner shows until it has).
-- One row at most; without it the root of the region tree names the city.
create table city_profile (
  id            integer primary key default 1 check (id = 1),
  code          text not null references region (code),
  name          text not null,
  centre_lon    double precision,
  centre_lat    double precision,
  zoom          double precision,
  portal_title  text,
  portal_intro  text,
  live_at       timestamptz,
  live_by       bigint,
  updated_at    timestamptz not null default now()
);
