-- Disputes' figures, second shape (as the case rollups' totals rows, 0501): every region level
-- (city, district, street) × month gets its own rows — all types and organisations ('*', -1),
-- per type, per organisation — so a figure is a sum over a few rows (≤ one per month and key)
-- however many disputes the region holds. Kept change by change by the same transaction as each
-- dispute's action (disputes/rows.ts), rebuilt equal from the disputes (service-figures.ts).
create table dispute_figure_rollup (
  city_code      text not null,
  level          text not null check (level in ('city', 'district', 'street')),
  region_code    text not null,
  parent_code    text,                            -- the region above (null for the city)
  month          text not null,                   -- the month the disputes were screened (CST)
  type           text not null,                   -- '*': every type
  org_id         bigint not null,                 -- -1: every organisation; 0: none yet
  screened       integer not null default 0,
  resolved       integer not null default 0,
  mediated       integer not null default 0,
  succeeded      integer not null default 0,
  on_time        integer not null default 0,
  days_sum       bigint  not null default 0,
  primary key (city_code, region_code, type, org_id, month)
);
-- per type (org_id = -1, type varying) without reading the region's organisation rows
create index dispute_figure_rollup_org_type_idx on dispute_figure_rollup (city_code, region_code, org_id, type, month);
-- a region's children (a district's streets, a city's districts)
create index dispute_figure_rollup_parent_idx on dispute_figure_rollup (parent_code, level, type, org_id, month);
-- a city's streets
create index dispute_figure_rollup_level_idx on dispute_figure_rollup (city_code, level, type, org_id, month);

-- The new rows from the old ones (the same contributions, summed per level and key).
insert into dispute_figure_rollup (city_code, level, region_code, parent_code, month, type, org_id,
                                   screened, resolved, mediated, succeeded, on_time, days_sum)
select s.city_code, l.level, l.region_code, l.parent_code, s.month, k.type, k.org_id,
       sum(s.screened)::int, sum(s.resolved)::int, sum(s.mediated)::int, sum(s.succeeded)::int,
       sum(s.on_time)::int, sum(s.days_sum)::bigint
  from (select split_part(r.path, '/', 1) as city_code, d.*
          from dispute_rollup d join region r on r.code = d.district_code) s
 cross join lateral (values ('city', s.city_code, null::text),
                            ('district', s.district_code, s.city_code),
                            ('street', s.street_code, s.district_code)) as l (level, region_code, parent_code)
 cross join lateral (values ('*', -1::bigint), (s.type, -1::bigint), ('*', s.org_id)) as k (type, org_id)
 group by 1, 2, 3, 4, 5, 6, 7;

drop table dispute_rollup;
