-- Dashboard rollups: figures of the cases received on a day (the day's cohort, Asia/Shanghai),
-- by region at every level above the grid × kind × category. A case adds one row per level
-- (city, district, street, community); each figure is a function of the case's current row, so
-- a change to a case moves it between figures (src/dashboard/domain/rollup-contribution.ts)
-- and a rebuild from the cases table gives exactly the same numbers.
create table case_rollup_daily (
  city_code           text not null,
  level               text not null check (level in ('city', 'district', 'street', 'community')),
  region_code         text not null,
  parent_code         text,                         -- the region's parent (children ranking)
  day                 date not null,
  kind                text not null,
  category_code       text not null,
  received            integer not null default 0,
  accepted            integer not null default 0,
  resolved            integer not null default 0,
  closed              integer not null default 0,
  closed_on_time      integer not null default 0,
  overdue             integer not null default 0,   -- went red (card = 'red')
  overdue_open        integer not null default 0,   -- red and not closed
  satisfied           integer not null default 0,
  basically_satisfied integer not null default 0,
  unsatisfied         integer not null default 0,
  closed_minutes      bigint  not null default 0,   -- sum of report → close durations
  primary key (city_code, region_code, day, kind, category_code)
);
-- children ranking: every child of a region over a period
create index case_rollup_daily_parent_idx on case_rollup_daily (parent_code, day);

-- The overdue list of a subtree: open red-carded cases, oldest due first (a small partial index).
create index cases_overdue_path_idx on cases (region_path text_pattern_ops, due_at)
  where card = 'red' and closed_at is null;
