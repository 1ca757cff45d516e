-- Regions: the city tree (city > district > street > community > grid).
-- Subtree queries use the materialised path (text_pattern_ops index, a range scan), never recursion.
create table region (
  code            text primary key,
  parent_code     text references region (code),
  level           text not null check (level in ('city', 'district', 'street', 'community', 'grid')),
  name            text not null,
  -- ancestors' codes and the region's own, joined with '/', ending with '/':
  -- '120000000000/120101000000/'. A subtree is `path like 'that path%'`.
  path            text not null unique,
  depth           smallint not null check (depth between 0 and 4),
  grid_kind       text check (grid_kind in ('basic', 'dedicated')),
  dedicated_type  text check (dedicated_type in ('school', 'hospital', 'enterprise', 'park', 'market', 'government', 'other')),
  households      integer check (households >= 0),
  population      integer check (population >= 0),
  boundary        jsonb,
  min_lon         double precision,
  min_lat         double precision,
  max_lon         double precision,
  max_lat         double precision,
  retired_at      timestamptz,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  version         integer not null default 1,
  check ((level = 'grid') = (grid_kind is not null)),
  check (grid_kind = 'dedicated' or dedicated_type is null)
);
create index region_path_idx on region (path text_pattern_ops);
create index region_parent_idx on region (parent_code);
create index region_level_path_idx on region (level, path text_pattern_ops);
create index region_name_idx on region (name text_pattern_ops);

-- Every change to a region (create, update, move, retire, boundary) is kept.
create table region_history (
  id          bigint generated always as identity primary key,
  region_code text not null references region (code),
  action      text not null,
  payload     jsonb not null default '{}'::jsonb,
  actor_id    bigint,
  at          timestamptz not null default now()
);
create index region_history_region_idx on region_history (region_code, at);
