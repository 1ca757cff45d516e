-- Dashboard rollups, second shape: every region and day also gets a totals row (kind and
-- category '*'), so unfiltered figures, trends and rankings read one row per region and day.
-- The key puts kind and category before the day so each of those reads is one index range.
alter table case_rollup_daily drop constraint case_rollup_daily_pkey;
alter table case_rollup_daily add primary key (city_code, region_code, kind, category_code, day);
drop index case_rollup_daily_parent_idx;
create index case_rollup_daily_parent_idx on case_rollup_daily (parent_code, kind, category_code, day);

-- Recompute the rollups from the cases in the new shape (what `npm run rollups:rebuild` does).
truncate case_rollup_daily;
create temp table rollup_source on commit drop as
       select city_code, district_code, street_code, community_code,
              (reported_at at time zone 'Asia/Shanghai')::date as day, kind, category_code, 
  count(*)::int as received,
  count(accepted_at)::int as accepted,
  count(resolved_at)::int as resolved,
  count(closed_at)::int as closed,
  (count(*) filter (where closed_at is not null and card <> 'red'))::int as closed_on_time,
  (count(*) filter (where card = 'red'))::int as overdue,
  (count(*) filter (where card = 'red' and closed_at is null))::int as overdue_open,
  (count(*) filter (where rating = 'satisfied'))::int as satisfied,
  (count(*) filter (where rating = 'basically_satisfied'))::int as basically_satisfied,
  (count(*) filter (where rating = 'unsatisfied'))::int as unsatisfied,
  coalesce(sum(greatest(0, floor(extract(epoch from (closed_at - reported_at)) / 60))), 0)::bigint as closed_minutes
       from cases group by 1, 2, 3, 4, 5, 6, 7;
insert into case_rollup_daily (city_code, level, region_code, parent_code, day, kind, category_code, received, accepted, resolved, closed, closed_on_time, overdue, overdue_open, satisfied, basically_satisfied, unsatisfied, closed_minutes)
         select city_code, 'city', city_code, null::text, day, kind, category_code, sum(received)::int, sum(accepted)::int, sum(resolved)::int, sum(closed)::int, sum(closed_on_time)::int, sum(overdue)::int, sum(overdue_open)::int, sum(satisfied)::int, sum(basically_satisfied)::int, sum(unsatisfied)::int, sum(closed_minutes)::bigint
         from rollup_source where true group by city_code, city_code, null::text, day, kind, category_code;
insert into case_rollup_daily (city_code, level, region_code, parent_code, day, kind, category_code, received, accepted, resolved, closed, closed_on_time, overdue, overdue_open, satisfied, basically_satisfied, unsatisfied, closed_minutes)
         select city_code, 'city', city_code, null::text, day, '*', '*', sum(received)::int, sum(accepted)::int, sum(resolved)::int, sum(closed)::int, sum(closed_on_time)::int, sum(overdue)::int, sum(overdue_open)::int, sum(satisfied)::int, sum(basically_satisfied)::int, sum(unsatisfied)::int, sum(closed_minutes)::bigint
         from rollup_source where true group by city_code, city_code, null::text, day;
insert into case_rollup_daily (city_code, level, region_code, parent_code, day, kind, category_code, received, accepted, resolved, closed, closed_on_time, overdue, overdue_open, satisfied, basically_satisfied, unsatisfied, closed_minutes)
         select city_code, 'district', district_code, city_code, day, kind, category_code, sum(received)::int, sum(accepted)::int, sum(resolved)::int, sum(closed)::int, sum(closed_on_time)::int, sum(overdue)::int, sum(overdue_open)::int, sum(satisfied)::int, sum(basically_satisfied)::int, sum(unsatisfied)::int, sum(closed_minutes)::bigint
         from rollup_source where true group by city_code, district_code, city_code, day, kind, category_code;
insert into case_rollup_daily (city_code, level, region_code, parent_code, day, kind, category_code, received, accepted, resolved, closed, closed_on_time, overdue, overdue_open, satisfied, basically_satisfied, unsatisfied, closed_minutes)
         select city_code, 'district', district_code, city_code, day, '*', '*', sum(received)::int, sum(accepted)::int, sum(resolved)::int, sum(closed)::int, sum(closed_on_time)::int, sum(overdue)::int, sum(overdue_open)::int, sum(satisfied)::int, sum(basically_satisfied)::int, sum(unsatisfied)::int, sum(closed_minutes)::bigint
         from rollup_source where true group by city_code, district_code, city_code, day;
insert into case_rollup_daily (city_code, level, region_code, parent_code, day, kind, category_code, received, accepted, resolved, closed, closed_on_time, overdue, overdue_open, satisfied, basically_satisfied, unsatisfied, closed_minutes)
         select city_code, 'street', street_code, district_code, day, kind, category_code, sum(received)::int, sum(accepted)::int, sum(resolved)::int, sum(closed)::int, sum(closed_on_time)::int, sum(overdue)::int, sum(overdue_open)::int, sum(satisfied)::int, sum(basically_satisfied)::int, sum(unsatisfied)::int, sum(closed_minutes)::bigint
         from rollup_source where street_code is not null group by city_code, street_code, district_code, day, kind, category_code;
insert into case_rollup_daily (city_code, level, region_code, parent_code, day, kind, category_code, received, accepted, resolved, closed, closed_on_time, overdue, overdue_open, satisfied, basically_satisfied, unsatisfied, closed_minutes)
         select city_code, 'street', street_code, district_code, day, '*', '*', sum(received)::int, sum(accepted)::int, sum(resolved)::int, sum(closed)::int, sum(closed_on_time)::int, sum(overdue)::int, sum(overdue_open)::int, sum(satisfied)::int, sum(basically_satisfied)::int, sum(unsatisfied)::int, sum(closed_minutes)::bigint
         from rollup_source where street_code is not null group by city_code, street_code, district_code, day;
insert into case_rollup_daily (city_code, level, region_code, parent_code, day, kind, category_code, received, accepted, resolved, closed, closed_on_time, overdue, overdue_open, satisfied, basically_satisfied, unsatisfied, closed_minutes)
         select city_code, 'community', community_code, street_code, day, kind, category_code, sum(received)::int, sum(accepted)::int, sum(resolved)::int, sum(closed)::int, sum(closed_on_time)::int, sum(overdue)::int, sum(overdue_open)::int, sum(satisfied)::int, sum(basically_satisfied)::int, sum(unsatisfied)::int, sum(closed_minutes)::bigint
         from rollup_source where street_code is not null and community_code is not null group by city_code, community_code, street_code, day, kind, category_code;
insert into case_rollup_daily (city_code, level, region_code, parent_code, day, kind, category_code, received, accepted, resolved, closed, closed_on_time, overdue, overdue_open, satisfied, basically_satisfied, unsatisfied, closed_minutes)
         select city_code, 'community', community_code, street_code, day, '*', '*', sum(received)::int, sum(accepted)::int, sum(resolved)::int, sum(closed)::int, sum(closed_on_time)::int, sum(overdue)::int, sum(overdue_open)::int, sum(satisfied)::int, sum(basically_satisfied)::int, sum(unsatisfied)::int, sum(closed_minutes)::bigint
         from rollup_source where street_code is not null and community_code is not null group by city_code, community_code, street_code, day;
