-- Every rating a resident gives counts, also after the case is reopened. `rating` stays the
-- current cycle's rating (cleared by a reopening, so the next cycle can be rated); these
-- counters hold every rating the case has been given, one per `rate` action of its history, and
-- the dashboard's satisfaction figures are their sums (filed, like every figure, under the day
-- the case was received). Cases rated before this are counted from their history.
alter table cases
  add column ratings_satisfied           integer not null default 0,
  add column ratings_basically_satisfied integer not null default 0,
  add column ratings_unsatisfied         integer not null default 0;

update cases c set
  ratings_satisfied = r.satisfied,
  ratings_basically_satisfied = r.basically_satisfied,
  ratings_unsatisfied = r.unsatisfied
from (
  select city_code, case_id,
    (count(*) filter (where payload ->> 'rating' = 'satisfied'))::int as satisfied,
    (count(*) filter (where payload ->> 'rating' = 'basically_satisfied'))::int as basically_satisfied,
    (count(*) filter (where payload ->> 'rating' = 'unsatisfied'))::int as unsatisfied
  from case_action where action = 'rate' group by city_code, case_id
) r
where c.city_code = r.city_code and c.id = r.case_id;
