-- The routing table's version (cases/routing.ts): every statement that changes a routing rule or a
-- category adds one. Each server process reads it (one small row) before it routes a case or
-- decides an escalation and reads the table afresh when it moved, so a change made through one
-- process applies in every other from the next report on (no 30 s cache to wait out).
create table case_routing_version (
  id      boolean primary key default true check (id),
  version bigint not null
);
insert into case_routing_version (id, version) values (true, 1);

create function case_routing_bump() returns trigger language plpgsql as $$
begin
  update case_routing_version set version = version + 1 where id;
  return null;
end;
$$;
create trigger case_routing_rule_bump after insert or update or delete on case_routing_rule
  for each statement execute function case_routing_bump();
create trigger case_category_routing_bump after insert or update or delete on case_category
  for each statement execute function case_routing_bump();
