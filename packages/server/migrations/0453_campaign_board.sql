-- A campaign's board kept as exact counters per campaign and region (every level from the
-- campaign's region down to the grid): places due and visited, hazards found, fixed and overdue
-- (open with a red card from the sweep). Written in the same transaction as each place change,
-- visit and hazard change; the city-wide board reads a region's row and its children's rows.
create table campaign_board (
  campaign_id  bigint not null references campaign (id),
  region_path  text not null,
  parent_path  text not null,
  due          integer not null default 0,
  visited      integer not null default 0,
  found        integer not null default 0,
  fixed        integer not null default 0,
  overdue      integer not null default 0,
  primary key (campaign_id, region_path)
);
create index campaign_board_parent_idx on campaign_board (campaign_id, parent_path);

-- the counters of the campaigns already there, from their rows (as board-counters.ts rebuilds them)
insert into campaign_board (campaign_id, region_path, parent_path, due, visited, found, fixed, overdue)
with leaf as (
  select c.id as campaign_id, p.region_path, count(*)::int as due,
    count(*) filter (where exists (select 1 from inspection i where i.campaign_id = c.id and i.place_id = p.id))::int as visited,
    0 as found, 0 as fixed, 0 as overdue
  from campaign c join place p on p.retired_at is null and p.region_path like c.region_path || '%'
    and c.place_types @> to_jsonb(p.place_type)
  group by 1, 2
  union all
  select h.campaign_id, h.region_path, 0, 0, count(*)::int,
    count(*) filter (where h.status = 'closed')::int,
    count(*) filter (where h.status = 'open' and h.red_card_at is not null)::int
  from hazard h where h.campaign_id is not null group by 1, 2
)
select l.campaign_id, a.path, a.parent, sum(l.due), sum(l.visited), sum(l.found), sum(l.fixed), sum(l.overdue)
from leaf l
  join campaign c on c.id = l.campaign_id
  cross join lateral (
    select array_to_string(s[1:k], '/') || '/' as path,
      case when k = 1 then '' else array_to_string(s[1:k - 1], '/') || '/' end as parent
    from (select string_to_array(rtrim(l.region_path, '/'), '/') as s) x,
      generate_series(1, cardinality(x.s)) k
  ) a
where a.path like c.region_path || '%'
group by 1, 2, 3;
