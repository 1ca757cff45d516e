-- Case kinds extend the engine (src/cases/kinds): a kind's own deadlines and what its actions
-- add to its figures. A kind's own data lives in its module's tables, joined by (city_code, case_id).

-- A kind's deadline on one case (e.g. a mediation agreement's 30-day window): started and stopped
-- by actions; restarted from the action's time when a starting action comes again.
create table case_kind_deadline (
  city_code   text not null,
  case_id     bigint not null,
  kind        text not null,
  name        text not null,
  started_at  timestamptz not null,
  warn_at     timestamptz not null,
  due_at      timestamptz not null,
  stopped_at  timestamptz,
  primary key (city_code, case_id, name)
);
-- open deadlines by due time (what is overdue now)
create index case_kind_deadline_due_idx on case_kind_deadline (kind, due_at) where stopped_at is null;

-- What each kind action added to the kind's figures: one row per action and figure (a ledger,
-- append-only). A figure over a subtree and period is a sum of rows; a rebuild from case_action
-- gives the same rows.
create table case_kind_figure (
  city_code    text not null,
  action_id    bigint not null,
  figure       text not null,
  case_id      bigint not null,
  kind         text not null,
  region_path  text,
  reported_at  timestamptz not null,
  at           timestamptz not null,
  value        numeric not null,
  primary key (city_code, action_id, figure)
);
create index case_kind_figure_path_idx on case_kind_figure (kind, figure, region_path text_pattern_ops);
create index case_kind_figure_case_idx on case_kind_figure (case_id);
