-- The satisfaction figures count every rating a case has been given (cases.ratings_*, migration
-- 0316), not only the current cycle's. Rollups kept before counted `rating`: add the difference
-- (the ratings that reopenings had taken away) to every level's category row and totals row.
-- A database with no such case (every new one) changes nothing.
create temp table rating_diff on commit drop as
  select city_code, district_code, street_code, community_code,
         (reported_at at time zone 'Asia/Shanghai')::date as day, kind, category_code,
         sum(ratings_satisfied - (rating is not distinct from 'satisfied')::int)::int as s,
         sum(ratings_basically_satisfied - (rating is not distinct from 'basically_satisfied')::int)::int as b,
         sum(ratings_unsatisfied - (rating is not distinct from 'unsatisfied')::int)::int as u
  from cases
  where ratings_satisfied + ratings_basically_satisfied + ratings_unsatisfied
        <> (rating is not null)::int
  group by 1, 2, 3, 4, 5, 6, 7;

create temp table rating_diff_levels on commit drop as
  select city_code, 'city' as level, city_code as region_code, null::text as parent_code, day, kind, category_code, s, b, u
    from rating_diff
  union all
  select city_code, 'district', district_code, city_code, day, kind, category_code, s, b, u
    from rating_diff
  union all
  select city_code, 'street', street_code, district_code, day, kind, category_code, s, b, u
    from rating_diff where street_code is not null
  union all
  select city_code, 'community', community_code, street_code, day, kind, category_code, s, b, u
    from rating_diff where street_code is not null and community_code is not null;

insert into case_rollup_daily (city_code, level, region_code, parent_code, day, kind, category_code,
                               satisfied, basically_satisfied, unsatisfied)
  select city_code, level, region_code, parent_code, day, kind, category_code, sum(s), sum(b), sum(u)
  from (
    select * from rating_diff_levels
    union all
    select city_code, level, region_code, parent_code, day, '*', '*', s, b, u from rating_diff_levels
  ) d
  group by city_code, level, region_code, parent_code, day, kind, category_code
on conflict (city_code, region_code, kind, category_code, day) do update set
  satisfied = case_rollup_daily.satisfied + excluded.satisfied,
  basically_satisfied = case_rollup_daily.basically_satisfied + excluded.basically_satisfied,
  unsatisfied = case_rollup_daily.unsatisfied + excluded.unsatisfied;
