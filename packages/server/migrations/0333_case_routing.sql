-- Routing as data (cases/routing.ts): for each category and unit level, the unit type that takes
-- a new case at that level, the type that takes it when no unit of that type covers the place,
-- and whether a case held at that level may escalate past the direct parent centre
-- ('never', 'urgent': only urgent cases, 'always'). A city administrator edits it
-- (PUT /api/v1/routing-rules/{category}/{level}); the defaults equal the behaviour before this
-- table: the category's responsible unit type at every level, the nearest centre as fallback,
-- and a skip for incidents and urgent cases.
create table case_routing_rule (
  category_code      text not null references case_category (code),
  level              text not null check (level in ('city', 'district', 'street', 'community')),
  unit_type          text not null,
  fallback_unit_type text not null default 'centre',
  skip_escalation    text not null check (skip_escalation in ('never', 'urgent', 'always')),
  updated_at         timestamptz not null default now(),
  updated_by         bigint,
  primary key (category_code, level)
);

-- Every category (not a group) gets the default rules when it is created, whoever creates it
-- (the category sheet, the demo catalogue, a module's seed).
create function case_routing_defaults() returns trigger language plpgsql as $$
begin
  if new.parent_code is not null then
    insert into case_routing_rule (category_code, level, unit_type, skip_escalation)
    select new.code, l.level, new.responsible_unit_type,
           case when new.kind = 'incident' then 'always' else 'urgent' end
    from (values ('community'), ('street'), ('district'), ('city')) as l (level)
    on conflict do nothing;
  end if;
  return null;
end;
$$;
create trigger case_category_routing_defaults after insert on case_category
  for each row execute function case_routing_defaults();

-- The category's responsible unit type stays its shorthand for "every level": changing it
-- moves the levels that followed the old type (a level set to another type keeps its own).
create function case_routing_follow_category() returns trigger language plpgsql as $$
begin
  update case_routing_rule set unit_type = new.responsible_unit_type, updated_at = now()
  where category_code = new.code and unit_type = old.responsible_unit_type;
  return null;
end;
$$;
create trigger case_category_routing_follow after update of responsible_unit_type on case_category
  for each row when (old.responsible_unit_type is distinct from new.responsible_unit_type)
  execute function case_routing_follow_category();

insert into case_routing_rule (category_code, level, unit_type, skip_escalation)
select c.code, l.level, c.responsible_unit_type,
       case when c.kind = 'incident' then 'always' else 'urgent' end
from case_category c
cross join (values ('community'), ('street'), ('district'), ('city')) as l (level)
where c.parent_code is not null;
