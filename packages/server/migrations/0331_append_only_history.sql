-- History and ledgers are append-only, enforced by the database: an UPDATE, DELETE or TRUNCATE of
-- a row of history is refused whoever sends it. (audit_log has had its own trigger since 0200.)
-- A new history or ledger table gets the same two triggers in its own migration:
--   create trigger <table>_append_only before update or delete on <table>
--     for each row execute function refuse_history_change();
--   create trigger <table>_no_truncate before truncate on <table>
--     for each statement execute function refuse_history_change();
create function refuse_history_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: history is never changed or removed', tg_table_name
    using errcode = 'P0001', hint = 'record a new action instead';
end;
$$;

-- Row triggers on a partitioned table are cloned to every partition, present and future, so a
-- statement on a partition (case_action_p2026) is refused too.
create trigger case_action_append_only before update or delete on case_action
  for each row execute function refuse_history_change();
create trigger case_action_client_append_only before update or delete on case_action_client
  for each row execute function refuse_history_change();
create trigger region_history_append_only before update or delete on region_history
  for each row execute function refuse_history_change();
create trigger case_kind_figure_append_only before update or delete on case_kind_figure
  for each row execute function refuse_history_change();

create trigger case_action_client_no_truncate before truncate on case_action_client
  for each statement execute function refuse_history_change();
create trigger region_history_no_truncate before truncate on region_history
  for each statement execute function refuse_history_change();
create trigger case_kind_figure_no_truncate before truncate on case_kind_figure
  for each statement execute function refuse_history_change();

-- TRUNCATE fires only the named table's trigger: the parent and each partition of case_action.
do $$
declare
  t text;
begin
  for t in
    select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'case_action'::regclass
    union all select 'case_action'
  loop
    execute format(
      'create trigger %I before truncate on %I for each statement execute function refuse_history_change()',
      t || '_no_truncate', t);
  end loop;
end;
$$;
